"""Finding the files to check and reading them as text.

Every problem here becomes a FileError for that file alone, never an
exception: one unreadable file must not stop a run.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pathspec

logger = logging.getLogger(__name__)

SUFFIXES = (".py", ".ipynb")
MAX_BYTES = 5 * 1024 * 1024

DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    "build",
    "dist",
    "site-packages",
    "node_modules",
    ".ipynb_checkpoints",
    ".ferlint_cache",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
)


class MissingPath(Exception):
    """A path named on the command line that does not exist."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    explicit: bool  # named on the command line, so checked whatever excludes say


def discover(
    paths: list[Path],
    excludes: tuple[str, ...] = DEFAULT_EXCLUDES,
    extra_excludes: tuple[str, ...] = (),
    root: Path | None = None,
) -> list[SourceFile]:
    """The files below `paths`, each once, in a stable order."""
    exclude_spec = pathspec.GitIgnoreSpec.from_lines(extra_excludes)
    found: dict[Path, SourceFile] = {}
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise MissingPath(str(path))
        if path.is_dir():
            for file in _walk(path, set(excludes), exclude_spec, root or Path.cwd()):
                found.setdefault(file, SourceFile(file, explicit=False))
        else:
            found[path] = SourceFile(path, explicit=True)
    return sorted(found.values(), key=lambda source: str(source.path))


def _walk(top: Path, excludes: set[str], spec, root: Path):
    ignores = _GitIgnores(top)
    for folder, dirs, files in os.walk(top, followlinks=False):
        here = Path(folder)
        if (here / "pyvenv.cfg").exists() and here != top:
            dirs[:] = []
            continue
        ignores.enter(here)
        dirs[:] = sorted(
            name
            for name in dirs
            if name not in excludes
            and not ignores.ignored(here / name, is_dir=True)
            and not _matches(spec, here / name, root, is_dir=True)
        )
        for name in sorted(files):
            file = here / name
            if not name.endswith(SUFFIXES) or ignores.ignored(file, is_dir=False):
                continue
            if not _matches(spec, file, root, is_dir=False):
                yield file


def _matches(spec, path: Path, root: Path, is_dir: bool) -> bool:
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return spec.match_file(relative + ("/" if is_dir else ""))


class _GitIgnores:
    """The .gitignore files from the repository root down to the folder walked."""

    def __init__(self, top: Path) -> None:
        self.specs: list[tuple[Path, pathspec.PathSpec]] = []
        for folder in reversed(_parents_in_repository(top.resolve())):
            self._load(folder)

    def enter(self, folder: Path) -> None:
        resolved = folder.resolve()
        if not any(base == resolved for base, _ in self.specs):
            self._load(resolved)

    def _load(self, folder: Path) -> None:
        ignore_file = folder / ".gitignore"
        try:
            lines = ignore_file.read_text(
                encoding="utf-8", errors="replace"
            ).splitlines()
        except OSError:
            lines = None
        self.specs.append((folder, pathspec.GitIgnoreSpec.from_lines(lines or [])))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        resolved = path.resolve() if path.is_symlink() else path.absolute()
        for base, spec in self.specs:
            try:
                relative = resolved.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + ("/" if is_dir else "")):
                return True
        return False


def _parents_in_repository(folder: Path) -> list[Path]:
    """`folder` and its parents up to the enclosing git repository's root."""
    chain = [folder]
    for parent in folder.parents:
        if (chain[-1] / ".git").exists():
            return chain
        chain.append(parent)
    return [folder]


class ReadError(Exception):
    """A file that cannot be read as source text; the message says why."""


def read_text(path: Path) -> str:
    """The file's text, decoded as Python would decode it."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(
                f"the file is {size / 1024 / 1024:.1f} MB; ferlint reads files up to "
                f"{MAX_BYTES // 1024 // 1024} MB"
            )
        data = path.read_bytes()
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("it is a folder, not a file") from None
    except OSError as error:
        raise ReadError(error.strerror or str(error)) from None
    return decode(data)


def decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ReadError("it contains NUL bytes, so it is not a text file")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        if "invalid or missing" in str(error.msg):
            encoding = "utf-8"  # no declaration: decoding below says where it fails
        else:
            raise ReadError(
                f"its encoding declaration is invalid: {error.msg}"
            ) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(
            f"it is not valid {encoding.upper()} text "
            f"(byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    except LookupError:
        raise ReadError(f"it declares an unknown encoding {encoding!r}") from None
    if text.startswith(codecs.BOM_UTF8.decode("utf-8")):
        text = text[1:]
    return text
