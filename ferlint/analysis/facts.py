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
        elif layer.kind == "keras.Softmax" and found is not None:
            found = Head(found.units, "softmax", found.node)
        elif layer.kind.startswith("keras.") and found is not None:
            if layer.kind not in ("keras.Dropout", "keras.Activation"):
                found = None
    return found


# Layers after which a 4-D feature map becomes one vector per image.
_FLATTENING = frozenset(
    {
        "keras.Flatten",
        "keras.GlobalAveragePooling2D",
        "keras.GlobalMaxPooling2D",
        "keras.GlobalAvgPool2D",
        "keras.GlobalMaxPool2D",
        "keras.Reshape",
    }
)
# Layers that keep a 4-D feature map 4-D.
_SPATIAL = frozenset(
    {
        "keras.Conv2D",
        "keras.Convolution2D",
        "keras.SeparableConv2D",
        "keras.DepthwiseConv2D",
        "keras.Conv2DTranspose",
        "keras.MaxPooling2D",
        "keras.MaxPool2D",
        "keras.AveragePooling2D",
        "keras.AvgPool2D",
        "keras.BatchNormalization",
        "keras.Activation",
        "keras.ReLU",
        "keras.LeakyReLU",
        "keras.PReLU",
        "keras.ELU",
        "keras.Dropout",
        "keras.SpatialDropout2D",
        "keras.ZeroPadding2D",
        "keras.Cropping2D",
        "keras.UpSampling2D",
        "keras.Rescaling",
        "keras.Normalization",
        "keras.Resizing",
        "keras.RandomFlip",
        "keras.RandomRotation",
        "keras.RandomZoom",
        "keras.RandomTranslation",
        "keras.RandomContrast",
        "keras.GaussianNoise",
        "keras.InputLayer",
    }
)


def dense_on_feature_map(model: v.Model) -> v.Layer | None:
    """The head Dense layer when it still sees a 4-D feature map, else None.

    A Dense layer inside the network may work per pixel on purpose; only a
    model whose output is still 4-D after its last Dense layer is wrong.
    """
    if model.opaque or not model.layers:
        return None
    shape = input_shape(model)
    spatial = shape is not None and len(shape) == 3
    last_dense: v.Layer | None = None
    for layer in model.layers:
        if isinstance(layer, v.Backbone):
            spatial = layer.include_top is False and layer.pooling is None
            continue
        if not isinstance(layer, v.Layer):
            return None
        if layer.kind.startswith("preprocess:"):
            continue
        if layer.kind == "keras.Dense":
            last_dense = layer
        elif layer.kind in _FLATTENING:
            spatial, last_dense = False, None
        elif layer.kind not in _SPATIAL:
            return None
        elif layer.kind.endswith("2D") and layer.kind != "keras.SpatialDropout2D":
            spatial = True
    is_last = last_dense is not None and last_dense is _last_layer(model)
    return last_dense if spatial and is_last else None


def _last_layer(model: v.Model):
    for layer in reversed(model.layers):
        if isinstance(layer, v.Layer) and layer.kind in (
            "keras.Dropout",
            "keras.Activation",
        ):
            continue
        return layer
    return None
