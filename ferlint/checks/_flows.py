"""Helpers shared by the checks: which flows to look at and how to describe sizes."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.interpreter import Analysis

ROLE_WORDS = {
    "train": "training",
    "validation": "validation",
    "evaluate": "evaluation",
    "predict": "prediction",
}


def image_flows(
    analysis: Analysis, roles=("train", "validation", "evaluate", "predict")
) -> Iterator[tuple[v.Flow, v.ImageArray, tuple]]:
    """Flows of known images into a model whose (H, W, C) input is known."""
    if analysis.channels_first:
        return
    for flow in analysis.flows:
        if flow.role not in roles or not isinstance(flow.images, v.ImageArray):
            continue
        shape = facts.input_shape(flow.model)
        if shape is None:
            continue
        yield flow, flow.images, shape


def size_text(height, width) -> str:
    return f"{height}x{width}"


def input_node(flow: v.Flow):
    return flow.model.input.node if flow.model.input is not None else flow.model.node


def input_related(flow: v.Flow, shape) -> tuple:
    return (input_node(flow), f"the model's input is declared here as {tuple(shape)}")
