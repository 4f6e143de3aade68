"""One file's static pass: parse, interpret, check, place the findings.

Imported only when a file has to be analyzed, so that a run answered from
the cache never loads libcst or the analysis.
"""

from __future__ import annotations

import ast
import bisect
import logging
import re
import sys
import warnings
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ferlint import linking_analysis, probing, sources
from ferlint.analysis.interpreter import Interpreter
from ferlint.analysis.library import METHODS
from ferlint.analysis.modeling import FUNCTIONS, KerasFunctions
from ferlint.api import FileResult, Settings, _selected, relevant
from ferlint.checks import RawFinding, run_checks
from ferlint.findings import Edit, FileError, Finding, Fix, Related, Span
from ferlint.positions import LINE_BREAK, TextLines

logger = logging.getLogger(__name__)


def analyze(
    text: str, path: str, settings: Settings, learned: dict | None = None
) -> FileResult:
    """Findings for one module's text, filtered by the settings and suppressions.

    `learned` maps the line of a fit call to the input shape the probe found
    for a model whose shape the static pass could not read.
    """
    if not relevant(text):
        return FileResult()
    too_deep = sources.nesting_error(text)  # libcst would crash the process
    if too_deep is not None:
        return FileResult(error=FileError(path, too_deep))
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        return FileResult(
            findings=_selected(
                [_inside(_syntax_error(error, path), text)], path, settings, text
            )
        )
    except (RecursionError, MemoryError):
        return FileResult(error=FileError(path, "it is nested too deeply to parse"))
    except Exception as error:  # libcst's native parser raises other kinds too
        return FileResult(error=FileError(path, f"it could not be parsed: {error}"))
    rejected = _compile_error(text, path)
    if rejected is not None:
        rejected = _inside(rejected, text)
        return FileResult(findings=_selected([rejected], path, settings, text))
    locator = _Locator(path, module, text)
    try:
        raw, analysis = _raw_findings(locator, learned, _project(path, settings))
    except RecursionError:
        return FileResult(error=FileError(path, "it is nested too deeply to analyze"))
    located = [(item, locator.path_of(item.node)) for item in raw]
    kept = [
        item for item, where in located if where and settings.selects(item.code, where)
    ]
    findings = _suppressed(
        [_finding(item, locator) for item in kept], settings, locator
    )
    targets = []
    if settings.probing and learned is None:
        if findings:
            targets = _probe_targets(
                kept, findings, locator, path, text, analysis.flows
            )
        targets += _learning_targets(analysis, locator, path, text)
    imported = {name: module.text for name, module in locator.imported.items()}
    saved, uses = linking_analysis.summaries(analysis, locator.span_of, path)
    return FileResult(
        findings=findings,
        probe_targets=targets,
        imported=imported,
        saved_models=saved,
        loaded_uses=uses,
    )


def _suppressed(findings: list[Finding], settings: Settings, locator) -> list[Finding]:
    """Findings minus those a `# noqa` comment in their own file silences."""
    kept = []
    for path in dict.fromkeys(finding.path for finding in findings):
        mine = [finding for finding in findings if finding.path == path]
        kept += _selected(mine, path, settings, locator.text_of(path))
    return kept


def _project(path: str, settings: Settings):
    """The project whose modules a script on disk may import, else None."""
    from ferlint.analysis.project import Project

    if not Path(path).is_file():
        return None
    roots = tuple(p for p in (settings.config.root,) if p is not None)
    return Project(roots=roots)


