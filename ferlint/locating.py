"""Where reported nodes stand in the text, without libcst's position metadata.

libcst's PositionProvider generates the whole file's code again while
counting lines, which costs about twice the parse; a file needs the places
of a handful of nodes. A node is placed, cheapest first:

1. by its code, when that code occurs once in the file;
2. by its code inside the statement the interpreter evaluated it in, when it
   occurs once there: a statement on one line whose code occurs once in the
   file is there; otherwise Python's own parser (`ast`, a small fraction of
   libcst's cost) tells where each statement starts and ends, and libcst's
   statements are matched to its statements one for one;
3. by libcst's positions over that one small statement alone (`(size, size)`
   writes `size` twice);
4. by libcst's positions over the whole file, for what is left.
"""

from __future__ import annotations

import ast

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider

from ferlint.analysis.code import argument, code
from ferlint.positions import TextLines


def positions(tree: cst.Module):
    """libcst's own positions of every node in `tree`."""
    return MetadataWrapper(tree, unsafe_skip_copy=True).resolve(PositionProvider)


class Source:
    """One parsed module's text, and where its statements lie in it."""

    def __init__(self, path: str, module: cst.Module, text: str) -> None:
        self.path, self.module, self.text = path, module, text
        self._lines: TextLines | None = None
        self._spans: dict[int, tuple[int, int]] | None = None
        self._positions = None

    @property
    def lines(self) -> TextLines:
        if self._lines is None:
            self._lines = TextLines(self.text)
        return self._lines

    def everything(self):
        """libcst's positions of the whole module (the last resort)."""
        if self._positions is None:
            self._positions = positions(self.module)
        return self._positions

    def by_text(self, code: str, begin: int = 0, end: int | None = None):
        """The range of `code` when it occurs exactly once in text[begin:end]."""
        start = self._once(code, begin, len(self.text) if end is None else end)
        return (
            None if start is None else self.lines.code_range(start, start + len(code))
        )

    def _once(self, code: str, begin: int, end: int) -> int | None:
        """Where `code` starts when it occurs exactly once in text[begin:end]."""
        start = self.text.find(code, begin, end)
        if start < 0 or self.text.find(code, start + 1, end) >= 0:
            return None
        return start

    def span_of_statement(
        self, statement: cst.CSTNode, mine: bool = False
    ) -> tuple[int, int] | None:
        """Offsets of a small statement, or of a compound statement's header.

        `mine`: the statement is known to be in this module, so that a
        one-line statement may be found by its own code (see `_by_own_text`).
        """
        if mine:
            found = self._by_own_text(statement)
            if found is not None:
                return found
        if self._spans is None:
            self._spans = statement_spans(self.module, self.text, self.lines)
        return self._spans.get(id(statement))

    def _by_own_text(self, small: cst.CSTNode) -> tuple[int, int] | None:
        """A small statement written on one line is generated exactly as it is
        written, so its code found once in the text is the statement itself;
        Python's parser is then not needed."""
        if (
            not isinstance(small, cst.BaseSmallStatement)
            or small.semicolon is not cst.MaybeSentinel.DEFAULT
        ):
            return None
        written = code(small)
        if "\n" in written or "\r" in written:
            return None
        start = self._once(written, 0, len(self.text))
        return None if start is None else (start, start + len(written))


def spanned_code(node: cst.CSTNode) -> str | None:
    """The code libcst's position of `node` spans: an expression without the
    parentheses around it, an argument without its comma. None for other
    kinds of node, whose position may leave out comments before them."""
    if isinstance(node, cst.Arg):
        text = argument(node)
        return text if text.strip() else None
    if not isinstance(node, cst.BaseExpression):
        return None
    elif node.lpar and node.rpar:
        if isinstance(node, cst.Tuple) and not node.elements:
            return None  # `()`: its parentheses are the tuple
        node = node.with_changes(lpar=(), rpar=())
    text = code(node)
    return text if text.strip() else None


def within_statement(source: Source, statement, node, text: str, mine=False):
    """The range of `node`, whose code is `text`, inside `statement`
    (`mine` as for Source.span_of_statement)."""
    span = source.span_of_statement(statement, mine)
    if span is None:
        return None
    found = source.by_text(text, *span)
    if found is not None:
        return found
    if isinstance(statement, cst.BaseSmallStatement):
        return _inside_small(source, statement, node, span[0])
    return None


def _inside_small(source: Source, small, node, start: int):
    """libcst's positions over one small statement, moved to where it starts.

    libcst keeps a continuation line's indentation relative to the block the
    statement is in, so the statement is placed in a block indented like the
    line it starts on.
    """
    origin = source.lines.position(start)
    line_start = source.lines.starts[origin.line - 1]
    line = source.text[line_start : line_start + origin.column]
    indent = line[: len(line) - len(line.lstrip(" \t\f"))]
    statement = cst.SimpleStatementLine(body=[small])
    if indent:
        block = cst.IndentedBlock(body=[statement], indent=indent)
        alone = cst.Module(body=[cst.If(test=cst.Name("True"), body=block)])
        first_line, first_column = 2, len(indent)
    else:
        alone = cst.Module(body=[statement])
        first_line, first_column = 1, 0
    found = positions(alone).get(node)
    if found is None:
        return None

    def moved(position: CodePosition) -> CodePosition:
        if position.line == first_line:
            column = origin.column + position.column - first_column
            return CodePosition(origin.line, column)
        return CodePosition(origin.line + position.line - first_line, position.column)

    return CodeRange(moved(found.start), moved(found.end))


