"""The probe's decisions and cache, on recorded observations (no TensorFlow)."""

from __future__ import annotations

import pytest

from ferlint.findings import Finding, Fix, Span
from ferlint.probe import BatchSpec, ProbeTarget, StaticModel, available, probe_run
from ferlint.probe.cache import ProbeCache, cache_key
from ferlint.probe.decide import decide, learned_model

GRAY_48 = BatchSpec((48, 48), "uint8", "0-255", "sparse", 7)


def observation(input_shape=(48, 48, 1), loss="categorical_crossentropy", **steps):
    return {
        "learned": {
            "input_shape": list(input_shape),
            "output_units": 7,
            "last_activation": "softmax",
            "rescales_inside": False,
            "rescaling_layer": None,
            "loss": loss,
        },
        "compiled_by_probe": False,
        "steps": steps,
    }


def ok(loss=1.9, gradient_norm=None, warnings=()):
    return {
        "ok": True,
        "loss": loss,
        "gradient_norm": gradient_norm,
        "warnings": list(warnings),
    }


def failed(error):
    return {"ok": False, "error": error, "warnings": []}


def test_shape_mismatch_that_raises_is_confirmed_with_the_error():
    seen = observation(as_fed=failed("expected axis -1 of input shape to have value 1"))
    result = decide(
        "FER003", BatchSpec((48, 48, 3), "float32", "0-1", "onehot", 7), seen
    )
    assert result.status == "confirmed"
    assert "expected axis -1" in result.evidence


def test_missing_axis_that_trains_is_confirmed_as_keras_leniency():
    seen = observation(as_fed=ok(44.7), corrected=ok(1.8))
    result = decide("FER004", GRAY_48, seen)
    assert result.status == "confirmed"
    assert "Keras 3 adds a missing trailing axis" in result.evidence
    assert "1.8" in result.evidence


@pytest.mark.parametrize(
    ("code", "batch_shape", "model_shape"),
    [
        ("FER001", (64, 64, 1), (64, 64, 1)),
        ("FER001", (48, 48), (None, None, 1)),
        ("FER003", (48, 48, 3), (64, 64, 3)),
        ("FER004", (48, 48, 1), (48, 48, 1)),
    ],
)
def test_shape_findings_the_built_model_contradicts_are_refuted(
    code, batch_shape, model_shape
):
    batch = BatchSpec(batch_shape, "float32", "0-1", "onehot", 7)
    result = decide(code, batch, observation(model_shape))
    assert result.status == "refuted"


def test_shape_finding_without_batch_is_unconfirmed():
    result = decide("FER001", None, observation())
    assert result.status == "unconfirmed"


def test_normalization_confirmed_with_loss_and_gradient_numbers():
    seen = observation(raw_0_255=ok(44.7, 6670.0), scaled_0_1=ok(1.8, 12.6))
    result = decide("FER006", GRAY_48, seen)
    assert result.status == "confirmed"
    assert "44.7" in result.evidence and "6.67e+03" in result.evidence


def test_normalization_refuted_when_steps_behave_the_same():
    seen = observation(raw_0_255=ok(1.95, 3.0), scaled_0_1=ok(1.951, 3.01))
    assert decide("FER006", GRAY_48, seen).status == "refuted"


def test_normalization_refuted_by_a_rescaling_layer():
    seen = observation()
    seen["learned"].update(
        rescales_inside=True, rescaling_layer="Rescaling (rescaling)"
    )
    result = decide("FER006", GRAY_48, seen)
    assert result.status == "refuted"
    assert "Rescaling" in result.evidence


def test_labels_decisions():
    raised = observation(integer_labels=failed("Arguments `target` and `output` must"))
    assert decide("FER009", GRAY_48, raised).status == "confirmed"
    trained = observation(integer_labels=ok(0.3))
    assert decide("FER009", GRAY_48, trained).status == "unconfirmed"
    sparse = observation(loss="sparse_categorical_crossentropy")
    assert decide("FER009", GRAY_48, sparse).status == "refuted"


@pytest.mark.parametrize(
    "seen",
    [
        {"failure": "the probe worker crashed (SIGSEGV)"},
        {"build_error": "NameError: x"},
    ],
)
def test_a_model_that_cannot_run_is_unconfirmed(seen):
    result = decide("FER001", GRAY_48, seen)
    assert result.status == "unconfirmed"
    assert result.evidence


@pytest.mark.parametrize("code", ["FER005", "FER008"])
def test_codes_a_step_cannot_decide(code):
    result = decide(code, GRAY_48, observation())
    assert result.status == "unconfirmed"
    assert "cannot" in result.evidence


def test_learned_model_is_read_from_the_observation():
    learned = learned_model(observation((96, 96, 3)))
    assert learned.input_shape == (96, 96, 3)
    assert learned.output_units == 7
    assert learned_model({"failure": "x"}) is None


def test_cache_round_trip_and_key(tmp_path):
    cache = ProbeCache(tmp_path)
    key = cache_key("model = 1", {"batch": None})
    assert cache.get(key) is None
    cache.put(key, {"learned": None})
    assert cache.get(key) == {"learned": None}
    assert key != cache_key("model = 2", {"batch": None})
    assert not list(tmp_path.rglob("*.tmp"))


