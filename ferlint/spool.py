"""Findings and source texts kept in a temporary file, so that the memory a
run needs does not grow with the number of files it checks.

Only each finding's sort key and place in the file stay in memory; findings
are read back one at a time, in the report's order, while they are rendered.
The texts shown in code frames are read back the same way, one file at a time.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence

from ferlint.findings import Finding


class MemoryStore:
    """The findings and texts of a run, in memory."""

    def __init__(self, texts_from=None) -> None:
        self._findings: dict[tuple, Finding] = {}
        self._sources: dict[str, tuple] = {}
        self._shown: set[str] = set()
        self._saved: list = []
        self._texts_from = texts_from

    def begin(self, path: str) -> None:
        pass

    def add(self, finding: Finding) -> None:
        key = (finding.path, finding.cell or 0, finding.span, finding.code)
        self._findings.setdefault(key, finding)

    def show(self, path: str) -> None:
        self._shown.add(path)

    def add_saved(self, saved) -> None:
        self._saved.append(saved)

    def saved(self) -> list:
        return list(self._saved)

    def add_source(self, path: str, shown, text: str) -> None:
        self._sources.setdefault(path, (shown, text))

    def findings(self) -> list[Finding]:
        return sorted(self._findings.values(), key=Finding.sort_key)

    def sources(self) -> dict:
        """What is shown for each path a finding shows, if it was kept."""
        shown = {p: kept[0] for p, kept in self._sources.items() if p in self._shown}
        if self._texts_from is not None:
            for path, source in self._texts_from.sources().items():
                if path in self._shown:
                    shown.setdefault(path, source)
        return shown

    def text(self, path: str) -> str | None:
        kept = self._sources.get(path)
        if kept is None and self._texts_from is not None:
            return self._texts_from.text(path)
        return kept[1] if kept is not None else None


class Spool:
    """The findings and texts of a run, in a temporary file.

    What stays in memory is allocated once for the run's files or grows as
    flat arrays: a long-lived small object made between two files' syntax
    trees would pin the memory those trees used.
    """

    def __init__(self, names: list[str]) -> None:
        self._file = tempfile.TemporaryFile(prefix="ferlint-")
        self._end = self._at = 0  # the file's end, and where it is read or written
        self._names = names  # the run's files, in the report's order
        # A file's number by binary search when the names are sorted (as a
        # run's are): a dict of ten thousand names costs about a megabyte.
        ordered = all(names[i] < names[i + 1] for i in range(len(names) - 1))
        self._by_name = (
            None if ordered else {name: number for number, name in enumerate(names)}
        )
        self._source = array("q", [-1]) * (2 * len(names))  # offset, size
        self._shown = bytearray(len(names))
        self._own = array("q")  # offset, size of each file's own findings
        self._other: list[tuple[tuple, int, int, int]] = []  # key, order, place
        self._other_sources: dict[str, tuple[int, int]] = {}
        self._other_shown: set[str] = set()
        self._saved = array("q")
        self._added = 0
        self._current: str | None = None

    def _number(self, path: str) -> int | None:
        if self._by_name is not None:
            return self._by_name.get(path)
        at = bisect_left(self._names, path)
        return at if at < len(self._names) and self._names[at] == path else None

    def _put(self, value) -> tuple[int, int]:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._end
        if self._at != offset:  # a read moved away from the end
            self._file.seek(offset)
        self._file.write(data)
        self._end = self._at = offset + len(data)
        return offset, len(data)

    def _get(self, offset: int, size: int):
        self._file.seek(offset)
        self._at = offset + size
        return pickle.loads(self._file.read(size))

    def begin(self, path: str) -> None:
        """The findings added next are those of the file `path` (in order)."""
        self._current = path

    def add(self, finding: Finding) -> None:
        """Add a finding; a file's own come in the report's order."""
        order = self._added
        self._added += 1
        offset, size = self._put((order, finding))
        if finding.path == self._current:
            self._own.extend((offset, size))
        else:
            self._other.append((finding.sort_key(), order, offset, size))

    def show(self, path: str) -> None:
        """A finding shows the text of `path`."""
        number = self._number(path)
        if number is None:
            self._other_shown.add(path)
        else:
            self._shown[number] = 1

    def add_source(self, path: str, shown, text: str) -> None:
        """Keep what is shown for `path` (its text, or a notebook's cells) and
        its text as checked; the first one kept wins."""
        number = self._number(path)
        if number is None:
            if path not in self._other_sources:
                self._other_sources[path] = self._put((shown, text))
        elif self._source[2 * number] < 0:
            self._source[2 * number : 2 * number + 2] = array(
                "q", self._put((shown, text))
            )

    def _kept(self, path: str):
        number = self._number(path)
        if number is None:
            where = self._other_sources.get(path)
            return self._get(*where) if where is not None else None
        offset, size = self._source[2 * number], self._source[2 * number + 1]
        return self._get(offset, size) if offset >= 0 else None

    def add_saved(self, saved) -> None:
        self._saved.extend(self._put(saved))

    def saved(self) -> list:
        pairs = zip(self._saved[::2], self._saved[1::2], strict=True)
        return [self._get(offset, size) for offset, size in pairs]

    def findings(self) -> SpooledFindings:
        self._other.sort()
        return SpooledFindings(self)

    def _in_order(self) -> Iterator[Finding]:
        """Every finding in the report's order, one per place (the first added)."""

        def own():
            for offset, size in zip(self._own[::2], self._own[1::2], strict=True):
                order, finding = self._get(offset, size)
                yield finding.sort_key(), order, finding

        def other():
            for key, order, offset, size in self._other:
                yield key, order, self._get(offset, size)[1]

        last = None
        for key, _, finding in heapq.merge(own(), other(), key=lambda e: e[:2]):
            if key != last:
                yield finding
            last = key

    def sources(self) -> SpooledSources:
        return SpooledSources(self)

    def _shown_paths(self) -> Iterator[str]:
        for number, name in enumerate(self._names):
            if self._shown[number] and self._source[2 * number] >= 0:
                yield name
        for name in sorted(self._other_shown):
            if name in self._other_sources:
                yield name

    def text(self, path: str) -> str | None:
        kept = self._kept(path)
        return kept[1] if kept is not None else None

    def close(self) -> None:
        self._file.close()


class SpooledFindings(Sequence):
    """A read-only list of findings, read back from the spool when asked for."""

    def __init__(self, spool: Spool) -> None:
        self._spool = spool
        self._length: int | None = None

    def __len__(self) -> int:
        if self._length is None:
            self._length = sum(1 for _ in self)
        return self._length

    def __bool__(self) -> bool:
        return bool(self._spool._own or self._spool._other)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        for position, finding in enumerate(self):
            if position == index:
                return finding
        raise IndexError(index)

    def __iter__(self) -> Iterator[Finding]:
        return self._spool._in_order()

    def sort(self, key=None) -> None:
        """Already in the report's order."""


class SpooledSources(Mapping):
    """Texts by path, read back when asked for; the last one read is kept."""

    def __init__(self, spool: Spool) -> None:
        self._spool = spool
        self._last: tuple[str, object] | None = None

    def __getitem__(self, path: str):
        if self._last is not None and self._last[0] == path:
            return self._last[1]
        kept = self._spool._kept(path)
        if kept is None:
            raise KeyError(path)
        self._last = (path, kept[0])
        return kept[0]

    def __iter__(self) -> Iterator[str]:
        return self._spool._shown_paths()

    def __len__(self) -> int:
        return sum(1 for _ in self)
