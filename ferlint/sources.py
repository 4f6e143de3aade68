"""Finding the files to check and reading them as text.

Every problem here becomes a FileError for that file alone, never an
exception: one unreadable file must not stop a run.
"""

from __future__ import annotations

import codecs
import errno
import io
import logging
import os
import stat
import tokenize
from pathlib import Path

logger = logging.getLogger(__name__)

SUFFIXES = (".py", ".ipynb")
MAX_BYTES = 5 * 1024 * 1024
# A notebook's outputs (plots, logs) can be far larger than its code, which is
# held to MAX_BYTES once the cells are joined (ferlint.notebook).
MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024
# Deeper nesting (brackets, operator chains, elif chains) is refused before
# parsing: libcst's native parser overflows its stack on such input and takes
# the whole process down with it; CPython itself refuses far less.
MAX_NESTING = 1000

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


def discover(
    paths: list[Path],
    excludes: tuple[str, ...] = DEFAULT_EXCLUDES,
    extra_excludes: tuple[str, ...] = (),
    root: Path | None = None,
) -> list[str]:
    """The files below `paths`, each once, in a stable order, as the paths
    shown for them (strings: a run over many files keeps one for each). A file
    named in `paths` is checked whatever the excludes say."""
    exclude_spec = _spec(extra_excludes) if extra_excludes else None
    found: set[str] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise MissingPath(str(path))
        if path.is_dir():
            found.update(_walk(path, set(excludes), exclude_spec, root or Path.cwd()))
        else:
            found.add(str(path))
    return sorted(found)


