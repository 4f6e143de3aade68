"""ferlint's backbone table (ferlint.analysis.apis.BACKBONES) against the installed Keras.

Nothing is built: the sizes are read from the source of each application
function (inspect.getsource), following it to the builder it delegates to
(EfficientNetB0 -> EfficientNet, ResNet50V2 -> resnet.ResNet, NASNetMobile ->
NASNet, ...) until the call of the input-shape helper
`imagenet_utils.obtain_input_shape(..., default_size=..., min_size=...)`. A
builder without that helper (MobileNetV3) is read from its own checks: the
"at least NxN" test gives the minimum, the `rows != N` weights warning the size.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap

import pytest

from ferlint.analysis.apis import BACKBONES, PREPROCESS_MODES

keras = pytest.importorskip(
    "keras", reason="Keras (with TensorFlow) is not installed: nothing to compare with"
)
try:
    applications = keras.applications
except Exception as error:  # a Keras without a usable backend
    pytest.skip(f"keras.applications is not usable: {error}", allow_module_level=True)

_MISSING = object()
_EVALUABLE = (
    ast.Expression,
    ast.Constant,
    ast.Name,
    ast.Attribute,
    ast.Subscript,
    ast.Load,
    ast.Tuple,
    ast.UnaryOp,
    ast.USub,
)


def _function_def(fn) -> ast.FunctionDef:
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    return next(node for node in tree.body if isinstance(node, ast.FunctionDef))


def _evaluate(node: ast.AST, namespace: dict):
    """A constant, a module global or a subscript of one; _MISSING otherwise."""
    expression = ast.Expression(node)
    if not all(isinstance(part, _EVALUABLE) for part in ast.walk(expression)):
        return _MISSING
    try:
        return eval(compile(expression, "<keras source>", "eval"), dict(namespace))
    except Exception:
        return _MISSING


def _value(node: ast.AST, fn, bound: dict):
    """What an argument expression is worth inside `fn`, given its bound parameters."""
    if isinstance(node, ast.Name):
        if bound.get(node.id, None) is not None:
            return bound[node.id]
        assigned = {
            statement.value.value
            for statement in ast.walk(_function_def(fn))
            if isinstance(statement, ast.Assign)
            and any(
                isinstance(target, ast.Name) and target.id == node.id
                for target in statement.targets
            )
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, int)
        }
        if len(assigned) == 1:
            return assigned.pop()
        if node.id in bound:
            return bound[node.id]
    return _evaluate(node, vars(inspect.getmodule(fn)))


def _is_helper(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.endswith("obtain_input_shape")


def _own_checks(fn, bound: dict) -> dict | None:
    """default_size and min_size of a builder that checks its input itself."""
    try:
        source = inspect.getsource(fn)
    except (OSError, TypeError):
        return None
    minimum = re.search(r"must be at least (\d+)x(\d+)", source)
    weights_size = re.search(r"rows != (\d+)", source)
    if minimum is None or weights_size is None:
        return None
    return {
        "default_size": int(weights_size.group(1)),
        "min_size": int(minimum.group(1)),
    }


def helper_sizes(fn, bound: dict | None = None, depth: int = 0) -> dict | None:
    """{"default_size": ..., "min_size": ...} as the Keras source of `fn` says."""
    bound = bound or {}
    try:
        definition = _function_def(fn)
    except (OSError, TypeError):  # a callee with no Python source
        return None
    calls = [node for node in ast.walk(definition) if isinstance(node, ast.Call)]
    for call in calls:
        if _is_helper(call):
            keywords = {kw.arg: kw.value for kw in call.keywords}
            return {
                name: _value(keywords[name], fn, bound)
                for name in ("default_size", "min_size")
                if name in keywords
            }
    if depth > 3:
        return None
    namespace = vars(inspect.getmodule(fn))
    for call in calls:
        callee = _evaluate(call.func, namespace)
        if not inspect.isfunction(callee) or callee is fn:
            continue
        args = [
            _value(arg, fn, bound)
            for arg in call.args
            if not isinstance(arg, ast.Starred)
        ]
        kwargs = {kw.arg: _value(kw.value, fn, bound) for kw in call.keywords if kw.arg}
        try:
            arguments = inspect.signature(callee).bind_partial(*args, **kwargs)
        except TypeError:
            continue
        arguments.apply_defaults()
        inner = {
            name: value
            for name, value in arguments.arguments.items()
            if value is not _MISSING
        }
        found = helper_sizes(callee, inner, depth + 1)
        if found is None:
            found = _own_checks(callee, inner)
        if found is not None:
            return found
    return None


NAMES = sorted(BACKBONES)

SIZED_NAMES = NAMES
MODULES = sorted({spec.module for spec in BACKBONES.values()} | set(PREPROCESS_MODES))


@pytest.mark.parametrize("name", NAMES)
def test_backbone_exists_in_keras_applications(name):
    assert callable(getattr(applications, name, None)), (
        f"keras.applications has no {name}"
    )


@pytest.mark.parametrize("module", MODULES)
def test_preprocess_input_lives_in_its_module(module):
    holder = getattr(applications, module, None)
    assert holder is not None, f"keras.applications has no module {module}"
    assert callable(getattr(holder, "preprocess_input", None)), (
        f"keras.applications.{module} has no preprocess_input"
    )


@pytest.mark.parametrize("module", MODULES)
def test_preprocessing_mode_matches_keras(module):
    """The mode given to imagenet_utils (caffe, tf, torch), or inside: a pass-through."""
    source = inspect.getsource(getattr(applications, module).preprocess_input)
    mode = re.search(r'mode="(caffe|tf|torch)"', source)
    if mode is not None:
        keras_mode = mode.group(1)
    elif re.search(r"^\s*return x\s*$", source, re.MULTILINE):
        keras_mode = "inside"
    else:
        pytest.fail(f"cannot read the mode of {module}.preprocess_input")
    assert PREPROCESS_MODES[module] == keras_mode


@pytest.mark.parametrize("name", SIZED_NAMES)
def test_default_and_minimum_size_match_keras(name):
    found = helper_sizes(getattr(applications, name))
    assert found, f"no input-shape helper call found for {name}"
    spec = BACKBONES[name]
    table = {"default_size": spec.default_size, "min_size": spec.min_size}
    assert {key: table[key] for key in found} == found, (
        f"{name}: ferlint has {table}, Keras {keras.__version__} says {found}"
    )
    assert set(found) == {"default_size", "min_size"}, f"{name}: read only {found}"
