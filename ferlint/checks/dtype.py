"""FER005 not-float32: integer or float64 arrays reach training."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint import fixes
from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.apis import INTEGER_DTYPES
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for flow in analysis.flows:
        images = flow.images
        if flow.role != "train" or not isinstance(images, v.ImageArray):
            continue
        if not images.in_memory or images.dtype is None:
            continue
        if images.dtype == "float64":
            yield about(_float64(images, flow), flow)
        elif (
            images.dtype in INTEGER_DTYPES
            and facts.rescales_inside(flow.model) is False
        ):
            yield about(_integer(images, flow), flow)


def _where(images: v.ImageArray, flow: v.Flow):
    """Where the cast belongs: where the array is built, if the loader set the type."""
    if images.dtype_node is None or images.dtype_node is images.loader_node:
        return images.built_node or flow.node
    return images.dtype_node


def _float64(images: v.ImageArray, flow: v.Flow) -> RawFinding:
    node = _where(images, flow)
    return RawFinding(
        "FER005",
        node,
        f"The training images are float64 (`{code_of(node)}`): Keras casts every "
        "batch to float32, so the array costs twice the memory of the data it trains "
        "on. Dividing a uint8 array by a float gives float64.",
        'cast to float32 where the array is built: .astype("float32") before scaling',
        [(flow.node, "the images reach training here")],
    ).fixed_by("safe", *_as_float32(node, flow))


def _as_float32(node, flow: v.Flow) -> list:
    """`.astype("float32")` on the array, or "float32" as its dtype argument."""
    import libcst as cst

    if node is None or node is flow.node:
        return []
    if isinstance(node, cst.SimpleString | cst.Name | cst.Attribute):
        quote = '"' if not isinstance(node, cst.SimpleString) else node.quote
        return [(node, f"{quote}float32{quote}")]
    return [(node, f"{fixes.wrapped(node)}.astype({chr(34)}float32{chr(34)})")]


def _decided(node) -> str:
    import libcst as cst

    if isinstance(node, cst.Call | cst.BinaryOperation):
        return f"`{code_of(node)}`"
    return f"dtype={code_of(node)}"


def _integer(images: v.ImageArray, flow: v.Flow) -> RawFinding:
    node = _where(images, flow)
    return RawFinding(
        "FER005",
        node,
        f"The training images are {images.dtype} ({_decided(node)}) and the model "
        "does not rescale its input: Keras casts them to float32 silently, and "
        "integer pixels usually mean the scaling step was forgotten too.",
        'convert where the array is built: .astype("float32") / 255.0, or add a '
        "Rescaling(1/255) layer so that uint8 arrays can stay small",
        [(flow.node, "the images reach training here")],
    ).fixed_by("safe", *_as_float32(node, flow))
