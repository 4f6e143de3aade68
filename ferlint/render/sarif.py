"""SARIF 2.1.0 output, as GitHub code scanning reads it.

Each rule of the catalogue is described in `tool.driver.rules`, with its page as
help. Each finding is one result; files that could not be checked are tool
execution notifications. Columns are counted in Unicode code points and the end
of a region is exclusive, as in `Finding.span`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from ferlint import __version__
from ferlint.findings import FileError, Finding, Related, Report, Span
from ferlint.lines import split_lines
from ferlint.rules import RULES, Rule, rule_page

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/ferlint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "ferlint/v1"
_SECTION = re.compile(r"^## (?P<title>.+?)\s*$", re.MULTILINE)


def render_sarif(report: Report, *, show_refuted: bool = False) -> str:
    """The report as a SARIF 2.1.0 log (JSON text ending with a newline)."""
    rules = list(RULES.values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    findings = sorted(report.counted(show_refuted), key=Finding.sort_key)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(rules)},
                "invocations": [_invocation(report.errors)],
                "columnKind": "unicodeCodePoints",
                "results": _results(findings, index),
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _driver(rules: list[Rule]) -> dict[str, Any]:
    return {
        "name": "ferlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule_descriptor(rule) for rule in rules],
    }


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    page = rule_page(rule.code)
    help_markdown = page if page else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _section(page, "What it finds") or rule.summary},
        "help": {"text": help_markdown, "markdown": help_markdown},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {
            "tags": ["keras", "image-pipeline", rule.name],
            "precision": "high",
            "problem.severity": rule.severity,
        },
    }


def _section(page: str | None, title: str) -> str | None:
    """The text of a `## title` section of a rule page."""
    if not page:
        return None
    headings = list(_SECTION.finditer(page))
    for i, heading in enumerate(headings):
        if heading["title"] == title:
            end = headings[i + 1].start() if i + 1 < len(headings) else len(page)
            return page[heading.end() : end].strip() or None
    return None


def _invocation(errors: list[FileError]) -> dict[str, Any]:
    return {
        "executionSuccessful": True,
        "toolExecutionNotifications": [_notification(error) for error in errors],
    }


def _notification(error: FileError) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"could not check: {error.reason}"},
        "locations": [
            {"physicalLocation": {"artifactLocation": _artifact(error.path)}}
        ],
    }


def _results(findings: list[Finding], index: dict[str, int]) -> list[dict[str, Any]]:
    lines = _LineReader()
    seen: Counter[str] = Counter()
    results = []
    for finding in findings:
        digest = _fingerprint(finding, lines)
        seen[digest] += 1
        results.append(_result(finding, index, f"{digest}:{seen[digest]}"))
    return results


def _located(path: str, span: Span, cell: int | None) -> dict[str, Any]:
    """A notebook's lines are JSON, not code: a cell's place is in the message
    and properties, and the location names the file alone."""
    if cell is not None:
        return {"artifactLocation": _artifact(path)}
    return _physical(path, span)


def _result(finding: Finding, index: dict[str, int], fingerprint: str) -> dict:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": finding.severity,
        "message": {"text": _message(finding)},
        "locations": [
            {"physicalLocation": _located(finding.path, finding.span, finding.cell)}
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": _properties(finding),
    }
    if finding.related:
        result["relatedLocations"] = [
            _related(i, related) for i, related in enumerate(finding.related, 1)
        ]
    return result


def _message(finding: Finding) -> str:
    if finding.cell is None:
        return finding.message
    return f"cell {finding.cell}, line {finding.span.line}: {finding.message}"


def _properties(finding: Finding) -> dict[str, Any]:
    properties: dict[str, Any] = {"probe": finding.probe.status}
    if finding.probe.evidence:
        properties["probeEvidence"] = finding.probe.evidence
    if finding.cell is not None:
        properties["cell"] = finding.cell
    properties["fix"] = finding.fix.applicability
    return properties


def _related(number: int, related: Related) -> dict[str, Any]:
    location: dict[str, Any] = {
        "id": number,
        "physicalLocation": _located(related.path, related.span, related.cell),
        "message": {"text": related.message},
    }
    if related.cell is not None:
        location["properties"] = {"cell": related.cell}
    return location


def _physical(path: str, span: Span) -> dict[str, Any]:
    return {"artifactLocation": _artifact(path), "region": _region(span)}


def _region(span: Span) -> dict[str, int]:
    line = max(span.line, 1)
    column = max(span.column, 1)
    end_line = max(span.end_line, line)
    end_column = max(span.end_column, 1)
    if end_line == line:
        end_column = max(end_column, column)
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _artifact(path: str) -> dict[str, str]:
    # The name's own bytes, percent-encoded: a name that is not UTF-8 (read
    # with surrogate escapes) keeps them.
    uri = quote(os.fsencode(relative_posix(path)), safe="/")
    return {"uri": uri, "uriBaseId": SRCROOT}


def relative_posix(path: str) -> str:
    """The path relative to the current folder when it lies under it, with '/'."""
    pure = PurePath(path)
    if pure.is_absolute() and pure.is_relative_to(Path.cwd()):
        pure = pure.relative_to(Path.cwd())
    text = pure.as_posix()
    return text[2:] if text.startswith("./") else text


def _fingerprint(finding: Finding, lines: _LineReader) -> str:
    anchor = lines.text(finding.path, finding.span.line) or finding.message
    key = "\0".join((finding.code, relative_posix(finding.path), anchor))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


class _LineReader:
    """The stripped text of a line of a checked file, read once per file."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def text(self, path: str, line: int) -> str | None:
        if path not in self._files:
            self._files[path] = _read_lines(path)
        lines = self._files[path]
        if not lines or not 1 <= line <= len(lines):
            return None
        return lines[line - 1].strip() or None


def _read_lines(path: str) -> list[str] | None:
    # A notebook's JSON lines say nothing stable about the code: use the message.
    if path.endswith(".ipynb") or not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            return split_lines(handle.read())
    except OSError:
        return None
