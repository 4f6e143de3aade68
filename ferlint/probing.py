"""The bridge from the static pass to the probe: which flows to probe, the
batch each would feed, and the probe's verdicts written back onto findings.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ferlint.analysis import facts
from ferlint.analysis import values as v
from ferlint.checks import code_of
from ferlint.findings import Finding, ProbeResult
from ferlint.rules import RULES

logger = logging.getLogger(__name__)

_RANGES = {"0-255": "0-255", "0-1": "0-1", "standardized": "standardized"}


def target_for(
    flow: v.Flow, fit_line: int, path: str, text: str, findings=(), learn=False
):
    """The probe's target for a training flow, with the findings it should decide."""
    from ferlint.probe import ProbeTarget, StaticModel

    head = facts.head(flow.model)
    loss = flow.model.loss.name if flow.model.loss is not None else None
    static = StaticModel(
        input_shape=facts.input_shape(flow.model),
        rescales_inside=facts.rescales_inside(flow.model),
        output_units=head.units if head is not None else None,
        loss=loss,
    )
    return ProbeTarget(
        path,
        text,
        code_of(flow.receiver, 200),
        fit_line,
        batch_spec(flow),
        static,
        tuple(findings),
        learn=learn,
    )


def batch_spec(flow: v.Flow):
    """The batch the script feeds, with unknown sizes taken from the model."""
    from ferlint.probe import BatchSpec

    images = flow.images
    model_shape = facts.input_shape(flow.model)
    if not isinstance(images, v.ImageArray) or images.sample_dims is None:
        return None
    sample = list(images.sample_dims)
    if len(sample) not in (2, 3):
        return None
    for index, size in enumerate(sample):
        if size is None:
            if model_shape is None or model_shape[index] is None:
                return None
            sample[index] = model_shape[index]
    labels = flow.labels if isinstance(flow.labels, v.Labels) else None
    head = facts.head(flow.model)
    count = labels.num_classes if labels is not None else None
    form = {"sparse": "sparse", "binary": "sparse", "onehot": "onehot"}
    return BatchSpec(
        sample_shape=tuple(sample),
        dtype=images.dtype or "float32",
        value_range=_RANGES.get(images.value_range or "", "unknown"),
        label_form=form.get(labels.encoding, "unknown") if labels else "unknown",
        num_classes=count or (head.units if head is not None else None),
    )


def annotate(
    findings: list[Finding], targets, settings_timeout: float, cache_dir, use_cache=True
):
    """Run the probe over `targets` and return the findings with its verdicts."""
    from ferlint.probe import available, probe_run

    usable, reason = available()
    if not usable:
        return [_unavailable(finding, reason) for finding in findings], {}
    run = probe_run(
        targets, timeout=settings_timeout, cache_dir=cache_dir, use_cache=use_cache
    )
    learned = {
        target.path: run.learned[target.path]
        for target in targets
        if target.learn and target.path in run.learned
    }
    logger.info(
        "probe: %d model(s) run, %d from the cache, %d worker(s) started",
        run.stats.models_run,
        run.stats.cache_hits,
        run.stats.workers_started,
    )
    annotated = []
    for finding in findings:
        result = run.results.get((finding.path, finding.code, finding.span))
        if result is None:
            result = _not_probed(finding)
        annotated.append(finding.with_probe(result))
    return annotated, learned


SHAPE_CODES = frozenset({"FER001", "FER002", "FER003", "FER004"})


def learnable(flow: v.Flow) -> bool:
    """A training flow of known images into a model whose input was not read."""
    if flow.role != "train" or not isinstance(flow.images, v.ImageArray):
        return False
    if flow.images.sample_dims is None or facts.input_shape(flow.model) is not None:
        return False
    unread = flow.model.input is None or flow.model.input.shape is None
    return not flow.model.loaded and unread


def apply_learned(analysis, learned: dict, line_of) -> None:
    """Give models the input shape the probe found, at the fit calls it names."""
    for flow in analysis.flows:
        if not learnable(flow):
            continue
        shape = learned.get(line_of(flow.node))
        if shape is not None:
            node = flow.model.input.node if flow.model.input else flow.model.node
            flow.model.input = v.ModelInput(tuple(shape), node)


def learned_evidence(model) -> ProbeResult:
    shape = tuple(model.input_shape)
    return ProbeResult(
        "confirmed",
        f"the probe built the model: its input is {shape}, which the static pass "
        "could not read from the code",
    )


def _unavailable(finding: Finding, reason: str) -> Finding:
    return finding.with_probe(ProbeResult("unavailable", reason))


def _not_probed(finding: Finding) -> ProbeResult:
    if not RULES[finding.code].probe_decidable:
        if finding.code == "FER000":
            return ProbeResult(
                "unconfirmed", "the file does not parse, so there is nothing to run"
            )
        return ProbeResult(
            "unconfirmed", _UNDECIDABLE.get(finding.code, "one step cannot decide it")
        )
    return ProbeResult("unconfirmed", "no training flow of this file could be probed")


_UNDECIDABLE = {
    "FER005": "a training step cannot show it: Keras casts the batch to float32 itself",
    "FER008": "a training step cannot tell BGR from RGB",
}


def default_cache_dir(config_root: Path | None) -> Path:
    return (config_root or Path.cwd()) / ".ferlint_cache" / "probe"
