"""FER016 backbone-input-unsupported: an input a pretrained backbone cannot take."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import values as v
from ferlint.analysis.apis import BACKBONES
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding


def check(analysis: Analysis) -> Iterator[RawFinding]:
    seen: set[int] = set()
    for model in analysis.models:
        for layer in model.layers:
            if isinstance(layer, v.Backbone) and id(layer.node) not in seen:
                seen.add(id(layer.node))
                yield from _unsupported(layer)


def _unsupported(backbone: v.Backbone) -> Iterator[RawFinding]:
    shape = backbone.input_shape
    if shape is None or len(shape) != 3:
        return
    spec = BACKBONES[backbone.name]
    height, width, channels = shape
    small = [
        size for size in (height, width) if size is not None and size < spec.min_size
    ]
    if small:
        yield RawFinding(
            "FER016",
            backbone.node,
            f"{backbone.name} takes images of at least {spec.min_size}x"
            f"{spec.min_size}, but its input is {tuple(shape)}: Keras refuses to "
            "build it, and its pooling stages would shrink the feature map to "
            "nothing.",
            f"resize the images (and the input) to at least {spec.min_size}x"
            f"{spec.min_size}, e.g. {spec.default_size}x{spec.default_size}",
        )
    if channels not in (None, 3) and backbone.weights == "imagenet":
        yield RawFinding(
            "FER016",
            backbone.node,
            f"{backbone.name}'s ImageNet weights need three colour channels, but "
            f"its input is {tuple(shape)}: Keras refuses to load the weights.",
            "feed three channels (repeat the gray channel: np.repeat(x, 3, -1), "
            'or color_mode="rgb"), or train from scratch with weights=None',
        )
