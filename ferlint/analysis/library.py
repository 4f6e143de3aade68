"""What data APIs do to images and labels: numpy, cv2, PIL, pandas, sklearn,
keras image utilities, ImageDataGenerator and tf.data.

Each handler takes the interpreter and an evaluated call, and returns the
abstract value of the result. A handler that cannot tell returns UNKNOWN.
"""

from __future__ import annotations

import libcst as cst

from ferlint.analysis import values as v
from ferlint.analysis.apis import (
    COLOR_MODES,
    CV2_CONVERSIONS,
    CV2_IMREAD_FLAGS,
    DTYPES,
    INTEGER_DTYPES,
)
from ferlint.analysis.code import code, short
from ferlint.analysis.interpreter import CallSite, Interpreter
from ferlint.analysis.names import canonical

FUNCTIONS: dict = {}
METHODS: dict = {}


def function(*names):
    def register(handler):
        for name in names:
            FUNCTIONS[name] = handler
        return handler

    return register


def method(kinds, *names):
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)

    def register(handler):
        for kind in kinds:
            for name in names:
                METHODS[(kind, name)] = handler
        return handler

    return register


# -- helpers -------------------------------------------------------------------


def dtype_of(value: v.Value | None) -> str | None:
    if isinstance(value, v.Const) and isinstance(value.value, str):
        return DTYPES.get(value.value)
    if isinstance(value, v.Ref):
        name = canonical(value.qualified).split(".")[-1]
        return DTYPES.get(name)
    return None


def int_or_none(value: v.Value | None) -> int | None:
    if isinstance(value, v.Const) and isinstance(value.value, int):
        if not isinstance(value.value, bool):
            return value.value
    return None


def size_pair(value: v.Value | None) -> tuple[int | None, int | None] | None:
    """A two-number size such as (48, 48) or [IMG, IMG]."""
    if isinstance(value, v.Const) and isinstance(value.value, tuple | list):
        items = [v.Const(item) for item in value.value]
    elif isinstance(value, v.TupleVal):
        items = list(value.items)
    elif isinstance(value, v.ListVal) and value.items is not None:
        items = value.items
    else:
        return None
    if len(items) != 2:
        return None
    return int_or_none(items[0]), int_or_none(items[1])


def shape_tuple(value: v.Value | None) -> tuple[int | None, ...] | None:
    if isinstance(value, v.Const) and isinstance(value.value, tuple | list):
        if all(isinstance(i, int) or i is None for i in value.value):
            return tuple(value.value)
        return None
    if isinstance(value, v.TupleVal):
        return tuple(int_or_none(item) for item in value.items)
    if isinstance(value, v.ListVal) and value.items is not None:
        return tuple(int_or_none(item) for item in value.items)
    return None


def as_labels(value: v.Value, node: cst.CSTNode | None = None) -> v.Labels | None:
    """Read a value as class labels, when it clearly is some."""
    if isinstance(value, v.Labels):
        return value
    if isinstance(value, v.Column) and not value.holds_pixels:
        name = f"the column {value.name!r}" if value.name else "a pandas column"
        return v.Labels(
            "sparse", source=f"{name}, one integer per image", node=value.node
        )
    if isinstance(value, v.ListVal) and _is_int(value.elem):
        return v.Labels("sparse", source="a list of integer class indices", node=node)
    return None


def _is_int(value: v.Value | None) -> bool:
    if isinstance(value, v.Scalar):
        return value.kind == "int"
    return isinstance(value, v.Const) and type(value.value) is int


def _call_name(site: CallSite) -> str:
    return code(site.node.func)


def source_text(node: cst.CSTNode | None, limit: int = 50) -> str:
    return short(node, limit) if node is not None else ""


# -- builtins ------------------------------------------------------------------


@function("builtins.len")
def _len(interp: Interpreter, site: CallSite) -> v.Value:
    items = interp.items_of(site.get(0) or v.UNKNOWN)
    return v.Const(len(items)) if items is not None else v.Scalar("int")


@function("builtins.int", "builtins.round")
def _int(interp: Interpreter, site: CallSite) -> v.Value:
    value = site.get(0)
    if isinstance(value, v.PixelText):
        return v.PixelNumber("int64")
    if isinstance(value, v.Const) and isinstance(value.value, int | float | str):
        try:
            return v.Const(int(value.value))
        except ValueError:
            return v.Scalar("int")
    return v.Scalar("int")


@function("builtins.float")
def _float(interp: Interpreter, site: CallSite) -> v.Value:
    if isinstance(site.get(0), v.PixelText):
        return v.PixelNumber("float64")
    return v.Scalar("float")


