"""FER009 labels-not-one-hot: integer labels meet categorical_crossentropy."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.apis import ONE_HOT_LOSSES
from ferlint.analysis.code import code
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for flow in analysis.flows:
        labels, loss = flow.labels, flow.model.loss
        if flow.role not in ("train", "validation") or not isinstance(labels, v.Labels):
            continue
        if labels.encoding not in ("sparse", "binary") or loss is None:
            continue
        if loss.name not in ONE_HOT_LOSSES or labels.node is None:
            continue
        yield about(_not_one_hot(labels, flow, loss, analysis.flows), flow)


def _how(labels: v.Labels) -> str:
    if labels.source.startswith(("class_mode", "label_mode")):
        return labels.source
    return f"{labels.source}: `{code_of(labels.node)}`"


def _not_one_hot(
    labels: v.Labels, flow: v.Flow, loss: v.Loss, analysis_flows
) -> RawFinding:
    head = facts.head(flow.model)
    count = labels.num_classes or (head.units if head is not None else None)
    count_text = str(count) if count else "num_classes"
    if labels.source.startswith("class_mode"):
        fix = (
            'use class_mode="categorical", or compile with '
            "sparse_categorical_crossentropy"
        )
    elif labels.source.startswith("label_mode"):
        fix = (
            'pass label_mode="categorical", or compile with '
            "sparse_categorical_crossentropy"
        )
    else:
        fix = (
            f"wrap the labels in to_categorical(y, {count_text}), or compile with "
            "sparse_categorical_crossentropy"
        )
    related = [(loss.node or flow.model.compile_node, f"the loss is {loss.name}")]
    return RawFinding(
        "FER009",
        labels.node,
        f"The labels are integer class indices ({_how(labels)}) "
        f"but the loss is {loss.name}, which expects one-hot rows: fit fails with "
        "a shape mismatch between the labels and the model's output.",
        fix,
        [item for item in related if item[0] is not None],
    ).fixed_by("safe", *_sparse_loss(loss, flow, analysis_flows))


def _categorical_loss(loss: v.Loss, flow: v.Flow, flows) -> list:
    """The loss string made categorical, when every label set is one-hot."""
    if not isinstance(loss.node, cst.SimpleString):
        return []
    compiled = flow.model.compile_node
    if compiled is not None and "sparse_categorical_accuracy" in code(compiled):
        return []
    for other in flows:
        if other.model is flow.model and isinstance(other.labels, v.Labels):
            if other.labels.encoding != "onehot":
                return []
    quote = loss.node.quote
    return [(loss.node, f"{quote}categorical_crossentropy{quote}")]


def _sparse_loss(loss: v.Loss, flow: v.Flow, flows) -> list:
    """The loss string made sparse, when every label set of the model is integers."""
    if not isinstance(loss.node, cst.SimpleString):
        return []
    compiled = flow.model.compile_node
    if compiled is not None and "categorical_accuracy" in code(compiled):
        return []  # the metric would need changing too
    for other in flows:
        if other.model is flow.model and isinstance(other.labels, v.Labels):
            if other.labels.encoding not in ("sparse", "binary"):
                return []
    return [
        (
            loss.node,
            f"{loss.node.quote}sparse_categorical_crossentropy{loss.node.quote}",
        )
    ]


def check_one_hot_with_sparse_loss(analysis: Analysis) -> Iterator[RawFinding]:
    """FER010: one-hot rows meet sparse_categorical_crossentropy."""
    for flow in analysis.flows:
        labels, loss = flow.labels, flow.model.loss
        if flow.role not in ("train", "validation") or not isinstance(labels, v.Labels):
            continue
        if labels.encoding != "onehot" or labels.node is None or loss is None:
            continue
        if loss.name != "sparse_categorical_crossentropy":
            continue
        related = [(loss.node or flow.model.compile_node, f"the loss is {loss.name}")]
        yield about(
            RawFinding(
                "FER010",
                labels.node,
                f"The labels are one-hot rows ({_how(labels)}) but the loss is "
                "sparse_categorical_crossentropy, which expects one integer class "
                "index per image: fit fails with a shape mismatch.",
                "drop the one-hot encoding, or compile with categorical_crossentropy",
                [item for item in related if item[0] is not None],
            ).fixed_by("safe", *_categorical_loss(loss, flow, analysis.flows)),
            flow,
        )


def check_class_count(analysis: Analysis) -> Iterator[RawFinding]:
    """FER011: the last layer's units differ from the number of classes."""
    for flow in analysis.flows:
        labels = flow.labels
        if flow.role not in ("train", "validation") or not isinstance(labels, v.Labels):
            continue
        head = facts.head(flow.model)
        if head is None or head.units is None or labels.num_classes is None:
            continue
        if labels.encoding == "binary" or head.units == labels.num_classes:
            continue
        if labels.node is None:
            continue
        yield about(
            RawFinding(
                "FER011",
                head.node,
                f"The last layer has {head.units} units but the labels carry "
                f"{labels.num_classes} classes ({_how(labels)}): one-hot labels "
                "fail at fit with a shape mismatch, and integer labels train "
                "against the wrong number of outputs.",
                f"make the last layer Dense({labels.num_classes}, ...)",
                [(labels.node, f"the labels have {labels.num_classes} classes here")],
            ),
            flow,
        )
