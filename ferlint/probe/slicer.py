"""Slicing: keep only the code that builds and compiles the model.

From the statements that run before the fit call, a backward slice keeps those
that define a name the model needs (imports, constants, functions, classes,
the model itself) and those that change the model (`model.add`,
`model.compile`, `base.trainable = False`, loops that freeze layers). Data
loading, training, saving and plotting never reach the slice; when the model
needs a value that only data, a file or the command line can give, the slice
fails with the reason. Pretrained weights are switched off so nothing is
downloaded.
"""

from __future__ import annotations

import builtins
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ferlint.lines import split_lines

MODEL_VARIABLE = "__ferlint_model__"

_NOT_KEPT_METHODS = frozenset(
    {
        # methods that read an object without changing it
        "index",
        "count",
        "get",
        "keys",
        "values",
        "items",
        "copy",
        "split",
        "join",
        "format",
        "startswith",
        "endswith",
        "lower",
        "upper",
        "strip",
        "replace",
        "tolist",
        "fit",
        "fit_generator",
        "train_on_batch",
        "evaluate",
        "evaluate_generator",
        "predict",
        "predict_generator",
        "predict_on_batch",
        "test_on_batch",
        "save",
        "save_weights",
        "load_weights",
        "summary",
        "to_json",
        "to_yaml",
        "export",
        "plot",
    }
)

_MODEL_FILE = "the model is loaded from a file"
_DATA = "a value the model needs depends on data read at run time"
_ARGS = "a value the model needs depends on command-line arguments"
_DOWNLOAD = "a value the model needs is downloaded"
_TRAINING = "a value the model needs depends on training or prediction"

_FORBIDDEN_CALLS = {
    **dict.fromkeys(("load_model", "model_from_json", "model_from_yaml"), _MODEL_FILE),
    **dict.fromkeys(
        (
            "open",
            "read_csv",
            "read_excel",
            "read_parquet",
            "read_json",
            "read_pickle",
            "read_table",
            "read_text",
            "read_bytes",
            "imread",
            "imdecode",
            "VideoCapture",
            "load",
            "loadtxt",
            "genfromtxt",
            "fromfile",
            "listdir",
            "scandir",
            "walk",
            "glob",
            "iglob",
            "rglob",
            "iterdir",
            "load_img",
            "flow",
            "flow_from_directory",
            "flow_from_dataframe",
            "image_dataset_from_directory",
            "load_data",
            "read_file",
            "list_files",
            "TFRecordDataset",
        ),
        _DATA,
    ),
    **dict.fromkeys(("parse_args", "parse_known_args", "input"), _ARGS),
    **dict.fromkeys(("get_file", "urlopen", "urlretrieve", "download"), _DOWNLOAD),
    **dict.fromkeys(("fit", "fit_generator", "predict", "evaluate"), _TRAINING),
}

_APPLICATION = re.compile(
    r"^(VGG1[69]|ResNet\d+(V2)?|ResNetRS\d+|InceptionV3|InceptionResNetV2|Xception"
    r"|MobileNet(V2|V3Small|V3Large)?|DenseNet\d+|NASNet(Mobile|Large)"
    r"|EfficientNet(B\d|V2(B\d|S|M|L))|ConvNeXt(Tiny|Small|Base|Large|XLarge)"
    r"|RegNet[XY]\d+[A-Z]?)$"
)
_STAR_SAFE_ROOTS = frozenset({"tensorflow", "keras", "numpy", "math"})
# Packages the probe's worker has; an import of any other falls back to a stand-in.
_PROBE_PACKAGES = frozenset({"tensorflow", "keras", "numpy", "tf_keras"})
_BUILTINS = frozenset(dir(builtins))


class Unsliceable(Exception):
    """The model cannot be built without the script's data, files or arguments."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Slice:
    """The program that builds the model, or why there is none.

    `notes` say which values read from data were stood in for, so that the
    evidence can say what the probe assumed.
    """

    program: str | None
    reason: str | None = None
    notes: tuple[str, ...] = ()


STAND_IN_CLASSES = 7
STAND_IN = "_FerlintStandIn"
# A value the model needs that only data can give (a class list read from the
# folders, a fitted label encoder) becomes a list of STAND_IN_CLASSES names;
# any attribute or call of it is another such list, so `len(classes)` and
# `len(encoder.classes_)` give a class count.
_STAND_IN_PRELUDE = f"""
class {STAND_IN}(list):
    def __init__(self, *args, **kwargs):
        super().__init__(f"class_{{i}}" for i in range({STAND_IN_CLASSES}))

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return {STAND_IN}()

    def __call__(self, *args, **kwargs):
        return {STAND_IN}()
