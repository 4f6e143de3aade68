"""FER021 legacy-conv-arguments: Keras 1 spellings that mean something else now."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from ferlint.analysis import values as v
from ferlint.analysis.code import code
from ferlint.analysis.interpreter import Analysis
from ferlint.checks import RawFinding, about, code_of, training_flow


def check(analysis: Analysis) -> Iterator[RawFinding]:
    seen: set[int] = set()
    for model in analysis.models:
        for layer in model.layers:
            if not isinstance(layer, v.Layer) or layer.legacy is None:
                continue
            if id(layer.node) in seen:
                continue
            seen.add(id(layer.node))
            finding = RawFinding(
                "FER021",
                layer.node,
                f"`{code_of(layer.node)}`: {layer.legacy}.",
                _fix(layer),
            )
            finding.fixed_by(*_rewritten(layer.node))
            yield about(finding, training_flow(analysis, model))


def _fix(layer: v.Layer) -> str:
    if "third argument" in (layer.legacy or ""):
        return "write the kernel as one argument: Conv2D(filters, (3, 3))"
    return "use the Keras 2 argument names"


# Keras 1 keywords with a one-to-one Keras 2 name: renaming them changes nothing
# for Keras 2.0 to 2.3, which translated them, and makes them work elsewhere.
_RENAMED = {
    "border_mode": "padding",
    "subsample": "strides",
    "nb_filter": "filters",
    "init": "kernel_initializer",
    "W_regularizer": "kernel_regularizer",
    "dim_ordering": "data_format",
    "output_dim": "units",
}


def _rewritten(call: cst.Call) -> tuple:
    """("safe", edits) renaming Keras 1 keywords, or ("unsafe", edit) writing a
    Keras 1 kernel (filters, rows, columns) as one kernel argument."""
    renames = [
        (arg.keyword, _RENAMED[arg.keyword.value])
        for arg in call.args
        if arg.keyword is not None and arg.keyword.value in _RENAMED
    ]
    if renames:
        return ("safe", *renames)
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    if len(positional) < 3:
        return ("none",)
    rows, columns = positional[1], positional[2]
    kernel = cst.parse_expression(f"({code(rows.value)}, {code(columns.value)})")
    args = list(call.args)
    index = args.index(rows)
    args[index] = rows.with_changes(value=kernel, comma=columns.comma)
    del args[index + 1]
    return ("unsafe", (call, code(call.with_changes(args=args))))
