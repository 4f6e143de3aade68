"""One file's static pass: parse, interpret, check, place the findings.

Imported only when a file has to be analyzed, so that a run answered from
the cache never loads libcst or the analysis.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import libcst as cst

from ferlint import linking_analysis, locating, probing, sources
from ferlint.analysis.code import remembered
from ferlint.analysis.interpreter import Interpreter
from ferlint.analysis.library import METHODS
from ferlint.analysis.modeling import FUNCTIONS, KerasFunctions
from ferlint.api import FileResult, Settings, _selected, relevant
from ferlint.checks import RawFinding, run_checks
from ferlint.findings import Edit, FileError, Finding, Fix, Related, Span
from ferlint.lines import LINE_BREAK
from ferlint.parsing import parse_module, python_rejects

logger = logging.getLogger(__name__)


def analyze(
    text: str, path: str, settings: Settings, learned: dict | None = None
) -> FileResult:
    """Findings for one module's text, filtered by the settings and suppressions.

    `learned` maps the line of a fit call to the input shape the probe found
    for a model whose shape the static pass could not read.
    """
    with remembered():
        return _analyze(text, path, settings, learned)


def _analyze(text: str, path: str, settings: Settings, learned) -> FileResult:
    if not relevant(text):
        return FileResult()
    too_deep = sources.nesting_error(text)  # libcst would crash the process
    if too_deep is not None:
        return FileResult(error=FileError(path, too_deep))
    try:
        module = parse_module(text)
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
    imported = locator.imported
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

    See ferlint.locating for how a node is placed without libcst's position
    metadata for the whole file, in nearly every case.
    """

    def __init__(self, path: str, module: cst.Module, text: str) -> None:
        self.main = locating.Source(path, module, text)
        self.path, self.module = path, module
        self.sources = [self.main]
        self.statement_of: dict[int, cst.CSTNode] = {}
        self._located: dict[int, object] = {}

    def follow(self, interpreter: Interpreter) -> None:
        """Take the modules the interpreter imported and where it saw nodes."""
        self.statement_of = interpreter.statement_of
        self.sources = [self.main] + [
            locating.Source(path, loaded.tree, loaded.text)
            for path, loaded in interpreter.modules.items()
        ]

    @property
    def imported(self) -> dict[str, str]:
        return {source.path: source.text for source in self.sources[1:]}

    def locate(self, node):
        known = self._located.get(id(node), _UNSEEN)
        if known is _UNSEEN:
            known = self._located[id(node)] = self._locate(node)
        return known

    def _locate(self, node):
        code = locating.spanned_code(node)
        if code is not None and len(self.sources) == 1:
            found = self.main.by_text(code)
            if found is not None:
                return self.path, found
        statement = self.statement_of.get(id(node))
        if code is not None and statement is not None:
            # With imported modules, a statement's text could also be another
            # module's: only Python's parser says whose statement it is.
            mine = len(self.sources) == 1
            for source in self.sources:
                if source.span_of_statement(statement, mine) is not None:
                    found = locating.within_statement(
                        source, statement, node, code, mine
                    )
                    if found is not None:
                        return source.path, found
                    break
        for source in self.sources:
            found = source.everything().get(node)
            if found is not None:
                return source.path, found
        return None

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
        return next(source.text for source in self.sources if source.path == path)


_UNSEEN = object()


def _raw_findings(locator: _Locator, learned: dict | None, project):
    interpreter = Interpreter(
        locator.module,
        KerasFunctions(FUNCTIONS),
        METHODS,
        project=project,
        current_path=Path(locator.path),
    )
    analysis = interpreter.run()
    locator.follow(interpreter)
    if not analysis.complete:
        logger.warning(
            "%s: only partly analyzed: the script is too large or too recursive to "
            "follow to its end, so findings may be missing",
            locator.path,
        )
    if learned:
        probing.apply_learned(analysis, learned, locator.line_of)
    return run_checks(analysis), analysis


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
    """A FER000 finding for what CPython rejects beyond the grammar."""
    # A notebook as ferlint.api tells one: by its suffix (a file named only
    # ".ipynb" has none).
    notebook = Path(path).suffix == ".ipynb"
    error = python_rejects(text, top_level_await=notebook)
    if error is None:
        return None
    version = ".".join(map(str, sys.version_info[:2]))
    return _unparsed(
        path,
        error.lineno or 1,
        error.offset or 1,
        f"Python {version} rejects the file ({error.msg})",
        "fix the syntax error",
    )