# -- statements, matched with Python's own parser ------------------------------

_RENAMED = {"Del": "Delete"}


def statement_spans(
    module: cst.Module, text: str, lines: TextLines
) -> dict[int, tuple[int, int]]:
    """For each libcst small statement, and each compound statement's header,
    its offsets in `text`, by id. Empty when the two parsers disagree."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    spans: dict[int, tuple[int, int]] = {}
    offset = _Offsets(text, lines)
    try:
        _pair(module.body, tree.body, spans, offset)
    except _Disagree:
        return {}
    return spans


class _Disagree(Exception):
    pass


class _Offsets:
    """ast's (line, UTF-8 byte column) turned into offsets in the text."""

    def __init__(self, text: str, lines: TextLines) -> None:
        self.text, self.starts = text, lines.starts

    def __call__(self, line: int, column: int) -> int:
        if not 1 <= line <= len(self.starts):
            raise _Disagree
        begin = self.starts[line - 1]
        head = self.text[begin : begin + column]
        if not head.isascii():
            end = self.starts[line] if line < len(self.starts) else len(self.text)
            head = (
                self.text[begin:end]
                .encode("utf-8")[:column]
                .decode("utf-8", errors="ignore")
            )
        return begin + len(head)

    def start(self, node: ast.AST) -> int:
        return self(node.lineno, node.col_offset)

    def end(self, node: ast.AST) -> int:
        return self(node.end_lineno, node.end_col_offset)


def _same_kind(statement: cst.CSTNode, node: ast.AST) -> bool:
    name = type(statement).__name__
    theirs = type(node).__name__.removeprefix("Async")
    return _RENAMED.get(name, name) == theirs


def _pair(body, nodes: list[ast.stmt], spans: dict, offset: _Offsets) -> None:
    index = 0
    for statement in body:
        if isinstance(statement, cst.BaseSmallStatement):  # `if x: y` suites
            statement = cst.SimpleStatementLine(body=[statement])
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if index >= len(nodes) or not _same_kind(small, nodes[index]):
                    raise _Disagree
                node = nodes[index]
                spans[id(small)] = (offset.start(node), offset.end(node))
                index += 1
            continue
        if index >= len(nodes) or not _same_kind(statement, nodes[index]):
            raise _Disagree
        _compound(statement, nodes[index], spans, offset)
        index += 1
    if index != len(nodes):
        raise _Disagree


def _block(suite) -> list:
    return list(suite.body) if suite is not None else []


def _compound(statement, node: ast.stmt, spans: dict, offset: _Offsets) -> None:
    begin = offset.start(node)
    decorators = getattr(node, "decorator_list", None)
    if decorators:  # from the start of the first decorator's line
        begin = min(begin, offset(min(d.lineno for d in decorators), 0))
    body = getattr(node, "body", None)
    if isinstance(body, list) and body:
        spans[id(statement)] = (begin, offset.start(body[0]))
    if isinstance(statement, cst.If):
        _pair(_block(statement.body), node.body, spans, offset)
        orelse = statement.orelse
        if isinstance(orelse, cst.If):
            if len(node.orelse) != 1 or not isinstance(node.orelse[0], ast.If):
                raise _Disagree
            _compound(orelse, node.orelse[0], spans, offset)
        else:
            _pair(_block(orelse.body) if orelse else [], node.orelse, spans, offset)
    elif isinstance(statement, cst.For | cst.While):
        _pair(_block(statement.body), node.body, spans, offset)
        orelse = statement.orelse
        _pair(_block(orelse.body) if orelse else [], node.orelse, spans, offset)
    elif isinstance(statement, cst.Try | cst.TryStar):
        _pair(_block(statement.body), node.body, spans, offset)
        if len(statement.handlers) != len(node.handlers):
            raise _Disagree
        for handler, theirs in zip(statement.handlers, node.handlers, strict=True):
            _pair(_block(handler.body), theirs.body, spans, offset)
        orelse, final = statement.orelse, statement.finalbody
        _pair(_block(orelse.body) if orelse else [], node.orelse, spans, offset)
        _pair(_block(final.body) if final else [], node.finalbody, spans, offset)
    elif isinstance(statement, cst.FunctionDef | cst.ClassDef | cst.With):
        _pair(_block(statement.body), node.body, spans, offset)
    elif isinstance(statement, cst.Match):
        if len(statement.cases) != len(node.cases):
            raise _Disagree
        for case, theirs in zip(statement.cases, node.cases, strict=True):
            _pair(_block(case.body), theirs.body, spans, offset)
    else:
        raise _Disagree
