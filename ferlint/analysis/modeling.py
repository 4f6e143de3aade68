"""What Keras does with models and their data: layers, Sequential and
functional models, backbones, compile, generators, datasets and the calls
that feed data to a model (fit, evaluate, predict).
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from ferlint.analysis import values as v
from ferlint.analysis.apis import BACKBONES, COLOR_MODES, LOSS_NAMES
from ferlint.analysis.code import code
from ferlint.analysis.interpreter import CallSite, Interpreter
from ferlint.analysis.library import (
    FUNCTIONS,
    METHODS,
    as_labels,
    function,
    int_or_none,
    is_unit_scale,
    method,
    resized,
    shape_tuple,
    size_pair,
    source_text,
)
from ferlint.analysis.names import canonical

# Keras names that look like layers (capitalized) but are something else.
_NOT_LAYERS = frozenset(
    {
        "keras.Sequential",
        "keras.Model",
        "keras.Input",
        "keras.ImageDataGenerator",
    }
)


def _keras_constructor(interp: Interpreter, site: CallSite, name: str) -> v.Value:
    short = name.split(".")[-1]
    if short in BACKBONES:
        return _backbone(site, short)
    if short in LOSS_NAMES:
        return _loss_object(site, LOSS_NAMES[short])
    if short[:1].isupper() and name not in _NOT_LAYERS:
        return _layer(site, name)
    return v.UNKNOWN


def _layer(site: CallSite, kind: str) -> v.Layer:
    units = int_or_none(site.get(0, "units")) if kind == "keras.Dense" else None
    activation = _activation_name(
        site.get(1 if kind == "keras.Dense" else None, "activation")
    )
    if kind == "keras.Activation":
        activation = _activation_name(site.get(0, "activation"))
    if kind == "keras.Softmax":
        activation = "softmax"
    scale = site.const(0, "scale") if kind == "keras.Rescaling" else None
    input_shape = shape_tuple(site.get(None, "input_shape"))
    if input_shape is None and site.get(None, "batch_input_shape") is not None:
        batch_shape = shape_tuple(site.get(None, "batch_input_shape"))
        input_shape = batch_shape[1:] if batch_shape else None
    if kind == "keras.InputLayer" and input_shape is None:
        input_shape = shape_tuple(site.get(0, "shape"))
    return v.Layer(
        kind,
        site.node,
        units=units,
        activation=activation,
        input_shape=input_shape,
        scale=scale if isinstance(scale, int | float) else None,
        legacy=_legacy_arguments(site, kind),
    )


# Keras 1 keyword arguments that Keras 2 renamed.
_KERAS1_KEYWORDS = {
    "border_mode": "padding",
    "subsample": "strides",
    "nb_filter": "filters",
    "nb_row": "kernel_size",
    "nb_col": "kernel_size",
    "init": "kernel_initializer",
    "W_regularizer": "kernel_regularizer",
    "dim_ordering": "data_format",
    "output_dim": "units",
}


def _legacy_arguments(site: CallSite, kind: str) -> str | None:
    """A Keras 1 way of passing a layer's arguments, in words, or None."""
    for old, new in _KERAS1_KEYWORDS.items():
        if old in site.kwargs:
            return (
                f"`{old}=` is Keras 1's name for `{new}=`; Keras 2.0 to 2.3 still "
                "translate it with a warning, tf.keras and Keras 3 raise a TypeError"
            )
    if kind not in ("keras.Convolution2D", "keras.Conv2D") or len(site.args) < 3:
        return None
    rows, columns = int_or_none(site.args[1]), int_or_none(site.args[2])
    if rows is None or columns is None:
        return None
    keras1_name = kind == "keras.Convolution2D"
    if keras1_name or (rows == columns and rows >= 3):
        return (
            f"Keras 1 read ({rows}, {columns}) as the kernel's rows and columns; "
            f"since Keras 2 the third argument is the stride, so this is a "
            f"{rows}x{rows} kernel moving {columns} pixels at a time"
        )
    return None


def _activation_name(value: v.Value | None) -> str | None:
    if value is None:
        return "linear"
    if isinstance(value, v.Const) and isinstance(value.value, str):
        return value.value.lower()
    if isinstance(value, v.Ref):
        return canonical(value.qualified).split(".")[-1].lower()
    return None


