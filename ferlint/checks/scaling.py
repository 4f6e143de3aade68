"""FER006 missing-normalization: 0..255 pixels reach a model that does not scale."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.apis import BACKBONES
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of
from ferlint.checks.normalization import backbone_takes_over


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for flow in analysis.flows:
        images = flow.images
        if flow.role != "train" or not isinstance(images, v.ImageArray):
            continue
        if images.value_range != "0-255":
            continue
        if facts.rescales_inside(flow.model) is not False:
            continue
        if backbone_takes_over(flow):
            continue  # FER015 names the backbone's own preprocess_input
        yield about(_unscaled(images, flow), flow)


def _unscaled(images: v.ImageArray, flow: v.Flow) -> RawFinding:
    if images.in_memory:
        node = images.built_node or images.range_node or flow.node
    else:
        node = images.range_node or images.built_node or flow.node
    backbone = facts.backbone(flow.model)
    if backbone is not None and backbone.weights == "imagenet":
        module = BACKBONES[backbone.name].module
        fix = (
            f"apply keras.applications.{module}.preprocess_input to the images, "
            f"the scaling {backbone.name}'s ImageNet weights were trained with"
        )
    elif not images.in_memory:
        fix = _stream_fix(images)
    else:
        fix = (
            'scale where the array is built: x.astype("float32") / 255.0, or put '
            "layers.Rescaling(1 / 255) first in the model"
        )
    return RawFinding(
        "FER006",
        node,
        f"Pixel values in 0..255 reach the model unscaled (from `{code_of(node)}`): "
        "the first layers see inputs about 100 times larger than their initial "
        "weights expect, so early losses explode and training stalls or "
        "converges far worse.",
        fix,
        [(flow.node, "the images reach training here")],
    )


def _stream_fix(images: v.ImageArray) -> str:
    if images.loader in ("flow_from_directory", "flow_from_dataframe"):
        return "pass rescale=1.0 / 255 to the ImageDataGenerator"
    if images.loader == "image_dataset_from_directory":
        return (
            "map a Rescaling(1 / 255) layer over the dataset, or put "
            "layers.Rescaling(1 / 255) first in the model"
        )
    return "divide the images by 255.0 in the map function"
