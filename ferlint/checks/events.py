"""FER017, FER018, FER019: mistakes seen where they happen, whatever data they reach."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for event in analysis.events:
        finding = RawFinding(
            event.code, event.node, event.message, event.fix, list(event.related)
        )
        yield finding.fixed_by(event.applicability, *event.edits)