def _backbone(site: CallSite, name: str) -> v.Backbone:
    weights = site.get(None, "weights")
    if weights is None:
        weights_name = "imagenet"
    elif weights == v.Const(None):
        weights_name = "none"
    elif isinstance(weights, v.Const) and isinstance(weights.value, str):
        weights_name = "imagenet" if weights.value == "imagenet" else "file"
    else:
        weights_name = None
    include_top = site.const(None, "include_top", True)
    if "include_top" in site.kwargs and not isinstance(
        site.kwargs["include_top"], v.Const
    ):
        include_top = None
    shape = shape_tuple(site.get(None, "input_shape"))
    tensor = site.get(None, "input_tensor")
    if shape is None and isinstance(tensor, v.Tensor) and tensor.input is not None:
        shape = tensor.input.shape
    if shape is None and "input_shape" not in site.kwargs and include_top is True:
        size = BACKBONES[name].default_size
        shape = (size, size, 3)
    pooling = site.const(None, "pooling")
    return v.Backbone(
        name,
        weights_name,
        include_top,
        shape,
        site.node,
        pooling if isinstance(pooling, str) else None,
        tensor if isinstance(tensor, v.Tensor) else None,
    )


def backbone_input(backbone: v.Backbone) -> v.ModelInput:
    if backbone.input_tensor is not None and backbone.input_tensor.input is not None:
        return backbone.input_tensor.input
    return v.ModelInput(backbone.input_shape, backbone.node)


def _layers_before(backbone: v.Backbone) -> tuple:
    """The layers between the model's input and a backbone built on `input_tensor=`."""
    return backbone.input_tensor.layers if backbone.input_tensor is not None else ()


def _loss_object(site: CallSite, name: str) -> v.Value:
    from_logits = site.const(None, "from_logits", False)
    return (
        v.Instance("loss:" + name, site.node)
        if from_logits is not True
        else v.Instance("loss-logits:" + name, site.node)
    )


# -- building models ---------------------------------------------------------


@function("keras.Input")
def _input(interp: Interpreter, site: CallSite) -> v.Value:
    shape = shape_tuple(site.get(0, "shape"))
    if shape is None and site.get(None, "batch_shape") is not None:
        batch = shape_tuple(site.get(None, "batch_shape"))
        shape = batch[1:] if batch else None
    return v.Tensor(v.ModelInput(shape, site.node))


@method(v.Layer, "__call__")
def _call_layer(interp: Interpreter, layer: v.Layer, site: CallSite) -> v.Value:
    inputs = site.get(0, "inputs")
    if isinstance(inputs, v.Tensor):
        return v.Tensor(inputs.input, (*inputs.layers, layer))
    if isinstance(inputs, v.ListVal | v.TupleVal) and layer.kind != "keras.Rescaling":
        tensors = [
            t for t in (interp.items_of(inputs) or []) if isinstance(t, v.Tensor)
        ]
        if tensors:
            first = tensors[0]
            same = all(t.input == first.input for t in tensors)
            return v.Tensor(first.input if same else None, (*first.layers, layer))
    if isinstance(inputs, v.ImageArray):
        return _layer_on_images(layer, inputs, site)
    return v.UNKNOWN


def _layer_on_images(layer: v.Layer, images: v.ImageArray, site: CallSite) -> v.Value:
    if layer.kind == "keras.Rescaling" and layer.scale is not None:
        from ferlint.analysis.library import image_arithmetic

        return image_arithmetic("Multiply", images, v.Const(layer.scale), site.node)
    if layer.kind == "keras.Normalization":
        return images.but(value_range="standardized", range_node=site.node)
    if layer.kind == "keras.Resizing":
        return v.UNKNOWN
    return v.UNKNOWN


@method(v.Backbone, "__call__")
def _call_backbone(
    interp: Interpreter, backbone: v.Backbone, site: CallSite
) -> v.Value:
    inputs = site.get(0, "inputs")
    if isinstance(inputs, v.Tensor):
        return v.Tensor(inputs.input, (*inputs.layers, backbone))
    return v.UNKNOWN


@method(v.Backbone, ".input")
def _backbone_input(interp: Interpreter, backbone: v.Backbone, site) -> v.Value:
    return v.Tensor(backbone_input(backbone))


