"""From what one training step did to a verdict on each finding.

Pure functions over the worker's observation (plain JSON data), so every
decision can be tested without TensorFlow.
"""

from __future__ import annotations

from ferlint.findings import ProbeResult
from ferlint.probe import BatchSpec, LearnedModel

SHAPE_CODES = frozenset({"FER001", "FER002", "FER003", "FER004"})
# Codes decided by one step on the labels as the script writes them.
LABEL_CODES = frozenset({"FER010", "FER011", "FER020"})
DECIDABLE = (
    SHAPE_CODES | LABEL_CODES | {"FER006", "FER009", "FER012", "FER016", "FER021"}
)
# Two steps "behave the same" when loss and gradient norm differ by less than this
# fraction (a BatchNormalization first differs by a few percent through its epsilon).
SAME_BEHAVIOUR = 0.1
# Unscaled input counts as harmful when its first step's gradient norm or loss
# is this many times the scaled input's (measured: 100 to 1000 times typically).
HARM_FACTOR = 3.0

_UNDECIDABLE = {
    "FER000": "the file does not parse, so there is nothing to run",
    "FER005": "a training step cannot show the harm of the dtype: Keras casts the "
    "batch to float32 itself",
    "FER008": "a training step cannot tell BGR from RGB",
}


def undecidable(code: str) -> ProbeResult:
    reason = _UNDECIDABLE.get(code, "one training step cannot decide this finding")
    return ProbeResult("unconfirmed", reason)


def learned_model(observation: dict) -> LearnedModel | None:
    learned = observation.get("learned")
    if not learned:
        return None
    shape = learned.get("input_shape")
    return LearnedModel(
        input_shape=None if shape is None else tuple(shape),
        output_units=learned.get("output_units"),
        last_activation=learned.get("last_activation"),
        rescales_inside=bool(learned.get("rescales_inside")),
        rescaling_layer=learned.get("rescaling_layer"),
        loss=learned.get("loss"),
    )


def decide(code: str, batch: BatchSpec | None, observation: dict) -> ProbeResult:
    """The verdict on one finding of `code` given the worker's observation."""
    if code not in DECIDABLE:
        return undecidable(code)
    if code in ("FER016", "FER021"):
        return _construction(code, observation)
    problem = _cannot_run(observation)
    if problem is not None:
        return ProbeResult("unconfirmed", problem)
    if code in SHAPE_CODES:
        return _shape(code, batch, observation)
    if code == "FER006":
        return _normalization(observation)
    if code in LABEL_CODES:
        return _as_written(code, batch, observation)
    if code == "FER012":
        return _output_loss(observation)
    return _labels(observation)


def _construction(code: str, observation: dict) -> ProbeResult:
    """FER016 and FER021 are about building the model: its error decides."""
    error = observation.get("build_error")
    if error is not None:
        return ProbeResult("confirmed", f"building the model failed: {error}")
    problem = _cannot_run(observation)
    if problem is not None:
        return ProbeResult("unconfirmed", problem)
    if code == "FER016":
        return ProbeResult(
            "unconfirmed",
            "the model builds with random weights; the probe does not load ImageNet "
            "weights, whose three-channel check is the one that fails",
        )
    return ProbeResult(
        "unconfirmed",
        "the installed Keras builds the layer; one step cannot tell a stride from "
        "a kernel size",
    )


def _as_written(code: str, batch: BatchSpec | None, observation: dict) -> ProbeResult:
    learned = observation["learned"]
    loss, units = learned.get("loss") or "", learned.get("output_units")
    if code == "FER010" and "sparse" not in loss:
        return ProbeResult("refuted", f"the compiled loss is {loss or 'unknown'}")
    if code == "FER011" and batch is not None and units == batch.num_classes:
        return ProbeResult("refuted", f"the built model has {units} outputs")
    if code == "FER020" and learned.get("output_rank") == 2:
        return ProbeResult("refuted", "the built model outputs one row per image")
    step = observation["steps"].get("as_written")
    if step is None:
        return ProbeResult("unconfirmed", "the static pass did not describe the labels")
    if not step["ok"]:
        return ProbeResult(
            "confirmed",
            f"one training step with the labels as the script makes them failed: "
            f"{step['error']}",
        )
    return ProbeResult(
        "unconfirmed",
        f"a training step with the labels as the script makes them ran (loss "
        f"{step['loss']:.3g}); the installed Keras accepted them",
    )


def _output_loss(observation: dict) -> ProbeResult:
    learned = observation["learned"]
    activation, loss = learned.get("last_activation"), learned.get("loss")
    units = learned.get("output_units")
    if not activation or not loss:
        return ProbeResult("unconfirmed", "the built model's head or loss is unknown")
    seen = (
        f"the built model ends in {units} {activation} unit(s) and is compiled "
        f"with {loss}"
    )
    mismatch = (
        ("binary" in loss and activation == "softmax" and (units or 0) > 2)
        or ("categorical" in loss and activation in ("linear", "sigmoid"))
        or (loss == "categorical_crossentropy" and units == 1)
    )
    if mismatch:
        return ProbeResult("confirmed", seen)
    if activation == "softmax" and "categorical" in loss:
        return ProbeResult("unconfirmed", f"{seen}; one step cannot see from_logits")
    return ProbeResult("refuted", seen)


def _cannot_run(observation: dict) -> str | None:
    if "failure" in observation:
        return observation["failure"]
    if "build_error" in observation:
        refused = observation.get("refused") or []
        text = f"the sliced model code failed: {observation['build_error']}"
        if refused and refused[0] not in text:
            text += f" (the probe refused {'; '.join(refused)})"
        return text
    if "steps_skipped" in observation:
        return observation["steps_skipped"]
    return None


