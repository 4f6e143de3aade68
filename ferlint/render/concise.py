"""One line a finding: `path:line:col: CODE message`."""

from __future__ import annotations

import io
from typing import TextIO

from ferlint.findings import Report
from ferlint.render import location, visible


def render_concise(
    report: Report, *, show_refuted: bool = False, out: TextIO | None = None
) -> str:
    """One line a finding; written to `out` as made when given."""
    buffer = out if out is not None else io.StringIO()
    for line in _lines(report, show_refuted):
        buffer.write(visible(line) + "\n")
    return "" if out is not None else buffer.getvalue()


def _lines(report: Report, show_refuted: bool):
    for finding in report.counted(show_refuted):
        probe = finding.probe
        status = f" [probe: {probe.status}]" if probe.status != "not-run" else ""
        yield f"{location(finding)}: {finding.code} {finding.message}{status}"
    for error in report.errors:
        yield f"{error.path}: error: could not check: {error.reason}"