@method(v.Backbone, ".output")
def _backbone_output(interp: Interpreter, backbone: v.Backbone, site) -> v.Value:
    return v.Tensor(backbone_input(backbone), (*_layers_before(backbone), backbone))


@method(
    v.Backbone,
    "fit",
    "fit_generator",
    "train_on_batch",
    "evaluate",
    "predict",
    "predict_on_batch",
    "compile",
)
def _backbone_as_model(
    interp: Interpreter, backbone: v.Backbone, site: CallSite
) -> v.Value:
    """A backbone used on its own, as `VGG16(...).predict(x)`, is the model."""
    model = interp.backbone_models.get(id(backbone.node))
    if model is None:
        model = v.Model(backbone.node, backbone_input(backbone), [backbone])
        interp.backbone_models[id(backbone.node)] = model
        interp.result.models.append(model)
    handler = METHODS[(v.Model, site.node.func.attr.value)]
    return handler(interp, model, site)


@method(v.Backbone, ".layers")
def _backbone_layers(interp: Interpreter, backbone: v.Backbone, site) -> v.Value:
    return v.ListVal(elem=v.UNKNOWN)


@method(v.Model, ".input")
def _model_input(interp: Interpreter, model: v.Model, site) -> v.Value:
    return v.Tensor(model.input) if model.input is not None else v.UNKNOWN


@method(v.Model, ".output")
def _model_output(interp: Interpreter, model: v.Model, site) -> v.Value:
    if model.opaque or model.input is None:
        return v.UNKNOWN
    return v.Tensor(model.input, tuple(model.layers))


