"""An abstract interpreter over one module's libcst tree.

It runs the script in the abstract: module statements in order, functions
when they are called (and once more with unknown arguments when nothing
calls them), loops once, both branches of an `if` joined. Library calls are
delegated to the handlers in `library` and `modeling`, which know what each
API does to images, labels and models.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from ferlint.analysis import values as v
from ferlint.analysis.names import canonical

logger = logging.getLogger(__name__)

MAX_CALL_DEPTH = 8
MAX_STEPS = 200_000


class BudgetExceeded(Exception):
    """The script is too large or too recursive to interpret to the end."""


class Scope:
    def __init__(self, parent: Scope | None = None) -> None:
        self.vars: dict[str, v.Value] = {}
        self.parent = parent

    def lookup(self, name: str) -> v.Value | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.vars:
                return scope.vars[name]
            scope = scope.parent
        return None

    def fork(self) -> Scope:
        copy = Scope(self.parent)
        copy.vars = dict(self.vars)
        return copy

    def merge(self, left: Scope, right: Scope) -> None:
        for name in left.vars.keys() | right.vars.keys():
            if name in left.vars and name in right.vars:
                self.vars[name] = v.join(left.vars[name], right.vars[name])
            else:
                self.vars[name] = left.vars.get(name, right.vars.get(name))


@dataclass
class CallSite:
    """A call with its arguments already evaluated."""

    node: cst.Call
    args: list[v.Value]
    kwargs: dict[str, v.Value]
    arg_nodes: list[cst.BaseExpression]
    kwarg_nodes: dict[str, cst.BaseExpression]
    has_star: bool = False

    def get(self, index: int | None, name: str | None = None) -> v.Value | None:
        if name is not None and name in self.kwargs:
            return self.kwargs[name]
        if index is not None and index < len(self.args):
            return self.args[index]
        return None

    def node_of(self, index: int | None, name: str | None = None) -> cst.CSTNode | None:
        if name is not None and name in self.kwarg_nodes:
            return self.kwarg_nodes[name]
        if index is not None and index < len(self.arg_nodes):
            return self.arg_nodes[index]
        return None

    def const(self, index: int | None, name: str | None = None, default=None):
        value = self.get(index, name)
        if isinstance(value, v.Const):
            return value.value
        return default


Handler = Callable[["Interpreter", CallSite], v.Value]
MethodHandler = Callable[["Interpreter", v.Value, CallSite], v.Value]


@dataclass
class Analysis:
    """What one module does, as far as the interpreter could tell."""

    flows: list[v.Flow] = field(default_factory=list)
    models: list[v.Model] = field(default_factory=list)
    complete: bool = True
    channels_first: bool = False
    events: list[v.Event] = field(default_factory=list)
    # (model, file name as written, the call) for each model.save and
    # checkpoint, so that scripts loading the file can be linked to it.
    saved: list[tuple] = field(default_factory=list)


class Interpreter:
    def __init__(
        self,
        module: cst.Module,
        functions: dict[str, Handler],
        methods: dict[tuple[type, str], MethodHandler],
        project=None,
        current_path=None,
    ) -> None:
        self.module = module
        self.functions = functions
        self.methods = methods
        self.globals = Scope()
        self.result = Analysis()
        self.steps = 0
        self.depth = 0
        self.called: set[int] = set()
        # The project's own modules the script imports, by path; None when
        # imports are not followed (one piece of text on its own).
        self.project = project
        self.current_path = current_path
        self.modules: dict[str, object] = {}
        self.backbone_models: dict[int, v.Model] = {}
        self._returns: list[list[v.Value]] = []
        # The statement each evaluated node is written in, by id: a small
        # statement, or the compound statement whose header holds the node.
        # ferlint.locating places reported nodes with it.
        self.statement_of: dict[int, cst.CSTNode] = {}
        self.where: cst.CSTNode | None = None

    # -- running --------------------------------------------------------------

    def run(self) -> Analysis:
        try:
            self.exec_block(self.module.body, self.globals)
            self._run_uncalled_functions()
        except (BudgetExceeded, RecursionError):
            logger.debug("analysis stopped early: budget or recursion")
            self.result.complete = False
        return self.result

    def _run_uncalled_functions(self) -> None:
        for value in list(self.globals.vars.values()):
            if isinstance(value, v.Function) and id(value.node) not in self.called:
                self.call_function(value, CallSite(value.node, [], {}, [], {}))

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise BudgetExceeded

    # -- statements -----------------------------------------------------------

    def exec_block(self, body, scope: Scope) -> bool:
        """Run statements; False when the block ended in return/break/continue."""
        for statement in body:
            if not self.exec_statement(statement, scope):
                return False
        return True

    def exec_statement(self, statement: cst.CSTNode, scope: Scope) -> bool:
        self.tick()
        outer = self.where
        try:
            if type(statement) is cst.SimpleStatementLine:
                for small in statement.body:
                    if not self.exec_small(small, scope):
                        return False
                return True
            handler = getattr(self, "exec_" + type(statement).__name__, None)
            if handler is not None:
                self.where = statement
                handler(statement, scope)
            return True
        finally:
            self.where = outer

    def exec_small(self, small: cst.BaseSmallStatement, scope: Scope) -> bool:
        self.where = small
        if isinstance(small, cst.Expr):
            self.exec_expression(small.value, scope)
        elif isinstance(small, cst.Assign):
            value = self.eval(small.value, scope)
            for target in small.targets:
                self.assign(target.target, value, scope)
        elif isinstance(small, cst.AnnAssign) and small.value is not None:
            self.assign(small.target, self.eval(small.value, scope), scope)
        elif isinstance(small, cst.AugAssign):
            self.exec_aug_assign(small, scope)
        elif isinstance(small, cst.Import | cst.ImportFrom):
            self.exec_import(small, scope)
        elif isinstance(small, cst.Return):
            value = (
                v.Const(None) if small.value is None else self.eval(small.value, scope)
            )
            if self._returns:
                self._returns[-1].append(value)
            return False
        elif isinstance(small, cst.Break | cst.Continue | cst.Raise):
            return False
        return True

    def exec_expression(self, expression: cst.BaseExpression, scope: Scope) -> None:
        """An expression statement: its result is thrown away."""
        from ferlint.analysis.library import discarded

        if isinstance(expression, cst.Call):
            self.statement_of[id(expression)] = self.where
            callee = self.eval(expression.func, scope)
            site = self._call_site(expression, scope)
            self.call(callee, site)
            discarded(self, callee, site)
        elif isinstance(expression, cst.BinaryOperation):
            left = self.eval(expression.left, scope)
            self.eval(expression.right, scope)
            if isinstance(left, v.ImageArray):
                discarded(self, None, None, expression)
        else:
            self.eval(expression, scope)

    def exec_import(self, statement, scope: Scope) -> None:
        from ferlint.analysis.names import ImportTable

        table = ImportTable()
        table.add(statement)
        for local, qualified in table.names.items():
            scope.vars[local] = v.Ref(qualified)
        if self.project is not None:
            self._import_project_modules(statement, scope)

    def _import_project_modules(self, statement, scope: Scope) -> None:
        """Bind names imported from the project's own modules to their values."""
        from ferlint.analysis.names import module_name

        if isinstance(statement, cst.ImportFrom):
            if isinstance(statement.names, cst.ImportStar):
                return
            module = self._load(module_name(statement.module), len(statement.relative))
            if module is None:
                return
            for alias in statement.names:
                name = module_name(alias.name)
                local = module_name(alias.asname.name) if alias.asname else name
                found = module.lookup(name)
                scope.vars[local] = found if found is not None else v.UNKNOWN
            return
        for alias in statement.names:
            name = module_name(alias.name)
            if alias.asname is None and "." in name:
                continue
            module = self._load(name, 0)
            if module is not None:
                local = module_name(alias.asname.name) if alias.asname else name
                scope.vars[local] = v.ModuleVal(module)

    def _load(self, name: str, level: int) -> Scope | None:
        """Run a project module once, in the abstract, and return its globals."""
        path = self.project.find(name, level, self.current_path)
        loaded = self.project.parse(path) if path is not None else None
        if loaded is None:
            return None
        if loaded.scope is None:
            loaded.scope = Scope()
            self.modules[loaded.path] = loaded
            outer, self.current_path = self.current_path, path
            try:
                self.exec_block(loaded.tree.body, loaded.scope)
            finally:
                self.current_path = outer
        return loaded.scope

    def exec_aug_assign(self, statement: cst.AugAssign, scope: Scope) -> None:
        operator = type(statement.operator).__name__.replace("Assign", "")
        left = self.eval(statement.target, scope)
        right = self.eval(statement.value, scope)
        result = self.binary(operator, left, right, statement)
        self.assign(statement.target, result, scope)

    def exec_FunctionDef(self, node: cst.FunctionDef, scope: Scope) -> None:
        scope.vars[node.name.value] = v.Function(node, scope)

    def exec_ClassDef(self, node: cst.ClassDef, scope: Scope) -> None:
        scope.vars[node.name.value] = v.UNKNOWN

    def exec_If(self, node: cst.If, scope: Scope) -> None:
        test = self.eval(node.test, scope)
        if _is_main_guard(node.test):
            self.exec_block(node.body.body, scope)
            return
        if isinstance(test, v.Const) and not isinstance(test.value, tuple | list):
            # A condition known here (a flag passed as a constant) takes one branch.
            if test.value:
                self.exec_block(node.body.body, scope)
            elif isinstance(node.orelse, cst.If):
                self.exec_statement(node.orelse, scope)
            elif isinstance(node.orelse, cst.Else):
                self.exec_block(node.orelse.body.body, scope)
            return
        taken, other = scope.fork(), scope.fork()
        self.exec_block(node.body.body, taken)
        if isinstance(node.orelse, cst.If):
            self.exec_statement(node.orelse, other)
        elif isinstance(node.orelse, cst.Else):
            self.exec_block(node.orelse.body.body, other)
        scope.merge(taken, other)

    def exec_For(self, node: cst.For, scope: Scope) -> None:
        iterable = self.eval(node.iter, scope)
        self.assign(node.target, self.element_of(iterable), scope)
        self.exec_block(node.body.body, scope)
        if node.orelse is not None:
            self.exec_block(node.orelse.body.body, scope)

    def exec_While(self, node: cst.While, scope: Scope) -> None:
        self.eval(node.test, scope)
        self.exec_block(node.body.body, scope)

    def exec_Try(self, node: cst.Try, scope: Scope) -> None:
        self.exec_block(node.body.body, scope)
        if node.orelse is not None:
            self.exec_block(node.orelse.body.body, scope)
        if node.finalbody is not None:
            self.exec_block(node.finalbody.body.body, scope)

    def exec_With(self, node: cst.With, scope: Scope) -> None:
        for item in node.items:
            value = self.eval(item.item, scope)
            if item.asname is not None:
                self.assign(item.asname.name, value, scope)
        self.exec_block(node.body.body, scope)

    # -- assignment -----------------------------------------------------------

    def assign(self, target: cst.BaseExpression, value: v.Value, scope: Scope) -> None:
        if isinstance(target, cst.Name):
            scope.vars[target.value] = value
        elif isinstance(target, cst.Tuple | cst.List):
            self._unpack(target, value, scope)
        elif isinstance(target, cst.Subscript):
            self._assign_item(target, value, scope)

    def _unpack(
        self, target: cst.Tuple | cst.List, value: v.Value, scope: Scope
    ) -> None:
        items = self.items_of(value)
        targets = [element.value for element in target.elements]
        starred = any(isinstance(e, cst.StarredElement) for e in target.elements)
        if items is None or len(items) != len(targets) or starred:
            items = [v.UNKNOWN] * len(targets)
        for element, item in zip(targets, items, strict=True):
            self.assign(element, item, scope)

    def _assign_item(self, target: cst.Subscript, value: v.Value, scope: Scope) -> None:
        """`X[i] = image` fills an array made by np.zeros with images."""
        if not isinstance(target.value, cst.Name):
            return
        array = scope.lookup(target.value.value)
        if isinstance(array, v.ImageArray) and isinstance(value, v.ImageArray):
            scope.vars[target.value.value] = array.but(
                order=value.order,
                channels=array.channels or value.channels,
                value_range=value.value_range,
                preprocess=value.preprocess,
                loader=value.loader,
                loader_node=value.loader_node,
                order_node=value.order_node,
                channel_node=value.channel_node or array.channel_node,
                range_node=value.range_node,
            )
        elif isinstance(array, v.ListVal):
            array.add(value)

    def items_of(self, value: v.Value) -> list[v.Value] | None:
        if isinstance(value, v.TupleVal):
            return list(value.items)
        if isinstance(value, v.Const) and isinstance(value.value, tuple | list):
            return [v.Const(item) for item in value.value]
        if isinstance(value, v.ListVal) and value.items is not None:
            return list(value.items)
        return None

    def element_of(self, iterable: v.Value) -> v.Value:
        """What one iteration over `iterable` yields."""
        items = self.items_of(iterable)
        if items:
            element = items[0]
            for item in items[1:]:
                element = v.join(element, item)
            return element
        if isinstance(iterable, v.ListVal):
            return iterable.elem if iterable.elem is not None else v.UNKNOWN
        if isinstance(iterable, v.Column):
            return v.PixelText(iterable.node) if iterable.holds_pixels else v.UNKNOWN
        if isinstance(iterable, v.ImageArray) and iterable.batched:
            return _unbatch(iterable)
        if isinstance(iterable, v.Dataset):
            return iterable.element
        if isinstance(iterable, v.PixelText) and iterable.split:
            return v.PixelText(iterable.node)
        return v.UNKNOWN

    # -- expressions ----------------------------------------------------------

    def eval(self, node: cst.BaseExpression, scope: Scope) -> v.Value:
        self.steps += 1  # self.tick(), written out: eval is the hottest path
        if self.steps > MAX_STEPS:
            raise BudgetExceeded
        self.statement_of[id(node)] = self.where
        kind = type(node)
        method = _EVALUATORS.get(kind)
        if method is None:
            method = _EVALUATORS[kind] = getattr(
                Interpreter, "eval_" + kind.__name__, _unknown
            )
        return method(self, node, scope)

    def eval_Name(self, node: cst.Name, scope: Scope) -> v.Value:
        found = scope.lookup(node.value)
        if found is not None:
            return found
        if node.value in ("True", "False", "None"):
            return v.Const({"True": True, "False": False, "None": None}[node.value])
        return v.Ref("builtins." + node.value)

    # libcst's evaluated_value runs ast.literal_eval; plain literals, nearly
    # all of them, are read directly.

    def eval_Integer(self, node: cst.Integer, scope: Scope) -> v.Value:
        try:
            return v.Const(int(node.value, 0))
        except ValueError:
            return v.Const(node.evaluated_value)

    def eval_Float(self, node: cst.Float, scope: Scope) -> v.Value:
        return v.Const(float(node.value.replace("_", "")))

    def eval_SimpleString(self, node: cst.SimpleString, scope: Scope) -> v.Value:
        text = node.value
        if text[0] in "'\"" and "\\" not in text:
            quote = 3 if text[:3] in ('"""', "'''") else 1
            return v.Const(text[quote:-quote])
        try:
            return v.Const(node.evaluated_value)
        except Exception:  # a malformed escape: the value does not matter
            return v.Scalar("str")

    def eval_ConcatenatedString(self, node, scope: Scope) -> v.Value:
        value = node.evaluated_value
        return v.Const(value) if isinstance(value, str) else v.Scalar("str")

    def eval_FormattedString(self, node, scope: Scope) -> v.Value:
        return v.Scalar("str")

    def eval_Tuple(self, node: cst.Tuple, scope: Scope) -> v.Value:
        return self._sequence(node.elements, scope, tuple)

    def eval_List(self, node: cst.List, scope: Scope) -> v.Value:
        return self._sequence(node.elements, scope, list)

    def _sequence(self, elements, scope: Scope, kind) -> v.Value:
        if any(isinstance(e, cst.StarredElement) for e in elements):
            items = []
            for element in elements:
                value = self.eval(element.value, scope)
                if isinstance(element, cst.StarredElement):
                    expanded = self.items_of(value)
                    if expanded is None:
                        return v.UNKNOWN if kind is tuple else v.ListVal()
                    items.extend(expanded)
                else:
                    items.append(value)
        else:
            items = [self.eval(element.value, scope) for element in elements]
        if kind is list:
            return v.ListVal(items=items)
        if all(isinstance(item, v.Const) for item in items):
            return v.Const(tuple(item.value for item in items))
        return v.TupleVal(tuple(items))

    def eval_Dict(self, node: cst.Dict, scope: Scope) -> v.Value:
        elements = [e for e in node.elements if isinstance(e, cst.DictElement)]
        values = tuple(self.eval(element.value, scope) for element in elements)
        keys = [self.eval(element.key, scope) for element in elements]
        known = len(elements) == len(node.elements) and all(
            isinstance(key, v.Const) for key in keys
        )
        return v.DictVal(values, tuple(key.value for key in keys) if known else None)

    def eval_ListComp(self, node: cst.ListComp, scope: Scope) -> v.Value:
        return v.ListVal(elem=self._comprehension(node, scope))

    def eval_GeneratorExp(self, node: cst.GeneratorExp, scope: Scope) -> v.Value:
        return v.ListVal(elem=self._comprehension(node, scope))

    def _comprehension(self, node, scope: Scope) -> v.Value:
        inner = Scope(scope)
        clause = node.for_in
        while clause is not None:
            self.assign(
                clause.target, self.element_of(self.eval(clause.iter, inner)), inner
            )
            clause = clause.inner_for_in
        return self.eval(node.elt, inner)

    def eval_Lambda(self, node: cst.Lambda, scope: Scope) -> v.Value:
        return v.Function(node, scope)

    def eval_IfExp(self, node: cst.IfExp, scope: Scope) -> v.Value:
        return v.join(self.eval(node.body, scope), self.eval(node.orelse, scope))

    def eval_UnaryOperation(self, node: cst.UnaryOperation, scope: Scope) -> v.Value:
        operand = self.eval(node.expression, scope)
        if isinstance(node.operator, cst.Minus) and isinstance(operand, v.Const):
            if isinstance(operand.value, int | float):
                return v.Const(-operand.value)
        return v.UNKNOWN

    def eval_BinaryOperation(self, node: cst.BinaryOperation, scope: Scope) -> v.Value:
        left = self.eval(node.left, scope)
        right = self.eval(node.right, scope)
        operator = type(node.operator).__name__
        return self.binary(operator, left, right, node)

    def binary(self, operator, left, right, node) -> v.Value:
        from ferlint.analysis import library

        if isinstance(left, v.Const) and isinstance(right, v.Const):
            return _fold(operator, left.value, right.value)
        if isinstance(left, v.ImageArray):
            return library.image_arithmetic(operator, left, right, node)
        if isinstance(right, v.ImageArray) and operator in ("Multiply", "Add"):
            return library.image_arithmetic(operator, right, left, node)
        if operator == "Multiply" and isinstance(right, v.Const):
            if isinstance(left, v.ListVal) and isinstance(right.value, int):
                return (
                    v.ListVal(items=(left.items or []) * right.value)
                    if left.items
                    else left
                )
        if operator == "Add" and isinstance(left, v.TupleVal | v.Const):
            items = self.items_of(left), self.items_of(right)
            if items[0] is not None and items[1] is not None:
                return v.TupleVal(tuple(items[0] + items[1]))
        if isinstance(left, v.Scalar | v.Const) and isinstance(
            right, v.Scalar | v.Const
        ):
            return v.join(left, right) if operator != "Divide" else v.Scalar("float")
        return v.UNKNOWN

    def eval_Comparison(self, node, scope: Scope) -> v.Value:
        self.eval(node.left, scope)
        for target in node.comparisons:
            self.eval(target.comparator, scope)
        return v.UNKNOWN

    def eval_BooleanOperation(self, node, scope: Scope) -> v.Value:
        self.eval(node.left, scope)
        self.eval(node.right, scope)
        return v.UNKNOWN

    def eval_Attribute(self, node: cst.Attribute, scope: Scope) -> v.Value:
        base = self.eval(node.value, scope)
        name = node.attr.value
        if isinstance(base, v.Ref):
            return v.Ref(base.qualified + "." + name)
        if isinstance(base, v.ModuleVal):
            found = base.scope.lookup(name)
            return found if found is not None else v.UNKNOWN
        site = CallSite(node, [], {}, [], {})
        handler = self.methods.get((type(base), "." + name))
        if handler is not None:
            return handler(self, base, site)
        fallback = self.methods.get((type(base), ".*"))
        if fallback is not None and (type(base), name) not in self.methods:
            return fallback(self, base, site)
        return v.BoundMethod(base, name)

    def eval_Subscript(self, node: cst.Subscript, scope: Scope) -> v.Value:
        from ferlint.analysis import library

        base = self.eval(node.value, scope)
        return library.subscript(self, base, node, scope)

    def eval_Call(self, node: cst.Call, scope: Scope) -> v.Value:
        callee = self.eval(node.func, scope)
        site = self._call_site(node, scope)
        return self.call(callee, site)

    def _call_site(self, node: cst.Call, scope: Scope) -> CallSite:
        site = CallSite(node, [], {}, [], {})
        for arg in node.args:
            self.statement_of[id(arg)] = self.where
            value = self.eval(arg.value, scope)
            if arg.star:
                site.has_star = True
            elif arg.keyword is not None:
                site.kwargs[arg.keyword.value] = value
                site.kwarg_nodes[arg.keyword.value] = arg.value
            else:
                site.args.append(value)
                site.arg_nodes.append(arg.value)
        return site

    def call(self, callee: v.Value, site: CallSite) -> v.Value:
        if isinstance(callee, v.Function):
            return self.call_function(callee, site)
        if isinstance(callee, v.Ref):
            handler = self.functions.get(canonical(callee.qualified))
            return handler(self, site) if handler is not None else v.UNKNOWN
        if isinstance(callee, v.BoundMethod):
            handler = self.methods.get((type(callee.receiver), callee.name))
            if handler is not None:
                return handler(self, callee.receiver, site)
            return self._generic_method(callee, site)
        handler = self.methods.get((type(callee), "__call__"))
        if handler is not None:
            return handler(self, callee, site)
        return v.UNKNOWN

    def _generic_method(self, callee: v.BoundMethod, site: CallSite) -> v.Value:
        handler = self.methods.get((v.Value, callee.name))
        if handler is not None:
            return handler(self, callee.receiver, site)
        return v.UNKNOWN

    def call_function(self, function: v.Function, site: CallSite) -> v.Value:
        if self.depth >= MAX_CALL_DEPTH:
            return v.UNKNOWN
        self.called.add(id(function.node))
        local = Scope(function.scope)
        # Defaults and a lambda's body are written where the function is.
        outer = self.where
        if isinstance(function.node, cst.Lambda):
            self.where = self.statement_of.get(id(function.node))
        else:
            self.where = function.node
        try:
            self._bind_parameters(function.node.params, site, local, function.scope)
            if isinstance(function.node, cst.Lambda):
                return self.eval(function.node.body, local)
        finally:
            self.where = outer
        self.depth += 1
        self._returns.append([])
        try:
            self.exec_block(function.node.body.body, local)
        finally:
            self.depth -= 1
            returned = self._returns.pop()
        return _join_returns(returned)

    def _bind_parameters(self, params: cst.Parameters, site, local, outer) -> None:
        positional = list(params.posonly_params) + list(params.params)
        for index, param in enumerate(positional):
            name = param.name.value
            value = site.get(index, name)
            if value is None and param.default is not None:
                value = self.eval(param.default, outer)
            if site.has_star and value is None:
                value = v.UNKNOWN
            local.vars[name] = value if value is not None else v.UNKNOWN
        for param in params.kwonly_params:
            value = site.kwargs.get(param.name.value)
            if value is None and param.default is not None:
                value = self.eval(param.default, outer)
            local.vars[param.name.value] = value if value is not None else v.UNKNOWN
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                local.vars[star.name.value] = v.UNKNOWN