class _Locator:
    """Where a node stands: in the checked module or in a module it imports.

    libcst's position metadata costs about twice the parse, and a file needs
    the positions of a handful of nodes: a node whose code occurs exactly once
    in the file is placed by finding that text, and one written several times
    by finding the one top-level statement that holds it and its text once.
    Only what stays ambiguous (or a node of an imported module) asks libcst
    for the whole file's positions.
    """

    def __init__(self, path: str, module: cst.Module, text: str) -> None:
        self.path, self.module, self.text = path, module, text
        self.imported: dict = {}  # path -> LoadedModule
        self._positions: dict[str, dict] = {}
        self._lines: TextLines | None = None
        self._statements: list[tuple[int, int, cst.CSTNode]] | None = None
        self._located: dict[int, object] = {}

    def _resolved(self, path: str) -> dict:
        if path not in self._positions:
            tree = self.module if path == self.path else self.imported[path].tree
            self._positions[path] = _positions(tree)
        return self._positions[path]

    def locate(self, node):
        known = self._located.get(id(node), _UNSEEN)
        if known is _UNSEEN:
            known = self._located[id(node)] = self._locate(node)
        return known

    def _locate(self, node):
        if not self.imported:
            found = self._found_by_text(node)
            if found is not None:
                return self.path, found
        for path in (self.path, *self.imported):
            found = self._resolved(path).get(node)
            if found is not None:
                return path, found
        return None

    def _found_by_text(self, node):
        unwrapped = (
            node.with_changes(lpar=(), rpar=()) if _parenthesized(node) else node
        )
        code = self.module.code_for_node(unwrapped)
        if not code.strip():
            return None
        start = self.text.find(code)
        if start < 0:
            return None  # not written alike (indentation inside a block)
        if self.text.find(code, start + 1) >= 0:
            start = self._within_statement(node, code)
            if start is None:
                return None
        if self._lines is None:
            self._lines = TextLines(self.text)
        return self._lines.code_range(start, start + len(code))

    def _within_statement(self, node, code: str) -> int | None:
        """The offset of `code` when the one top-level statement holding `node`
        holds that text once."""
        statements = self._statement_spans()
        if statements is None:
            return None
        starts = [begin for begin, _, _ in statements]
        candidates = []
        offset = self.text.find(code)
        while offset >= 0 and len(candidates) < 20:
            index = bisect.bisect_right(starts, offset) - 1
            if index >= 0 and (not candidates or candidates[-1] != index):
                candidates.append(index)
            offset = self.text.find(code, offset + 1)
        for index in candidates:
            begin, end, statement = statements[index]
            if not _holds(statement, node):
                continue
            first = self.text.find(code, begin, end)
            if first < 0 or self.text.find(code, first + 1, end) >= 0:
                return None
            return first
        return None

    def _statement_spans(self) -> list[tuple[int, int, cst.CSTNode]] | None:
        """Where each top-level statement's text lies, from its own codegen."""
        if self._statements is None:
            spans, offset = [], _header_length(self.module)
            for statement in self.module.body:
                code = self.module.code_for_node(statement)
                if self.text[offset : offset + len(code)] != code:
                    spans = []  # the pieces do not add up to the file: no shortcut
                    break
                spans.append((offset, offset + len(code), statement))
                offset += len(code)
            self._statements = spans
        return self._statements or None

    def line_of(self, node) -> int | None:
        found = self.locate(node)
        return found[1].start.line if found and found[0] == self.path else None

    def span_of(self, node) -> tuple[str, Span] | None:
        found = self.locate(node)
        return (found[0], _span(found[1])) if found else None

    def path_of(self, node) -> str | None:
        found = self.locate(node)
        return found[0] if found else None

    def text_of(self, path: str) -> str:
        return self.text if path == self.path else self.imported[path].text


_UNSEEN = object()


def _header_length(module: cst.Module) -> int:
    """The length of the comments and blank lines before the first statement."""
    return sum(len(module.code_for_node(line)) for line in module.header)


def _holds(tree: cst.CSTNode, node: cst.CSTNode) -> bool:
    """Whether `node` is `tree` or one of its descendants (by identity)."""
    if tree is node:
        return True
    return any(_holds(child, node) for child in tree.children)


def _parenthesized(node) -> bool:
    return bool(getattr(node, "lpar", None)) and bool(getattr(node, "rpar", None))


def _raw_findings(locator: _Locator, learned: dict | None, project):
    interpreter = Interpreter(
        locator.module,
        KerasFunctions(FUNCTIONS),
        METHODS,
        project=project,
        current_path=Path(locator.path),
    )
    analysis = interpreter.run()
    locator.imported = interpreter.modules
    if not analysis.complete:
        logger.warning(
            "%s: only partly analyzed: the script is too large or too recursive to "
            "follow to its end, so findings may be missing",
            locator.path,
        )
    if learned:
        probing.apply_learned(analysis, learned, locator.line_of)
    return run_checks(analysis), analysis