def test_available_does_not_import_tensorflow():
    import subprocess
    import sys

    usable, reason = available()
    assert isinstance(usable, bool) and reason
    # In a fresh interpreter: another test may have imported TensorFlow here.
    code = (
        "import sys; from ferlint.probe import available; available(); "
        "sys.exit('tensorflow' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def finding(code: str, line: int = 5) -> Finding:
    return Finding(code, "train.py", Span(line, 1, line, 10), "message", Fix("fix"))


def test_without_tensorflow_findings_are_unavailable(monkeypatch, tmp_path):
    monkeypatch.setattr(
        "ferlint.probe.session.available",
        lambda: (False, "TensorFlow is not installed"),
    )
    source = "import keras\nmodel = keras.Sequential()\nmodel.fit(x)\n"
    target = ProbeTarget(
        "train.py",
        source,
        "model",
        3,
        GRAY_48,
        StaticModel((48, 48, 1), False, 7, "categorical_crossentropy"),
        (finding("FER001"), finding("FER008", 6)),
    )
    run = probe_run([target], cache_dir=tmp_path)
    assert (
        run.results[("train.py", "FER001", Span(5, 1, 5, 10))].status == "unavailable"
    )
    assert (
        run.results[("train.py", "FER008", Span(6, 1, 6, 10))].status == "unconfirmed"
    )
    assert run.stats.workers_started == 0


# The rules one step on the labels as written decides.

ONE_HOT_7 = BatchSpec((48, 48, 1), "float32", "0-1", "onehot", 7)
SHAPE_ERROR = "Arguments `target` and `output` must have the same rank (ndim)."


def test_one_hot_labels_against_a_sparse_loss_that_fails_confirm_fer010():
    seen = observation(
        loss="sparse_categorical_crossentropy", as_written=failed(SHAPE_ERROR)
    )
    result = decide("FER010", ONE_HOT_7, seen)
    assert result.status == "confirmed" and SHAPE_ERROR in result.evidence


def test_a_model_compiled_with_a_categorical_loss_refutes_fer010():
    seen = observation(loss="categorical_crossentropy", as_written=ok())
    assert decide("FER010", ONE_HOT_7, seen).status == "refuted"


def test_as_many_outputs_as_classes_refutes_fer011():
    assert decide("FER011", ONE_HOT_7, observation(as_written=ok())).status == "refuted"


def test_a_failing_step_with_eight_classes_confirms_fer011():
    eight = BatchSpec((48, 48, 1), "float32", "0-1", "onehot", 8)
    result = decide("FER011", eight, observation(as_written=failed(SHAPE_ERROR)))
    assert result.status == "confirmed"


def test_integer_labels_that_train_leave_fer011_unconfirmed():
    six = BatchSpec((48, 48, 1), "float32", "0-1", "sparse", 6)
    seen = observation(loss="sparse_categorical_crossentropy", as_written=ok(1.8))
    assert decide("FER011", six, seen).status == "unconfirmed"


def test_a_four_dimensional_output_that_fails_confirms_fer020():
    seen = observation(as_written=failed(SHAPE_ERROR))
    seen["learned"]["output_rank"] = 4
    assert decide("FER020", ONE_HOT_7, seen).status == "confirmed"
    seen["learned"]["output_rank"] = 2
    assert decide("FER020", ONE_HOT_7, seen).status == "refuted"


@pytest.mark.parametrize(
    "activation, loss, units, status",
    [
        pytest.param(
            "softmax", "binary_crossentropy", 7, "confirmed", id="bce-softmax"
        ),
        pytest.param(
            "sigmoid", "categorical_crossentropy", 7, "confirmed", id="sigmoid-cce"
        ),
        pytest.param(
            "softmax", "categorical_crossentropy", 1, "confirmed", id="one-unit"
        ),
        pytest.param("sigmoid", "binary_crossentropy", 1, "refuted", id="binary-head"),
        pytest.param(
            "softmax", "categorical_crossentropy", 7, "unconfirmed", id="logits?"
        ),
    ],
)
def test_the_built_head_and_loss_decide_fer012(activation, loss, units, status):
    seen = observation(loss=loss)
    seen["learned"].update(last_activation=activation, output_units=units)
    assert decide("FER012", None, seen).status == status


def test_a_model_keras_refuses_to_build_confirms_fer016_and_fer021():
    refused = {"build_error": "ValueError: Input size must be at least 32x32"}
    for code in ("FER016", "FER021"):
        result = decide(code, None, refused)
        assert result.status == "confirmed" and "at least 32x32" in result.evidence


def test_a_model_that_builds_leaves_fer016_and_fer021_unconfirmed():
    for code in ("FER016", "FER021"):
        assert decide(code, None, observation()).status == "unconfirmed"


# Shape and scaling decisions that must not claim more than the step shows.


def test_a_step_that_fails_whatever_the_shape_does_not_confirm_a_shape_finding():
    batch = BatchSpec((48, 48), "float32", "0-1", "onehot", 7)
    seen = observation(
        as_fed=failed("dtype='string' is not valid"),
        corrected=failed("dtype='string' is not valid"),
    )
    result = decide("FER004", batch, seen)
    assert (
        result.status == "unconfirmed"
        and "even on a batch shaped as the input" in result.evidence
    )


def test_unscaled_input_that_is_not_clearly_worse_leaves_fer006_unconfirmed():
    seen = observation(
        raw_0_255=ok(1.53, gradient_norm=113.0), scaled_0_1=ok(2.53, gradient_norm=90.0)
    )
    assert decide("FER006", GRAY_48, seen).status == "unconfirmed"
