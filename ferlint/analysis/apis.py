"""What the analysis knows about library APIs, as data.

Backbones, losses, dtypes and colour conversion codes live here, so that the
interpreter's handlers stay free of tables and a new API is one entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BackboneSpec:
    module: str  # the keras.applications module holding its preprocess_input
    default_size: int
    min_size: int
    # What its preprocess_input does: "caffe" (RGB to BGR, mean subtraction),
    # "tf" (to -1..1), "torch" (to 0..1, then ImageNet mean and std), or
    # "inside" when the model scales its own 0..255 input.
    preprocessing: str


def _family(names, module, default_size, min_size, preprocessing):
    spec = BackboneSpec(module, default_size, min_size, preprocessing)
    return {name: spec for name in names}


BACKBONES: dict[str, BackboneSpec] = {
    **_family(["VGG16"], "vgg16", 224, 32, "caffe"),
    **_family(["VGG19"], "vgg19", 224, 32, "caffe"),
    **_family(["ResNet50", "ResNet101", "ResNet152"], "resnet", 224, 32, "caffe"),
    **_family(["ResNet50V2", "ResNet101V2", "ResNet152V2"], "resnet_v2", 224, 32, "tf"),
    **_family(["InceptionV3"], "inception_v3", 299, 75, "tf"),
    **_family(["InceptionResNetV2"], "inception_resnet_v2", 299, 75, "tf"),
    **_family(["Xception"], "xception", 299, 71, "tf"),
    **_family(["MobileNet"], "mobilenet", 224, 32, "tf"),
    **_family(["MobileNetV2"], "mobilenet_v2", 224, 32, "tf"),
    **_family(
        ["MobileNetV3Small", "MobileNetV3Large"], "mobilenet_v3", 224, 32, "inside"
    ),
    **_family(
        ["DenseNet121", "DenseNet169", "DenseNet201"], "densenet", 224, 32, "torch"
    ),
    **_family(["NASNetMobile"], "nasnet", 224, 32, "tf"),
    **_family(["NASNetLarge"], "nasnet", 331, 32, "tf"),
    **{
        f"EfficientNetB{index}": BackboneSpec("efficientnet", size, 32, "inside")
        for index, size in enumerate((224, 240, 260, 300, 380, 456, 528, 600))
    },
    **{
        name: BackboneSpec("efficientnet_v2", size, 32, "inside")
        for name, size in (
            ("EfficientNetV2B0", 224),
            ("EfficientNetV2B1", 240),
            ("EfficientNetV2B2", 260),
            ("EfficientNetV2B3", 300),
            ("EfficientNetV2S", 384),
            ("EfficientNetV2M", 480),
            ("EfficientNetV2L", 480),
        )
    },
    **_family(
        [
            "ConvNeXtTiny",
            "ConvNeXtSmall",
            "ConvNeXtBase",
            "ConvNeXtLarge",
            "ConvNeXtXLarge",
        ],
        "convnext",
        224,
        32,
        "inside",
    ),
}

# preprocess_input of each keras.applications module: what it expects and does.
PREPROCESS_MODES: dict[str, str] = {
    spec.module: spec.preprocessing for spec in BACKBONES.values()
}
PREPROCESS_MODES.update({"resnet50": "caffe", "imagenet_utils": "caffe"})

# Layers that leave the pixel scale alone on the way to the first real layer.
TRANSPARENT_LAYERS = frozenset(
    {
        "keras.InputLayer",
        "keras.Concatenate",
        "keras.Dropout",
        "keras.SpatialDropout2D",
        "keras.GaussianNoise",
        "keras.RandomFlip",
        "keras.RandomRotation",
        "keras.RandomZoom",
        "keras.RandomTranslation",
        "keras.RandomContrast",
        "keras.RandomBrightness",
        "keras.RandomCrop",
        "keras.Resizing",
        "keras.CenterCrop",
        "keras.Reshape",
        "keras.Permute",
        "keras.ZeroPadding2D",
        "keras.Cropping2D",
    }
)

# Layers that normalize whatever scale reaches them.
NORMALIZING_LAYERS = frozenset(
    {
        "keras.Rescaling",
        "keras.Normalization",
        "keras.BatchNormalization",
        "keras.LayerNormalization",
    }
)

LOSS_NAMES: dict[str, str] = {
    "categorical_crossentropy": "categorical_crossentropy",
    "CategoricalCrossentropy": "categorical_crossentropy",
    "sparse_categorical_crossentropy": "sparse_categorical_crossentropy",
    "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy",
    "binary_crossentropy": "binary_crossentropy",
    "BinaryCrossentropy": "binary_crossentropy",
    "categorical_focal_crossentropy": "categorical_focal_crossentropy",
    "CategoricalFocalCrossentropy": "categorical_focal_crossentropy",
    "kl_divergence": "kl_divergence",
    "KLDivergence": "kl_divergence",
    "mse": "mean_squared_error",
    "mean_squared_error": "mean_squared_error",
    "MeanSquaredError": "mean_squared_error",
    "categorical_hinge": "categorical_hinge",
    "CategoricalHinge": "categorical_hinge",
}

# Losses that want one row of class probabilities per sample.
ONE_HOT_LOSSES = frozenset(
    {"categorical_crossentropy", "categorical_focal_crossentropy"}
)

DTYPES: dict[str, str] = {
    "uint8": "uint8",
    "int8": "int8",
    "uint16": "uint16",
    "int16": "int16",
    "int32": "int32",
    "int64": "int64",
    "int": "int64",
    "float16": "float16",
    "float32": "float32",
    "float64": "float64",
    "float": "float64",
    "double": "float64",
    "single": "float32",
    "half": "float16",
}

INTEGER_DTYPES = frozenset({"uint8", "int8", "uint16", "int16", "int32", "int64"})

# cv2 colour conversion codes: (channels after, channel order after); None
# means the order is unchanged by the conversion's meaning (a swap is "swap").
CV2_CONVERSIONS: dict[str, tuple[int, str]] = {
    "COLOR_BGR2GRAY": (1, "gray"),
    "COLOR_RGB2GRAY": (1, "gray"),
    "COLOR_BGRA2GRAY": (1, "gray"),
    "COLOR_RGBA2GRAY": (1, "gray"),
    "COLOR_BGR2RGB": (3, "swap"),
    "COLOR_RGB2BGR": (3, "swap"),
    "COLOR_GRAY2RGB": (3, "gray"),
    "COLOR_GRAY2BGR": (3, "gray"),
    "COLOR_BGRA2RGB": (3, "rgb"),
    "COLOR_BGRA2BGR": (3, "bgr"),
    "COLOR_RGBA2RGB": (3, "rgb"),
    "COLOR_BGR2RGBA": (4, "rgb"),
}

CV2_IMREAD_FLAGS: dict[object, int | None] = {
    0: 1,
    1: 3,
    -1: None,
    "IMREAD_GRAYSCALE": 1,
    "IMREAD_COLOR": 3,
    "IMREAD_UNCHANGED": None,
    "IMREAD_REDUCED_GRAYSCALE_2": 1,
    "IMREAD_REDUCED_COLOR_2": 3,
}

COLOR_MODES: dict[str, tuple[int, str]] = {
    "grayscale": (1, "gray"),
    "rgb": (3, "rgb"),
    "rgba": (4, "rgb"),
}
