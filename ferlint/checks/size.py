"""FER001 resize-size-mismatch and FER002 resize-axis-order."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from ferlint.analysis.code import code
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of
from ferlint.checks._flows import image_flows, input_related, size_text


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for flow, images, shape in image_flows(analysis):
        spatial = images.spatial
        if spatial is None or None in spatial or None in shape[:2]:
            continue
        height, width = shape[0], shape[1]
        if spatial == (height, width):
            continue
        node = images.size_node or images.built_node or flow.node
        related = [input_related(flow, shape)]
        if spatial == (width, height) and images.size_api in _SIZE_APIS:
            yield about(_axis_order(images, spatial, shape, node, related), flow)
        else:
            yield about(_size_mismatch(images, spatial, shape, node, related), flow)


_SIZE_APIS = {
    "cv2.resize": "cv2.resize takes (width, height)",
    "PIL resize": "PIL's Image.resize takes (width, height)",
    "tf.image.resize": "tf.image.resize takes (height, width)",
    "target_size": "target_size is (height, width)",
    "image_size": "image_size is (height, width)",
    "load_img target_size": "load_img's target_size is (height, width)",
}


def _axis_order(images, spatial, shape, node, related) -> RawFinding:
    height, width = shape[0], shape[1]
    order_rule = _SIZE_APIS[images.size_api]
    wanted = (width, height) if images.size_width_first else (height, width)
    return RawFinding(
        "FER002",
        node,
        f"`{images.size_source or code_of(node)}` gives images {spatial[0]} high and "
        f"{spatial[1]} wide, "
        f"but the model takes {height} high and {width} wide: {order_rule}. "
        "The images reach the model transposed; where the element counts agree "
        "(convolutions and Flatten) it trains without an error on rotated faces.",
        f"swap the two values: {wanted}",
        related,
    ).fixed_by("safe", *_swapped(node))


def _swapped(node) -> list:
    """The two values of a literal size, swapped in place."""
    if not isinstance(node, cst.Tuple | cst.List) or len(node.elements) != 2:
        return []
    first, second = (element.value for element in node.elements)
    return [(first, code(second)), (second, code(first))]


def _literal_size(images, node, height, width) -> list:
    """A literal size, rewritten as the model's; none when anything else sets it."""
    literal = isinstance(node, cst.Tuple | cst.List) and len(node.elements) == 2
    if not literal or images.size_restated or images.size_api not in _SIZE_APIS:
        return []
    if not all(isinstance(e.value, cst.Integer) for e in node.elements):
        return []
    values = (width, height) if images.size_width_first else (height, width)
    if isinstance(node, cst.Tuple) and node.lpar:
        # The span of a parenthesized tuple is inside its parentheses.
        return [(node, f"{values[0]}, {values[1]}")]
    opening, closing = ("(", ")") if isinstance(node, cst.Tuple) else ("[", "]")
    return [(node, f"{opening}{values[0]}, {values[1]}{closing}")]


def _size_mismatch(images, spatial, shape, node, related) -> RawFinding:
    height, width = shape[0], shape[1]
    where = images.size_source or code_of(node)
    return RawFinding(
        "FER001",
        node,
        f"Images reach the model at {size_text(*spatial)} (`{where}`) but its input is "
        f"{size_text(height, width)}: training fails where the first Flatten or Dense "
        "layer meets the wrong number of features, or, after global pooling, learns "
        "from faces at a scale the model will never see again.",
        _fix_text(images, height, width),
        related,
    ).fixed_by("unsafe", *_literal_size(images, node, height, width))


def _fix_text(images, height, width) -> str:
    if images.size_width_first:
        return (
            f"resize to ({width}, {height}) to match the model's input "
            f"({images.size_api} takes width first)"
        )
    if images.size_api in (None, "reshape", "numpy.zeros"):
        return f"resize the images to {height}x{width} before they are stacked"
    return f"use ({height}, {width}), the model's input size"