"""


def slice_model(source: str, model_expr: str, fit_line: int) -> Slice:
    """The code that builds and compiles `model_expr` as it is at `fit_line`."""
    try:
        wrapper = MetadataWrapper(cst.parse_module(_blank_magics(source)))
        target = cst.parse_expression(model_expr)
    except cst.ParserSyntaxError:
        return Slice(None, "the source or the model expression does not parse")
    slicer = _Slicer(wrapper, fit_line)
    try:
        program = slicer.program(target, model_expr)
    except Unsliceable as error:
        return Slice(None, error.reason)
    return Slice(program, notes=tuple(slicer.notes))


def _blank_magics(source: str) -> str:
    """Notebook magics and shell lines become `pass`, keeping line numbers."""
    lines = split_lines(source)
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("!", "%")):
            lines[index] = line[: len(line) - len(stripped)] + "pass"
    return "\n".join(lines) + "\n"


# Names: what a statement reads and binds.


class _NameUse(cst.CSTVisitor):
    """Names read by a piece of code; attribute and keyword names are not names."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.bound: set[str] = set()
        # Bound before use inside the code: comprehension and loop targets,
        # parameters of lambdas and nested functions.
        self.local: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.used.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        self.local.add(node.name.value)
        for part in (node.default, node.annotation):
            if part is not None:
                part.visit(self)
        return False

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self.local |= _target_names(node.target)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.bound |= _target_names(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self.bound |= _target_names(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.bound |= _target_names(node.target)

    def visit_For(self, node: cst.For) -> None:
        self.local |= _target_names(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self.bound |= _target_names(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.bound |= _target_names(node.target)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.bound.add(node.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.bound.add(node.name.value)

    def visit_Import(self, node: cst.Import) -> bool:
        self.bound |= {_alias_binding(alias) for alias in node.names}
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if not isinstance(node.names, cst.ImportStar):
            self.bound |= {_alias_binding(alias) for alias in node.names}
        return False


def _target_names(node: cst.CSTNode) -> set[str]:
    if isinstance(node, cst.Name):
        return {node.value}
    if isinstance(node, (cst.Tuple, cst.List)):
        return set().union(*(_target_names(element.value) for element in node.elements))
    if isinstance(node, cst.StarredElement):
        return _target_names(node.value)
    return set()


def _alias_binding(alias: cst.ImportAlias) -> str:
    if alias.asname is not None:
        return _target_names(alias.asname.name).pop()
    name = alias.name
    while isinstance(name, cst.Attribute):
        name = name.value
    return name.value


def _reads(node: cst.CSTNode) -> set[str]:
    """Free names: read and not bound inside (for functions: not local)."""
    names = _NameUse()
    node.visit(names)
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return names.used - names.bound - names.local
    return names.used - names.local


def _binds(statement: cst.CSTNode) -> set[str]:
    """Names a statement binds in the scope it runs in."""
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return {statement.name.value}
    names = _NameUse()
    statement.visit(names)
    return names.bound


def dotted_name(node: cst.CSTNode) -> str | None:
    """`tf.keras.models.load_model` for that expression, or None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted_name(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


def _root(node: cst.CSTNode) -> str | None:
    while isinstance(node, (cst.Attribute, cst.Subscript, cst.Call)):
        node = node.func if isinstance(node, cst.Call) else node.value
    return node.value if isinstance(node, cst.Name) else None


# The slice.


class _Slicer:
    def __init__(self, wrapper: MetadataWrapper, fit_line: int) -> None:
        self.module = wrapper.module
        self.positions = wrapper.resolve(PositionProvider)
        self.fit_line = fit_line
        self.arguments: dict[str, str] = {}  # parameter without default -> function
        self.star_import = False
        self.imported = _imported_names(self.module)
        # Statements that call Keras build the model: a stand-in may flow into
        # them (as a class count), but they are never replaced.
        self.keras_names = _builders(
            self.module, _imported_names(self.module, _PROBE_PACKAGES - {"numpy"})
        )
        self.notes: list[str] = []
        self.refusals: dict[str, str] = {}  # stood-in name -> why it needs data
        self.guarded = False

    def program(self, target: cst.BaseExpression, model_expr: str) -> str:
        statements = self._before_fit(self.module.body)
        kept, unresolved = self._backward(statements, _reads(target))
        self._check_unresolved(unresolved)
        kept = self._stand_in_data(kept)
        body = [statement.visit(_Offline()) for statement in kept]
        body = [self._guard_import(statement) for statement in body]
        code = cst.Module(body=body).code
        prelude = _STAND_IN_PRELUDE if self.notes or self.guarded else ""
        return f"{prelude}{code}\n{MODEL_VARIABLE} = ({model_expr})\n"

    def _stand_in_data(self, kept: list[cst.CSTNode]) -> list[cst.CSTNode]:
        """Values read from data, and values computed from them, become stand-ins."""
        tainted: set[str] = set()
        result = []
        for statement in kept:
            builds = _reads(statement) & self.keras_names
            if (
                _reads(statement) & tainted
                and not builds
                and not _counted_only(statement, tainted)
                and not isinstance(statement, (cst.FunctionDef, cst.ClassDef))
            ):
                names = sorted(
                    (_binds(statement) | _changed_roots(statement)) - self.imported
                )
                if names:
                    tainted |= set(names)
                    result.append(self._stand_in(statement, names, derived=True))
                    continue
            if tainted and builds:
                self._check_counted(statement, tainted)
            replaced = self._stand_in_or_refuse(statement)
            if replaced is not statement:
                tainted |= _binds(replaced)
            result.append(replaced)
        return result

    def _check_counted(self, statement: cst.CSTNode, tainted: set[str]) -> None:
        """A stand-in may reach the model only as a count: `len(classes)`."""
        uses = _UncountedUse(tainted)
        statement.visit(uses)
        if uses.found is not None:
            raise Unsliceable(self.refusals.get(uses.found, _DATA))

    def _guard_import(self, statement: cst.CSTNode) -> cst.CSTNode:
        """An import of a package the probe may lack falls back to a stand-in."""
        smalls = _small_statements(statement)
        if len(smalls) != 1 or not isinstance(smalls[0], (cst.Import, cst.ImportFrom)):
            return statement
        small = smalls[0]
        if isinstance(small, cst.ImportFrom):
            if small.relative or isinstance(small.names, cst.ImportStar):
                return statement
            root = (dotted_name(small.module) or "").split(".")[0]
        else:
            root = (dotted_name(small.names[0].name) or "").split(".")[0]
        if root in _PROBE_PACKAGES or root in sys.stdlib_module_names:
            return statement
        self.guarded = True
        fallbacks = "".join(
            f"    {name} = {STAND_IN}\n" for name in sorted(_binds(statement))
        )
        code = cst.Module(body=[statement]).code.strip()
        return cst.parse_statement(
            f"try:\n    {code}\nexcept ImportError:\n{fallbacks or '    pass'}\n"
        )

    def _stand_in_or_refuse(self, statement: cst.CSTNode) -> cst.CSTNode:
        """A plain assignment from data becomes a stand-in; anything else refuses."""
        try:
            _refuse_forbidden(statement, self.positions)
            return statement
        except Unsliceable as error:
            names = _plain_assignment_names(statement)
            if not names or not error.reason.startswith(_DATA):
                raise
            self.refusals.update(dict.fromkeys(names, error.reason))
        return self._stand_in(statement, names, derived=False)

    def _stand_in(self, statement, names: list[str], derived: bool) -> cst.CSTNode:
        line = self.positions[statement].start.line
        listed = ", ".join(f"`{name}`" for name in names)
        how = "is computed from" if derived else "depends on"
        self.notes.append(
            f"{listed} (line {line}) {how} data read at run time; the probe "
            f"stood in a list of {STAND_IN_CLASSES} class names"
        )
        assignments = "".join(f"{name} = {STAND_IN}()\n" for name in names)
        return (
            cst.parse_statement(assignments.splitlines()[0] + "\n")
            if len(names) == 1
            else cst.SimpleStatementLine(
                body=[
                    cst.Assign(
                        targets=[cst.AssignTarget(cst.Name(name))],
                        value=cst.parse_expression(f"{STAND_IN}()"),
                    )
                    for name in names
                ]
            )
        )

    def _before_fit(self, body: Sequence[cst.CSTNode]) -> list[cst.CSTNode]:
        before: list[cst.CSTNode] = []
        for index, statement in enumerate(body):
            where = self.positions[statement]
            if where.end.line < self.fit_line:
                before.append(statement)
                continue
            if where.start.line > self.fit_line:
                break
            inner = self._block_with_fit(statement)
            if inner is None:
                break
            hoisted = [s for s in body[index + 1 :] if _is_hoisted(s)]
            arguments = self._parameters(statement)
            return before + hoisted + arguments + self._before_fit(inner)
        return before

    def _block_with_fit(self, statement: cst.CSTNode) -> Sequence[cst.CSTNode] | None:
        for block in _blocks(statement):
            where = self.positions[block]
            if where.start.line <= self.fit_line <= where.end.line:
                if isinstance(block, cst.IndentedBlock):
                    return block.body
                return None
        return None

    def _parameters(self, statement: cst.CSTNode) -> list[cst.CSTNode]:
        if not isinstance(statement, cst.FunctionDef):
            return []
        params = statement.params
        assignments = []
        every = (*params.posonly_params, *params.params, *params.kwonly_params)
        for param in every:
            name = param.name.value
            if param.default is None:
                self.arguments[name] = statement.name.value
                continue
            default = self.module.code_for_node(param.default)
            assignments.append(cst.parse_statement(f"{name} = ({default})\n"))
        return assignments

    def _backward(
        self, statements: list[cst.CSTNode], needed: set[str]
    ) -> tuple[list[cst.CSTNode], set[str]]:
        kept: list[cst.CSTNode] = []
        for statement in reversed(statements):
            self._note_star_import(statement)
            bound = _binds(statement) & needed
            if not bound and not _changes(statement, needed - self.imported):
                continue
            kept.append(statement)
            if bound and not isinstance(statement, cst.If | cst.Try | cst.For):
                needed -= bound
            needed |= _reads(statement)
        kept.reverse()
        return kept, needed - _binds_all(kept)

    def _note_star_import(self, statement: cst.CSTNode) -> None:
        for small in _small_statements(statement):
            if isinstance(small, cst.ImportFrom) and isinstance(
                small.names, cst.ImportStar
            ):
                module = dotted_name(small.module) if small.module else None
                if module and module.split(".")[0] in _STAR_SAFE_ROOTS:
                    self.star_import = True

    def _check_unresolved(self, unresolved: set[str]) -> None:
        missing = sorted(unresolved - _BUILTINS - {MODEL_VARIABLE})
        if "self" in missing:
            raise Unsliceable("the model is an attribute of an object (`self`)")
        for name in missing:
            if name in self.arguments:
                raise Unsliceable(
                    f"the model depends on `{name}`, an argument of "
                    f"`{self.arguments[name]}()` given by its caller"
                )
        if missing and not self.star_import:
            raise Unsliceable(
                f"`{missing[0]}`, which the model needs, is not defined before the "
                "fit call"
            )


def _counted_only(statement: cst.CSTNode, tainted: set[str]) -> bool:
    """Whether the statement uses stood-in names only to count them: `len(x)`."""
    uses = _UncountedUse(tainted)
    statement.visit(uses)
    return uses.found is None


class _UncountedUse(cst.CSTVisitor):
    """The first name of `names` used other than inside `len(...)`."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.depth = 0
        self.found: str | None = None

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "len":
            self.depth += 1

    def leave_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "len":
            self.depth -= 1

    def visit_Name(self, node: cst.Name) -> None:
        if self.depth == 0 and node.value in self.names and self.found is None:
            self.found = node.value


def _builders(module: cst.Module, keras_names: set[str]) -> set[str]:
    """Keras names and the module's functions and classes that use them, so that
    `model = build(len(classes))` counts as building the model."""
    builders = set(keras_names)
    definitions = [
        node
        for node in module.body
        if isinstance(node, (cst.FunctionDef, cst.ClassDef))
    ]
    changed = True
    while changed:
        changed = False
        for node in definitions:
            if node.name.value not in builders and _reads(node) & builders:
                builders.add(node.name.value)
                changed = True
    return builders


def _changed_roots(statement: cst.CSTNode) -> set[str]:
    """Names whose objects a statement changes by a method call or attribute."""
    roots: set[str] = set()

    class _Roots(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Attribute):
                root = _root(node.func.value)
                if root is not None:
                    roots.add(root)

    statement.visit(_Roots())
    return roots


def _imported_names(
    module: cst.Module, roots: frozenset[str] | None = None
) -> set[str]:
    """Names bound by top-level imports (of packages in `roots`, when given)."""
    names: set[str] = set()
    for node in module.body:
        for small in _small_statements(node):
            if not isinstance(small, (cst.Import, cst.ImportFrom)):
                continue
            if roots is None or _import_root(small) in roots:
                names |= _binds(node)
    return names


def _import_root(small: cst.Import | cst.ImportFrom) -> str:
    if isinstance(small, cst.ImportFrom):
        return (dotted_name(small.module) or "").split(".")[0] if small.module else ""
    return (dotted_name(small.names[0].name) or "").split(".")[0]


def _plain_assignment_names(statement: cst.CSTNode) -> list[str]:
    """`a = ...` or `a, b = ...` on a line of its own: the names it binds."""
    smalls = _small_statements(statement)
    if len(smalls) != 1 or not isinstance(smalls[0], cst.Assign):
        return []
    names: list[str] = []
    for target in smalls[0].targets:
        node = target.target
        elements = (
            [e.value for e in node.elements]
            if isinstance(node, (cst.Tuple, cst.List))
            else [node]
        )
        if not all(isinstance(e, cst.Name) for e in elements):
            return []
        names.extend(e.value for e in elements)
    return names


def _binds_all(statements: list[cst.CSTNode]) -> set[str]:
    return set().union(set(), *(_binds(statement) for statement in statements))


def _is_hoisted(statement: cst.CSTNode) -> bool:
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return True
    smalls = _small_statements(statement)
    return bool(smalls) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in smalls
    )


def _small_statements(statement: cst.CSTNode) -> Sequence[cst.CSTNode]:
    if isinstance(statement, cst.SimpleStatementLine):
        return statement.body
    return ()


def _blocks(statement: cst.CSTNode) -> list[cst.CSTNode]:
    """The blocks of a compound statement, the `else`/`except` ones included."""
    blocks: list[cst.CSTNode] = []
    body = getattr(statement, "body", None)
    if isinstance(body, cst.BaseSuite):
        blocks.append(body)
    for handler in getattr(statement, "handlers", ()):
        blocks.append(handler.body)
    for name in ("orelse", "finalbody"):
        tail = getattr(statement, name, None)
        if isinstance(tail, cst.If):
            blocks.extend(_blocks(tail))
        elif tail is not None:
            blocks.append(tail.body)
    return blocks


class _Changes(cst.CSTVisitor):
    """Whether code changes an object named in `needed` (a method or attribute)."""

    def __init__(self, needed: set[str]) -> None:
        self.needed = needed
        self.found = False

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value not in _NOT_KEPT_METHODS:
            self.found |= _root(func.value) in self.needed

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, (cst.Attribute, cst.Subscript)):
            self.found |= _root(node.target) in self.needed

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def _changes(statement: cst.CSTNode, needed: set[str]) -> bool:
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return False
    visitor = _Changes(needed)
    statement.visit(visitor)
    loops_over_needed = (
        isinstance(statement, cst.For) and _reads(statement.iter) & needed
    )
    if not visitor.found and loops_over_needed:
        # `for layer in base.layers: layer.trainable = False` changes `base`.
        loop = _Changes(_target_names(statement.target))
        statement.body.visit(loop)
        return loop.found
    return visitor.found


class _Forbidden(cst.CSTVisitor):
    def __init__(self) -> None:
        self.hit: tuple[str, cst.CSTNode] | None = None

    def visit_Call(self, node: cst.Call) -> None:
        name = dotted_name(node.func)
        if name is None or self.hit is not None:
            return
        last = name.rsplit(".", 1)[-1]
        if last in _FORBIDDEN_CALLS:
            self.hit = (name, node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self.hit is None and dotted_name(node) == "sys.argv":
            self.hit = ("sys.argv", node)


def _refuse_forbidden(statement: cst.CSTNode, positions) -> None:
    visitor = _Forbidden()
    statement.visit(visitor)
    if visitor.hit is None:
        return
    name, node = visitor.hit
    last = name.rsplit(".", 1)[-1]
    reason = _ARGS if name == "sys.argv" else _FORBIDDEN_CALLS[last]
    line = positions[node].start.line
    raise Unsliceable(f"{reason} (line {line}: `{name}`)")


class _Offline(cst.CSTTransformer):
    """No download: pretrained weights off, `load_weights` calls gone."""

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        name = dotted_name(updated.func) or ""
        args = list(updated.args)
        for index, arg in enumerate(args):
            if arg.keyword is not None and arg.keyword.value == "weights":
                if not (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
                    args[index] = arg.with_changes(value=cst.Name("None"))
                return updated.with_changes(args=args)
        if _APPLICATION.match(name.rsplit(".", 1)[-1]):
            weights = cst.Arg(
                keyword=cst.Name("weights"),
                value=cst.Name("None"),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
            )
            if args:
                args[-1] = args[-1].with_changes(
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                )
            return updated.with_changes(args=[*args, weights])
        return updated

    def leave_Expr(
        self, original: cst.Expr, updated: cst.Expr
    ) -> cst.BaseSmallStatement:
        call = updated.value
        method = isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
        if method and call.func.attr.value in _NOT_KEPT_METHODS:
            return cst.Pass()
        return updated
