"""FER016 backbone-input-unsupported: an input a pretrained backbone cannot take."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import values as v
from ferlint.analysis.apis import BACKBONES
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, training_flow


def check(analysis: Analysis) -> Iterator[RawFinding]:
    seen: set[int] = set()
    for model in analysis.models:
        for layer in model.layers:
            if isinstance(layer, v.Backbone) and id(layer.node) not in seen:
                seen.add(id(layer.node))
                flow = training_flow(analysis, model)
                for finding in _unsupported(layer):
                    yield about(finding, flow)


def _unsupported(backbone: v.Backbone) -> Iterator[RawFinding]:
    shape = backbone.input_shape
    if shape is None or len(shape) != 3:
        return
    spec = BACKBONES[backbone.name]
    height, width, channels = shape
    problems, fixes = [], []
    if any(size is not None and size < spec.min_size for size in (height, width)):
        problems.append(
            f"{backbone.name} takes images of at least {spec.min_size}x"
            f"{spec.min_size}, but its input is {tuple(shape)}"
        )
        fixes.append(
            f"resize the images (and the input) to at least {spec.min_size}x"
            f"{spec.min_size}, e.g. {spec.default_size}x{spec.default_size}"
        )
    if channels not in (None, 3) and backbone.weights == "imagenet":
        problems.append(
            f"its ImageNet weights need three colour channels, but the input has "
            f"{channels}"
        )
        fixes.append(
            "feed three channels (repeat the gray channel: np.repeat(x, 3, -1), or "
            'color_mode="rgb"), or train from scratch with weights=None'
        )
    if problems:
        yield RawFinding(
            "FER016",
            backbone.node,
            "; ".join(problems) + ": Keras refuses to build the model.",
            "; and ".join(fixes),
        )