@function("builtins.str")
def _str(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Scalar("str")


@function("builtins.list", "builtins.sorted", "builtins.tuple", "builtins.reversed")
def _list(interp: Interpreter, site: CallSite) -> v.Value:
    value = site.get(0)
    if value is None:
        return v.ListVal()
    if isinstance(value, v.Const) and isinstance(value.value, tuple | list):
        return v.Const(list(value.value))
    items = interp.items_of(value)
    if items is not None:
        return v.ListVal(items=items)
    return v.ListVal(elem=interp.element_of(value))


@function("builtins.map")
def _map(interp: Interpreter, site: CallSite) -> v.Value:
    if len(site.args) < 2:
        return v.UNKNOWN
    element = interp.element_of(site.args[1])
    inner = CallSite(site.node, [element], {}, [], {})
    return v.ListVal(elem=interp.call(site.args[0], inner))


@function("builtins.range")
def _range(interp: Interpreter, site: CallSite) -> v.Value:
    return v.ListVal(elem=v.Scalar("int"))


@function("builtins.enumerate")
def _enumerate(interp: Interpreter, site: CallSite) -> v.Value:
    element = interp.element_of(site.get(0) or v.UNKNOWN)
    return v.ListVal(elem=v.TupleVal((v.Scalar("int"), element)))


@function("builtins.zip")
def _zip(interp: Interpreter, site: CallSite) -> v.Value:
    return v.ListVal(elem=v.TupleVal(tuple(interp.element_of(a) for a in site.args)))


@function("os.listdir", "glob.glob", "os.scandir")
def _paths(interp: Interpreter, site: CallSite) -> v.Value:
    return v.ListVal(elem=v.Scalar("str"))


@function("os.path.join", "os.path.basename", "os.path.splitext")
def _path_string(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Scalar("str")


@method(v.ListVal, "append")
def _append(interp: Interpreter, receiver: v.ListVal, site: CallSite) -> v.Value:
    if site.args:
        receiver.add(site.args[0])
    return v.Const(None)


@method(v.ListVal, "extend")
def _extend(interp: Interpreter, receiver: v.ListVal, site: CallSite) -> v.Value:
    if site.args:
        receiver.add(interp.element_of(site.args[0]))
    return v.Const(None)


@method((v.ListVal, v.Const), "index", "count")
def _list_index(interp: Interpreter, receiver, site: CallSite) -> v.Value:
    return v.Scalar("int")


@method(v.DictVal, "get")
def _dict_get(interp: Interpreter, receiver: v.DictVal, site: CallSite) -> v.Value:
    return _dict_value(receiver)


def _dict_value(receiver: v.DictVal) -> v.Value:
    if not receiver.values:
        return v.UNKNOWN
    result = receiver.values[0]
    for value in receiver.values[1:]:
        result = v.join(result, value)
    return result


# -- results thrown away --------------------------------------------------------

# Functions that return a new image and leave their input alone.
_PURE_FUNCTIONS = frozenset(
    {
        "cv2.resize",
        "cv2.cvtColor",
        "cv2.normalize",
        "cv2.equalizeHist",
        "cv2.GaussianBlur",
        "cv2.medianBlur",
        "cv2.flip",
        "numpy.expand_dims",
        "numpy.reshape",
        "numpy.squeeze",
        "numpy.clip",
        "tensorflow.image.resize",
        "tensorflow.cast",
        "tensorflow.image.convert_image_dtype",
        "tensorflow.image.rgb_to_grayscale",
        "tensorflow.image.grayscale_to_rgb",
    }
)
_PURE_METHODS = frozenset({"astype", "reshape", "copy", "squeeze"})
# The position of the optional output array (`dst`) of cv2 functions.
_CV2_DESTINATION = {
    "cv2.resize": 2,
    "cv2.cvtColor": 2,
    "cv2.normalize": 1,
    "cv2.equalizeHist": 1,
    "cv2.GaussianBlur": 3,
    "cv2.medianBlur": 2,
    "cv2.flip": 2,
}


def discarded(interp: Interpreter, callee, site: CallSite | None, expression=None):
    """Record FER018 when an image operation's result is thrown away."""
    if expression is not None:
        _discard(interp, expression, f"`{source_text(expression)}`", "its result")
        return
    if isinstance(callee, v.BoundMethod) and isinstance(callee.receiver, v.ImageArray):
        if callee.name in _PURE_METHODS and not callee.receiver.pil:
            _discard(interp, site.node, f"`.{callee.name}()`", "a new array")
        return
    if not isinstance(callee, v.Ref) or not isinstance(site.get(0), v.ImageArray):
        return
    name = canonical(callee.qualified)
    if name not in _PURE_FUNCTIONS or _writes_in_place(name, site):
        return
    _discard(interp, site.node, f"`{name.replace('numpy.', 'np.')}`", "a new array")


def _writes_in_place(name: str, site: CallSite) -> bool:
    """cv2 writes into `dst` when one is given and no new type is asked for;
    numpy into `out=`."""
    if "out" in site.kwargs:
        return True
    position = _CV2_DESTINATION.get(name)
    if position is None:
        return False
    destination = site.get(position, "dst")
    if destination is None or destination == v.Const(None):
        return False
    if name == "cv2.normalize":
        return site.get(5, "dtype") in (None, v.Const(-1))
    return True


def _discard(interp: Interpreter, node, what: str, returns: str) -> None:
    target = _assignee(node)
    text = code(node)
    edits = ((node, f"{target} = {text}"),) if target else ()
    interp.result.events.append(
        v.Event(
            "FER018",
            node,
            f"{what} returns {returns} and leaves the image it is given unchanged, "
            f"but the result is thrown away (`{source_text(node)}`), so this step "
            "never happens.",
            f"assign the result: {target or 'img'} = " + source_text(node, 70),
            edits=edits,
            applicability="unsafe" if edits else "none",
        )
    )


def _assignee(node) -> str | None:
    """The variable the discarded result was meant for: the image it was given."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.left, cst.Name):
        return node.left.value
    if not isinstance(node, cst.Call):
        return None
    method = (
        isinstance(node.func, cst.Attribute) and node.func.attr.value in _PURE_METHODS
    )
    if method and isinstance(node.func.value, cst.Name):
        return node.func.value.value
    if (
        node.args
        and node.args[0].keyword is None
        and isinstance(node.args[0].value, cst.Name)
    ):
        return node.args[0].value.value
    return None


# -- strings and FER2013 pixel text --------------------------------------------


@method(v.PixelText, "split")
def _pixel_split(interp: Interpreter, receiver: v.PixelText, site: CallSite) -> v.Value:
    return v.PixelText(receiver.node, split=True, known=receiver.known)


@method((v.Value, v.Scalar), "split")
def _text_split(interp: Interpreter, receiver: v.Value, site: CallSite) -> v.Value:
    """Text of unknown origin split apart: maybe numbers, of unknown meaning."""
    if isinstance(receiver, v.Scalar) and receiver.kind != "str":
        return v.UNKNOWN
    return v.PixelText(site.node, split=True, known=False)


@method(v.Column, "split")
def _row_item_split(interp: Interpreter, receiver: v.Column, site: CallSite) -> v.Value:
    if not receiver.holds_pixels:
        return v.UNKNOWN
    return v.PixelText(receiver.node, split=True)


@method(v.PixelText, "strip")
def _pixel_strip(interp: Interpreter, receiver: v.PixelText, site: CallSite) -> v.Value:
    return receiver


def pixel_vector(
    node: cst.CSTNode, dtype: str | None, dtype_node, known: bool = True
) -> v.ImageArray:
    if not known:
        return v.ImageArray(
            dims=(None,), dtype=dtype, dtype_node=dtype_node or node, built_node=node
        )
    return v.ImageArray(
        dims=(None,),
        channels=1,
        channel_source="FER2013 pixel strings hold one gray channel",
        order="gray",
        dtype=dtype,
        value_range="0-255",
        loader="FER2013 pixel strings",
        loader_node=node,
        channel_node=node,
        order_node=node,
        dtype_node=dtype_node or node,
        range_node=node,
        built_node=node,
    )


# -- pandas --------------------------------------------------------------------


@function("pandas.read_csv", "pandas.DataFrame", "pandas.read_excel", "pandas.concat")
def _frame(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Frame()


@method(
    v.Frame,
    "dropna",
    "sample",
    "reset_index",
    "query",
    "copy",
    "head",
    "tail",
    "sort_values",
    "drop",
    ".loc",
    ".iloc",
)
def _frame_same(interp: Interpreter, receiver: v.Frame, site: CallSite) -> v.Value:
    return receiver


@method(v.Frame, "iterrows")
def _iterrows(interp: Interpreter, receiver: v.Frame, site: CallSite) -> v.Value:
    return v.ListVal(elem=v.TupleVal((v.Scalar("int"), v.Row())))


@method(v.Frame, "itertuples")
def _itertuples(interp: Interpreter, receiver: v.Frame, site: CallSite) -> v.Value:
    return v.ListVal(elem=v.Row())


@method(v.Row, ".*")
def _row_attribute(interp: Interpreter, row: v.Row, site: CallSite) -> v.Value:
    name = site.node.attr.value
    return v.PixelText(site.node) if "pixel" in name.lower() else v.UNKNOWN


_FRAME_ATTRIBUTES = frozenset(
    {"shape", "columns", "index", "dtypes", "size", "T", "values", "apply", "groupby"}
)


@method(v.Frame, ".*")
def _frame_column(interp: Interpreter, frame: v.Frame, site: CallSite) -> v.Value:
    """`frame.pixels` is the column named pixels."""
    name = site.node.attr.value
    if name in _FRAME_ATTRIBUTES or name.startswith("_"):
        return v.UNKNOWN
    return v.Column(name, site.node)


@method(v.Column, ".values", "to_numpy", "tolist", "astype", "copy", "dropna")
def _column_same(interp: Interpreter, receiver: v.Column, site: CallSite) -> v.Value:
    return receiver


@method(v.Column, "apply", "map")
def _column_apply(interp: Interpreter, receiver: v.Column, site: CallSite) -> v.Value:
    if not site.args:
        return v.UNKNOWN
    element = interp.element_of(receiver)
    result = interp.call(site.args[0], CallSite(site.node, [element], {}, [], {}))
    if isinstance(result, v.ImageArray):
        return v.ListVal(elem=result)
    return v.UNKNOWN


# -- numpy ---------------------------------------------------------------------


@function(
    "numpy.array", "numpy.asarray", "numpy.asfarray", "numpy.stack", "numpy.vstack"
)
def _np_array(interp: Interpreter, site: CallSite) -> v.Value:
    value = site.get(0)
    if value is None:
        return v.UNKNOWN
    name = canonical_name(site)
    dtype = dtype_of(site.get(1 if name.endswith("array") else None, "dtype"))
    if name == "numpy.asfarray":
        dtype = dtype or "float64"
    dtype_node = site.node_of(1, "dtype") if dtype else None
    return _array_from(interp, value, site.node, dtype, dtype_node, name, site)


def canonical_name(site: CallSite) -> str:
    text = _call_name(site)
    return "numpy." + text.split(".")[-1]


def _array_from(interp, value, node, dtype, dtype_node, name, site) -> v.Value:
    if isinstance(value, v.ImageArray):
        if name.endswith("stack") and not value.batched:
            return v.UNKNOWN
        changes = {"pil": False, "built_node": node}
        if value.pil:
            changes.update(_pil_to_array(value))
        if dtype:
            value = cast(interp, value, dtype, dtype_node or node)
        return value.but(**changes)
    if isinstance(value, v.Column):
        return value
    if isinstance(value, v.Labels):
        return value
    if isinstance(value, v.PixelText) and value.split:
        return (
            pixel_vector(node, dtype, dtype_node, value.known) if dtype else v.UNKNOWN
        )
    if isinstance(value, v.ListVal):
        return _array_from_list(interp, value, node, dtype, dtype_node, name, site)
    return v.UNKNOWN


def _array_from_list(interp, value: v.ListVal, node, dtype, dtype_node, name, site):
    element = interp.element_of(value)
    if isinstance(element, v.PixelNumber):
        return pixel_vector(node, dtype or element.dtype, dtype_node)
    if isinstance(element, v.PixelText) and element.split and dtype is not None:
        vector = pixel_vector(node, dtype, dtype_node, element.known)
        return _batch_of(vector, node, None, None, 0, name)
    if isinstance(element, v.ImageArray):
        axis = site.const(1, "axis", 0) if name.endswith("stack") else 0
        return _batch_of(element, node, dtype, dtype_node, axis, name)
    number = interp.element_of(element) if isinstance(element, v.ListVal) else None
    if isinstance(number, v.PixelNumber):
        vector = pixel_vector(node, dtype or number.dtype, dtype_node)
        return _batch_of(vector, node, None, None, 0, name)
    labels = as_labels(value, node)
    if labels is not None:
        return labels
    return v.UNKNOWN


def _batch_of(element: v.ImageArray, node, dtype, dtype_node, axis, name) -> v.Value:
    if element.batched and axis not in (0, None):
        return _stack_channels(element, node, axis)
    if element.batched:
        if name.endswith("vstack") or name.endswith("concatenate"):
            return element.but(built_node=node, **_dtype_change(dtype, dtype_node))
        return v.UNKNOWN
    if element.pil:
        element = element.but(pil=False, **_pil_to_array(element))
    if axis not in (0, None):
        return _stack_channels(element, node, axis)
    dims = None if element.dims is None else (None, *element.dims)
    return element.but(
        dims=dims,
        batched=True,
        built_node=node,
        hw=element.spatial,
        **_dtype_change(dtype, dtype_node),
    )


def _dtype_change(dtype, dtype_node) -> dict:
    return {"dtype": dtype, "dtype_node": dtype_node} if dtype else {}


def _stack_channels(element: v.ImageArray, node, axis) -> v.Value:
    """np.stack([gray] * 3, axis=-1): a gray image repeated into channels."""
    if element.dims is None or element.has_channel_axis is not False:
        return v.UNKNOWN
    if axis not in (-1, len(element.dims)):
        return v.UNKNOWN
    return element.but(dims=(*element.dims, 3), channels=3, channel_node=node)


@function("numpy.concatenate")
def _np_concatenate(interp: Interpreter, site: CallSite) -> v.Value:
    parts = site.get(0)
    element = interp.element_of(parts) if parts is not None else v.UNKNOWN
    if not isinstance(element, v.ImageArray):
        return element if isinstance(element, v.Labels) else v.UNKNOWN
    axis = site.const(1, "axis", 0)
    if axis == 0 and element.batched:
        return element
    count = len(interp.items_of(parts) or [])
    if axis in (-1, 3) and element.has_channel_axis and count == 3:
        dims = (*element.dims[:-1], 3)
        return element.but(dims=dims, channels=3, channel_node=site.node)
    return v.UNKNOWN


@function("numpy.dstack")
def _np_dstack(interp: Interpreter, site: CallSite) -> v.Value:
    element = interp.element_of(site.get(0) or v.UNKNOWN)
    count = len(interp.items_of(site.get(0) or v.UNKNOWN) or [])
    if isinstance(element, v.ImageArray) and count == 3 and element.dims is not None:
        if len(element.dims) == 2:
            return element.but(
                dims=(*element.dims, 3), channels=3, channel_node=site.node
            )
    return v.UNKNOWN


@function("numpy.repeat", "numpy.tile")
def _np_repeat(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0)
    if not isinstance(images, v.ImageArray) or images.dims is None:
        return v.UNKNOWN
    if canonical_name(site) == "numpy.repeat":
        count, axis = site.const(1, "repeats"), site.const(2, "axis")
        last = (-1, len(images.dims) - 1)
        if (
            count == 3
            and axis in last
            and images.has_channel_axis
            and images.dims[-1] == 1
        ):
            return images.but(
                dims=(*images.dims[:-1], 3), channels=3, channel_node=site.node
            )
    return v.UNKNOWN


@function("numpy.expand_dims")
def _np_expand_dims(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0)
    if not isinstance(images, v.ImageArray):
        return v.UNKNOWN
    return expand_dims(images, site.const(1, "axis"), site.node)


def expand_dims(images: v.ImageArray, axis, node) -> v.Value:
    if images.dims is None:
        return v.UNKNOWN
    rank = len(images.dims)
    if axis in (-1, rank):
        return images.but(dims=(*images.dims, 1), built_node=node)
    if axis == 0:
        return images.but(dims=(1, *images.dims), batched=True, built_node=node)
    return v.UNKNOWN


@function("numpy.reshape")
def _np_reshape(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0)
    if not isinstance(images, v.ImageArray):
        return v.UNKNOWN
    shape = site.get(1, "newshape") or site.get(1, "shape")
    return reshape(interp, images, [shape] if shape is not None else [], site.node)


def reshape(interp: Interpreter, images: v.ImageArray, args: list, node) -> v.Value:
    if len(args) == 1:
        items = interp.items_of(args[0])
        args = items if items is not None else args
    if len(args) < 2:
        return v.UNKNOWN
    dims: list[int | None] = []
    for index, item in enumerate(args):
        number = int_or_none(item)
        if number is None or (number == -1 and index == 0):
            if index != 0:
                return v.UNKNOWN
            dims.append(None)
        else:
            dims.append(number)
    if -1 in dims:
        return v.UNKNOWN
    return _reshaped(images, tuple(dims), node)


def _reshaped(images: v.ImageArray, dims: tuple, node) -> v.Value:
    batched = len(dims) == 4 or (
        len(dims) == 3
        and dims[0] is None
        and (images.batched or dims[2] not in (1, 3, 4))
    )
    if len(dims) == 3 and images.batched and dims[0] is not None:
        batched = dims[-1] not in (1, 3) and images.channels in (1, None)
        batched = batched and images.dims is not None and len(images.dims) == 2
    sample = dims[1:] if batched else dims
    if len(sample) == 3:
        channels = sample[2]
        if channels not in (1, 3, 4):
            return v.UNKNOWN
    elif len(sample) == 2:
        channels = images.channels if images.channels == 1 else None
    else:
        return v.UNKNOWN
    return images.but(
        dims=dims,
        batched=batched,
        channels=channels,
        hw=(sample[0], sample[1]),
        built_node=node,
        size_source=images.size_source or source_text(node),
        size_node=images.size_node or node,
        size_restated=images.size_node is not None,
        size_api=images.size_api or "reshape",
        size_width_first=images.size_width_first,
    )


@function("numpy.zeros", "numpy.empty", "numpy.ones")
def _np_zeros(interp: Interpreter, site: CallSite) -> v.Value:
    dims = shape_tuple(site.get(0, "shape"))
    if dims is None or len(dims) not in (3, 4):
        return v.UNKNOWN
    batched = len(dims) == 4 or dims[-1] not in (1, 3)
    sample = dims[1:] if batched else dims
    dtype = dtype_of(site.get(1, "dtype")) or "float64"
    channels = sample[2] if len(sample) == 3 else None
    return v.ImageArray(
        dims=dims,
        batched=batched,
        channels=channels,
        dtype=dtype,
        dtype_node=site.node_of(1, "dtype") or site.node,
        built_node=site.node,
        hw=(sample[0], sample[1]),
        size_node=site.node_of(0, "shape"),
        size_api="numpy.zeros",
    )


@function("numpy.load")
def _np_load(interp: Interpreter, site: CallSite) -> v.Value:
    """An array saved earlier: nothing is known of it until the script says."""
    return v.ImageArray(loader="np.load", loader_node=site.node, built_node=site.node)


@method(v.Labels, ".values", "to_numpy", "astype", "copy")
def _labels_same(interp: Interpreter, labels: v.Labels, site: CallSite) -> v.Value:
    return labels


@function("numpy.fromstring", "numpy.frombuffer")
def _np_fromstring(interp: Interpreter, site: CallSite) -> v.Value:
    text = site.get(0)
    pixels = isinstance(text, v.Column) and text.holds_pixels
    if not isinstance(text, v.PixelText) and not pixels:
        return v.UNKNOWN
    dtype = dtype_of(site.get(1, "dtype")) or "float64"
    known = text.known if isinstance(text, v.PixelText) else True
    return pixel_vector(site.node, dtype, site.node_of(1, "dtype"), known)


@function("numpy.argmax")
def _np_argmax(interp: Interpreter, site: CallSite) -> v.Value:
    labels = site.get(0)
    count = labels.num_classes if isinstance(labels, v.Labels) else None
    if site.const(1, "axis") in (1, -1):
        return v.Labels("sparse", count, "np.argmax over the class axis", site.node)
    return v.UNKNOWN


@function("numpy.float32", "numpy.uint8", "numpy.float64", "numpy.int32", "numpy.int64")
def _np_cast(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0)
    if isinstance(images, v.ImageArray):
        return cast(interp, images, canonical_name(site).split(".")[-1], site.node)
    return v.UNKNOWN


@function("numpy.resize")
def _np_resize(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "a")
    if isinstance(images, v.ImageArray):
        interp.result.events.append(
            v.Event(
                "FER017",
                site.node,
                f"`{source_text(site.node)}` does not resize an image: np.resize "
                "repeats or cuts the pixel buffer to fill the new shape, so the "
                "picture is scrambled, not scaled.",
                "use cv2.resize(img, (width, height)) or tf.image.resize",
            )
        )
    return v.UNKNOWN


@function("numpy.squeeze")
def _np_squeeze(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0)
    if isinstance(images, v.ImageArray) and images.dims and images.dims[-1] == 1:
        if site.const(1, "axis") in (-1, len(images.dims) - 1):
            return images.but(dims=images.dims[:-1])
    return v.UNKNOWN


@function("numpy.clip")
def _np_clip(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0)
    return images if isinstance(images, v.ImageArray) else v.UNKNOWN


# -- array methods -------------------------------------------------------------


@method(v.ImageArray, "astype")
def _astype(interp: Interpreter, images: v.ImageArray, site: CallSite) -> v.Value:
    dtype = dtype_of(site.get(0, "dtype"))
    built = site.node if images.built_node is not None else None
    return cast(interp, images, dtype, site.node).but(built_node=built)


_SMALL_RANGES = {
    "0-1": "0..1",
    "0-2": "0..2",
    "scaled": "a small range",
    "-1-1": "-1..1",
}


def cast(interp: Interpreter, images: v.ImageArray, dtype, node) -> v.ImageArray:
    """`astype(dtype)`: an integer type truncates pixels already scaled down."""
    if dtype in INTEGER_DTYPES and images.value_range in _SMALL_RANGES:
        interp.result.events.append(_truncated(images, dtype, node))
        return images.but(
            dtype=dtype, dtype_node=node, value_range=None, range_node=node
        )
    return images.but(dtype=dtype, dtype_node=node)


def _truncated(images: v.ImageArray, dtype: str, node) -> v.Event:
    scaled = images.range_node
    related = ((scaled, "the values are scaled down here"),) if scaled else ()
    return v.Event(
        "FER019",
        node,
        f"Pixel values already scaled to {_SMALL_RANGES[images.value_range]} are "
        f"cast to {dtype} (`{source_text(node)}`): the cast truncates them to 0 "
        "(and 1), so the model trains on almost blank images.",
        "cast to float32 instead, or cast before scaling",
        related,
    )


@method(v.ImageArray, "reshape")
def _reshape_method(
    interp: Interpreter, images: v.ImageArray, site: CallSite
) -> v.Value:
    args = list(site.args) or ([site.kwargs["shape"]] if "shape" in site.kwargs else [])
    return reshape(interp, images, args, site.node)


@method(v.ImageArray, "copy", "squeeze")
def _array_same(interp: Interpreter, images: v.ImageArray, site: CallSite) -> v.Value:
    if site.node.func.attr.value == "squeeze" and images.dims and images.dims[-1] == 1:
        return images.but(dims=images.dims[:-1])
    return images


@method(v.ImageArray, ".shape")
def _shape(interp: Interpreter, images: v.ImageArray, site: CallSite) -> v.Value:
    if images.dims is None:
        return v.UNKNOWN
    dims = tuple(v.Const(d) if d is not None else v.Scalar("int") for d in images.dims)
    if all(isinstance(d, v.Const) for d in dims):
        return v.Const(tuple(d.value for d in dims))
    return v.TupleVal(dims)


@method(v.ImageArray, "mean", "std", "max", "min")
def _statistic(interp: Interpreter, images: v.ImageArray, site: CallSite) -> v.Value:
    return v.Statistic(images.built_node)


@function("numpy.mean", "numpy.std", "numpy.max", "numpy.min", "numpy.average")
def _np_statistic(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "a")
    if isinstance(images, v.ImageArray):
        return v.Statistic(images.built_node)
    return v.UNKNOWN


@method(v.ImageArray, "flatten", "ravel", "transpose", "tolist")
def _flattened(interp: Interpreter, images: v.ImageArray, site: CallSite) -> v.Value:
    return v.UNKNOWN


def image_arithmetic(operator: str, images: v.ImageArray, other, node) -> v.Value:
    """`images / 255.0`, `images * (1 / 255)`, `(images - mean) / std` ..."""
    if isinstance(other, v.Statistic):
        return _standardized(images, other, node)
    number = other.value if isinstance(other, v.Const) else None
    if isinstance(number, bool) or not isinstance(number, int | float | type(None)):
        return v.UNKNOWN
    if operator in ("Divide", "Multiply"):
        factor = None
        if number not in (None, 0):
            factor = 1 / number if operator == "Divide" else number
        return _scaled(images, factor, other, node)
    if operator in ("Subtract", "Add"):
        return images.but(
            value_range=_shifted_range(images.value_range, operator, number),
            range_node=node,
            dtype=_arithmetic_dtype(images.dtype, other),
            dtype_node=node if images.dtype in INTEGER_DTYPES else images.dtype_node,
        )
    return v.UNKNOWN


def _standardized(images: v.ImageArray, statistic: v.Statistic, node) -> v.Value:
    """`x - x.mean()`, `x / np.std(x_train)`: standardized with whose statistics."""
    dtype = "float64" if images.dtype in INTEGER_DTYPES else images.dtype
    return images.but(
        value_range="standardized",
        range_node=node,
        dtype=dtype,
        dtype_node=node if dtype != images.dtype else images.dtype_node,
        statistics_of=statistic.of,
    )


def _scaled(images: v.ImageArray, factor, other, node) -> v.Value:
    value_range = _scaled_range(images.value_range, factor)
    dtype = _arithmetic_dtype(images.dtype, other)
    scalings = images.scalings
    if is_unit_scale(factor) and images.value_range is not None:
        scalings = (*scalings, node)
    return images.but(
        value_range=value_range,
        range_node=node,
        dtype=dtype,
        dtype_node=node if dtype != images.dtype else images.dtype_node,
        scalings=scalings,
    )


def _shifted_range(value_range: str | None, operator: str, number) -> str | None:
    """The value range after adding or subtracting a constant (or an array)."""
    if value_range is None:
        return None
    shift = None if number is None else (number if operator == "Add" else -number)
    if value_range == "0-2" and shift is not None and _near(shift, -1):
        return "-1-1"
    if value_range == "0-255" and shift is not None and _near(shift, -127.5):
        return "-127.5-127.5"
    return "standardized"


def _near(value: float, target: float) -> bool:
    return abs(value - target) <= 1e-6 * max(1.0, abs(target))


def _scaled_range(value_range: str | None, factor) -> str | None:
    """The value range after multiplying by `factor` (None: by an unknown amount)."""
    if value_range is None:
        return None
    if factor is None:
        return "standardized"
    if factor == 1:
        return value_range
    if value_range == "0-255":
        if _near(factor, 1 / 255):
            return "0-1"
        if _near(factor, 1 / 127.5):
            return "0-2"
        return "scaled" if is_unit_scale(factor) else None
    if value_range == "0-1":
        if _near(factor, 255):
            return "0-255"
        if _near(factor, 2):
            return "0-2"
        return "scaled" if factor < 1 else None
    if value_range in ("-127.5-127.5",) and _near(factor, 1 / 127.5):
        return "-1-1"
    if value_range == "scaled" and factor < 1:
        return "scaled"
    return None


def is_unit_scale(factor) -> bool:
    """Whether multiplying by `factor` brings 0..255 pixels to about 0..1 or 0..2."""
    return isinstance(factor, int | float) and 0 < factor <= 1 / 100


def _arithmetic_dtype(dtype: str | None, other: v.Value) -> str | None:
    """numpy's result type for an array and a Python number or an array."""
    if dtype is None:
        return None
    if isinstance(other, v.Const) and isinstance(other.value, float):
        return "float64" if dtype in INTEGER_DTYPES else dtype
    if isinstance(other, v.Const) and isinstance(other.value, int):
        return dtype
    if isinstance(other, v.Scalar) and other.kind == "float":
        return "float64" if dtype in INTEGER_DTYPES else dtype
    return None


# -- subscripts ----------------------------------------------------------------


def subscript(
    interp: Interpreter, base: v.Value, node: cst.Subscript, scope
) -> v.Value:
    if isinstance(base, v.Row):
        key = _single_index(interp, node, scope)
        if (
            isinstance(key, v.Const)
            and isinstance(key.value, str)
            and "pixel" in key.value.lower()
        ):
            return v.PixelText(node)
        return v.UNKNOWN
    if isinstance(base, v.Frame | v.Column):
        return _frame_item(interp, base, node, scope)
    if isinstance(base, v.ImageArray):
        return _image_item(interp, base, node, scope)
    if isinstance(base, v.DictVal):
        key = _single_index(interp, node, scope)
        if (
            base.keys is not None
            and isinstance(key, v.Const)
            and key.value in base.keys
        ):
            return base.values[base.keys.index(key.value)]
        return _dict_value(base)
    items = interp.items_of(base)
    index = _single_index(interp, node, scope)
    if items is not None and isinstance(index, v.Const):
        if isinstance(index.value, int) and -len(items) <= index.value < len(items):
            return items[index.value]
    if isinstance(base, v.Const) and isinstance(base.value, tuple | list):
        sliced = _const_slice(base.value, node, interp, scope)
        if sliced is not None:
            return sliced
    if isinstance(base, v.ListVal):
        return base if _is_slice(node) else interp.element_of(base)
    if isinstance(base, v.Labels):
        return base
    return v.UNKNOWN


def _single_index(interp, node: cst.Subscript, scope) -> v.Value | None:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    return interp.eval(node.slice[0].slice.value, scope)


def _is_slice(node: cst.Subscript) -> bool:
    return len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice)


def _const_slice(values, node: cst.Subscript, interp, scope) -> v.Value | None:
    if not _is_slice(node):
        return None
    part = node.slice[0].slice
    bounds = []
    for bound in (part.lower, part.upper, part.step):
        value = interp.eval(bound, scope) if bound is not None else v.Const(None)
        if not isinstance(value, v.Const):
            return None
        bounds.append(value.value)
    try:
        return v.Const(type(values)(values[slice(*bounds)]))
    except (TypeError, ValueError):
        return None


def _frame_item(interp, base, node: cst.Subscript, scope) -> v.Value:
    index = _single_index(interp, node, scope)
    if (
        isinstance(base, v.Frame)
        and isinstance(index, v.Const)
        and isinstance(index.value, str)
    ):
        return v.Column(index.value, node)
    if isinstance(base, v.Column) and isinstance(index, v.Const | v.Scalar):
        return v.PixelText(node) if base.holds_pixels else v.UNKNOWN
    return base


def _image_item(interp, images: v.ImageArray, node: cst.Subscript, scope) -> v.Value:
    parts = [element.slice for element in node.slice]
    kinds = [_index_kind(interp, part, scope) for part in parts]
    if "newaxis" in kinds:
        return _new_axis(images, kinds, node)
    leading = kinds[:-1]
    if (
        kinds
        and kinds[-1] == "reverse"
        and (leading == ["ellipsis"] or all(k == "all" for k in leading))
    ):
        return _flip_channels(images, kinds, node)
    if len(kinds) == 1 and kinds[0] in ("slice", "array", "all") and images.batched:
        return images
    if len(kinds) == 1 and kinds[0] == "int" and images.batched:
        dims = images.dims[1:] if images.dims is not None else None
        return images.but(dims=dims, batched=False)
    if not images.batched and kinds[:2] in (["slice", "slice"], ["slice", "all"]):
        if len(kinds) == 2 or (len(kinds) == 3 and kinds[2] == "all"):
            return _cropped(images)
    return v.UNKNOWN


def _index_kind(interp, part, scope) -> str:
    if isinstance(part, cst.Slice):
        if part.lower is None and part.upper is None:
            if part.step is None:
                return "all"
            step = interp.eval(part.step, scope)
            return "reverse" if step == v.Const(-1) else "other"
        return "slice"
    value = part.value
    if isinstance(value, cst.Ellipsis):
        return "ellipsis"
    evaluated = interp.eval(value, scope)
    if evaluated == v.Const(None) or evaluated == v.Ref("numpy.newaxis"):
        return "newaxis"
    if (
        isinstance(evaluated, v.Ref)
        and canonical(evaluated.qualified) == "numpy.newaxis"
    ):
        return "newaxis"
    if isinstance(evaluated, v.Scalar | v.Const) and not isinstance(
        getattr(evaluated, "value", 0), tuple | list
    ):
        return "int"
    return "array"


def _new_axis(images: v.ImageArray, kinds: list[str], node) -> v.Value:
    if images.dims is None:
        return v.UNKNOWN
    rank = len(images.dims)
    trailing = kinds[-1] == "newaxis" and (
        kinds[:-1] == ["ellipsis"] or kinds[:-1] == ["all"] * rank
    )
    if trailing:
        return images.but(dims=(*images.dims, 1), built_node=node)
    leading = kinds[0] == "newaxis" and (
        kinds[1:] in (["ellipsis"], []) or kinds[1:] == ["all"] * rank
    )
    if leading and not images.batched:
        return images.but(dims=(1, *images.dims), batched=True)
    return v.UNKNOWN


def _flip_channels(images: v.ImageArray, kinds, node) -> v.Value:
    on_channels = kinds[0] == "ellipsis" or (
        images.dims is not None and len(kinds) == len(images.dims)
    )
    if not on_channels or images.channels != 3:
        return v.UNKNOWN
    flipped = {"bgr": "rgb", "rgb": "bgr"}.get(images.order or "", images.order)
    return images.but(order=flipped, order_node=node)


def _cropped(images: v.ImageArray) -> v.ImageArray:
    dims = None
    if images.dims is not None:
        dims = (None, None, *images.dims[2:])
    return images.but(dims=dims, hw=None, size_node=None, size_api=None)


# -- cv2 -----------------------------------------------------------------------


@function("cv2.imread")
def _cv2_imread(interp: Interpreter, site: CallSite) -> v.Value:
    flag = site.get(1, "flags")
    if flag is None:
        channels = 3
    elif isinstance(flag, v.Const):
        channels = CV2_IMREAD_FLAGS.get(flag.value, None)
    elif isinstance(flag, v.Ref):
        channels = CV2_IMREAD_FLAGS.get(canonical(flag.qualified).split(".")[-1])
    else:
        channels = None
    if flag is not None and channels is None:
        return v.ImageArray(dtype="uint8", value_range="0-255", loader="cv2.imread")
    order = "bgr" if channels == 3 else "gray"
    channel_node = site.node_of(1, "flags") or site.node
    return v.ImageArray(
        channel_source=source_text(site.node),
        dims=(None, None, 3) if channels == 3 else (None, None),
        channels=channels,
        order=order,
        dtype="uint8",
        value_range="0-255",
        loader="cv2.imread",
        loader_node=site.node,
        channel_node=channel_node,
        order_node=site.node,
        dtype_node=site.node,
        range_node=site.node,
        built_node=site.node,
    )


@function("cv2.VideoCapture")
def _video_capture(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Instance("cv2.VideoCapture", site.node)


@method(v.Instance, "read")
def _read_frame(interp: Interpreter, camera: v.Instance, site: CallSite) -> v.Value:
    """`ok, frame = camera.read()`: a BGR frame of unknown size."""
    if camera.qualified != "cv2.VideoCapture":
        return v.UNKNOWN
    frame = v.ImageArray(
        dims=(None, None, 3),
        channels=3,
        order="bgr",
        dtype="uint8",
        value_range="0-255",
        loader="cv2.VideoCapture.read",
        loader_node=site.node,
        channel_node=site.node,
        order_node=site.node,
        range_node=site.node,
        dtype_node=site.node,
        built_node=site.node,
        channel_source="cv2.VideoCapture frames (BGR colour)",
    )
    return v.TupleVal((v.Scalar("bool"), frame))


@function("cv2.resize")
def _cv2_resize(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "src")
    size = size_pair(site.get(1, "dsize"))
    if not isinstance(images, v.ImageArray) or size is None or None in size:
        return v.UNKNOWN
    if size == (0, 0):
        return v.UNKNOWN
    width, height = size
    result = resized(
        images, (height, width), site.node_of(1, "dsize"), "cv2.resize", True
    )
    return result.but(
        size_source=f"cv2.resize(..., {source_text(site.node_of(1, 'dsize'))})"
    )


def resized(images: v.ImageArray, hw, size_node, api: str, width_first: bool):
    dims = None
    if images.dims is not None and len(images.dims) in (2, 3) and not images.batched:
        dims = (*hw, *images.dims[2:])
    elif images.dims is not None and images.batched and len(images.dims) == 4:
        dims = (None, *hw, images.dims[3])
    return images.but(
        dims=dims,
        hw=hw,
        size_node=size_node,
        size_api=api,
        size_width_first=width_first,
    )


@function("cv2.cvtColor")
def _cv2_cvtcolor(interp: Interpreter, site: CallSite) -> v.Value:
    images, code = site.get(0, "src"), site.get(1, "code")
    if not isinstance(images, v.ImageArray) or not isinstance(code, v.Ref):
        return v.UNKNOWN
    conversion = CV2_CONVERSIONS.get(canonical(code.qualified).split(".")[-1])
    if conversion is None:
        return images.but(order=None, channels=None, dims=None)
    channels, order = conversion
    if order == "swap":
        order = {"bgr": "rgb", "rgb": "bgr"}.get(images.order or "")
    hw = images.spatial
    dims = (*hw, channels) if channels != 1 and hw else (hw if hw else None)
    if images.dims is None:
        dims = (None, None, channels) if channels != 1 else (None, None)
    return images.but(
        dims=dims,
        channels=channels,
        order=order,
        channel_node=site.node,
        order_node=site.node,
    )


@function(
    "cv2.equalizeHist", "cv2.GaussianBlur", "cv2.medianBlur", "cv2.flip", "cv2.blur"
)
def _cv2_same(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "src")
    return images if isinstance(images, v.ImageArray) else v.UNKNOWN


@function("cv2.merge")
def _cv2_merge(interp: Interpreter, site: CallSite) -> v.Value:
    parts = site.get(0)
    element = interp.element_of(parts) if parts is not None else v.UNKNOWN
    count = len(interp.items_of(parts) or [])
    if isinstance(element, v.ImageArray) and count == 3 and element.channels == 1:
        hw = element.spatial or (None, None)
        return element.but(dims=(*hw, 3), channels=3, channel_node=site.node)
    return v.UNKNOWN


# -- PIL -----------------------------------------------------------------------


@function("PIL.Image.open")
def _pil_open(interp: Interpreter, site: CallSite) -> v.Value:
    return v.ImageArray(
        pil=True,
        dtype="uint8",
        value_range="0-255",
        loader="PIL.Image.open",
        loader_node=site.node,
        order_node=site.node,
        range_node=site.node,
        dtype_node=site.node,
        built_node=site.node,
    )


@method(v.ImageArray, "convert")
def _pil_convert(interp: Interpreter, image: v.ImageArray, site: CallSite) -> v.Value:
    mode = site.const(0, "mode")
    if not image.pil:
        return v.UNKNOWN
    known = {"L": (1, "gray"), "RGB": (3, "rgb"), "RGBA": (4, "rgb")}
    if mode not in known:
        return image.but(channels=None, order=None)
    channels, order = known[mode]
    return image.but(
        channels=channels,
        order=order,
        channel_node=site.node,
        order_node=site.node,
        channel_source=f'.convert("{mode}")',
    )


@method(v.ImageArray, "resize")
def _resize_method(interp: Interpreter, image: v.ImageArray, site: CallSite) -> v.Value:
    if not image.pil:
        return v.UNKNOWN  # ndarray.resize works in place and returns None
    size = size_pair(site.get(0, "size"))
    if size is None or None in size:
        return image.but(hw=None, size_node=None)
    width, height = size
    result = resized(
        image, (height, width), site.node_of(0, "size"), "PIL resize", True
    )
    return result.but(size_source=f".resize({source_text(site.node_of(0, 'size'))})")


def _pil_to_array(image: v.ImageArray) -> dict:
    hw = image.hw or (None, None)
    if image.channels == 1:
        dims = hw
    elif image.channels in (3, 4):
        dims = (*hw, image.channels)
    else:
        dims = None
    return {"dims": dims, "hw": image.hw}


# -- keras image utilities -----------------------------------------------------


@function("keras.load_img")
def _load_img(interp: Interpreter, site: CallSite) -> v.Value:
    mode = site.const(None, "color_mode", "rgb")
    if site.const(1, "grayscale") is True:
        mode = "grayscale"
    channels, order = COLOR_MODES.get(mode, (None, None))
    target = size_pair(site.get(None, "target_size"))
    size_node = site.node_of(None, "target_size")
    return v.ImageArray(
        size_source=f"load_img(..., target_size={source_text(size_node)})",
        channel_source=f'load_img(..., color_mode="{mode}")',
        pil=True,
        channels=channels,
        order=order,
        dtype="uint8",
        value_range="0-255",
        hw=target if target and None not in target else None,
        loader="load_img",
        loader_node=site.node,
        size_node=site.node_of(None, "target_size"),
        size_api="load_img target_size",
        size_width_first=False,
        channel_node=site.node_of(None, "color_mode") or site.node,
        order_node=site.node,
        range_node=site.node,
        built_node=site.node,
    )


@function("keras.img_to_array")
def _img_to_array(interp: Interpreter, site: CallSite) -> v.Value:
    image = site.get(0, "img")
    if not isinstance(image, v.ImageArray):
        return v.UNKNOWN
    hw = image.hw or (None, None)
    dims = (*hw, image.channels) if image.channels else None
    return image.but(
        pil=False,
        dims=dims,
        dtype=dtype_of(site.get(None, "dtype")) or "float32",
        dtype_node=site.node,
        built_node=site.node,
    )


@function("keras.to_categorical")
def _to_categorical(interp: Interpreter, site: CallSite) -> v.Value:
    count = int_or_none(site.get(1, "num_classes"))
    return v.Labels("onehot", count, "to_categorical", site.node)


# -- sklearn -------------------------------------------------------------------


@function("sklearn.preprocessing.LabelEncoder")
def _label_encoder(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Instance("sklearn.preprocessing.LabelEncoder", site.node)


@function(
    "sklearn.preprocessing.LabelBinarizer",
    "sklearn.preprocessing.OneHotEncoder",
)
def _one_hot_encoder(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Instance("sklearn.preprocessing.OneHotEncoder", site.node)


@method(v.Instance, "fit_transform", "transform")
def _encode(interp: Interpreter, encoder: v.Instance, site: CallSite) -> v.Value:
    name = encoder.qualified.split(".")[-1]
    if name == "LabelEncoder":
        return v.Labels("sparse", None, "LabelEncoder", site.node)
    if name == "OneHotEncoder":
        return v.Labels("onehot", None, "a one-hot encoder", site.node)
    return v.UNKNOWN


@method(v.Instance, "fit")
def _fit_encoder(interp: Interpreter, encoder: v.Instance, site: CallSite) -> v.Value:
    return encoder


@function("sklearn.model_selection.train_test_split")
def _train_test_split(interp: Interpreter, site: CallSite) -> v.Value:
    halves: list[v.Value] = []
    for array in site.args:
        halves.extend((array, array))
    return v.TupleVal(tuple(halves))


@function("sklearn.utils.shuffle")
def _shuffle(interp: Interpreter, site: CallSite) -> v.Value:
    if len(site.args) == 1:
        return site.args[0]
    return v.TupleVal(tuple(site.args))


@function("pandas.get_dummies")
def _get_dummies(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Labels("onehot", None, "pd.get_dummies", site.node)
