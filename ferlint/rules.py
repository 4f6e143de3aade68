"""The catalogue of rules. Codes are permanent: a retired code is never reused.

Each rule's user documentation is its page in the top-level `rules/` folder
(shipped inside the wheel as `ferlint/rule_pages`); `ferlint rule CODE` prints
it and SARIF takes its help text from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ferlint.findings import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    # Whether one training step can decide the finding (the probe's concern).
    probe_decidable: bool


_ALL = (
    Rule(
        "FER000",
        "syntax-error",
        "error",
        "The file does not parse as Python, so nothing in it was checked.",
        probe_decidable=False,
    ),
    Rule(
        "FER001",
        "resize-size-mismatch",
        "error",
        "The height and width of the images differ from the model's input.",
        probe_decidable=True,
    ),
    Rule(
        "FER002",
        "resize-axis-order",
        "warning",
        "A non-square size is given in the wrong order: cv2 and PIL take "
        "(width, height), Keras shapes are (height, width).",
        probe_decidable=True,
    ),
    Rule(
        "FER003",
        "channel-count-mismatch",
        "error",
        "Images with one channel reach a three-channel input, or the reverse.",
        probe_decidable=True,
    ),
    Rule(
        "FER004",
        "missing-channel-axis",
        "error",
        "(N, H, W) arrays reach a model whose input is (H, W, 1).",
        probe_decidable=True,
    ),
    Rule(
        "FER005",
        "not-float32",
        "warning",
        "uint8, integer or float64 arrays reach training instead of float32.",
        probe_decidable=False,
    ),
    Rule(
        "FER006",
        "missing-normalization",
        "warning",
        "Pixel values in 0..255 reach a model that does not scale them.",
        probe_decidable=True,
    ),
    Rule(
        "FER008",
        "bgr-not-converted",
        "warning",
        "cv2's BGR images reach weights or preprocessing that expect RGB.",
        probe_decidable=False,
    ),
    Rule(
        "FER009",
        "labels-not-one-hot",
        "error",
        "Integer class labels meet categorical_crossentropy, which wants one-hot.",
        probe_decidable=True,
    ),
    Rule(
        "FER007",
        "double-normalization",
        "warning",
        "The pixels are scaled twice: in the data pipeline and again later.",
        probe_decidable=False,
    ),
    Rule(
        "FER010",
        "one-hot-with-sparse-loss",
        "error",
        "One-hot labels meet sparse_categorical_crossentropy, which wants integers.",
        probe_decidable=True,
    ),
    Rule(
        "FER011",
        "class-count-mismatch",
        "error",
        "The last layer's units differ from the number of classes in the labels.",
        probe_decidable=True,
    ),
    Rule(
        "FER012",
        "output-loss-mismatch",
        "warning",
        "The last layer's activation does not suit the loss.",
        probe_decidable=True,
    ),
    Rule(
        "FER013",
        "train-inference-skew",
        "warning",
        "Validation, evaluation or prediction data is prepared unlike the "
        "training data.",
        probe_decidable=False,
    ),
    Rule(
        "FER014",
        "augmentation-on-evaluation-data",
        "warning",
        "Random augmentation is applied to validation or test data.",
        probe_decidable=False,
    ),
    Rule(
        "FER015",
        "backbone-preprocessing-mismatch",
        "warning",
        "A pretrained backbone gets pixels scaled unlike its weights expect.",
        probe_decidable=False,
    ),
    Rule(
        "FER016",
        "backbone-input-unsupported",
        "error",
        "A backbone's input is smaller than it allows, or has one channel with "
        "ImageNet weights.",
        probe_decidable=True,
    ),
    Rule(
        "FER017",
        "np-resize-on-image",
        "warning",
        "np.resize is used to resize an image; it repeats or cuts the buffer.",
        probe_decidable=False,
    ),
    Rule(
        "FER018",
        "discarded-result",
        "warning",
        "The result of an image operation is thrown away, so the step never happens.",
        probe_decidable=False,
    ),
    Rule(
        "FER019",
        "scaled-then-truncated",
        "warning",
        "Pixels scaled to a small range are cast to an integer type and become 0.",
        probe_decidable=False,
    ),
    Rule(
        "FER020",
        "dense-on-feature-map",
        "error",
        "The last Dense layer sees a 4-D feature map: no Flatten or pooling before it.",
        probe_decidable=True,
    ),
    Rule(
        "FER021",
        "legacy-conv-arguments",
        "warning",
        "Keras 1 arguments that mean something else, or nothing, in Keras 2 and 3.",
        probe_decidable=True,
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _ALL}


def _pages_folder() -> Path:
    from importlib import resources  # only for `ferlint rule`

    packaged = resources.files("ferlint") / "rule_pages"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


@cache
def rule_page(code: str) -> str | None:
    """The Markdown page of a rule, or None when it has none."""
    page = _pages_folder() / f"{code}.md"
    try:
        return page.read_text(encoding="utf-8")
    except OSError:
        return None


def matches(code: str, patterns: list[str]) -> bool:
    """Whether a code is named by one of the codes or prefixes in `patterns`."""
    return any(code.startswith(pattern) for pattern in patterns)
