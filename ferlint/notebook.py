"""Jupyter notebooks as one Python module.

The code cells are joined in order, each ending with a newline, so the analysis
parses a notebook like a script. IPython syntax that is not Python is masked line
for line, so every line of the joined source is one line of one cell:

* `%magic ...`, `!command`, `obj?`, `?obj` become `pass  # ferlint: masked` at the
  same indentation;
* `x = !ls` and `x = %time f()` become `x = None  # ferlint: masked`;
* a cell magic (`%%bash`, `%%writefile`, ...) masks its whole cell, except
  `%%capture`, `%%time` and `%%timeit`, whose body is Python: only their first
  line is masked.

A cell that already parses as Python is left as it is.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any

from ferlint.sources import MAX_BYTES

MASK = "pass  # ferlint: masked"
_MASK_COMMENT = "  # ferlint: masked"
_PYTHON_CELL_MAGICS = frozenset({"capture", "time", "timeit"})
_ASSIGNED_MAGIC = re.compile(
    r"^(?P<indent>\s*)(?P<target>[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)"
    r"\s*=\s*[!%]"
)
_COMPILE_FLAGS = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


class NotebookError(Exception):
    """A notebook that cannot be read as code; the message is the reason."""


@dataclass(frozen=True)
class CodeCell:
    number: int  # 1-based among the code cells
    index: int  # 0-based index in the notebook's "cells" list
    text: str  # the cell's source as written (newlines normalized)
    first_line: int  # 1-based line of the joined source where the cell starts
    line_count: int


@dataclass(frozen=True)
class NotebookSource:
    source: str
    # joined-source line - 1 -> (cell number, line in cell), both 1-based
    line_map: tuple[tuple[int, int], ...]
    cells: tuple[CodeCell, ...]
    # joined-source lines (1-based) that were masked
    masked_lines: frozenset[int] = frozenset()

    @property
    def cell_indexes(self) -> tuple[int, ...]:
        """For code cell n (1-based), its index in the notebook's "cells" list."""
        return tuple(cell.index for cell in self.cells)

    def locate(self, line: int) -> tuple[int, int]:
        """(cell number, line in cell) of a 1-based line of the joined source.

        A line past the end (such as a syntax error at the end of the file) is
        placed on the last line of the last code cell.
        """
        if line < 1:
            raise ValueError(f"line {line} is before the start of the notebook")
        return self.line_map[min(line, len(self.line_map)) - 1]

    def line_of(self, cell: int, line_in_cell: int) -> int:
        """The joined-source line of a line of a code cell (the reverse of locate)."""
        code_cell = self.cells[cell - 1]
        if not 1 <= line_in_cell <= code_cell.line_count:
            raise ValueError(f"cell {cell} has no line {line_in_cell}")
        return code_cell.first_line + line_in_cell - 1


def read_notebook(text: str) -> NotebookSource:
    cells = _code_cells(_load(text))
    if not cells:
        raise NotebookError("the notebook has no code cells")
    code_size = sum(len(cell_text) for _, cell_text in cells)
    if code_size > MAX_BYTES:
        raise NotebookError(
            f"its code cells hold {code_size / 1024 / 1024:.1f} MB of text; "
            f"ferlint reads up to {MAX_BYTES // 1024 // 1024} MB of code"
        )
    parts: list[str] = []
    line_map: list[tuple[int, int]] = []
    masked: set[int] = set()
    placed: list[CodeCell] = []
    for number, (index, cell_text) in enumerate(cells, start=1):
        lines, masked_in_cell = _mask_cell(cell_text)
        first = len(line_map) + 1
        masked.update(first + i for i in masked_in_cell)
        line_map.extend((number, i) for i in range(1, len(lines) + 1))
        parts.append("\n".join(lines) + "\n")
        placed.append(CodeCell(number, index, cell_text, first, len(lines)))
    return NotebookSource(
        source="".join(parts),
        line_map=tuple(line_map),
        cells=tuple(placed),
        masked_lines=frozenset(masked),
    )


def _load(text: str) -> list[Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not valid JSON: {error}") from error
    except RecursionError:
        raise NotebookError("its JSON is nested too deeply to read") from None
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        raise NotebookError(
            'not a notebook: expected an object with a "cells" list (nbformat 4)'
        )
    return document["cells"]


def _code_cells(cells: list[Any]) -> list[tuple[int, str]]:
    code: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict):
            raise NotebookError(f"cell {index + 1} is not an object")
        if cell.get("cell_type") == "code":
            code.append((index, _cell_text(cell, index)))
    return code


def _cell_text(cell: dict[str, Any], index: int) -> str:
    source = cell.get("source")
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        source = "".join(source)
    if not isinstance(source, str):
        raise NotebookError(
            f"cell {index + 1}: source is neither a string nor a list of strings"
        )
    if "\x00" in source:
        raise NotebookError(f"cell {index + 1}: its source contains a NUL character")
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as error:
        raise NotebookError(
            f"cell {index + 1}: its source contains a lone surrogate "
            f"({source[error.start]!r}), which is not text"
        ) from None
    return source.replace("\r\n", "\n").replace("\r", "\n")


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def masked_cell(text: str) -> str:
    """A cell's text with its IPython syntax masked, ready for a Python parser."""
    lines, _ = _mask_cell(text)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _mask_cell(text: str) -> tuple[list[str], list[int]]:
    """The cell's lines with IPython syntax masked, and which (0-based) were."""
    lines = _split_lines(text)
    magic = _cell_magic(lines[0])
    if magic is not None and magic not in _PYTHON_CELL_MAGICS:
        return [MASK] * len(lines), list(range(len(lines)))
    if magic is None and (not _may_hold_ipython(text) or _parses(text)):
        return lines, []
    masked_lines = list(lines)
    masked: list[int] = []
    for i, line in enumerate(lines):
        replacement = _mask_line(line) if i or magic is None else MASK
        if replacement is not None:
            masked_lines[i] = replacement
            masked.append(i)
    return masked_lines, masked


def _cell_magic(first_line: str) -> str | None:
    stripped = first_line.strip()
    if not stripped.startswith("%%"):
        return None
    name = stripped[2:].split(maxsplit=1)
    return name[0] if name else ""


def _may_hold_ipython(text: str) -> bool:
    """Whether any line could be one `_mask_line` masks: each needs a % ! or ?."""
    return "%" in text or "!" in text or "?" in text


def _parses(text: str) -> bool:
    try:
        compile(text, "<cell>", "exec", flags=_COMPILE_FLAGS, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False  # too deep for CPython: ferlint.api reports it
    return True


def _mask_line(line: str) -> str | None:
    """The masked form of one line of IPython, or None when it is Python."""
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if not stripped or stripped.startswith("#"):
        return None
    assigned = _ASSIGNED_MAGIC.match(line)
    if assigned:
        return f"{assigned['indent']}{assigned['target']} = None{_MASK_COMMENT}"
    if stripped[0] in "%!?" or stripped.rstrip().endswith("?"):
        return indent + MASK
    return None
