"""The in-process entry points: `check(paths, settings)` and `check_source(text)`.

The CLI parses arguments, calls `check` and renders the Report it returns.
The static pass itself is `ferlint.pipeline`, loaded only when a file has to
be analyzed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ferlint import linking, parallel, sources
from ferlint.config import Config, codes_for_file
from ferlint.findings import Edit, FileError, Finding, Fix, Report, Span
from ferlint.notebook import NotebookError, NotebookSource, read_notebook
from ferlint.rules import matches
from ferlint.suppressions import parse_suppressions

logger = logging.getLogger(__name__)

# A file with none of these neither builds a Keras model nor feeds one: it is
# dismissed unread. (A script that only imports its model from a project module
# still calls fit or predict; a data module it imports is read through it.)
_RELEVANT_WORDS = ("keras", "tensorflow", ".fit(", ".fit_generator(", ".predict(")


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
        from ferlint import probing

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
    from ferlint import probing

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


def check_file(
    path: Path, settings: Settings, cache=None, analyze_misses: bool = True
) -> FileResult | None:
    """One file's findings, in the coordinates of its (joined) source text.

    A file that cannot hold a pipeline is dismissed before it is parsed or
    looked up in the `cache` (a ferlint.cache.StaticCache, or None). With
    `analyze_misses=False`, a file that would need analyzing gives None.
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
    elif not analyze_misses:
        return None
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


def analyze(
    text: str, path: str, settings: Settings, learned: dict | None = None
) -> FileResult:
    """Findings for one module's text: see ferlint.pipeline.analyze."""
    from ferlint.pipeline import analyze as analyze_text

    return analyze_text(text, path, settings, learned)


def _selected(findings, path, settings: Settings, text: str) -> list[Finding]:
    """The findings the settings select, minus those a `# noqa` silences."""
    chosen = [f for f in findings if settings.selects(f.code, path)]
    if not chosen:
        return []
    return parse_suppressions(text).filter(chosen)


def check_source(source: str, path: str = "example.py") -> list[Finding]:
    """Findings for a piece of source text, with the default settings."""
    return analyze(source, path, Settings(probe=False)).findings
