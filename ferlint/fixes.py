"""Source fixes: the edits a finding offers, and applying them to files safely.

A fix is a list of text replacements at spans the analysis recorded. Files
are rewritten only when asked, only with what still parses, atomically (a
temporary file renamed over the original, permissions kept), and never when
the file changed on disk since it was read.
"""

from __future__ import annotations

import difflib
import json
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from ferlint.analysis.code import code
from ferlint.findings import Edit, FileError, Finding
from ferlint.positions import line_starts


def wrapped(node: cst.CSTNode) -> str:
    """The node's code, in parentheses when an attribute or index would bind wrongly."""
    text = code(node)
    simple = isinstance(node, cst.Name | cst.Attribute | cst.Call | cst.Subscript)
    return text if simple or (node.lpar and node.rpar) else f"({text})"


@dataclass
class FixOutcome:
    """What applying fixes did: the new texts, the findings fixed, the files refused."""

    changed: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # path -> (old, new)
    fixed: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


def chosen(finding: Finding, unsafe: bool) -> bool:
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    return bool(finding.fix.edits) and finding.fix.applicability in allowed


def plan(findings: list[Finding], texts: dict[str, str], unsafe: bool) -> FixOutcome:
    """The new text of each file with the chosen fixes, without writing anything."""
    outcome = FixOutcome()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if chosen(finding, unsafe):
            by_path.setdefault(finding.path, []).append(finding)
    for path, mine in by_path.items():
        old = texts.get(path)
        if old is None:
            continue
        new, applied = _apply_to_file(path, old, mine)
        if applied and new != old:
            outcome.changed[path] = (old, new)
            outcome.fixed.extend(applied)
    return outcome


def _apply_to_file(path: str, old: str, findings: list[Finding]):
    if path.endswith(".ipynb"):
        return _apply_to_notebook(old, findings)
    new, applied = _apply(old, [(f, f.fix.edits) for f in findings])
    return (new, applied) if _parses(new) else (old, [])


def _apply(text: str, fixes: list) -> tuple[str, list[Finding]]:
    """Apply whole fixes, last first; a fix that overlaps an applied one is skipped."""
    starts = line_starts(text)
    # Last in the file first; at one place the larger fix first, since it
    # usually includes the smaller one (scaling includes the cast to float32).
    ordered = sorted(
        fixes,
        key=lambda item: (
            _offset(starts, item[1][0].span),
            sum(len(edit.replacement) for edit in item[1]),
        ),
        reverse=True,
    )
    taken: list[tuple[int, int]] = []
    applied = []
    for finding, edits in ordered:
        ranges = [(_offset(starts, e.span), _end(starts, e.span), e) for e in edits]
        if any(_overlaps(r, taken) for r in ranges):
            continue
        for begin, end, edit in sorted(ranges, key=lambda r: r[0], reverse=True):
            text = text[:begin] + edit.replacement + text[end:]
        taken.extend((begin, end) for begin, end, _ in ranges)
        applied.append(finding)
        starts = line_starts(text)
    return text, applied


def _overlaps(candidate, taken) -> bool:
    begin, end, _ = candidate
    return any(
        begin < other_end and other_begin < end for other_begin, other_end in taken
    )


def _offset(starts: list[int], span) -> int:
    return starts[span.line - 1] + span.column - 1


def _end(starts: list[int], span) -> int:
    return starts[span.end_line - 1] + span.end_column - 1


def _parses(text: str) -> bool:
    try:
        cst.parse_module(text)
    except Exception:  # any parser failure means: do not write it
        return False
    return True


def _apply_to_notebook(old: str, findings: list[Finding]):
    from ferlint.notebook import masked_cell, read_notebook

    document = json.loads(old)
    notebook = read_notebook(old)
    applied_all = []
    for cell in notebook.cells:
        # A fix whose edits all stand in this cell; others stay for a later pass.
        mine = [f for f in findings if {e.cell for e in f.fix.edits} == {cell.number}]
        if not mine:
            continue
        new_text, applied = _apply(cell.text, [(f, f.fix.edits) for f in mine])
        if applied and _parses(masked_cell(new_text)):
            document["cells"][cell.index]["source"] = new_text.splitlines(keepends=True)
            applied_all.extend(applied)
    if not applied_all:
        return old, []
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n", applied_all


def unified_diff(outcome: FixOutcome) -> str:
    chunks = []
    for path, (old, new) in sorted(outcome.changed.items()):
        chunks.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=path if os.path.isabs(path) else f"a/{path}",
                tofile=path if os.path.isabs(path) else f"b/{path}",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


def write(outcome: FixOutcome, read_text=None) -> None:
    """Write each changed file atomically, unless it changed since it was read."""
    for path, (old, new) in list(outcome.changed.items()):
        target = Path(path)
        try:
            raw = target.read_bytes()
            from ferlint.sources import decode

            current = decode(raw)
        except Exception as error:  # unreadable now: leave it alone
            _refuse(outcome, path, f"could not read it again: {error}")
            continue
        if current != old:
            _refuse(
                outcome, path, "it changed on disk since ferlint read it; not fixed"
            )
            continue
        try:
            _atomic_write(target, new.encode(_encoding(raw)))
        except (OSError, UnicodeError) as error:
            _refuse(outcome, path, f"could not write the fix: {error}")


def _encoding(raw: bytes) -> str:
    """The encoding the file is in, so that a BOM or a coding cookie survives."""
    import io
    import tokenize

    try:
        return tokenize.detect_encoding(io.BytesIO(raw).readline)[0]
    except SyntaxError:
        return "utf-8"


def _refuse(outcome: FixOutcome, path: str, reason: str) -> None:
    outcome.errors.append(FileError(path, reason))
    outcome.changed.pop(path, None)
    outcome.fixed = [f for f in outcome.fixed if f.path != path]


def _atomic_write(target: Path, data: bytes) -> None:
    """Replace the file's content in one step: readers see the old or the new file.

    A symbolic link is followed and its target rewritten; the permissions stay.
    """
    real = target.resolve()
    mode = stat.S_IMODE(real.stat().st_mode)
    handle, temporary = tempfile.mkstemp(
        dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


__all__ = ["Edit", "FixOutcome", "plan", "unified_diff", "write", "wrapped"]
