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

    def __post_init__(self) -> None:
        # The last file's per-file-ignores (not a field: not part of the
        # settings): asked once per finding, and a file's findings come together.
        self._last_ignored: tuple[str, list[str]] | None = None

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
        if path is not None and self.config.per_file_ignores:
            return not matches(code, self._ignored_in(path))
        return True

    def _ignored_in(self, path: str) -> list[str]:
        if self._last_ignored is None or self._last_ignored[0] != path:
            codes = codes_for_file(self.config, self._relative(path))
            self._last_ignored = (path, codes)
        return self._last_ignored[1]

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
    spool: bool = False,
) -> Report:
    """Check files and folders; raises sources.MissingPath for a missing path.

    `jobs` worker processes run the static pass (1: in this process). With a
    `cache_dir`, static results are cached there by file content, ferlint's
    code and settings, and the probe's in `.ferlint_cache/probe`; without one,
    neither cache is read or written. With `spool`, findings and the texts
    shown with them wait in a temporary file rather than in memory, and the
    report reads them back in order (ferlint.spool). None of this changes the
    report.
    """
    from ferlint.spool import MemoryStore, Spool

    settings = settings or Settings()
    config = settings.config
    excludes = (
        tuple(config.exclude)
        if config.exclude is not None
        else sources.DEFAULT_EXCLUDES
    )
    # Each file as findings and errors show it.
    names = sources.discover(paths, excludes, tuple(config.extend_exclude), config.root)
    report = Report(files=len(names))
    cache = None
    if cache_dir is not None:
        from ferlint.cache import StaticCache

        cache = StaticCache(cache_dir, settings)
    gathered = _Gathered(
        Spool(names) if spool else MemoryStore(), in_cells=not settings.probing
    )
    results = parallel.iter_results(names, settings, jobs, cache)
    for name, result in zip(names, results, strict=True):
        gathered.add(name, result)
    report.errors.extend(gathered.errors)
    linked = _linked_findings(gathered, settings)
    if gathered.targets and settings.probing:
        from ferlint import probing

        findings = list(gathered.store.findings()) + linked
        findings, learned = probing.annotate(
            findings,
            gathered.targets,
            config.probe_timeout,
            probing.default_cache_dir(config.root),
            use_cache=cache_dir is not None,
        )
        findings += _learned_findings(learned, gathered.targets, findings, settings)
        store = MemoryStore(gathered.store)
        for finding in findings:
            gathered.keep(store, gathered.in_cell(finding))
        gathered.store = store
    else:
        gathered.store.begin(None)
        for finding in linked:
            gathered.keep(gathered.store, gathered.in_cell(finding))
    report.findings = gathered.store.findings()
    report.sources = gathered.store.sources()
    report.sort()
    return report


class _Gathered:
    """What the run keeps of each file's result as it arrives.

    With `in_cells`, a notebook's findings go to their cells at once; without
    (the probe will run), they stay in the notebook's joined source until the
    probe has annotated them.
    """

    def __init__(self, store, in_cells: bool) -> None:
        self.store = store
        self.in_cells = in_cells
        self.errors: list[FileError] = []
        self.targets: list = []
        self.uses: list = []
        self.notebooks: dict[str, NotebookSource] = {}

    def add(self, path: str, result: FileResult) -> None:
        if result.error is not None:
            self.errors.append(result.error)
        self.targets += result.probe_targets
        self.uses += result.loaded_uses
        for saved in result.saved_models:
            self.store.add_saved(saved)
        notebook = result.notebook
        later = result.loaded_uses or (result.findings and not self.in_cells)
        if notebook is not None and later:
            # Findings put in cells after the run: linked ones, probed ones.
            self.notebooks[path] = notebook
        keeps = result.findings or result.saved_models or result.loaded_uses
        if keeps and result.source is not None:
            self.store.add_source(path, _display_source(result), result.source)
        for other, text in result.imported.items():
            self.store.add_source(other, text, text)
        findings = result.findings
        if self.in_cells and notebook is not None:
            findings = [
                _in_cell(f, notebook) if f.path == path else f for f in findings
            ]
        self.store.begin(path)
        for finding in sorted(findings, key=Finding.sort_key):
            self.keep(self.store, finding)

    def keep(self, store, finding: Finding) -> None:
        store.add(finding)
        store.show(finding.path)
        for related in finding.related:
            store.show(related.path)

    def in_cell(self, finding: Finding) -> Finding:
        notebook = self.notebooks.get(finding.path)
        return _in_cell(finding, notebook) if notebook is not None else finding

    def text(self, path: str) -> str:
        """The text of a file kept for its findings, as the static pass read it."""
        return self.store.text(path) or ""


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


def _linked_findings(gathered: _Gathered, settings: Settings) -> list[Finding]:
    """Skew between scripts linked by a model file one saves and another loads."""
    if not gathered.uses:
        return []
    saved = gathered.store.saved()
    linked = [f for f in linking.link(saved, gathered.uses) if f is not None]
    kept = []
    for path in dict.fromkeys(finding.path for finding in linked):
        mine = [finding for finding in linked if finding.path == path]
        kept += _selected(mine, path, settings, gathered.text(path))
    return kept


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


def _display_source(result: FileResult):
    if result.notebook is None:
        return result.source
    return {cell.number: cell.text for cell in result.notebook.cells}