def _shape_text(shape) -> str:
    parts = ["None" if size is None else str(size) for size in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def _agree(fed, real) -> bool:
    return len(fed) == len(real) and all(
        want is None or want == got for got, want in zip(fed, real, strict=True)
    )


def _channels(shape) -> int | None:
    if len(shape) == 2:
        return 1
    return shape[-1] if len(shape) == 3 else None


def _aspect_agrees(code: str, fed, real) -> bool:
    """Whether the part of the shape the finding is about agrees."""
    if code in ("FER001", "FER002"):
        return len(fed) >= 2 and len(real) >= 2 and _agree(fed[:2], real[:2])
    if code == "FER003":
        fed_channels, real_channels = _channels(fed), _channels(real)
        return real_channels is None or fed_channels == real_channels
    return len(fed) == len(real)


def _shape(code: str, batch: BatchSpec | None, observation: dict) -> ProbeResult:
    real = observation["learned"].get("input_shape")
    if real is None:
        return ProbeResult(
            "unconfirmed", "the model's input shape is unknown until it is called"
        )
    if batch is None:
        return ProbeResult("unconfirmed", "the static pass did not describe the batch")
    fed = tuple(batch.sample_shape)
    if _aspect_agrees(code, fed, real):
        return ProbeResult(
            "refuted",
            f"the built model's input is {_shape_text(real)}, which the batch's "
            f"samples {_shape_text(fed)} match for this check",
        )
    step = observation["steps"]["as_fed"]
    corrected = observation["steps"].get("corrected")
    if not step["ok"] and corrected is not None and not corrected["ok"]:
        # The step fails whatever the shape: something else is wrong.
        return ProbeResult(
            "unconfirmed",
            "the training step fails even on a batch shaped as the input, so its "
            f"error says nothing about this finding: {corrected['error']}",
        )
    if not step["ok"]:
        return ProbeResult(
            "confirmed",
            f"one training step on a {_shape_text(fed)} batch into the "
            f"{_shape_text(real)} input failed: {step['error']}",
        )
    return ProbeResult("confirmed", _lenient(code, fed, real, step, observation))


_LENIENCY = {
    "FER001": "the layers see images of another size than the model declares, "
    "and other Keras versions or layers reject them",
    "FER002": "a transposed non-square batch trains through conv+flatten when the "
    "element counts agree, so the model learns from images turned on their side",
    "FER003": "the layers see another number of channels than the model declares",
    "FER004": "Keras 3 adds a missing trailing axis of 1 itself; tf.keras 2 raises, "
    "so the script depends on the Keras version",
}


def _lenient(code: str, fed, real, step: dict, observation: dict) -> str:
    text = (
        f"the installed Keras accepted a {_shape_text(fed)} batch into the "
        f"{_shape_text(real)} input and trained (first-step loss {step['loss']:.3g}); "
        f"{_LENIENCY[code]}"
    )
    if step.get("warnings"):
        text += f". Keras warned: {step['warnings'][0]}"
    corrected = observation["steps"].get("corrected")
    if corrected and corrected["ok"]:
        text += (
            f". The batch shaped as the input trains with loss {corrected['loss']:.3g}"
        )
    return text


def _relative_gap(a: float, b: float) -> float:
    scale = max(abs(a), abs(b), 1e-12)
    return abs(a - b) / scale


def _normalization(observation: dict) -> ProbeResult:
    learned = observation["learned"]
    if learned.get("rescales_inside"):
        return ProbeResult(
            "refuted",
            f"the built model rescales its input itself ({learned['rescaling_layer']})",
        )
    raw, scaled = observation["steps"]["raw_0_255"], observation["steps"]["scaled_0_1"]
    for step in (raw, scaled):
        if not step["ok"]:
            return ProbeResult(
                "unconfirmed", f"the training step failed: {step['error']}"
            )
    same = max(
        _relative_gap(raw["loss"], scaled["loss"]),
        _relative_gap(raw["gradient_norm"], scaled["gradient_norm"]),
    )
    harmed = (
        raw["gradient_norm"] > HARM_FACTOR * scaled["gradient_norm"]
        or raw["loss"] > HARM_FACTOR * scaled["loss"]
    )
    numbers = (
        f"first-step loss {raw['loss']:.3g} on 0..255 input against "
        f"{scaled['loss']:.3g} on [0,1] input; gradient norm "
        f"{raw['gradient_norm']:.3g} against {scaled['gradient_norm']:.3g} "
        "(same seed, same weights)"
    )
    if same < SAME_BEHAVIOUR:
        return ProbeResult(
            "refuted", f"the model normalizes its input itself: {numbers}"
        )
    if not harmed:
        return ProbeResult(
            "unconfirmed",
            f"the two steps differ, but 0..255 input is not clearly worse: {numbers}",
        )
    return ProbeResult("confirmed", numbers)


def _labels(observation: dict) -> ProbeResult:
    loss = observation["learned"].get("loss")
    if observation.get("compiled_by_probe") or not loss:
        return ProbeResult(
            "unconfirmed", "the model is not compiled before the fit call"
        )
    if "sparse" in loss:
        return ProbeResult(
            "refuted", f"the compiled loss is {loss}, which takes integer labels"
        )
    step = observation["steps"]["integer_labels"]
    if not step["ok"]:
        return ProbeResult(
            "confirmed",
            f"one training step with integer labels against {loss} failed: "
            f"{step['error']}",
        )
    text = (
        f"a training step with integer labels against {loss} ran (loss "
        f"{step['loss']:.3g}): the installed Keras accepted them, so one step cannot "
        "show the harm"
    )
    if step.get("warnings"):
        text += f"; Keras warned: {step['warnings'][0]}"
    return ProbeResult("unconfirmed", text)
