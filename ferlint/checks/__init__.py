"""Rules as functions of the analysis: each module checks one rule or a small family.

A check yields RawFindings that point at libcst nodes; the runner turns nodes
into positions only when something was found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import libcst as cst

from ferlint.analysis.code import short
from ferlint.analysis.interpreter import Analysis
from ferlint.analysis.values import Flow


@dataclass
class RawFinding:
    code: str
    node: cst.CSTNode
    message: str
    fix: str
    related: list[tuple[cst.CSTNode, str]] = field(default_factory=list)
    flow: Flow | None = None  # the data flow the finding is about, for the probe
    # The source edits that fix it: (node, replacement text), and whether they
    # are "safe" (a correct program would not change) or "unsafe".
    edits: list[tuple[cst.CSTNode, str]] = field(default_factory=list)
    applicability: str = "none"

    def fixed_by(self, applicability: str, *edits: tuple[cst.CSTNode, str]):
        self.edits = list(edits)
        self.applicability = applicability if edits else "none"
        return self


Check = Callable[[Analysis], Iterator[RawFinding]]


def all_checks() -> list[Check]:
    from ferlint.checks import (
        augmentation,
        backbone,
        channels,
        color,
        dtype,
        events,
        labels,
        legacy,
        normalization,
        output,
        scaling,
        size,
        skew,
    )

    return [
        size.check,
        channels.check,
        dtype.check,
        scaling.check,
        normalization.check,
        color.check,
        labels.check,
        labels.check_one_hot_with_sparse_loss,
        labels.check_class_count,
        output.check,
        skew.check,
        augmentation.check,
        backbone.check,
        events.check,
        legacy.check,
    ]


def run_checks(analysis: Analysis) -> list[RawFinding]:
    found: dict[tuple[str, int], RawFinding] = {}
    for check in all_checks():
        for finding in check(analysis):
            known = found.setdefault((finding.code, id(finding.node)), finding)
            if known.flow is not None and known.flow.role != "train":
                if finding.flow is not None and finding.flow.role == "train":
                    found[(finding.code, id(finding.node))] = finding
    return list(found.values())


def about(finding: RawFinding, flow: Flow | None) -> RawFinding:
    finding.flow = flow
    return finding


def training_flow(analysis: Analysis, model) -> Flow | None:
    """The flow that trains `model`, for findings about the model itself."""
    return next(
        (f for f in analysis.flows if f.model is model and f.role == "train"), None
    )


def code_of(node: cst.CSTNode, limit: int = 60) -> str:
    """The source text of a node, on one line and shortened for a message."""
    return short(node, limit)