def _positions(module: cst.Module):
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def _learning_targets(analysis, locator: _Locator, path, text) -> list:
    """A target for the first training flow whose model's input is not known."""
    flow = next((f for f in analysis.flows if probing.learnable(f)), None)
    line = locator.line_of(flow.node) if flow is not None else None
    if line is None:
        return []
    return [probing.target_for(flow, line, path, text, learn=True)]


def _probe_targets(
    raw: list[RawFinding], findings: list[Finding], locator, path, text, flows
):
    """One probe target per training flow that has findings."""
    by_flow: dict[int, tuple] = {}
    kept = {(f.path, f.code, f.span) for f in findings}
    for item in raw:
        finding = _finding(item, locator)
        if item.flow is None or (finding.path, finding.code, finding.span) not in kept:
            continue
        flow = item.flow
        if flow.role != "train":
            # Validation and prediction findings are decided by the training step.
            flow = next(
                (f for f in flows if f.model is flow.model and f.role == "train"), None
            )
        line = locator.line_of(flow.node) if flow is not None else None
        if line is None:
            continue
        entry = by_flow.setdefault(id(flow), (flow, line, []))
        entry[2].append(finding)
    return [
        probing.target_for(flow, line, path, text, mine)
        for flow, line, mine in by_flow.values()
    ]


def _finding(raw: RawFinding, locator: _Locator) -> Finding:
    related = []
    for node, message in raw.related:
        where = locator.locate(node)
        if where is not None:
            related.append(Related(where[0], _span(where[1]), message))
    path, code_range = locator.locate(raw.node)
    edits = []
    for node, replacement in raw.edits:
        where = locator.locate(node)
        if where is None or where[0] != path:
            edits = []  # a fix must stay in one file
            break
        edits.append(Edit(_span(where[1]), replacement))
    applicability = raw.applicability if edits else "none"
    return Finding(
        code=raw.code,
        path=path,
        span=_span(code_range),
        message=raw.message,
        fix=Fix(raw.fix, applicability, tuple(edits)),
        related=tuple(related),
    )


def _span(code_range) -> Span:
    start, end = code_range.start, code_range.end
    return Span(start.line, start.column + 1, end.line, end.column + 1)


_PARSER_POSITION = re.compile(r"error at (\d+):(\d+)")


def _syntax_error(error: cst.ParserSyntaxError, path: str) -> Finding:
    line, column = error.raw_line, error.raw_column + 1
    message = str(error.message).strip().rstrip(".")
    # libcst places the error at the token after the one the parser stopped
    # on; its message names the position Python itself would report.
    stopped = _PARSER_POSITION.search(message)
    if stopped is not None:
        line, column = int(stopped.group(1)), int(stopped.group(2)) + 1
        message = message.split("\n")[0]
    return _unparsed(
        path,
        line,
        column,
        f"The file does not parse as Python 3 ({message})",
        "fix the syntax error; Python 2 scripts must be ported first",
    )


def _unparsed(path: str, line: int, column: int, what: str, fix: str) -> Finding:
    """A FER000 finding: one character where parsing stopped."""
    return Finding(
        code="FER000",
        path=path,
        span=Span(line, column, line, column + 1),
        message=f"{what}, so nothing in it was checked.",
        fix=Fix(fix),
    )


def _inside(finding: Finding, text: str) -> Finding:
    """A FER000 finding whose one-character span is moved inside the file: a
    parser may point past the end of a line, or past the last line."""
    from dataclasses import replace

    lines = LINE_BREAK.split(text)
    line = min(max(finding.span.line, 1), len(lines))
    width = len(lines[line - 1])
    column = min(max(finding.span.column, 1), width + 1)
    span = Span(line, column, line, min(column + 1, width + 1))
    return replace(finding, span=span)


def _compile_error(text: str, path: str) -> Finding | None:
    """What CPython rejects beyond the grammar: a late `from __future__`, a
    `return` outside a function, a duplicate argument."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(
                text,
                path,
                "exec",
                flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
                dont_inherit=True,
            )
    except SyntaxError as error:
        version = ".".join(map(str, sys.version_info[:2]))
        return _unparsed(
            path,
            error.lineno or 1,
            error.offset or 1,
            f"Python {version} rejects the file ({error.msg})",
            "fix the syntax error",
        )
    except (ValueError, RecursionError, MemoryError):
        return None
    return None
