"""Facts derived from a model's layers: its input, scaling, backbone and head."""

from __future__ import annotations

from dataclasses import dataclass

from ferlint.analysis import values as v
from ferlint.analysis.apis import BACKBONES, NORMALIZING_LAYERS, TRANSPARENT_LAYERS


@dataclass(frozen=True)
class Head:
    units: int | None
    activation: str | None
    node: object


def input_shape(model: v.Model) -> tuple[int | None, ...] | None:
    if model.input is None or model.input.shape is None:
        return None
    if len(model.input.shape) != 3 or channels_first(model):
        return None
    return model.input.shape


def channels_first(model: v.Model) -> bool:
    shape = model.input.shape if model.input is not None else None
    if model.channels_first:
        return True
    return (
        bool(shape)
        and len(shape) == 3
        and shape[0] in (1, 3)
        and shape[2] not in (1, 3)
    )


def rescales_inside(model: v.Model) -> bool | None:
    """Whether the model scales its own input before its first real layer."""
    if model.opaque and not model.layers:
        return None
    for layer in model.layers:
        if isinstance(layer, v.Backbone):
            return BACKBONES[layer.name].preprocessing == "inside"
        if not isinstance(layer, v.Layer):
            return None
        if layer.kind.startswith("preprocess:") or layer.kind in NORMALIZING_LAYERS:
            return True
        if layer.kind == "keras.Lambda" or layer.kind not in TRANSPARENT_LAYERS:
            return None if layer.kind == "keras.Lambda" else False
    return None if model.opaque else False


def backbone(model: v.Model) -> v.Backbone | None:
    for layer in model.layers:
        if isinstance(layer, v.Backbone):
            return layer
    return None


def head(model: v.Model) -> Head | None:
    """The last Dense layer and the activation that follows it."""
    if model.opaque:
        return None
    found: Head | None = None
    for layer in model.layers:
        if not isinstance(layer, v.Layer):
            continue
        if layer.kind == "keras.Dense":
            found = Head(layer.units, layer.activation, layer.node)
        elif layer.kind == "keras.Activation" and found is not None:
            found = Head(found.units, layer.activation, found.node)
        elif layer.kind.startswith("keras.") and found is not None:
            if layer.kind not in ("keras.Dropout", "keras.Activation", "keras.Softmax"):
                found = None
    return found
