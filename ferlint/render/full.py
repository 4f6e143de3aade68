"""The default format: each finding with its code frame, related line and fix."""

from __future__ import annotations

import io
from collections import Counter
from typing import TextIO

from ferlint.findings import Finding, Related, Report, Span
from ferlint.lines import split_lines
from ferlint.render import location, visible

# The control characters rich drops from what it prints (bell, backspace,
# vertical tab, form feed, carriage return): plain output drops them too.
_DROPPED = dict.fromkeys((7, 8, 11, 12, 13))

_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow"}
_PROBE_STYLE = {
    "confirmed": "bold red",
    "refuted": "green",
    "unconfirmed": "yellow",
    "unavailable": "dim",
}


def render_full(
    report: Report,
    *,
    color: bool = False,
    width: int = 100,
    show_refuted: bool = False,
    out: TextIO | None = None,
    summary: bool = True,
) -> str:
    """The report as text; written to `out` as it is made when given (then
    the empty string is returned), so that a long report is never held whole.
    """
    buffer = out if out is not None else io.StringIO()
    if color:
        from rich.console import Console  # rich only for colour: it costs imports

        console = Console(
            file=buffer,
            width=width,
            force_terminal=True,
            no_color=False,  # asked for: NO_COLOR in the environment does not undo it
            color_system="standard",
            highlight=False,
            emoji=False,
            soft_wrap=True,
        )

    def show(lines: _Lines) -> None:
        if color:
            console.print(lines.text())
        else:  # what rich would print, without building its styled text
            buffer.write(lines.plain() + "\n")

    severities: Counter[str] = Counter()
    paths: set[str] = set()
    texts = _Texts(report.sources)
    for finding in report.counted(show_refuted):
        lines = _Lines()
        _finding(lines, finding, texts)
        lines.print()
        show(lines)
        severities[finding.severity] += 1
        paths.add(finding.path)
    for error in report.errors:
        lines = _Lines()
        lines.print((f"{error.path}", "bold"), ": could not check: ", error.reason)
        show(lines)
    if summary:
        lines = _Lines()
        lines.print(*_summary(report, severities, len(paths)))
        show(lines)
    return "" if out is not None else buffer.getvalue()


Part = str | tuple[str, str]


class _Lines:
    """Lines made of parts, plain or (text, style), shown at once: as rich
    text with colour, as plain text without (rich's cost is per object)."""

    def __init__(self) -> None:
        self.items: list[tuple[tuple[Part, ...], str | None]] = []

    def print(self, *parts: Part, style: str | None = None) -> None:
        self.items.append((parts, style))

    def text(self):
        from rich.text import Text

        text = Text("\n").join(
            Text.assemble(*parts, style=style or "") for parts, style in self.items
        )
        text.plain = visible(text.plain)
        return text

    def plain(self) -> str:
        text = "\n".join(
            "".join(part if isinstance(part, str) else part[0] for part in parts)
            for parts, _ in self.items
        )
        return visible(text.translate(_DROPPED)).expandtabs(8)


class _Texts:
    """The lines of the files findings show, each split once for the findings
    of one file (they come together); only that file's are kept."""

    def __init__(self, sources) -> None:
        self.sources = sources
        self.path: str | None = None
        self.split: dict[tuple[str, int | None], list[str] | None] = {}

    def lines(self, path: str, cell: int | None, near: str) -> list[str] | None:
        """`path`'s lines (a notebook's: `cell`'s), for a finding in `near`."""
        if near != self.path:
            self.path, self.split = near, {}
        key = (path, cell)
        if key not in self.split:
            self.split[key] = _cell_lines(self.sources.get(path), cell)
        return self.split[key]


def _finding(console: _Lines, finding: Finding, texts: _Texts) -> None:
    severity = finding.severity
    console.print(
        (location(finding), "bold"),
        ": ",
        (finding.code, _SEVERITY_STYLE[severity]),
        " ",
        (f"[{severity}]", _SEVERITY_STYLE[severity]),
        " ",
        (finding.name, "dim"),
    )
    console.print("  " + finding.message)
    lines = texts.lines(finding.path, finding.cell, finding.path)
    if lines is not None:
        _frame(console, lines, finding.span)
    for related in finding.related:
        _related(
            console, related, texts.lines(related.path, related.cell, finding.path)
        )
    _footer(console, finding)


