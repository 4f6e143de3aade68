"""FER014 augmentation-on-evaluation-data: random transforms on evaluation data."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import values as v
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding


def check(analysis: Analysis) -> Iterator[RawFinding]:
    seen: set[int] = set()
    for flow in analysis.flows:
        if flow.role not in ("validation", "evaluate", "predict"):
            continue
        stream = flow.source if isinstance(flow.source, v.Stream) else None
        augmenter = stream.augmenter if stream is not None else None
        if augmenter is None or not augmenter.augments or id(stream.node) in seen:
            continue
        seen.add(id(stream.node))
        word = {"validation": "validation", "evaluate": "evaluation"}.get(
            flow.role, "prediction"
        )
        yield RawFinding(
            "FER014",
            stream.node,
            f"The {word} data comes from an ImageDataGenerator that applies random "
            "augmentation (rotations, shifts, flips, zoom): the scores change from "
            "run to run and measure the model on distorted faces, not on the "
            "data it will meet.",
            "give the evaluation data its own generator with only the scaling "
            "(e.g. ImageDataGenerator(rescale=1.0 / 255))",
            [(augmenter.node, "the augmentation is configured here")],
        )
