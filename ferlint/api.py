"""The in-process entry points: `check(paths, settings)` and `check_source(text)`.

The CLI parses arguments, calls `check` and renders the Report it returns.
"""

from __future__ import annotations

import ast
import logging
import re
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ferlint import linking, parallel, probing, sources
from ferlint.analysis.interpreter import Interpreter
from ferlint.analysis.library import METHODS
from ferlint.analysis.modeling import FUNCTIONS, KerasFunctions
from ferlint.checks import RawFinding, run_checks
from ferlint.config import Config, codes_for_file
from ferlint.findings import Edit, FileError, Finding, Fix, Related, Report, Span
from ferlint.notebook import NotebookError, NotebookSource, read_notebook
from ferlint.positions import TextLines
from ferlint.rules import RULES, matches
from ferlint.suppressions import parse_suppressions

logger = logging.getLogger(__name__)

# A file without any of these cannot hold a Keras image pipeline.
# A file that names neither cannot build a Keras model: it is dismissed unread.
# (Modules without them that a training script imports are read through it.)
_RELEVANT_WORDS = ("keras", "tensorflow")


@dataclass
class Settings:
    config: Config = field(default_factory=Config)
    select: list[str] | None = None  # overrides the configuration's
    ignore: list[str] = field(default_factory=list)  # added to the configuration's
    probe: bool | None = None  # None: as the configuration says

    @property
    def probing(self) -> bool:
        return self.config.probe if self.probe is None else self.probe

    def selects(self, code: str, path: str | None = None) -> bool:
        if self.select is not None and not matches(code, self.select):
            return False
        if matches(code, self.ignore):
            return False
        if self.select is None and not self.config.selects(code):
            return False
        if path is not None:
            return not matches(code, codes_for_file(self.config, self._relative(path)))
        return True

    def _relative(self, path: str) -> str:
        root = self.config.root or Path.cwd()
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    source: str | None = None
    notebook: NotebookSource | None = None
    probe_targets: list = field(default_factory=list)
    # Project modules the file imports, by path, with their text: findings
    # there are shown with code frames, and a change there is a change here.
    imported: dict[str, str] = field(default_factory=dict)
    # What the file saves and what it feeds to models it loads (ferlint.linking).
    saved_models: list = field(default_factory=list)
    loaded_uses: list = field(default_factory=list)


def check(
    paths: list[Path],
    settings: Settings | None = None,
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
) -> Report:
    """Check files and folders; raises sources.MissingPath for a missing path.

    `jobs` worker processes run the static pass (1: in this process). With a
    `cache_dir`, static results are cached there by file content, ferlint's
    code and settings, and the probe's in `.ferlint_cache/probe`; without one,
    neither cache is read or written. None of this changes the report.
    """
    settings = settings or Settings()
    config = settings.config
    excludes = (
        tuple(config.exclude)
        if config.exclude is not None
        else sources.DEFAULT_EXCLUDES
    )
    files = sources.discover(paths, excludes, tuple(config.extend_exclude), config.root)
    report = Report(files=len(files))
    cache = None
    if cache_dir is not None:
        from ferlint.cache import StaticCache

        cache = StaticCache(cache_dir, settings)
    results: list[FileResult] = parallel.check_files(
        [source_file.path for source_file in files], settings, jobs, cache
    )
    report.errors.extend(r.error for r in results if r.error is not None)
    findings = [finding for result in results for finding in result.findings]
    findings += _linked_findings(results, settings)
    targets = [target for result in results for target in result.probe_targets]
    if settings.probing and targets:
        findings, learned = probing.annotate(
            findings,
            targets,
            config.probe_timeout,
            probing.default_cache_dir(config.root),
            use_cache=cache_dir is not None,
        )
        findings += _learned_findings(learned, targets, findings, settings)
    report.findings = _unique(_in_cells(findings, results))
    with_findings = {finding.path for finding in report.findings}
    with_findings |= {r.path for f in report.findings for r in f.related}
    for source_file, result in zip(files, results, strict=True):
        if str(source_file.path) in with_findings and result.source is not None:
            report.sources[str(source_file.path)] = _display_source(result)
        for path, text in result.imported.items():
            if path in with_findings:
                report.sources.setdefault(path, text)
    report.sort()
    return report


def _learned_findings(learned, targets, findings, settings: Settings) -> list:
    """Mismatches the probe exposed in models whose input only it could read."""
    known = {(f.path, f.code, f.span) for f in findings}
    static = Settings(settings.config, settings.select, settings.ignore, probe=False)
    found = []
    for target in targets:
        model = learned.get(target.path) if target.learn else None
        if model is None or model.input_shape is None:
            continue
        text = target.source
        result = analyze(
            text, target.path, static, {target.fit_line: model.input_shape}
        )
        for finding in result.findings:
            if finding.code in probing.SHAPE_CODES and (
                (finding.path, finding.code, finding.span) not in known
            ):
                found.append(finding.with_probe(probing.learned_evidence(model)))
    return found