def _cell_lines(source, cell: int | None) -> list[str] | None:
    if source is None:
        return None
    if isinstance(source, dict):
        text = source.get(cell) if cell is not None else None
        if text is None:
            return None
        return split_lines(text)
    return split_lines(source)


def _frame(console: _Lines, lines: list[str], span: Span, context: int = 1) -> None:
    first = max(1, span.line - context)
    last = min(len(lines), span.line + context)
    gutter = len(str(last))
    console.print((" " * (gutter + 1) + "|", "blue"))
    for number in range(first, last + 1):
        text = lines[number - 1] if number - 1 < len(lines) else ""
        console.print((f"{number:>{gutter}} | ", "blue"), text.expandtabs(4))
        if number == span.line:
            console.print(*_marker(text, span, gutter))
    console.print((" " * (gutter + 1) + "|", "blue"))


def _marker(text: str, span: Span, gutter: int) -> tuple[Part, ...]:
    prefix = text[: span.column - 1].expandtabs(4)
    end = span.end_column if span.end_line == span.line else len(text) + 1
    length = max(1, len(text[span.column - 1 : end - 1].expandtabs(4)))
    return (" " * gutter + " | ", "blue"), " " * len(prefix), ("^" * length, "bold red")


def _related(console: _Lines, related: Related, lines: list[str] | None) -> None:
    cell = f"cell {related.cell}:" if related.cell is not None else ""
    where = f"{related.path}:{cell}{related.span.line}:{related.span.column}"
    console.print(("  ::: ", "blue"), where, " ", (related.message, "italic"))
    if lines is not None and 0 < related.span.line <= len(lines):
        gutter = len(str(related.span.line))
        text = lines[related.span.line - 1].expandtabs(4)
        console.print((f"{related.span.line:>{gutter}} | ", "blue"), text)


def _footer(console: _Lines, finding: Finding) -> None:
    fix = finding.fix
    label = "fix" if fix.applicability == "none" else f"fix ({fix.applicability})"
    if fix.applicability == "safe":
        label += ", --fix applies it"
    elif fix.applicability == "unsafe":
        label += ", --fix --unsafe-fixes applies it"
    console.print(("  = ", "blue"), (f"{label}: ", "bold"), fix.description)
    probe = finding.probe
    if probe.status != "not-run":
        evidence = f": {probe.evidence}" if probe.evidence else ""
        console.print(
            ("  = ", "blue"),
            ("probe: ", "bold"),
            (probe.status, _PROBE_STYLE.get(probe.status, "")),
            evidence,
        )
    console.print(
        ("  = ", "blue"),
        ("silence: ", "bold"),
        f"add `# noqa: {finding.code}` at the end of line {finding.span.line}",
        style="dim",
    )


def _summary(report: Report, severities: Counter, files: int) -> tuple[Part, ...]:
    """The last line: how many findings of each severity, in how many files."""
    count = sum(severities.values())
    errors = (
        ((f"; {len(report.errors)} could not be checked", "yellow"),)
        if report.errors
        else ()
    )
    if not count:
        if report.files == 0:
            return (("No Python files or notebooks to check", "yellow"),)
        checked = report.files - len(report.errors)
        these = f"{checked} file{'s' if checked != 1 else ''}"
        if not report.errors:
            return ("All checks passed", "bold green"), f" ({these})"
        return ("No findings", "bold"), f" in {these}", *errors
    parts = [
        f"{number} {name}{'s' if number != 1 else ''}"
        for name, number in sorted(severities.items())
    ]
    return (
        (f"Found {count} finding{'s' if count != 1 else ''}", "bold"),
        f" ({', '.join(parts)}) in {files} of {report.files} files",
        *errors,
    )


def render_statistics(report: Report, *, show_refuted: bool = False) -> str:
    counts = Counter(finding.code for finding in report.counted(show_refuted))
    from ferlint.rules import RULES

    lines = [
        f"{count:>5}  {code}  {RULES[code].name}"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return "\n".join(lines) + ("\n" if lines else "")
