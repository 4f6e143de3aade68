"""FER013 train-inference-skew: data prepared unlike the training data."""

from __future__ import annotations

from collections.abc import Iterator

from ferlint.analysis import values as v
from ferlint.analysis.apis import PREPROCESS_MODES
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of
from ferlint.checks._flows import ROLE_WORDS

_WORDS = {
    "0-255": "raw 0..255 pixels",
    "0-1": "pixels scaled to 0..1",
    "-1-1": "pixels scaled to -1..1",
    "standardized": "standardized pixels",
}
# What each keras.applications preprocessing mode produces, as a plain range.
_MODE_RANGES = {"tf": "-1-1"}


def scaling_key(images: v.ImageArray) -> str | None:
    """How the pixels are scaled, as a key that two pipelines can be compared by."""
    value_range = images.value_range
    if value_range is None or value_range == "scaled":
        return None
    if value_range.startswith("preprocessed:"):
        module = value_range.split(":", 1)[1]
        mode = PREPROCESS_MODES.get(module, module)
        return _MODE_RANGES.get(mode, "preprocessed:" + mode)
    return value_range if value_range in _WORDS else None


def describe(images: v.ImageArray) -> str:
    key = scaling_key(images) or ""
    if images.preprocess is not None:
        return f"{images.preprocess}.preprocess_input"
    return _WORDS.get(key, key)


def check(analysis: Analysis) -> Iterator[RawFinding]:
    for train in analysis.flows:
        if train.role != "train" or not isinstance(train.images, v.ImageArray):
            continue
        trained = scaling_key(train.images)
        if trained is None:
            continue
        for other in analysis.flows:
            if other.model is not train.model or other.role == "train":
                continue
            if not isinstance(other.images, v.ImageArray):
                continue
            seen = scaling_key(other.images)
            if seen is None:
                continue
            if seen != trained:
                yield about(skew_finding(train.images, other.images, other.role), other)
            elif _own_statistics(train.images, other.images):
                yield about(
                    statistics_finding(train.images, other.images, other.role), other
                )


def _own_statistics(trained: v.ImageArray, other: v.ImageArray) -> bool:
    """Both standardized, each with the mean or std of its own array."""
    if trained.value_range != "standardized" or other.value_range != "standardized":
        return False
    if trained.statistics_of is None or other.statistics_of is None:
        return False
    return (
        trained.statistics_of is not other.statistics_of
        and other.statistics_of is other.built_node
        and other.built_node is not trained.built_node
    )


def statistics_finding(trained: v.ImageArray, other: v.ImageArray, role: str):
    node = other.range_node or other.built_node
    word = ROLE_WORDS.get(role, role)
    related = [(trained.range_node, "the training data is standardized here")]
    return RawFinding(
        "FER013",
        node,
        f"The {word} data is standardized with its own mean and standard deviation "
        f"(`{code_of(node)}`), not with the training data's: the model sees its "
        "inputs shifted and scaled unlike anything it trained on, and the scores "
        "depend on what else is in the batch of data.",
        f"standardize the {word} data with the statistics computed on the training "
        "data",
        [item for item in related if item[0] is not None],
    )


def skew_finding(trained: v.ImageArray, other: v.ImageArray, role: str) -> RawFinding:
    node = other.range_node or other.built_node or other.loader_node
    word = ROLE_WORDS.get(role, role)
    train_node = trained.range_node or trained.built_node
    related = [(train_node, f"the training data gets {describe(trained)} here")]
    return RawFinding(
        "FER013",
        node,
        f"The {word} data reaches the model as {describe(other)} (`{code_of(node)}`) "
        f"but the model was trained on {describe(trained)}: its predictions on "
        "this data are meaningless, however well it trained.",
        f"prepare the {word} data exactly like the training data",
        [item for item in related if item[0] is not None],
    )
