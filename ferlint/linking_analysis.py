"""Summaries of what a script saves and feeds to loaded models, for ferlint.linking."""

from __future__ import annotations

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.checks import code_of
from ferlint.checks.skew import describe, scaling_key
from ferlint.linking import ImageSummary, LoadedUse, Place, SavedModel, resolve


def summarize(images: v.ImageArray, locate) -> ImageSummary:
    scaled_at_load = (
        images.range_node is None or images.range_node is images.loader_node
    )
    nodes = {
        "size": images.size_node or images.built_node,
        "channels": images.channel_node or images.loader_node,
        "order": images.order_node or images.loader_node,
        "scaling": images.built_node if scaled_at_load else images.range_node,
    }
    places = {}
    for name, node in nodes.items():
        where = locate(node) if node is not None else None
        if where is not None:
            places[name] = Place(where[0], where[1], code_of(node))
    return ImageSummary(
        spatial=images.spatial
        if images.spatial and None not in images.spatial
        else None,
        channels=images.channels,
        order=images.order,
        scaling=scaling_key(images),
        scaling_words=describe(images),
        places=places,
    )


def summaries(analysis, locate, script: str) -> tuple[list, list]:
    """What this script saved (with its training data) and fed to loaded models."""
    saved = []
    for model, name, _node in analysis.saved:
        training = next(
            (
                flow.images
                for flow in analysis.flows
                if flow.model is model and flow.role == "train"
            ),
            None,
        )
        summary = (
            summarize(training, locate) if isinstance(training, v.ImageArray) else None
        )
        saved.append(
            SavedModel(
                resolve(script, name), name, script, facts.input_shape(model), summary
            )
        )
    uses = []
    for flow in analysis.flows:
        model = flow.model
        if model.loaded_from is None or not isinstance(flow.images, v.ImageArray):
            continue
        uses.append(
            LoadedUse(
                resolve(script, model.loaded_from),
                model.loaded_from,
                script,
                flow.role,
                summarize(flow.images, locate),
            )
        )
    return saved, uses
