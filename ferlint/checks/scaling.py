"""FER006 missing-normalization: 0..255 pixels reach a model that does not scale."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from ferlint import fixes
from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.apis import BACKBONES, INTEGER_DTYPES
from ferlint.analysis.code import code
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
        yield about(_unscaled(images, flow, analysis.flows), flow)


def _unscaled(images: v.ImageArray, flow: v.Flow, flows) -> RawFinding:
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
    elif isinstance(flow.source, v.Stream):
        fix = "pass rescale=1.0 / 255 to the ImageDataGenerator"
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
    ).fixed_by("unsafe", *_scaling_edit(images, node, flow, backbone, flows))


def _scaling_edit(images: v.ImageArray, node, flow: v.Flow, backbone, flows) -> list:
    """Scale the training data, and the other data the model gets the same way,
    so that the fix does not leave validation or prediction data behind."""
    if backbone is not None and backbone.weights == "imagenet":
        return []
    others = [
        other
        for other in flows
        if other.model is flow.model
        and other is not flow
        and isinstance(other.images, v.ImageArray)
        and other.images.value_range == "0-255"
    ]
    shared = {id(o.images.built_node) for o in others if o.images.in_memory}
    if isinstance(flow.source, v.Stream) and id(images.built_node) in shared:
        # The generator's array also feeds other data: scale the array once.
        mine = _scale_at(images.but(in_memory=True), images.built_node, flow)
    else:
        mine = _scale_at(images, node, flow)
    if not mine:
        return []
    edits = {id(mine[0][0]): mine[0]}
    for other in others:
        other_node = (
            other.images.built_node
            if other.images.in_memory
            else other.images.range_node
        )
        if id(other_node) in edits:
            continue
        found = _scale_at(other.images, other_node, other)
        if not found:
            return []  # data that cannot be scaled the same way: no fix
        edits[id(other_node)] = found[0]
    return list(edits.values())


def _scale_at(images: v.ImageArray, node, flow: v.Flow) -> list:
    """Divide by 255 where the array is built, or rescale in the generator."""
    if images.in_memory and node is images.built_node and node is not flow.node:
        cast = '.astype("float32")' if images.dtype in INTEGER_DTYPES else ""
        return [(node, f"({fixes.wrapped(node)}{cast} / 255.0)")]
    generator = isinstance(node, cst.Call) and isinstance(flow.source, v.Stream)
    if generator and not any(
        arg.keyword and arg.keyword.value == "rescale" for arg in node.args
    ):
        return [(node, code(_with_rescale(node)))]
    return []


def _with_rescale(call: cst.Call) -> cst.Call:
    rescale = cst.Arg(
        keyword=cst.Name("rescale"),
        value=cst.parse_expression("1.0 / 255"),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    args = list(call.args)
    if args:
        last = args[-1]
        if last.comma is cst.MaybeSentinel.DEFAULT:
            args[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
        else:
            rescale = rescale.with_changes(comma=last.comma)
            args[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
    return call.with_changes(args=[*args, rescale])


def _stream_fix(images: v.ImageArray) -> str:
    if images.loader in ("flow_from_directory", "flow_from_dataframe"):
        return "pass rescale=1.0 / 255 to the ImageDataGenerator"
    if images.loader == "image_dataset_from_directory":
        return (
            "map a Rescaling(1 / 255) layer over the dataset, or put "
            "layers.Rescaling(1 / 255) first in the model"
        )
    return "divide the images by 255.0 in the map function"
