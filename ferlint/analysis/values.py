"""Abstract values: what the analysis knows about each thing a script computes.

Every field that the analysis cannot decide is None, and a rule never fires
on a None. Image and label values remember the node where each of their
properties was decided, so that a finding can point where the fix belongs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

import libcst as cst


class Value:
    """Base of all abstract values."""


class _Unknown(Value):
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Value = _Unknown()


@dataclass(frozen=True)
class Const(Value):
    """A Python constant: int, float, str, bool, None, or a tuple/list of them."""

    value: Any


@dataclass(frozen=True)
class Scalar(Value):
    """A number or string whose value is not known, only its kind."""

    kind: str  # "int", "float", "str"


@dataclass(frozen=True)
class Ref(Value):
    """An imported module, function or class, by qualified name."""

    qualified: str


@dataclass(frozen=True)
class Instance(Value):
    """An object made by an API whose state does not matter: `LabelEncoder()`."""

    qualified: str
    node: cst.CSTNode | None = None


@dataclass(frozen=True, eq=False)
class ModuleVal(Value):
    """A module of the checked project, by its globals."""

    scope: Any


@dataclass(frozen=True)
class BoundMethod(Value):
    receiver: Value
    name: str


@dataclass(frozen=True)
class Function(Value):
    node: cst.FunctionDef | cst.Lambda
    scope: Any  # the Scope the function was defined in


@dataclass(frozen=True)
class TupleVal(Value):
    items: tuple[Value, ...]


@dataclass(eq=False)
class ListVal(Value):
    """A list built item by item (appends, comprehensions); mutable on purpose."""

    elem: Value | None = None
    items: list[Value] | None = None

    def add(self, value: Value) -> None:
        for item in self.items or ():
            self.elem = item if self.elem is None else join(self.elem, item)
        self.items = None
        self.elem = value if self.elem is None else join(self.elem, value)


@dataclass(frozen=True)
class DictVal(Value):
    values: tuple[Value, ...]
    # The keys, when every key is a constant: then `d["size"]` is known exactly.
    keys: tuple | None = None


@dataclass(frozen=True)
class Frame(Value):
    """A pandas DataFrame."""


@dataclass(frozen=True)
class Column(Value):
    """A pandas column (1-D), by name."""

    name: str | None
    node: cst.CSTNode | None = None

    @property
    def holds_pixels(self) -> bool:
        return self.name is not None and "pixel" in self.name.lower()


@dataclass(frozen=True)
class PixelText(Value):
    """A string of numbers: FER2013's `pixels` column, or any text split apart.

    `known` says the text comes from a column named for pixels, so its values
    are gray levels in 0..255; other text only tells the numbers' count.
    """

    node: cst.CSTNode | None = None
    split: bool = False
    known: bool = True


@dataclass(frozen=True)
class Row(Value):
    """One row of a DataFrame, as `iterrows` yields it."""


@dataclass(frozen=True)
class Statistic(Value):
    """A mean or standard deviation of pixel values, and the array it describes."""

    of: cst.CSTNode | None  # where that array was built


@dataclass(frozen=True)
class PixelNumber(Value):
    """One pixel value parsed from a pixel string."""

    dtype: str = "int64"


@dataclass(frozen=True)
class ImageArray(Value):
    """An image, or a batch of images, with what is known of it.

    `dims` is the full shape, the batch axis first when `batched`. `channels`
    is the count the pixels carry (1 for gray), known even when the channel
    axis is missing.
    """

    dims: tuple[int | None, ...] | None = None
    batched: bool = False
    channels: int | None = None
    order: str | None = None  # "rgb", "bgr", "gray"
    dtype: str | None = None
    value_range: str | None = None  # "0-255", "0-1", "-1-1", "scaled", "standardized"
    # The keras.applications module whose preprocess_input ran.
    preprocess: str | None = None
    # Each step that brought pixel values down to a unit range (/ 255,
    # rescale=, Rescaling, preprocess_input), in order; two mean scaled twice.
    scalings: tuple = ()
    # Where the array whose mean or std standardized these pixels was built.
    statistics_of: cst.CSTNode | None = None
    in_memory: bool = True  # a numpy array, not a generator or dataset
    pil: bool = False  # a PIL image, not yet an array
    # (height, width) of one sample, kept apart from `dims` because a resize
    # can know the size of an image whose rank is unknown.
    hw: tuple[int | None, int | None] | None = None
    loader: str | None = None
    # How the size and the channels were decided, in words for messages.
    size_source: str | None = None
    channel_source: str | None = None
    # Where each property was decided, for messages and fixes.
    loader_node: cst.CSTNode | None = None
    size_node: cst.CSTNode | None = None
    size_api: str | None = None
    size_width_first: bool | None = None
    # A reshape restated the size after the resize, so the resize alone
    # cannot be changed without breaking the reshape.
    size_restated: bool = False
    channel_node: cst.CSTNode | None = None
    order_node: cst.CSTNode | None = None
    dtype_node: cst.CSTNode | None = None
    range_node: cst.CSTNode | None = None
    built_node: cst.CSTNode | None = None

    @property
    def sample_dims(self) -> tuple[int | None, ...] | None:
        if self.dims is None:
            return None
        return self.dims[1:] if self.batched else self.dims

    @property
    def spatial(self) -> tuple[int | None, int | None] | None:
        sample = self.sample_dims
        if sample is None or len(sample) not in (2, 3):
            return self.hw
        return sample[0], sample[1]

    @property
    def has_channel_axis(self) -> bool | None:
        sample = self.sample_dims
        if sample is None:
            return None
        return len(sample) == 3

    def but(self, **changes: Any) -> ImageArray:
        """A copy with `changes`: `dataclasses.replace` without running
        `__init__` again, which images go through at every step."""
        unknown = changes.keys() - self.__dataclass_fields__.keys()
        if unknown:
            raise TypeError(f"ImageArray has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy


@dataclass(frozen=True)
class Labels(Value):
    """Class labels: integers ("sparse"), one-hot rows, or 0/1 ("binary")."""

    encoding: str | None
    num_classes: int | None = None
    source: str = ""
    node: cst.CSTNode | None = None


@dataclass(frozen=True)
class Augmenter(Value):
    """An ImageDataGenerator and what it does to the images it yields."""

    rescale: float | None
    rescale_known: bool
    preprocess: str | None  # "known:<module>", "unknown" or None
    standardizes: bool
    augments: bool
    node: cst.CSTNode | None = None


@dataclass(frozen=True)
class Stream(Value):
    """Batches from a generator or a tf.data / keras dataset."""

    images: Value
    labels: Value
    node: cst.CSTNode | None = None
    augmenter: Augmenter | None = None


@dataclass(frozen=True)
class Dataset(Value):
    """A tf.data.Dataset whose elements are `element` (often a TupleVal)."""

    element: Value
    batched: bool = False
    node: cst.CSTNode | None = None


@dataclass(frozen=True)
class Layer(Value):
    kind: str  # canonical name, e.g. "keras.Dense"
    node: cst.Call
    units: int | None = None
    activation: str | None = None
    input_shape: tuple | None = None
    scale: float | None = None  # Rescaling's factor
    legacy: str | None = None  # a Keras 1 spelling of the arguments, described


@dataclass(frozen=True)
class Backbone(Value):
    name: str  # "VGG16"
    weights: str | None  # "imagenet", "none", or None when unknown
    include_top: bool | None
    input_shape: tuple | None
    node: cst.Call
    pooling: str | None = None
    input_tensor: Tensor | None = None  # `input_tensor=`: the graph it continues


@dataclass(frozen=True)
class ModelInput:
    shape: tuple[int | None, ...] | None
    node: cst.CSTNode


@dataclass(frozen=True)
class Tensor(Value):
    """A symbolic tensor of the functional API: an input and the layers after it."""

    input: ModelInput | None
    layers: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Loss:
    name: str | None  # canonical: "categorical_crossentropy", ...
    node: cst.CSTNode | None
    from_logits: bool | None = None


@dataclass(eq=False)
class Model(Value):
    """A Keras model; mutable because `.add` and `.compile` change it."""

    node: cst.CSTNode
    input: ModelInput | None = None
    layers: list[Value] = field(default_factory=list)
    loss: Loss | None = None
    compile_node: cst.CSTNode | None = None
    # A layer or part the analysis does not understand (custom layers,
    # Lambda, an unknown call): properties derived from the layers are unsure.
    opaque: bool = False
    channels_first: bool = False
    loaded: bool = False  # from a saved file, so nothing here says what it is
    # The file its architecture or weights come from, as the script names it.
    loaded_from: str | None = None


@dataclass(frozen=True)
class Event:
    """Something seen while interpreting that is a finding by itself."""

    code: str
    node: cst.CSTNode
    message: str
    fix: str
    related: tuple = ()
    edits: tuple = ()  # (node, replacement) pairs that fix it
    applicability: str = "none"


@dataclass(frozen=True)
class Flow:
    """Data reaching a model: training, validation, evaluation or prediction."""

    role: str  # "train", "validation", "evaluate", "predict"
    model: Model
    images: Value
    labels: Value
    node: cst.Call
    receiver: cst.BaseExpression
    source: Value | None = None  # what was passed: an array, a generator, a dataset


def join(a: Value, b: Value) -> Value:
    """What is known of a value that is `a` on one path and `b` on another."""
    if a is b or a == b:
        return a
    if isinstance(a, ImageArray) and isinstance(b, ImageArray):
        return _join_fields(a, b)
    if isinstance(a, Labels) and isinstance(b, Labels):
        return _join_fields(a, b)
    if isinstance(a, ListVal) and isinstance(b, ListVal):
        joined = ListVal()
        for side in (a.elem, b.elem):
            if side is not None:
                joined.add(side)
        return joined
    if isinstance(a, Scalar) and isinstance(b, Scalar | Const):
        return a if _kind(b) == a.kind else UNKNOWN
    if isinstance(a, Const) and isinstance(b, Scalar):
        return join(b, a)
    if isinstance(a, Const) and isinstance(b, Const) and _kind(a) == _kind(b):
        return Scalar(_kind(a)) if _kind(a) else UNKNOWN
    return UNKNOWN


def _kind(value: Value) -> str | None:
    if isinstance(value, Scalar):
        return value.kind
    if isinstance(value, Const):
        if isinstance(value.value, bool):
            return None
        if isinstance(value.value, int):
            return "int"
        if isinstance(value.value, float):
            return "float"
        if isinstance(value.value, str):
            return "str"
    return None


def _join_fields(a, b):
    changes = {}
    for item in fields(a):
        left, right = getattr(a, item.name), getattr(b, item.name)
        if item.name.endswith("_node") or item.name == "node":
            continue
        if left != right:
            changes[item.name] = None if item.name != "batched" else left
    return replace(a, **changes)
