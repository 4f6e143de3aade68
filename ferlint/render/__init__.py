"""Renderers: pure functions from a Report to text."""

from __future__ import annotations

from typing import TextIO

from ferlint.findings import Finding


def location(finding: Finding) -> str:
    """`path:line:col`, or `path:cell N:line:col` inside a notebook."""
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{finding.path}:{cell}{finding.span.line}:{finding.span.column}"


# Control characters a file may hold (an escape sequence in a string) are
# shown as symbols in text meant for a terminal, never sent to it.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n"}
_VISIBLE |= {0x7F: "\u2421"} | {code: "\ufffd" for code in range(0x80, 0xA0)}


def visible(text: str) -> str:
    return text.translate(_VISIBLE)


FORMATS = ("full", "concise", "json", "sarif", "github")


def render(
    report,
    format: str,
    *,
    color: bool = False,
    width: int = 100,
    show_refuted: bool = False,
    out: TextIO | None = None,
    summary: bool = True,
) -> str:
    """The report in `format`. With `out`, written there (the text formats as
    they are made) and the empty string returned. `summary=False` leaves out
    the last line of the full format."""
    if format == "full":
        from ferlint.render.full import render_full

        return render_full(
            report,
            color=color,
            width=width,
            show_refuted=show_refuted,
            out=out,
            summary=summary,
        )
    if format == "concise":
        from ferlint.render.concise import render_concise

        return render_concise(report, show_refuted=show_refuted, out=out)
    if format == "json":
        from ferlint.render.json import render_json

        text = render_json(report, show_refuted=show_refuted)
    elif format == "sarif":
        from ferlint.render.sarif import render_sarif

        text = render_sarif(report, show_refuted=show_refuted)
    else:
        from ferlint.render.github import render_github

        text = render_github(report, show_refuted=show_refuted)
    if out is None:
        return text
    out.write(text)
    return ""
