"""The runtime probe: one training step decides what the static pass could not.

The static pass hands over a `ProbeTarget` per training flow. The probe slices
the code that builds and compiles the model (`ferlint.probe.slicer`), runs it
with a reference batch in an isolated worker process (`ferlint.probe.worker`,
driven by `ferlint.probe.runner`), and turns what the step did into a
`ProbeResult` per finding (`ferlint.probe.decide`). Results are cached
(`ferlint.probe.cache`), so an unchanged file never starts TensorFlow again.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

from ferlint.findings import Finding, ProbeResult, Span

ProbeKey = tuple[str, str, Span]
"""(path, code, span) of one finding."""


@dataclass(frozen=True)
class BatchSpec:
    """One sample as the script feeds it to training."""

    sample_shape: tuple[int, ...]
    dtype: str
    value_range: str
    label_form: str
    num_classes: int | None


@dataclass(frozen=True)
class StaticModel:
    """What the static pass read of the model."""

    input_shape: tuple[int | None, ...] | None
    rescales_inside: bool | None
    output_units: int | None
    loss: str | None


@dataclass(frozen=True)
class ProbeTarget:
    path: str
    source: str
    model_expr: str
    fit_line: int
    batch: BatchSpec | None
    model: StaticModel
    findings: tuple[Finding, ...]
    # Build the model only to learn what it is: its input shape could not be
    # read statically, so a mismatch with the batch is still to be found.
    learn: bool = False


@dataclass(frozen=True)
class LearnedModel:
    """What the built model really is, read from the running model."""

    input_shape: tuple[int | None, ...] | None
    output_units: int | None
    last_activation: str | None
    rescales_inside: bool
    rescaling_layer: str | None
    loss: str | None


@dataclass
class ProbeStats:
    workers_started: int = 0
    cache_hits: int = 0
    models_run: int = 0


@dataclass
class ProbeRun:
    """The outcome of one probe run.

    `results` has a ProbeResult for every finding of every target. `learned` maps
    a target's path to what the built model really is (when it could be built);
    with several fit calls in one file, the last target of that path wins.
    """

    results: dict[ProbeKey, ProbeResult] = field(default_factory=dict)
    learned: dict[str, LearnedModel] = field(default_factory=dict)
    stats: ProbeStats = field(default_factory=ProbeStats)


def available() -> tuple[bool, str]:
    """Whether TensorFlow can be imported, found without importing it."""
    try:
        spec = importlib.util.find_spec("tensorflow")
    except (ImportError, ValueError) as error:
        return False, f"TensorFlow cannot be located: {error}"
    if spec is None:
        return False, "TensorFlow is not installed (pip install 'ferlint[probe]')"
    return True, "TensorFlow is installed"


def probe(
    targets: list[ProbeTarget],
    *,
    timeout: float = 60.0,
    cache_dir: Path | None = None,
) -> dict[ProbeKey, ProbeResult]:
    """ProbeKey = (path, code, span).

    Every finding of every target gets a ProbeResult.
    """
    return probe_run(targets, timeout=timeout, cache_dir=cache_dir).results


def probe_run(
    targets: list[ProbeTarget],
    *,
    timeout: float = 60.0,
    cache_dir: Path | None = None,
    memory_limit: int = 6 << 30,
    use_cache: bool = True,
) -> ProbeRun:
    """Like `probe`, and also what was learned of each model and run statistics.

    With `use_cache=False` nothing is read from or written to the cache.
    """
    from ferlint.probe.session import run_targets

    return run_targets(
        targets,
        timeout=timeout,
        cache_dir=cache_dir,
        memory_limit=memory_limit,
        use_cache=use_cache,
    )


__all__ = [
    "BatchSpec",
    "LearnedModel",
    "ProbeKey",
    "ProbeRun",
    "ProbeStats",
    "ProbeTarget",
    "StaticModel",
    "available",
    "probe",
    "probe_run",
]
