"""The report model: findings, file errors and the report of a whole run.

Everything here is plain data. Renderers, the probe and the fixer read these
objects; nothing in them knows about libcst or TensorFlow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]
Applicability = Literal["safe", "unsafe", "none"]
ProbeStatus = Literal["not-run", "confirmed", "refuted", "unconfirmed", "unavailable"]


@dataclass(frozen=True, order=True)
class Span:
    """A region of a file. Lines and columns are 1-based, the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Edit:
    """Replace the text of `span` with `replacement`."""

    span: Span
    replacement: str
    cell: int | None = None  # in a notebook, the code cell the span is in


@dataclass(frozen=True)
class Fix:
    description: str
    applicability: Applicability = "none"
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding, such as the model's input."""

    path: str
    span: Span
    message: str
    cell: int | None = None


@dataclass(frozen=True)
class ProbeResult:
    status: ProbeStatus = "not-run"
    evidence: str | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    path: str
    span: Span
    message: str
    fix: Fix
    related: tuple[Related, ...] = ()
    probe: ProbeResult = field(default_factory=ProbeResult)
    cell: int | None = None

    @property
    def rule(self):
        from ferlint.rules import RULES

        return RULES[self.code]

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def sort_key(self) -> tuple:
        return (self.path, self.cell or 0, self.span, self.code)

    def with_probe(self, probe: ProbeResult) -> Finding:
        return replace(self, probe=probe)


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked, and why."""

    path: str
    reason: str


@dataclass
class Report:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    # The text of each file with findings, for code frames: a string, or for a
    # notebook a mapping from cell number to the cell's text. Not serialized.
    sources: dict[str, str | dict[int, str]] = field(default_factory=dict)

    def sort(self) -> None:
        self.findings.sort(key=Finding.sort_key)
        self.errors.sort(key=lambda error: error.path)

    def counted(self, show_refuted: bool = False) -> Iterator[Finding]:
        """The findings that decide the exit code, in order, one at a time (a
        long report's findings may be read back from a spool as they come)."""
        for finding in self.findings:
            if show_refuted or finding.probe.status != "refuted":
                yield finding