def _linked_findings(results: list[FileResult], settings: Settings) -> list[Finding]:
    """Skew between scripts linked by a model file one saves and another loads."""
    saved = [model for result in results for model in result.saved_models]
    uses = [use for result in results for use in result.loaded_uses]
    texts = {}
    for result in results:
        texts.update(result.imported)
        for use in result.loaded_uses:
            texts.setdefault(use.script, result.source or "")
    linked = [f for f in linking.link(saved, uses) if f is not None]
    kept = []
    for path in dict.fromkeys(finding.path for finding in linked):
        mine = [finding for finding in linked if finding.path == path]
        kept += _selected(mine, path, settings, texts.get(path, ""))
    return kept


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per place: a module imported by two scripts is seen twice."""
    seen: dict[tuple, Finding] = {}
    for finding in findings:
        seen.setdefault((finding.path, finding.code, finding.span), finding)
    return list(seen.values())


def _in_cells(findings: list[Finding], results: list[FileResult]) -> list[Finding]:
    notebooks = {
        result.findings[0].path: result.notebook
        for result in results
        if result.notebook is not None and result.findings
    }
    return [
        _in_cell(finding, notebooks[finding.path])
        if finding.path in notebooks
        else finding
        for finding in findings
    ]


def _display_source(result: FileResult):
    if result.notebook is None:
        return result.source
    return {cell.number: cell.text for cell in result.notebook.cells}


def check_file(path: Path, settings: Settings, cache=None) -> FileResult:
    """One file's findings, in the coordinates of its (joined) source text.

    A file that cannot hold a pipeline is dismissed before it is parsed or
    looked up in the `cache` (a ferlint.cache.StaticCache, or None).
    """
    started = time.perf_counter()
    display = str(path)
    try:
        text = sources.read_text(path)
    except sources.ReadError as error:
        return FileResult(error=FileError(display, str(error)))
    notebook = None
    if path.suffix == ".ipynb":
        try:
            notebook = read_notebook(text)
        except NotebookError as error:
            return FileResult(error=FileError(display, str(error)))
        text = notebook.source
    if not relevant(text):
        return FileResult(source=text, notebook=notebook)
    key = cached = None
    if cache is not None:
        key = cache.key(display, text)
        cached = cache.get(key)
    if cached is not None:
        result = FileResult(**cached)
    else:
        result = analyze(text, display, settings)
        if cache is not None:
            cache.put(key, result)
    result.source, result.notebook = text, notebook
    logger.debug("%s: %.1f ms", display, (time.perf_counter() - started) * 1000)
    return result


def relevant(text: str) -> bool:
    """Whether a text may hold a Keras pipeline; plain substring tests, so that
    dismissing a large tree costs almost nothing."""
    return any(word in text for word in _RELEVANT_WORDS)


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
    saved, uses = linking.summaries(analysis, locator.span_of, path)
    return FileResult(
        findings=findings,
        probe_targets=targets,
        imported=imported,
        saved_models=saved,
        loaded_uses=uses,
    )


def _selected(findings, path, settings: Settings, text: str) -> list[Finding]:
    chosen = [f for f in findings if settings.selects(f.code, path)]
    if not chosen:
        return []
    return parse_suppressions(text).filter(chosen)


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
    in the file is placed by finding that text; only an ambiguous one (or one
    from an imported module) asks libcst for the whole file's positions.
    """

    def __init__(self, path: str, module: cst.Module, text: str) -> None:
        self.path, self.module, self.text = path, module, text
        self.imported: dict = {}  # path -> LoadedModule
        self._positions: dict[str, dict] = {}
        self._lines: TextLines | None = None

    def _resolved(self, path: str) -> dict:
        if path not in self._positions:
            tree = self.module if path == self.path else self.imported[path].tree
            self._positions[path] = _positions(tree)
        return self._positions[path]

    def locate(self, node):
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
        if start < 0 or self.text.find(code, start + 1) >= 0:
            return None  # not written alike, or written more than once
        if self._lines is None:
            self._lines = TextLines(self.text)
        return self._lines.code_range(start, start + len(code))

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
    return Finding(
        code="FER000",
        path=path,
        span=Span(line, column, line, column + 1),
        message=f"The file does not parse as Python 3 ({message}), so nothing in it "
        "was checked.",
        fix=Fix("fix the syntax error; Python 2 scripts must be ported first"),
    )


def _inside(finding: Finding, text: str) -> Finding:
    """A FER000 finding whose one-character span is moved inside the file: a
    parser may point past the end of a line, or past the last line."""
    from dataclasses import replace

    lines = re.split(r"\r\n|\r|\n", text)
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
        line = error.lineno or 1
        column = error.offset or 1
        version = ".".join(map(str, sys.version_info[:2]))
        return Finding(
            code="FER000",
            path=path,
            span=Span(line, column, line, column + 1),
            message=f"Python {version} rejects the file ({error.msg}), so nothing "
            "in it was checked.",
            fix=Fix("fix the syntax error"),
        )
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def _in_cell(finding: Finding, notebook: NotebookSource) -> Finding:
    from dataclasses import replace

    cell, line = notebook.locate(finding.span.line)
    end_cell, end_line = notebook.locate(finding.span.end_line)
    if end_cell != cell:
        end_line = line
    span = Span(line, finding.span.column, end_line, finding.span.end_column)
    related = []
    for item in finding.related:
        item_cell, item_line = notebook.locate(item.span.line)
        item_span = Span(item_line, item.span.column, item_line, item.span.end_column)
        related.append(replace(item, span=item_span, cell=item_cell))
    return replace(
        finding,
        span=span,
        cell=cell,
        related=tuple(related),
        fix=_fix_in_cell(finding.fix, cell, notebook),
    )


def _fix_in_cell(fix: Fix, cell: int, notebook: NotebookSource) -> Fix:
    """The fix's edits in the cell's own lines; none if they leave the cell."""
    from dataclasses import replace

    edits = []
    for item in fix.edits:
        start_cell, start = notebook.locate(item.span.line)
        end_cell, end = notebook.locate(item.span.end_line)
        if start_cell != end_cell:
            return replace(fix, edits=(), applicability="none")
        span = Span(start, item.span.column, end, item.span.end_column)
        edits.append(Edit(span, item.replacement, start_cell))
    return replace(fix, edits=tuple(edits))


def check_source(source: str, path: str = "example.py") -> list[Finding]:
    """Findings for a piece of source text, with the default settings."""
    return analyze(source, path, Settings(probe=False)).findings


def known_codes() -> list[str]:
    return sorted(RULES)
