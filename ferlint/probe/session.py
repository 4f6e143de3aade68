"""One probe run: plan each target, use the cache, ask the worker, decide."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from ferlint.findings import Finding, ProbeResult
from ferlint.probe import ProbeRun, ProbeTarget, available
from ferlint.probe.cache import NoCache, ProbeCache, cache_key
from ferlint.probe.decide import (
    DECIDABLE,
    LABEL_CODES,
    SHAPE_CODES,
    decide,
    learned_model,
    undecidable,
)
from ferlint.probe.runner import WorkerFailed, WorkerPool
from ferlint.probe.slicer import slice_model

logger = logging.getLogger(__name__)

_DTYPES = frozenset(
    {"uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64"}
)


@dataclass
class _Plan:
    target: ProbeTarget
    program: str | None = None
    reason: str | None = None
    request: dict | None = None
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return cache_key(self.program, self.request)


def default_cache_dir() -> Path:
    return Path.cwd() / ".ferlint_cache" / "probe"


def run_targets(
    targets: list[ProbeTarget],
    *,
    timeout: float,
    cache_dir: Path | None,
    memory_limit: int,
    use_cache: bool = True,
) -> ProbeRun:
    run = ProbeRun()
    usable, why = available()
    plans = [_plan(target) for target in targets]
    if use_cache:
        cache = ProbeCache(cache_dir if cache_dir is not None else default_cache_dir())
    else:
        cache = NoCache()
    pool = WorkerPool(memory_limit)
    observations: dict[str, dict] = {}
    try:
        for plan in plans:
            observation = None
            if plan.request is not None and usable:
                observation = _observe(plan, cache, pool, observations, run, timeout)
            _record(plan, observation, why if not usable else None, run)
    finally:
        pool.close()
        run.stats.workers_started = pool.started
    return run


def _plan(target: ProbeTarget) -> _Plan:
    codes = {finding.code for finding in target.findings} & DECIDABLE
    if not codes and not target.learn:
        return _Plan(target)
    sliced = slice_model(target.source, target.model_expr, target.fit_line)
    if sliced.program is None:
        return _Plan(target, reason=sliced.reason)
    notes = sliced.notes
    request = {
        "program": sliced.program,
        "batch": asdict(target.batch) if target.batch else None,
        "experiments": _experiments(target, codes) or _learning(target),
        "static_loss": target.model.loss,
    }
    if request["batch"]:
        request["batch"]["sample_shape"] = list(target.batch.sample_shape)
    return _Plan(target, program=sliced.program, request=request, notes=notes)


def _experiment(name, images, dtype, value_range, labels="suited", gradient=False):
    return {
        "name": name,
        "images": images,
        "dtype": dtype if dtype in _DTYPES else "float32",
        "value_range": value_range,
        "labels": labels,
        "gradient": gradient,
    }


def _experiments(target: ProbeTarget, codes: set[str]) -> list[dict]:
    batch = target.batch
    specs = []
    if codes & SHAPE_CODES and batch is not None:
        specs.append(_experiment("as_fed", "as_fed", batch.dtype, batch.value_range))
        specs.append(_experiment("corrected", "fitted", "float32", "0-1"))
    if "FER006" in codes:
        fed_255 = batch is not None and batch.value_range == "0-255"
        raw_dtype = batch.dtype if fed_255 else "float32"
        specs.append(
            _experiment("raw_0_255", "fitted", raw_dtype, "0-255", gradient=True)
        )
        specs.append(
            _experiment("scaled_0_1", "fitted", "float32", "0-1", gradient=True)
        )
    if codes & LABEL_CODES and batch is not None:
        specs.append(
            _experiment("as_written", "fitted", "float32", "0-1", "as_written")
        )
    if "FER009" in codes:
        specs.append(
            _experiment("integer_labels", "fitted", "float32", "0-1", "integer")
        )
    return specs


def _learning(target: ProbeTarget) -> list[dict]:
    """Building the model is what teaches its input; one step checks it runs."""
    batch = target.batch
    if batch is None:
        return []
    return [_experiment("as_fed", "as_fed", batch.dtype, batch.value_range)]


def _observe(plan, cache, pool, observations, run, timeout) -> dict:
    key = plan.key
    if key in observations:
        return observations[key]
    observation = cache.get(key)
    if observation is not None:
        run.stats.cache_hits += 1
    else:
        observation = _ask_worker(plan, pool, timeout)
        run.stats.models_run += 1
        if "failure" not in observation:
            cache.put(key, observation)
    observations[key] = observation
    return observation


def _ask_worker(plan: _Plan, pool: WorkerPool, timeout: float) -> dict:
    try:
        reply = pool.run(plan.request, timeout)
    except WorkerFailed as failure:
        logger.info("probe of %s failed: %s", plan.target.path, failure)
        return {"failure": str(failure)}
    reply.pop("id", None)
    return reply


def _record(plan: _Plan, observation, unavailable: str | None, run: ProbeRun) -> None:
    target = plan.target
    for finding in target.findings:
        run.results[_key(finding)] = _result(finding, plan, observation, unavailable)
    learned = learned_model(observation or {})
    if learned is not None:
        run.learned[target.path] = learned


def _result(finding: Finding, plan: _Plan, observation, unavailable) -> ProbeResult:
    if finding.code not in DECIDABLE:
        return undecidable(finding.code)
    if plan.reason is not None:
        return ProbeResult("unconfirmed", plan.reason)
    if unavailable is not None:
        return ProbeResult("unavailable", unavailable)
    result = decide(finding.code, plan.target.batch, observation)
    if plan.notes and result.evidence:
        evidence = f"{result.evidence} (assumed: {'; '.join(plan.notes)})"
        return ProbeResult(result.status, evidence)
    return result


def _key(finding: Finding):
    return (finding.path, finding.code, finding.span)
