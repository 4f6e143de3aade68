"""FER008 bgr-not-converted: cv2's BGR images reach weights or code that expect RGB."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.code import code
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of


def _fix_text(images: v.ImageArray) -> str:
    loader = images.loader or "cv2.imread"
    return f"convert with `cv2.cvtColor(img, cv2.COLOR_BGR2RGB)` right after {loader}"


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for flow in analysis.flows:
        images = flow.images
        if not isinstance(images, v.ImageArray) or images.order != "bgr":
            continue
        reason = _rgb_expected(images, flow, analysis)
        if reason is not None:
            yield about(_bgr(images, flow, *reason), flow)


def _rgb_expected(images: v.ImageArray, flow: v.Flow, analysis: Analysis):
    """Why RGB is expected here, with the node that says so; None if it is not."""
    if images.preprocess is not None:
        return (
            f"keras.applications.{images.preprocess}.preprocess_input expects RGB",
            images.range_node,
        )
    backbone = facts.backbone(flow.model)
    if backbone is not None and backbone.weights == "imagenet":
        return (
            f"{backbone.name}'s ImageNet weights were trained on RGB",
            backbone.node,
        )
    for other in analysis.flows:
        if other.model is flow.model and isinstance(other.images, v.ImageArray):
            if other.images.order == "rgb" and other.images.channels == 3:
                loader = other.images.loader or "another loader"
                node = other.images.order_node or other.node
                return (f"the same model also gets RGB images from {loader}", node)
    return None


def _bgr(images: v.ImageArray, flow: v.Flow, reason: str, related_node) -> RawFinding:
    node = images.order_node or images.loader_node or flow.node
    related = (
        [(related_node, "RGB is expected here")] if related_node is not None else []
    )
    return RawFinding(
        "FER008",
        node,
        f"`{code_of(node)}` loads colour images in BGR order and they reach the model "
        f"unconverted, but {reason}: red and blue are swapped, which silently costs "
        "accuracy instead of failing.",
        _fix_text(images),
        related,
    ).fixed_by("unsafe", *_converted(node))


def _converted(node) -> list:
    """`cv2.cvtColor(cv2.imread(...), cv2.COLOR_BGR2RGB)` in place of the read."""
    import libcst as cst

    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return []
    if node.func.attr.value != "imread":
        return []
    module = code(node.func.value)
    return [(node, f"{module}.cvtColor({code(node)}, {module}.COLOR_BGR2RGB)")]
