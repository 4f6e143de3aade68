"""The probe against TensorFlow: one shared worker run, then isolation and cache.

Skipped when TensorFlow is not installed (CI installs it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ferlint.findings import Finding, Fix, Span
from ferlint.probe import BatchSpec, ProbeTarget, StaticModel, available, probe_run

if not available()[0]:
    pytest.skip("TensorFlow is not installed", allow_module_level=True)

STATIC = StaticModel((48, 48, 1), False, 7, "categorical_crossentropy")
GRAY = BatchSpec((48, 48, 1), "float32", "0-1", "onehot", 7)


def cnn(
    shape="(48, 48, 1)",
    loss='"categorical_crossentropy"',
    first_layer="",
    compile_model=True,
    before="",
):
    """A small FER CNN script; its fit call is on the last line."""
    compile_line = (
        f"model.compile(optimizer='adam', loss={loss})" if compile_model else ""
    )
    source = f"""\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
{before}
model = keras.Sequential([
    keras.Input(shape={shape}),
    {first_layer}
    layers.Conv2D(4, 3, activation="relu"),
    layers.MaxPooling2D(4),
    layers.Flatten(),
    layers.Dense(7, activation="softmax"),
])
{compile_line}
faces = np.load("faces.npy")
model.fit(faces, labels, epochs=3)
"""
    return source


def target(name: str, source: str, codes, batch=GRAY) -> ProbeTarget:
    source = textwrap.dedent(source)
    fit_line = len(source.splitlines())
    findings = tuple(
        Finding(code, name, Span(fit_line, 1, fit_line, 20), code, Fix("fix"))
        for code in codes
    )
    return ProbeTarget(name, source, "model", fit_line, batch, STATIC, findings)


def result(run, name: str, code: str):
    (found,) = [value for key, value in run.results.items() if key[:2] == (name, code)]
    return found


TARGETS = [
    target(
        "size_raises.py",
        cnn(),
        ["FER001"],
        BatchSpec((64, 64, 1), "float32", "0-1", "onehot", 7),
    ),
    target(
        "size_misread.py",
        cnn("(64, 64, 1)"),
        ["FER001"],
        BatchSpec((64, 64, 1), "float32", "0-1", "onehot", 7),
    ),
    target("size_from_data.py", cnn("np.load('x.npy').shape[1:]"), ["FER001"]),
    target(
        "channels_raise.py",
        cnn(),
        ["FER003"],
        BatchSpec((48, 48, 3), "float32", "0-1", "onehot", 7),
    ),
    target(
        "channels_misread.py",
        cnn("(48, 48, 3)"),
        ["FER003"],
        BatchSpec((48, 48, 3), "float32", "0-1", "onehot", 7),
    ),
    target(
        "channels_loaded.py",
        "from keras.models import load_model\n"
        "model = load_model('fer.h5')\n"
        "model.fit(x, y)\n",
        ["FER003"],
        BatchSpec((48, 48, 3), "float32", "0-1", "onehot", 7),
    ),
    target(
        "axis_missing.py",
        cnn(),
        ["FER004"],
        BatchSpec((48, 48), "float32", "0-1", "onehot", 7),
    ),
    target("axis_present.py", cnn(), ["FER004"]),
    target(
        "raw_pixels.py",
        cnn(),
        ["FER006", "FER005", "FER008"],
        BatchSpec((48, 48, 1), "uint8", "0-255", "onehot", 7),
    ),
    target(
        "rescaling_layer.py", cnn(first_layer="layers.Rescaling(1 / 255),"), ["FER006"]
    ),
    target(
        "batchnorm_first.py",
        cnn(first_layer="layers.BatchNormalization(),"),
        ["FER006"],
    ),
    target("build_fails.py", cnn("(48, 48, 1 // 0)"), ["FER006"]),
    target(
        "int_labels.py",
        cnn(),
        ["FER009"],
        BatchSpec((48, 48, 1), "float32", "0-1", "sparse", 7),
    ),
    target("sparse_loss.py", cnn(loss='"sparse_categorical_crossentropy"'), ["FER009"]),
    target(
        "lenient_loss.py",
        cnn(
            loss="categorical_crossentropy",
            before="def categorical_crossentropy(y_true, y_pred):\n"
            "    return keras.ops.mean(keras.ops.square(y_pred))",
        ),
        ["FER009"],
    ),
    target("not_compiled.py", cnn(compile_model=False), ["FER009"]),
]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("probe-cache")


@pytest.fixture(scope="module")
def run(cache_dir):
    return probe_run(TARGETS, timeout=60, cache_dir=cache_dir)


def test_one_worker_serves_every_model(run):
    assert run.stats.workers_started == 1
    assert len(run.results) == sum(len(t.findings) for t in TARGETS)


@pytest.mark.parametrize(
    ("name", "code", "status", "evidence"),
    [
        ("size_raises.py", "FER001", "confirmed", "failed: "),
        ("size_misread.py", "FER001", "refuted", "(64, 64, 1)"),
        ("size_from_data.py", "FER001", "unconfirmed", "data read at run time"),
        ("channels_raise.py", "FER003", "confirmed", "failed: "),
        ("channels_misread.py", "FER003", "refuted", "(48, 48, 3)"),
        ("channels_loaded.py", "FER003", "unconfirmed", "loaded from a file"),
        ("axis_missing.py", "FER004", "confirmed", "adds a missing trailing axis"),
        ("axis_present.py", "FER004", "refuted", "(48, 48, 1)"),
        ("raw_pixels.py", "FER006", "confirmed", "on 0..255 input against"),
        ("raw_pixels.py", "FER005", "unconfirmed", "casts"),
        ("raw_pixels.py", "FER008", "unconfirmed", "BGR from RGB"),
        ("rescaling_layer.py", "FER006", "refuted", "Rescaling"),
        ("batchnorm_first.py", "FER006", "refuted", "normalizes its input itself"),
        ("build_fails.py", "FER006", "unconfirmed", "ZeroDivisionError"),
        ("int_labels.py", "FER009", "confirmed", "failed: "),
        ("sparse_loss.py", "FER009", "refuted", "sparse_categorical_crossentropy"),
        ("lenient_loss.py", "FER009", "unconfirmed", "accepted them"),
        ("not_compiled.py", "FER009", "unconfirmed", "not compiled"),
    ],
)
def test_status_and_evidence(run, name, code, status, evidence):
    found = result(run, name, code)
    assert (found.status, evidence in (found.evidence or "")) == (status, True), found


def test_raw_pixel_loss_is_far_above_scaled_loss(run):
    evidence = result(run, "raw_pixels.py", "FER006").evidence
    raw_loss, scaled_loss = (
        float(number)
        for number in re.findall(
            r"loss ([\d.e+]+) on 0..255 input against ([\d.e+]+)", evidence
        )[0]
    )
    assert raw_loss > 3 * scaled_loss


def test_learned_model(run):
    learned = run.learned["channels_misread.py"]
    assert learned.input_shape == (48, 48, 3)
    assert learned.output_units == 7
    assert learned.last_activation == "softmax"
    assert run.learned["rescaling_layer.py"].rescales_inside
    assert not run.learned["raw_pixels.py"].rescales_inside
    assert "size_from_data.py" not in run.learned


def test_second_run_uses_the_cache_and_starts_no_worker(run, cache_dir):
    again = probe_run(TARGETS, timeout=60, cache_dir=cache_dir)
    assert again.stats.workers_started == 0
    assert again.stats.cache_hits == run.stats.models_run
    assert again.results == run.results
    # In a fresh interpreter (another test may have imported TensorFlow here):
    # a run answered from the cache imports no TensorFlow.
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from tests.test_probe import TARGETS
        from ferlint.probe import probe_run
        probe_run(TARGETS, timeout=60, cache_dir=Path({str(cache_dir)!r}))
        sys.exit("tensorflow" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).parent.parent
    )
    assert done.returncode == 0


def guarded(name: str, body: str) -> ProbeTarget:
    """A model whose build function first runs `body`."""
    before = "def setup():\n" + textwrap.indent(textwrap.dedent(body), "    ")
    source = cnn(shape="setup()", before=before)
    return target(name, source, ["FER006"])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "written.txt"
    victim = tmp_path_factory.mktemp("victim") / "keep.txt"
    victim.write_text("still here")
    os.environ["FERLINT_TEST_SECRET"] = "a token the probed code must not see"
    targets = [
        guarded(
            "crash.py",
            "import faulthandler\nfaulthandler._sigsegv()\nreturn (48, 48, 1)",
        ),
        guarded("hang.py", "import time\ntime.sleep(600)\nreturn (48, 48, 1)"),
        guarded(
            "socket.py",
            "import socket\nsocket.socket().connect(('127.0.0.1', 9))\n"
            "return (48, 48, 1)",
        ),
        guarded(
            "write.py",
            f"import pathlib\npathlib.Path({str(outside)!r}).write_text('x')\n"
            "return (48, 48, 1)",
        ),
        guarded("spawn.py", "import os\nos.system('true')\nreturn (48, 48, 1)"),
        guarded(
            "memory.py", "import numpy as np\nnp.ones(1 << 30)\nreturn (48, 48, 1)"
        ),
        guarded("prints.py", "print('{\"id\": 1}')\nreturn (48, 48, 1)"),
        guarded("exit.py", "import os\nos._exit(3)\nreturn (48, 48, 1)"),
        guarded(
            "delete.py",
            f"import os\nos.remove({str(victim)!r})\nreturn (48, 48, 1)",
        ),
        guarded(
            "popen.py",
            "import subprocess\nsubprocess.Popen(['true'])\nreturn (48, 48, 1)",
        ),
        guarded(
            "environment.py",
            "import os\nassert 'FERLINT_TEST_SECRET' not in os.environ, 'leaked'\n"
            "return (48, 48, 1)",
        ),
        guarded(
            "write_inside.py",
            "import pathlib\npathlib.Path('inside.txt').write_text('x')\n"
            "return (48, 48, 1)",
        ),
    ]
    # The memory cap is 6 GiB; the 8 GiB array of memory.py cannot fit.
    try:
        run = probe_run(targets, timeout=10, cache_dir=tmp_path_factory.mktemp("c"))
    finally:
        del os.environ["FERLINT_TEST_SECRET"]
    return run, outside, victim


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("crash.py", "crashed (SIGSEGV)"),
        ("hang.py", "within 10 s"),
        ("socket.py", "refused a network connection"),
        ("write.py", "outside the temporary folder"),
        ("spawn.py", "refused a subprocess"),
        ("popen.py", "refused a subprocess"),
        ("delete.py", "outside the temporary folder"),
        ("memory.py", "MemoryError"),
        ("exit.py", "exited"),
    ],
)
def test_hostile_models_are_unconfirmed_and_the_run_goes_on(hostile, name, evidence):
    run, _, _ = hostile
    found = result(run, name, "FER006")
    assert (found.status, evidence in found.evidence) == ("unconfirmed", True), found


def test_guard_allows_the_temporary_folder_and_blocks_outside(hostile):
    run, outside, victim = hostile
    assert result(run, "write_inside.py", "FER006").status == "confirmed"
    assert victim.read_text() == "still here"
    # The probed code sees a scrubbed environment: no secret, yet it builds.
    assert result(run, "environment.py", "FER006").status == "confirmed"
    # What the model code prints goes to stderr, never into the replies.
    assert result(run, "prints.py", "FER006").status == "confirmed"
    assert not outside.exists()
    # crash, hang and exit each cost a worker; the run replaced them.
    assert run.stats.workers_started == 4