@method(v.Model, "__call__")
def _call_model(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    inputs = site.get(0, "inputs")
    if isinstance(inputs, v.Tensor) and not model.opaque:
        return v.Tensor(inputs.input, (*inputs.layers, *model.layers))
    return v.UNKNOWN


@function("keras.Sequential")
def _sequential(interp: Interpreter, site: CallSite) -> v.Value:
    model = v.Model(site.node)
    interp.result.models.append(model)
    layers = site.get(0, "layers")
    if layers is None:
        return model
    items = interp.items_of(layers)
    if items is None:
        model.opaque = True
        return model
    for layer in items:
        add_layer(model, layer)
    return model


def add_layer(model: v.Model, layer: v.Value) -> None:
    first = not model.layers and model.input is None
    if isinstance(layer, v.Tensor):
        if first:
            model.input = layer.input
        model.layers.extend(layer.layers)
        return
    if first:
        if isinstance(layer, v.Layer) and layer.input_shape is not None:
            model.input = v.ModelInput(layer.input_shape, layer.node)
        elif isinstance(layer, v.Backbone):
            model.input = backbone_input(layer)
        elif isinstance(layer, v.Model):
            model.input = layer.input
    if isinstance(layer, v.Model):
        model.opaque = model.opaque or layer.opaque
        model.layers.extend(layer.layers)
        return
    if not isinstance(layer, v.Layer | v.Backbone):
        model.opaque = True
    model.layers.append(layer)


@method(v.Model, "add")
def _add(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    if site.args:
        add_layer(model, site.args[0])
    return v.Const(None)


@function("keras.Model")
def _functional(interp: Interpreter, site: CallSite) -> v.Value:
    model = v.Model(site.node)
    interp.result.models.append(model)
    inputs, outputs = site.get(0, "inputs"), site.get(1, "outputs")
    if inputs is None and outputs is None and not site.args:
        model.opaque = True  # a subclass-style model built elsewhere
        return model
    if isinstance(inputs, v.ListVal | v.TupleVal):
        items = interp.items_of(inputs) or []
        inputs = items[0] if len(items) == 1 else v.UNKNOWN
    if isinstance(inputs, v.Tensor):
        model.input = inputs.input
    if isinstance(outputs, v.Tensor) and model.input is not None:
        if outputs.input == model.input:
            model.layers.extend(outputs.layers)
            return model
    model.opaque = True
    return model


@method(v.Model, "compile")
def _compile(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    model.compile_node = site.node
    loss = site.get(1, "loss")
    node = site.node_of(1, "loss")
    model.loss = v.Loss(loss_name(loss), node, _from_logits(loss))
    return v.Const(None)


def loss_name(loss: v.Value | None) -> str | None:
    if isinstance(loss, v.Const) and isinstance(loss.value, str):
        return LOSS_NAMES.get(loss.value)
    if isinstance(loss, v.Ref):
        return LOSS_NAMES.get(canonical(loss.qualified).split(".")[-1])
    if isinstance(loss, v.Instance) and loss.qualified.startswith("loss"):
        return loss.qualified.split(":", 1)[1]
    return None


def _from_logits(loss: v.Value | None) -> bool | None:
    if isinstance(loss, v.Instance) and loss.qualified.startswith("loss"):
        return loss.qualified.startswith("loss-logits:")
    return False if isinstance(loss, v.Const | v.Ref) else None


@function("keras.load_model", "keras.model_from_json")
def _load_model(interp: Interpreter, site: CallSite) -> v.Value:
    model = v.Model(site.node, opaque=True, loaded=True)
    if canonical_tail(site) == "load_model":
        model.loaded_from = _file_name(site.get(0, "filepath"))
    interp.result.models.append(model)
    return model


def canonical_tail(site: CallSite) -> str:
    return source_text(site.node.func).rsplit(".", 1)[-1]


def _file_name(value: v.Value | None) -> str | None:
    if isinstance(value, v.Const) and isinstance(value.value, str) and value.value:
        return value.value
    return None


@method(v.Model, "save", "save_weights")
def _save(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    name = _file_name(site.get(0, "filepath"))
    if name is not None:
        interp.result.saved.append((model, name, site.node))
    return v.Const(None)


@method(v.Model, "load_weights")
def _load_weights(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    if model.loaded:
        model.loaded_from = _file_name(site.get(0, "filepath")) or model.loaded_from
    return v.Const(None)


@function("keras.ModelCheckpoint")
def _checkpoint(interp: Interpreter, site: CallSite) -> v.Value:
    name = _file_name(site.get(0, "filepath"))
    return v.Instance("keras.ModelCheckpoint:" + (name or ""), site.node)


@function("keras.set_image_data_format", "keras.set_image_dim_ordering")
def _data_format(interp: Interpreter, site: CallSite) -> v.Value:
    if site.const(0) in ("channels_first", "th"):
        interp.result.channels_first = True
    return v.Const(None)


@function("keras.preprocess_input")
def _unknown_preprocess(interp: Interpreter, site: CallSite) -> v.Value:
    return v.UNKNOWN


def preprocess_input(module: str):
    def handler(interp: Interpreter, site: CallSite) -> v.Value:
        images = site.get(0, "x")
        if isinstance(images, v.Tensor):
            marker = v.Layer("preprocess:" + module, site.node)
            return v.Tensor(images.input, (*images.layers, marker))
        if not isinstance(images, v.ImageArray):
            return v.UNKNOWN
        dtype = images.dtype if images.dtype in ("float32", "float64") else "float32"
        return images.but(
            preprocess=module,
            value_range=f"preprocessed:{module}",
            range_node=site.node,
            dtype=dtype,
            scalings=(*images.scalings, site.node),
        )

    return handler


for _spec in {spec.module for spec in BACKBONES.values()} | {
    "resnet50",
    "imagenet_utils",
}:
    FUNCTIONS[f"keras.applications.{_spec}.preprocess_input"] = preprocess_input(_spec)


# -- generators --------------------------------------------------------------

_AUGMENTATIONS = (
    "rotation_range",
    "width_shift_range",
    "height_shift_range",
    "shear_range",
    "zoom_range",
    "horizontal_flip",
    "vertical_flip",
    "brightness_range",
    "channel_shift_range",
)
_STANDARDIZERS = (
    "featurewise_center",
    "featurewise_std_normalization",
    "samplewise_center",
    "samplewise_std_normalization",
    "zca_whitening",
)


@function("keras.ImageDataGenerator")
def _image_data_generator(interp: Interpreter, site: CallSite) -> v.Value:
    if site.has_star:
        return v.UNKNOWN
    rescale = site.get(None, "rescale")
    rescale_known = rescale is None or isinstance(rescale, v.Const)
    factor = rescale.value if isinstance(rescale, v.Const) else None
    function_value = site.get(None, "preprocessing_function")
    preprocess = None
    if function_value is not None:
        preprocess = "unknown"
        if isinstance(function_value, v.Ref):
            name = canonical(function_value.qualified)
            if name.endswith(".preprocess_input") and name.startswith(
                "keras.applications."
            ):
                preprocess = "known:" + name.split(".")[2]
    standardizes = any(site.const(None, key) is True for key in _STANDARDIZERS)
    augments = any(_truthy(site.get(None, key)) for key in _AUGMENTATIONS)
    return v.Augmenter(
        rescale=factor if isinstance(factor, int | float) else None,
        rescale_known=rescale_known,
        preprocess=preprocess,
        standardizes=standardizes,
        augments=augments,
        node=site.node,
    )


def _truthy(value: v.Value | None) -> bool:
    if value is None:
        return False
    if isinstance(value, v.Const):
        return bool(value.value)
    return True


def augment(augmenter: v.Augmenter, images: v.ImageArray) -> v.ImageArray:
    """The images an ImageDataGenerator yields from `images`."""
    changes: dict = {"dtype": "float32", "in_memory": False}
    value_range = images.value_range
    if augmenter.preprocess == "unknown":
        value_range = None
    elif augmenter.preprocess is not None:
        module = augmenter.preprocess.split(":", 1)[1]
        value_range = f"preprocessed:{module}"
        changes["preprocess"] = module
        changes["scalings"] = (*images.scalings, augmenter.node)
    if not augmenter.rescale_known:
        value_range = None
    elif augmenter.rescale not in (None, 0, 1) and value_range is not None:
        scale = augmenter.rescale
        if is_unit_scale(scale):
            earlier = changes.get("scalings", images.scalings)
            changes["scalings"] = (*earlier, augmenter.node)
        if value_range == "0-255" and abs(scale * 255 - 1) < 1e-6:
            value_range = "0-1"
        else:
            value_range = "scaled"
    if augmenter.standardizes:
        value_range = "standardized"
    if value_range != images.value_range:
        changes["range_node"] = augmenter.node
    changes["value_range"] = value_range
    if images.value_range == "0-255" and value_range == "0-255":
        changes["range_node"] = augmenter.node
    return images.but(**changes)


@method(v.Augmenter, "flow")
def _flow(interp: Interpreter, augmenter: v.Augmenter, site: CallSite) -> v.Value:
    images = site.get(0, "x")
    labels = site.get(1, "y")
    if isinstance(images, v.ImageArray):
        images = augment(augmenter, images)
    else:
        images = v.UNKNOWN
    return v.Stream(
        images, labels if labels is not None else v.UNKNOWN, site.node, augmenter
    )


@method(v.Augmenter, "flow_from_directory", "flow_from_dataframe")
def _flow_from_files(
    interp: Interpreter, augmenter: v.Augmenter, site: CallSite
) -> v.Value:
    if site.has_star:
        return v.Stream(v.UNKNOWN, v.UNKNOWN, site.node, augmenter)
    images = directory_images(
        site, "target_size", (256, 256), site.node.func.attr.value
    )
    if isinstance(images, v.ImageArray):
        images = augment(augmenter, images)
    class_mode = site.const(None, "class_mode", "categorical")
    labels = _class_mode_labels(class_mode, site)
    listed = interp.items_of(site.get(None, "classes") or v.UNKNOWN)
    if isinstance(labels, v.Labels) and listed is not None:
        labels = replace(labels, num_classes=len(listed))
    return v.Stream(images, labels, site.node, augmenter)


@method(v.Augmenter, "fit", "standardize", "random_transform")
def _augmenter_fit(
    interp: Interpreter, augmenter: v.Augmenter, site: CallSite
) -> v.Value:
    return v.Const(None)


def directory_images(site: CallSite, size_key: str, default, loader: str) -> v.Value:
    size_value = site.get(None, size_key)
    size = size_pair(size_value) if size_value is not None else default
    if size is None:
        return v.UNKNOWN
    if not isinstance(site.get(None, "color_mode") or v.Const("rgb"), v.Const):
        return v.UNKNOWN
    mode = site.const(None, "color_mode", "rgb")
    channels, order = COLOR_MODES.get(mode, (None, None))
    if channels is None:
        return v.UNKNOWN
    size_node = site.node_of(None, size_key)
    if size_node is not None:
        size_source = f"{loader}(..., {size_key}={source_text(size_node)})"
    else:
        size_source = f"{loader} with its default {size_key}={default}"
    images = v.ImageArray(
        size_source=size_source,
        channel_source=f'{loader}(..., color_mode="{mode}")',
        dims=(None, None, None, channels),
        batched=True,
        channels=channels,
        order=order,
        dtype="float32",
        value_range="0-255",
        in_memory=False,
        loader=loader,
        loader_node=site.node,
        channel_node=site.node_of(None, "color_mode") or site.node,
        order_node=site.node,
        range_node=site.node,
        built_node=site.node,
        dtype_node=site.node,
    )
    result = resized(images, size, size_node or site.node, size_key, False)
    return result.but(size_source=size_source)


def _class_mode_labels(class_mode, site: CallSite) -> v.Value:
    node = site.node_of(None, "class_mode") or site.node
    source = f"class_mode={class_mode!r}"
    if class_mode == "categorical":
        return v.Labels("onehot", None, source, node)
    if class_mode in ("sparse", "binary"):
        return v.Labels(
            "sparse" if class_mode == "sparse" else "binary", None, source, node
        )
    return v.UNKNOWN


@function("keras.image_dataset_from_directory")
def _image_dataset(interp: Interpreter, site: CallSite) -> v.Value:
    if site.has_star:
        return v.UNKNOWN
    images = directory_images(
        site, "image_size", (256, 256), "image_dataset_from_directory"
    )
    labels: v.Value = v.UNKNOWN
    if site.const(None, "labels", "inferred") == "inferred":
        mode = site.const(None, "label_mode", "int")
        node = site.node_of(None, "label_mode") or site.node
        encoding = {"int": "sparse", "categorical": "onehot", "binary": "binary"}.get(
            mode
        )
        if encoding is not None and (
            "label_mode" not in site.kwargs
            or isinstance(site.kwargs["label_mode"], v.Const)
        ):
            listed = interp.items_of(site.get(None, "class_names") or v.UNKNOWN)
            count = len(listed) if listed is not None else None
            labels = v.Labels(encoding, count, f"label_mode={mode!r}", node)
    return v.Dataset(v.TupleVal((images, labels)), batched=True, node=site.node)


# -- tf.data -----------------------------------------------------------------


@function("tensorflow.data.Dataset.from_tensor_slices")
def _from_tensor_slices(interp: Interpreter, site: CallSite) -> v.Value:
    data = site.get(0, "tensors")
    items = interp.items_of(data) if isinstance(data, v.TupleVal | v.Const) else None
    nodes = site.node_of(0, "tensors")
    if items is not None:
        parts = nodes.elements if isinstance(nodes, cst.Tuple) else [None] * len(items)
        sliced = [
            _slice_of(interp, item, getattr(part, "value", None) or site.node)
            for item, part in zip(items, parts, strict=False)
        ]
        return v.Dataset(v.TupleVal(tuple(sliced)))
    return v.Dataset(
        _slice_of(interp, data, site.node) if data is not None else v.UNKNOWN
    )


def _slice_of(interp: Interpreter, value: v.Value, node=None) -> v.Value:
    labels = as_labels(value, node)
    if labels is not None:
        return labels  # one label per element, of the same encoding
    if isinstance(value, v.ImageArray) and value.batched:
        dims = value.dims[1:] if value.dims is not None else None
        return value.but(dims=dims, batched=False)
    if isinstance(value, v.ListVal):
        return interp.element_of(value)
    if isinstance(value, v.Labels):
        return value
    labels = as_labels(value)
    return labels if labels is not None else v.UNKNOWN


@function("tensorflow.data.Dataset.zip")
def _dataset_zip(interp: Interpreter, site: CallSite) -> v.Value:
    parts = interp.items_of(site.get(0) or v.UNKNOWN) or []
    if parts and all(isinstance(p, v.Dataset) for p in parts):
        return v.Dataset(v.TupleVal(tuple(p.element for p in parts)), parts[0].batched)
    return v.UNKNOWN


@method(v.Dataset, "map")
def _dataset_map(interp: Interpreter, dataset: v.Dataset, site: CallSite) -> v.Value:
    mapper = site.get(0, "map_func")
    if mapper is None:
        return v.UNKNOWN
    element = dataset.element
    args = list(element.items) if isinstance(element, v.TupleVal) else [element]
    result = interp.call(mapper, CallSite(site.node, args, {}, [], {}))
    if isinstance(result, v.ImageArray) and dataset.batched != result.batched:
        result = result.but(batched=dataset.batched)
    return v.Dataset(result, dataset.batched, site.node)


@method(v.Dataset, "batch", "padded_batch")
def _dataset_batch(interp: Interpreter, dataset: v.Dataset, site: CallSite) -> v.Value:
    return v.Dataset(_batched(dataset.element), True, dataset.node)


def _batched(element: v.Value) -> v.Value:
    if isinstance(element, v.TupleVal):
        return v.TupleVal(tuple(_batched(item) for item in element.items))
    if isinstance(element, v.ImageArray) and not element.batched:
        dims = (None, *element.dims) if element.dims is not None else None
        return element.but(dims=dims, batched=True)
    return element


@method(
    v.Dataset,
    "shuffle",
    "prefetch",
    "cache",
    "repeat",
    "take",
    "skip",
    "filter",
    "with_options",
    "apply",
)
def _dataset_same(interp: Interpreter, dataset: v.Dataset, site: CallSite) -> v.Value:
    return dataset


@method(v.Dataset, ".class_names")
def _class_names(interp: Interpreter, dataset: v.Dataset, site) -> v.Value:
    return v.ListVal(elem=v.Scalar("str"))


@function("tensorflow.io.read_file")
def _read_file(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Scalar("bytes")


@function(
    "tensorflow.io.decode_jpeg",
    "tensorflow.io.decode_png",
    "tensorflow.io.decode_image",
    "tensorflow.image.decode_jpeg",
    "tensorflow.image.decode_png",
    "tensorflow.image.decode_image",
)
def _decode(interp: Interpreter, site: CallSite) -> v.Value:
    channels = site.const(1, "channels", 0)
    if channels not in (1, 3):
        return v.ImageArray(dtype="uint8", value_range="0-255", in_memory=False)
    return v.ImageArray(
        dims=(None, None, channels),
        channels=channels,
        channel_source=f"{source_text(site.node.func)}(..., channels={channels})",
        order="rgb" if channels == 3 else "gray",
        dtype="uint8",
        value_range="0-255",
        in_memory=False,
        loader=code(site.node.func),
        loader_node=site.node,
        channel_node=site.node_of(1, "channels") or site.node,
        order_node=site.node,
        range_node=site.node,
        dtype_node=site.node,
        built_node=site.node,
    )


@function("tensorflow.image.resize", "tensorflow.image.resize_with_pad")
def _tf_resize(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "images") or site.get(0, "image")
    if not isinstance(images, v.ImageArray):
        return v.UNKNOWN
    if site.node.func and "with_pad" in code(site.node.func):
        height, width = (
            int_or_none(site.get(1, "target_height")),
            int_or_none(site.get(2, "target_width")),
        )
        size, node = (height, width), site.node
    else:
        size, node = size_pair(site.get(1, "size")), site.node_of(1, "size")
    if size is None or None in size:
        return v.UNKNOWN
    result = resized(images, size, node, "tf.image.resize", False)
    return result.but(
        dtype="float32",
        dtype_node=site.node,
        size_source=f"tf.image.resize(..., {source_text(node)})",
    )


@function("tensorflow.cast", "tensorflow.image.convert_image_dtype")
def _tf_cast(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "x") or site.get(0, "image")
    if not isinstance(images, v.ImageArray):
        return site.get(0) if isinstance(site.get(0), v.Labels) else v.UNKNOWN
    from ferlint.analysis.library import dtype_of

    dtype = dtype_of(site.get(1, "dtype"))
    changes: dict = {"dtype": dtype, "dtype_node": site.node}
    name = code(site.node.func)
    if name.endswith("convert_image_dtype") and dtype and dtype.startswith("float"):
        if images.dtype == "uint8" and images.value_range == "0-255":
            changes.update(
                value_range="0-1",
                range_node=site.node,
                scalings=(*images.scalings, site.node),
            )
    return images.but(**changes)


@function("tensorflow.convert_to_tensor", "tensorflow.constant")
def _to_tensor(interp: Interpreter, site: CallSite) -> v.Value:
    from ferlint.analysis.library import dtype_of

    images = site.get(0, "value")
    if not isinstance(images, v.ImageArray):
        return v.UNKNOWN
    dtype = dtype_of(site.get(1, "dtype"))
    return images.but(dtype=dtype, dtype_node=site.node) if dtype else images


@function("tensorflow.image.rgb_to_grayscale")
def _tf_gray(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "images")
    if not isinstance(images, v.ImageArray) or images.dims is None:
        return v.UNKNOWN
    return images.but(
        dims=(*images.dims[:-1], 1), channels=1, order="gray", channel_node=site.node
    )


@function("tensorflow.image.grayscale_to_rgb")
def _tf_rgb(interp: Interpreter, site: CallSite) -> v.Value:
    images = site.get(0, "images")
    if not isinstance(images, v.ImageArray) or images.dims is None:
        return v.UNKNOWN
    return images.but(dims=(*images.dims[:-1], 3), channels=3, channel_node=site.node)


@function("tensorflow.one_hot")
def _tf_one_hot(interp: Interpreter, site: CallSite) -> v.Value:
    return v.Labels(
        "onehot", int_or_none(site.get(1, "depth")), "tf.one_hot", site.node
    )


@function("tensorflow.expand_dims")
def _tf_expand_dims(interp: Interpreter, site: CallSite) -> v.Value:
    from ferlint.analysis.library import expand_dims

    images = site.get(0, "input")
    if not isinstance(images, v.ImageArray):
        return v.UNKNOWN
    return expand_dims(images, site.const(1, "axis"), site.node)


# -- data reaching a model ---------------------------------------------------


def _record(interp: Interpreter, model: v.Model, site: CallSite, role, images, labels):
    source = images
    if isinstance(images, v.Stream):
        images, labels = images.images, images.labels
    elif isinstance(images, v.Dataset):
        element = images.element
        if isinstance(element, v.TupleVal) and len(element.items) >= 2:
            images, labels = element.items[0], element.items[1]
        else:
            images, labels = element, v.UNKNOWN
    labels_value = as_labels(labels) if labels is not None else None
    flow = v.Flow(
        role,
        model,
        images if images is not None else v.UNKNOWN,
        labels_value if labels_value is not None else (labels or v.UNKNOWN),
        site.node,
        func.value if isinstance(func := site.node.func, cst.Attribute) else func,
        source,
    )
    interp.result.flows.append(flow)


@method(v.Model, "fit", "fit_generator", "train_on_batch")
def _fit(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    for callback in interp.items_of(site.get(None, "callbacks") or v.UNKNOWN) or []:
        if isinstance(callback, v.Instance) and callback.qualified.startswith(
            "keras.ModelCheckpoint:"
        ):
            name = callback.qualified.split(":", 1)[1]
            if name:
                interp.result.saved.append((model, name, callback.node))
    _record(interp, model, site, "train", site.get(0, "x"), site.get(1, "y"))
    validation = site.get(None, "validation_data")
    if validation is not None:
        items = interp.items_of(validation)
        if items is not None and len(items) >= 2:
            _record(interp, model, site, "validation", items[0], items[1])
        else:
            _record(interp, model, site, "validation", validation, None)
    return v.Instance("keras.History", site.node)


@method(v.Model, "evaluate", "evaluate_generator", "test_on_batch")
def _evaluate(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    _record(interp, model, site, "evaluate", site.get(0, "x"), site.get(1, "y"))
    return v.UNKNOWN


@method(v.Model, "predict", "predict_generator", "predict_on_batch", "__call__")
def _predict(interp: Interpreter, model: v.Model, site: CallSite) -> v.Value:
    images = site.get(0, "x")
    if isinstance(images, v.Tensor):
        return _call_model(interp, model, site)
    _record(interp, model, site, "predict", images, None)
    return v.UNKNOWN


# Register every keras.X constructor lazily: an unknown capitalized Keras name
# is a layer, so there is no list of layers to keep in step with Keras.
class KerasFunctions(dict):
    def get(self, key, default=None):
        found = super().get(key)
        if found is not None:
            return found
        if key.startswith("keras.") and key.count(".") == 1:
            return lambda interp, site: _keras_constructor(interp, site, key)
        return default