def _walk(top: Path, excludes: set[str], spec, root: Path):
    """Files below `top` with a checked suffix, not excluded, ignored by git or
    inside a virtual environment; symbolic links to folders are not followed."""
    ignores = _GitIgnores(top)

    def left_out(path: str, is_dir: bool) -> bool:
        if not ignores.specs and spec is None:
            return False
        as_path = Path(path)
        return ignores.ignored(as_path, is_dir) or _matches(spec, as_path, root, is_dir)

    start = str(top)
    pending = [start]
    while pending:
        folder = pending.pop()
        if folder != start and os.path.exists(os.path.join(folder, "pyvenv.cfg")):
            continue
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as error:
            logger.warning("cannot read folder %s: %s", folder, error.strerror)
            continue
        ignores.enter(Path(folder))
        for entry in entries:  # in any order: discover sorts what is found
            name = entry.name
            # Shown as pathlib would join them: no "./" before the first name.
            path = name if folder == "." else os.path.join(folder, name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if name in excludes or entry.is_symlink() or left_out(path, True):
                    continue
                pending.append(path)
            elif name.endswith(SUFFIXES) and not left_out(path, False):
                yield path


def _spec(lines):
    import pathspec  # only for patterns: most runs have none to match

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _matches(spec, path: Path, root: Path, is_dir: bool) -> bool:
    if spec is None or not spec.patterns:
        return False
    try:
        relative = _resolve(path).relative_to(_resolve(root)).as_posix()
    except ValueError:
        relative = path.as_posix()
    return spec.match_file(relative + ("/" if is_dir else ""))


class _GitIgnores:
    """The .gitignore files from the repository root down to the folder walked."""

    def __init__(self, top: Path) -> None:
        # Only folders with a .gitignore hold a spec: most have none, and
        # every file is matched against every spec.
        self.specs: list[tuple[Path, object]] = []
        self.seen: set[Path] = set()
        for folder in reversed(_parents_in_repository(top.resolve())):
            self._load(folder)

    def enter(self, folder: Path) -> None:
        resolved = folder.resolve()
        if resolved not in self.seen:
            self._load(resolved)

    def _load(self, folder: Path) -> None:
        self.seen.add(folder)
        ignore_file = folder / ".gitignore"
        try:
            lines = ignore_file.read_text(
                encoding="utf-8", errors="replace"
            ).splitlines()
        except OSError:
            return
        if any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            self.specs.append((folder, _spec(lines)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        if not self.specs:
            return False
        try:
            resolved = _resolve(path) if path.is_symlink() else path.absolute()
        except OSError:  # in a folder that can be listed but not entered
            resolved = path.absolute()
        for base, spec in self.specs:
            try:
                relative = resolved.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + ("/" if is_dir else "")):
                return True
        return False


def _resolve(path: Path) -> Path:
    """`path.resolve()`, or the path as it stands when it is a symlink loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop before 3.13
        return path.absolute()


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
    limit = MAX_NOTEBOOK_BYTES if path.suffix == ".ipynb" else MAX_BYTES
    try:
        # What it is, before opening it: opening a FIFO or a device can have
        # effects (a blocked writer released, a tape rewound).
        _refuse_unless_regular(os.stat(path), limit)
        # Not blocking, in case it became a FIFO since: fstat says so then.
        handle = os.open(path, os.O_RDONLY | _NONBLOCK)
        try:
            status = os.fstat(handle)
            _refuse_unless_regular(status, limit)
            data = _read_all(handle, status.st_size)
        finally:
            os.close(handle)
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("it is a folder, not a file") from None
    except FileNotFoundError:
        if path.is_symlink():
            raise ReadError("it is a symbolic link to nothing") from None
        raise ReadError("it no longer exists") from None
    except OSError as error:
        if error.errno == errno.ENXIO:  # what opening a socket gives
            raise ReadError(_NOT_REGULAR) from None
        raise ReadError(error.strerror or str(error)) from None
    return decode(data)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOT_REGULAR = "it is not a regular file (a pipe, socket or device)"


def _refuse_unless_regular(status: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(status.st_mode):
        raise ReadError(_NOT_REGULAR)  # a FIFO or a device would block or never end
    if status.st_size > limit:
        raise ReadError(
            f"the file is {status.st_size / 1024 / 1024:.1f} MB; ferlint "
            f"reads files up to {limit // 1024 // 1024} MB"
        )


def _read_all(handle: int, size: int) -> bytes:
    """Everything left to read; `size` (what fstat said) is only a first guess."""
    parts = []
    while chunk := os.read(handle, max(size + 1, 4096)):
        parts.append(chunk)
    return b"".join(parts)


def _encoding(data: bytes) -> str:
    """What Python decodes the file with: UTF-8 unless a byte order mark or a
    coding comment in the first two lines says otherwise."""
    first = data.find(b"\n")
    second = data.find(b"\n", first + 1) if first >= 0 else -1
    head = data if second < 0 else data[:second]
    if b"coding" not in head and not data.startswith(codecs.BOM_UTF8):
        return "utf-8"  # what tokenize.detect_encoding finds, without its cost
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return encoding


def decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ReadError("it contains NUL bytes, so it is not a text file")
    try:
        encoding = _encoding(data)
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
    if encoding != "utf-8":
        # A declared codec such as unicode_escape can decode to what is not text.
        if "\x00" in text:
            raise ReadError("it decodes to NUL characters, so it is not a text file")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ReadError(
                f"it decodes to a lone surrogate ({text[error.start]!r}), "
                "which is not text"
            ) from None
    if text.startswith(codecs.BOM_UTF8.decode("utf-8")):
        text = text[1:]
    return text


_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_FLAT_OPS = frozenset(
    {
        ",",
        ";",
        "=",
        ":",
        "->",
        "+=",
        "-=",
        "*=",
        "/=",
        "//=",
        "%=",
        "@=",
        "&=",
        "|=",
        "^=",
        ">>=",
        "<<=",
        "**=",
    }
)
_NESTING_WORDS = frozenset({"and", "or", "not", "if", "else", "lambda", "await"})


# Characters and words that can each add a level at most once; fewer of them
# in the whole text than MAX_NESTING means no statement can nest that deep.
_LEVEL_CHARACTERS = "([{+-*/%&|^<>=@~.:'\"\\"
_LEVEL_WORDS = ("and", "or", "not", "if", "else", "lambda", "await", "elif")


def _obviously_shallow(text: str) -> bool:
    """A cheap bound that spares the tokenizer for ordinary files."""
    bound = sum(text.count(character) for character in _LEVEL_CHARACTERS)
    if bound >= MAX_NESTING:
        return False
    return bound + sum(text.count(word) for word in _LEVEL_WORDS) < MAX_NESTING


def nesting_error(text: str) -> str | None:
    """Why `text` is nested too deeply to parse safely, or None.

    A bound on the depth of libcst's tree, from the tokens: brackets, and the
    operators and keywords chained within one element of a bracket (a comma
    starts the next element), plus the length of each `elif` chain. It is an
    over-estimate, so real code stays far below MAX_NESTING.
    """
    if _obviously_shallow(text):
        return None
    levels = [0]  # per open bracket: operators chained in its current element
    chains: dict[int, int] = {}  # indentation level -> elifs since its `if`
    indent = 0
    line_start = True
    previous = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, string = token.type, token.string
            if kind in (tokenize.NEWLINE, tokenize.ENDMARKER):
                levels, line_start, previous = [0], True, None
                continue
            if kind == tokenize.INDENT:
                indent += 1
                continue
            if kind == tokenize.DEDENT:
                indent -= 1
                for deeper in [level for level in chains if level > indent]:
                    del chains[deeper]
                continue
            if kind in (tokenize.NL, tokenize.COMMENT):
                continue
            if line_start and kind == tokenize.NAME and string in ("if", "elif"):
                chains[indent] = chains.get(indent, 0) + 1 if string == "elif" else 0
                if chains[indent] > MAX_NESTING:
                    return _too_deep(f"an elif chain {chains[indent]} long", token)
            line_start = False
            if kind == tokenize.OP:
                if string in _OPEN:
                    levels[-1] += 1
                    levels.append(0)
                elif string in _CLOSE:
                    if len(levels) > 1:
                        levels.pop()
                elif string == ";":
                    levels, line_start = [0], True
                elif string == ",":
                    levels[-1] = 0
                elif string not in _FLAT_OPS:
                    levels[-1] += 1
            elif kind == tokenize.NAME and string in _NESTING_WORDS:
                levels[-1] += 1
            elif kind == tokenize.STRING and previous == tokenize.STRING:
                levels[-1] += 1  # implicit concatenation nests too
            previous = kind
            depth = sum(levels) + len(levels) - 1
            if depth > MAX_NESTING:
                return _too_deep(
                    f"an expression more than {MAX_NESTING} levels deep", token
                )
    except (tokenize.TokenError, SyntaxError) as error:
        message = str(error.args[0] if error.args else error)
        if "too many" in message:  # the tokenizer's own nesting limits
            return f"it is nested too deeply to parse ({message})"
        return None  # a syntax error: the parser reports it
    return None


def _too_deep(what: str, token: tokenize.TokenInfo) -> str:
    line, column = token.start
    return (
        f"it is nested too deeply to parse ({what} at line {line}, column "
        f"{column + 1}; ferlint parses up to {MAX_NESTING} levels)"
    )
