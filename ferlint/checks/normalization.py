"""FER007 double-normalization and FER015 backbone-preprocessing-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.apis import BACKBONES, PREPROCESS_MODES
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of

_SCALING = "the pixels are scaled here first"


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for flow in analysis.flows:
        images = flow.images
        if not isinstance(images, v.ImageArray):
            continue
        double = _double(images, flow)
        if double is not None:
            yield about(double, flow)
            continue
        mismatch = _backbone_mismatch(images, flow)
        if mismatch is not None:
            yield about(mismatch, flow)


def _double(images: v.ImageArray, flow: v.Flow) -> RawFinding | None:
    if len(images.scalings) >= 2:
        first, second = images.scalings[0], images.scalings[1]
        return RawFinding(
            "FER007",
            second,
            f"The pixels are scaled twice: first by `{code_of(first)}`, then again "
            f"by `{code_of(second)}`, so they reach the model about 255 times "
            "smaller than intended and the network sees nearly uniform images.",
            "keep one of the two scalings",
            [(first, _SCALING)],
        )
    layer = _rescaling_layer(flow.model)
    if layer is not None and images.scalings:
        first = images.scalings[0]
        return RawFinding(
            "FER007",
            first,
            f"The pixels are scaled by `{code_of(first)}` and the model scales its "
            f"input again with `{code_of(layer.node)}`: they reach the first "
            "layer about 255 times smaller than intended.",
            "drop one of the two: the scaling in the data pipeline or the "
            "Rescaling layer",
            [(layer.node, "the model rescales its input here")],
        )
    return None


def _rescaling_layer(model: v.Model) -> v.Layer | None:
    for layer in model.layers:
        if isinstance(layer, v.Layer) and layer.kind == "keras.Rescaling":
            scale = layer.scale
            return layer if scale is not None and 0 < scale <= 1 / 100 else None
        if not isinstance(layer, v.Layer) or layer.kind not in (
            "keras.InputLayer",
            "keras.RandomFlip",
            "keras.RandomRotation",
            "keras.RandomZoom",
            "keras.Resizing",
        ):
            return None
    return None


def _backbone_mismatch(images: v.ImageArray, flow: v.Flow) -> RawFinding | None:
    backbone = _first_backbone(flow.model)
    if backbone is None or backbone.weights != "imagenet":
        return None
    if _preprocessed_inside(flow.model):
        return None  # the model applies a preprocess_input to its own input
    spec = BACKBONES[backbone.name]
    related = [(backbone.node, f"{backbone.name}'s ImageNet weights are loaded here")]
    expected = f"keras.applications.{spec.module}.preprocess_input"
    node = images.range_node or images.built_node or flow.node
    if spec.preprocessing == "inside":
        if images.value_range in ("0-1", "scaled") or images.preprocess is not None:
            return RawFinding(
                "FER015",
                node,
                f"{backbone.name} scales its own 0..255 input inside the model, but "
                f"the images are already scaled (`{code_of(node)}`): the weights "
                "see values far smaller than the ones they were trained on.",
                "feed the 0..255 pixels as they are: drop the scaling",
                related,
            )
        return None
    if images.preprocess is not None:
        if PREPROCESS_MODES.get(images.preprocess) == spec.preprocessing:
            return None
        return RawFinding(
            "FER015",
            node,
            f"The images go through keras.applications.{images.preprocess}."
            f"preprocess_input but the backbone is {backbone.name}, whose ImageNet "
            f"weights expect {expected}: the pixels arrive in another range or "
            "channel order than the weights were trained on.",
            f"use {expected}",
            related,
        )
    if images.value_range not in ("0-1", "0-255"):
        return None
    seen = "scaled to 0..1" if images.value_range == "0-1" else "raw 0..255 pixels"
    return RawFinding(
        "FER015",
        node,
        f"{backbone.name}'s ImageNet weights expect {expected}, but they get "
        f"{seen} (`{code_of(node)}`): the pretrained filters see another range "
        "than the one they learned, which wastes most of the pretraining.",
        f"apply {expected} to the 0..255 images instead",
        related,
    )


def _preprocessed_inside(model: v.Model) -> bool:
    for layer in model.layers:
        if isinstance(layer, v.Backbone):
            return False
        if isinstance(layer, v.Layer) and layer.kind.startswith("preprocess:"):
            return True
    return False


def _first_backbone(model: v.Model) -> v.Backbone | None:
    for layer in model.layers:
        if isinstance(layer, v.Backbone):
            return layer
        if not isinstance(layer, v.Layer) or not (
            layer.kind.startswith("preprocess:")
            or layer.kind in ("keras.InputLayer", "keras.Resizing")
            or layer.kind.startswith("keras.Random")
        ):
            return None
    return None


def backbone_takes_over(flow: v.Flow) -> bool:
    """Whether FER015 speaks for this flow's scaling instead of FER006."""
    backbone = _first_backbone(flow.model)
    return (
        backbone is not None
        and backbone.weights == "imagenet"
        and BACKBONES[backbone.name].preprocessing != "inside"
        and facts.backbone(flow.model) is backbone
    )