def _unknown(interpreter, node, scope) -> v.Value:
    return v.UNKNOWN


# The evaluator of each kind of node, found once.
_EVALUATORS: dict[type, Callable] = {}


def _is_main_guard(test: cst.BaseExpression) -> bool:
    return (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Name)
        and test.left.value == "__name__"
    )


def _join_returns(returned: list[v.Value]) -> v.Value:
    meaningful = [value for value in returned if value != v.Const(None)]
    if not meaningful:
        return v.Const(None) if returned else v.UNKNOWN
    result = meaningful[0]
    for value in meaningful[1:]:
        result = v.join(result, value)
    return result


def _unbatch(images: v.ImageArray) -> v.ImageArray:
    dims = images.dims[1:] if images.dims is not None else None
    return images.but(dims=dims, batched=False)


_OPERATORS = {
    "Add": lambda a, b: a + b,
    "Subtract": lambda a, b: a - b,
    "Multiply": lambda a, b: a * b,
    "Divide": lambda a, b: a / b,
    "FloorDivide": lambda a, b: a // b,
    "Modulo": lambda a, b: a % b,
    "Power": lambda a, b: a**b,
}


def _fold(operator: str, left, right) -> v.Value:
    function = _OPERATORS.get(operator)
    if function is None:
        return v.UNKNOWN
    try:
        result = function(left, right)
    except Exception:  # any error the script itself would raise
        return v.UNKNOWN
    if isinstance(result, str | bytes | tuple | list) and len(result) > 10_000:
        return v.UNKNOWN
    if isinstance(result, int) and abs(result) > 10**12:
        return v.UNKNOWN
    return v.Const(result)
