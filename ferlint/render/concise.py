"""One line a finding: `path:line:col: CODE message`."""

from __future__ import annotations

from ferlint.findings import Report
from ferlint.render import location, visible


def render_concise(report: Report, *, show_refuted: bool = False) -> str:
    lines = []
    for finding in report.counted(show_refuted):
        probe = finding.probe
        status = f" [probe: {probe.status}]" if probe.status != "not-run" else ""
        lines.append(f"{location(finding)}: {finding.code} {finding.message}{status}")
    for error in report.errors:
        lines.append(f"{error.path}: error: could not check: {error.reason}")
    return visible("\n".join(lines) + ("\n" if lines else ""))
