"""FER003 channel-count-mismatch and FER004 missing-channel-axis."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint import fixes
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of
from ferlint.checks._flows import image_flows, input_related

_COLOR_WORDS = {1: "one channel (grayscale)", 3: "three channels (colour)", 4: "four"}


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for flow, images, shape in image_flows(analysis):
        expected = shape[2]
        related = [input_related(flow, shape)]
        if expected is None:
            continue
        known = images.channels is not None and images.has_channel_axis is not None
        if known and images.channels != expected:
            yield about(_channel_mismatch(images, expected, related), flow)
        elif expected == 1 and images.has_channel_axis is False and images.in_memory:
            if images.channels in (1, None):
                yield about(_missing_axis(images, flow, shape, related), flow)


def _channel_mismatch(images, expected, related) -> RawFinding:
    node = images.channel_node or images.loader_node or images.built_node
    seen = _COLOR_WORDS.get(images.channels, f"{images.channels} channels")
    if expected == 3 and images.channels == 1:
        fix = (
            "load the images in colour, or repeat the gray channel "
            "(np.repeat(x, 3, axis=-1)), or give the model a (H, W, 1) input"
        )
    else:
        fix = "convert the images to grayscale, or give the model a (H, W, 3) input"
    return RawFinding(
        "FER003",
        node,
        f"Images with {seen} ({_how(images, node)}) reach a model whose input has "
        f"{expected} channel{'s' if expected != 1 else ''}: the first convolution is "
        "built for the other count and training fails with a shape error.",
        fix,
        related,
    )


def _how(images, node) -> str:
    if images.channel_source is not None and " " in images.channel_source:
        return images.channel_source
    return f"`{images.channel_source or code_of(node)}`"


def _missing_axis(images, flow, shape, related) -> RawFinding:
    node = images.built_node or flow.node
    dims = "(N, " + ", ".join(str(d) for d in images.sample_dims) + ")"
    return RawFinding(
        "FER004",
        node,
        f"The images are {dims} arrays with no channel axis (`{code_of(node)}`) but "
        f"the model's input is {tuple(shape)}: tf.keras 2 raises a ValueError at "
        "fit; Keras 3 adds the missing axis itself, so the script breaks on the "
        "other version.",
        "add the channel axis where the array is built: np.expand_dims(x, -1) "
        "or x.reshape(-1, H, W, 1)",
        related,
    ).fixed_by("unsafe", *_with_axis(images.built_node))


def _with_axis(node) -> list:
    if node is None:
        return []
    return [(node, f"{fixes.wrapped(node)}[..., None]")]
