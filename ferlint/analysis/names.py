"""Resolve names by meaning: an import table and canonical API names.

`tf.keras.layers.Conv2D`, `keras.layers.Conv2D` and `from tensorflow.keras.layers
import Conv2D as C` all become `keras.Conv2D`. An import table built in one walk
is much cheaper than libcst's scope and qualified-name providers, and training
scripts rarely shadow their imports.
"""

from __future__ import annotations

import functools

import libcst as cst

# Spellings of Keras that all mean the same API.
_KERAS_ROOTS = (
    "tensorflow.compat.v2.keras",
    "tensorflow.python.keras",
    "tensorflow.keras",
    "tensorflow.contrib.keras",
    "keras.src",
    "tf_keras",
    "keras_preprocessing",
    "keras",
)

# Names in keras.applications.<module> that are not backbones but module helpers.
_APPLICATION_HELPERS = frozenset({"preprocess_input", "decode_predictions"})


@functools.lru_cache(maxsize=4096)
def canonical(qualified: str) -> str:
    """The canonical name of a fully qualified API name.

    Keras names keep only their last part (`keras.Conv2D`), except the
    helpers of `keras.applications` modules, which depend on the module
    (`keras.applications.vgg16.preprocess_input`).
    """
    for root in _KERAS_ROOTS:
        if qualified == root or qualified.startswith(root + "."):
            return _canonical_keras(qualified[len(root) :].lstrip("."))
    if qualified.startswith("tf."):
        return canonical("tensorflow" + qualified[2:])
    return qualified


def _canonical_keras(rest: str) -> str:
    if not rest:
        return "keras"
    parts = rest.split(".")
    if parts[0] == "applications" and len(parts) >= 3:
        if parts[-1] in _APPLICATION_HELPERS:
            return "keras.applications." + parts[-2] + "." + parts[-1]
        return "keras." + parts[-1]
    if parts[0] == "applications" and len(parts) == 2:
        return "keras." + parts[1] if parts[1][:1].isupper() else "keras." + rest
    return "keras." + parts[-1]


def dotted(node: cst.BaseExpression) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return None if base is None else base + "." + node.attr.value
    return None


def module_name(node: cst.BaseExpression | None) -> str:
    if node is None:
        return ""
    return dotted(node) or ""


class ImportTable:
    """Local names bound by import statements, mapped to qualified names."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def add(self, statement: cst.Import | cst.ImportFrom) -> None:
        if isinstance(statement, cst.Import):
            self._add_import(statement)
        else:
            self._add_import_from(statement)

    def _add_import(self, statement: cst.Import) -> None:
        for alias in statement.names:
            full = module_name(alias.name)
            if alias.asname is not None:
                local = module_name(alias.asname.name)
                self.names[local] = full
            else:
                top = full.split(".")[0]
                self.names[top] = top

    def _add_import_from(self, statement: cst.ImportFrom) -> None:
        if statement.relative or isinstance(statement.names, cst.ImportStar):
            return
        module = module_name(statement.module)
        for alias in statement.names:
            imported = module_name(alias.name)
            local = module_name(alias.asname.name) if alias.asname else imported
            self.names[local] = f"{module}.{imported}"

    def qualify(self, local: str) -> str | None:
        return self.names.get(local)
