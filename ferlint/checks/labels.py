"""FER009 labels-not-one-hot: integer labels meet categorical_crossentropy."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.apis import ONE_HOT_LOSSES
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
        yield about(_not_one_hot(labels, flow, loss), flow)


def _how(labels: v.Labels) -> str:
    if labels.source.startswith(("class_mode", "label_mode")):
        return labels.source
    return f"{labels.source}: `{code_of(labels.node)}`"


def _not_one_hot(labels: v.Labels, flow: v.Flow, loss: v.Loss) -> RawFinding:
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
    )
