"""Time the probe per model, cold and cached, against a bare TensorFlow subprocess.

    python benchmarks/probe_bench.py [--backbone vgg16|mobilenetv2]

The bare figure is what the cheapest possible check costs: a fresh process that
imports TensorFlow, builds the same model and runs one train_on_batch.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from ferlint.findings import Finding, Fix, Span
from ferlint.probe import BatchSpec, ProbeTarget, StaticModel, probe_run

SMALL_CNN = """\
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([
    keras.Input(shape=(48, 48, 1)),
    layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(),
    layers.Flatten(), layers.Dense(128, activation="relu"),
    layers.Dense(7, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
"""

BACKBONES = {
    "vgg16": ("VGG16", (48, 48, 3)),
    "mobilenetv2": ("MobileNetV2", (96, 96, 3)),
}


def backbone_source(name: str, shape: tuple[int, ...]) -> str:
    return textwrap.dedent(
        f"""\
        from tensorflow import keras
        from tensorflow.keras import layers
        base = keras.applications.{name}(
            weights="imagenet", include_top=False, input_shape={shape})
        model = keras.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """
    )


def target(name: str, source: str, shape: tuple[int, ...]) -> ProbeTarget:
    fit_line = len(source.splitlines()) + 1
    source += "model.fit(faces, labels)\n"
    finding = Finding("FER006", name, Span(fit_line, 1, fit_line, 10), "m", Fix("f"))
    batch = BatchSpec(shape, "uint8", "0-255", "onehot", 7)
    model = StaticModel(shape, False, 7, "categorical_crossentropy")
    return ProbeTarget(name, source, "model", fit_line, batch, model, (finding,))


def bare_seconds(source: str, shape: tuple[int, ...]) -> float:
    program = (
        source.replace('weights="imagenet"', "weights=None")
        + "import numpy as np\n"
        + f"x = np.random.rand(4, *{shape}).astype('float32')\n"
        + "y = np.eye(7, dtype='float32')[[0, 1, 2, 3]]\n"
        + "model.train_on_batch(x, y)\n"
    )
    env = {"TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", program],
        check=True,
        capture_output=True,
        env={**__import__("os").environ, **env},
    )
    return time.perf_counter() - started


def probe_seconds(targets: list[ProbeTarget], cache: Path) -> tuple[float, object]:
    started = time.perf_counter()
    run = probe_run(targets, cache_dir=cache)
    return time.perf_counter() - started, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backbone", choices=sorted(BACKBONES), default="vgg16")
    options = parser.parse_args()
    name, shape = BACKBONES[options.backbone]
    models = [
        ("small FER CNN 48x48x1", SMALL_CNN, (48, 48, 1)),
        (f"{name} {shape[0]}x{shape[1]}x3", backbone_source(name, shape), shape),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, source, model_shape in models:
            probe_target = target(f"{label}.py", source, model_shape)
            cache = Path(folder) / label
            cold, run = probe_seconds([probe_target], cache)
            cached, again = probe_seconds([probe_target], cache)
            assert again.stats.workers_started == 0
            status = next(iter(run.results.values())).status
            rows.append(
                (label, cold, cached, bare_seconds(source, model_shape), status)
            )
        both = [target(f"{label}.py", s, m) for label, s, m in models]
        together, _ = probe_seconds(both, Path(folder) / "both")
    print(
        f"{'model':28} {'probe cold':>11} {'probe cached':>13} {'bare step':>10}"
        "  FER006"
    )
    for label, cold, cached, bare, status in rows:
        print(f"{label:28} {cold:10.2f}s {cached:12.3f}s {bare:9.2f}s  {status}")
    print(f"both models in one probe run (one worker): {together:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
