"""FER012 output-loss-mismatch and FER020 dense-on-feature-map."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of, training_flow

_CATEGORICAL = frozenset(
    {"categorical_crossentropy", "sparse_categorical_crossentropy"}
)


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for model in analysis.models:
        loss = model.loss
        head = facts.head(model)
        if loss is not None and loss.name is not None and head is not None:
            mismatch = _mismatch(head, loss)
            if mismatch is not None:
                message, fix = mismatch
                yield about(
                    RawFinding(
                        "FER012",
                        loss.node or model.compile_node,
                        message,
                        fix,
                        [(head.node, f"the last layer: {_describe(head)}")],
                    ),
                    training_flow(analysis, model),
                )
        dense = facts.dense_on_feature_map(model)
        if dense is not None:
            yield about(
                RawFinding(
                    "FER020",
                    dense.node,
                    f"`{code_of(dense.node)}` is applied to a 4-D feature map: there is"
                    " no Flatten or global pooling before it, so the model outputs one "
                    "prediction per pixel position and fit fails against one label "
                    "per image.",
                    "add layers.Flatten() or layers.GlobalAveragePooling2D() before it",
                ),
                training_flow(analysis, model),
            )


def _describe(head: facts.Head) -> str:
    return f"{head.units} units, {head.activation} activation"


def _mismatch(head: facts.Head, loss: v.Loss) -> tuple[str, str] | None:
    activation, units = head.activation, head.units
    if activation is None or units is None:
        return None
    if loss.name == "binary_crossentropy" and activation == "softmax" and units > 2:
        return (
            f"binary_crossentropy scores each of the {units} softmax outputs as an "
            "independent yes/no question: training runs, but the loss and the "
            "accuracy Keras reports do not measure a multi-class classifier.",
            "compile with categorical_crossentropy (one-hot labels) or "
            "sparse_categorical_crossentropy (integer labels)",
        )
    if loss.name not in _CATEGORICAL:
        return None
    if activation == "softmax" and loss.from_logits is True:
        return (
            "The loss is told from_logits=True but the last layer already applies "
            "softmax: the probabilities go through softmax a second time, which "
            "flattens the gradients and slows or stalls training.",
            "drop from_logits=True, or give the last layer no activation",
        )
    if activation in ("linear", "sigmoid") and loss.from_logits is False and units > 1:
        return (
            f"The last layer has a {activation} activation but {loss.name} expects "
            "probabilities that sum to 1: the outputs are not a distribution, so "
            "the loss is wrong from the first step.",
            'use activation="softmax" on the last layer, or pass from_logits=True '
            "to a loss object for a linear output",
        )
    if units == 1 and loss.name == "categorical_crossentropy":
        return (
            "categorical_crossentropy on a single output unit is always 0: the "
            "model gets no gradient and learns nothing.",
            "use binary_crossentropy with a sigmoid output, or one unit per class "
            "with softmax",
        )
    return None
