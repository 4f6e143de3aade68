"""FER021 legacy-conv-arguments: Keras 1 spellings that mean something else now."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import values as v
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of, training_flow


def check(analysis: Analysis) -> Iterator[RawFinding]:
    seen: set[int] = set()
    for model in analysis.models:
        for layer in model.layers:
            if not isinstance(layer, v.Layer) or layer.legacy is None:
                continue
            if id(layer.node) in seen:
                continue
            seen.add(id(layer.node))
            finding = RawFinding(
                "FER021",
                layer.node,
                f"`{code_of(layer.node)}`: {layer.legacy}.",
                _fix(layer),
            )
            yield about(finding, training_flow(analysis, model))


def _fix(layer: v.Layer) -> str:
    if "third argument" in (layer.legacy or ""):
        return "write the kernel as one argument: Conv2D(filters, (3, 3))"
    return "use the Keras 2 argument names"
