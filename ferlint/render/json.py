"""The JSON report: a contract that CI users parse, so fields are only ever added."""

from __future__ import annotations

import json

from ferlint import __version__
from ferlint.findings import Finding, Related, Report


def render_json(report: Report, *, show_refuted: bool = False) -> str:
    document = {
        "version": __version__,
        "files": report.files,
        "findings": [finding_dict(f) for f in report.counted(show_refuted)],
        "errors": [{"path": e.path, "reason": e.reason} for e in report.errors],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_dict(finding: Finding) -> dict:
    span = finding.span
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "path": finding.path,
        "cell": finding.cell,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "message": finding.message,
        "fix": {
            "description": finding.fix.description,
            "applicability": finding.fix.applicability,
        },
        "related": [_related_dict(item) for item in finding.related],
        "probe": {"status": finding.probe.status, "evidence": finding.probe.evidence},
    }


def _related_dict(related: Related) -> dict:
    return {
        "path": related.path,
        "cell": related.cell,
        "line": related.span.line,
        "column": related.span.column,
        "message": related.message,
    }
