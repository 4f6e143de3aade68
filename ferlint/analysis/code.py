"""The code of libcst nodes, generated at most once per node while a file is
analyzed: the interpreter, the checks' messages and the placing of findings
ask for the same nodes' code.

Names, literals, dotted names, calls, tuples, lists and signs on one line,
nearly every node asked about, are put together here from their parts;
libcst's code generator, which opens a context manager per node, writes the
rest. Both give the same text.
"""

from __future__ import annotations

import contextlib

import libcst as cst

_EMPTY = cst.Module([])
_memo: dict[int, tuple[cst.CSTNode, str]] | None = None

_SPACE = cst.SimpleWhitespace
_ATOMS = (cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)


def code(node: cst.CSTNode) -> str:
    """The node's code as libcst generates it."""
    if _memo is None:
        return _generated(node)
    known = _memo.get(id(node))
    if known is not None and known[0] is node:
        return known[1]
    text = _generated(node)
    _memo[id(node)] = (node, text)
    return text


def argument(node: cst.Arg) -> str:
    """An argument's code without the comma and whitespace after it."""
    head = _argument_head(node)
    if head is not None:
        return head
    bare = node.with_changes(
        comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=_SPACE("")
    )
    return _EMPTY.code_for_node(bare)


def short(node: cst.CSTNode, limit: int) -> str:
    """The node's code on one line, cut to `limit` characters for a message."""
    text = " ".join(code(node).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@contextlib.contextmanager
def remembered():
    """Remember the code of nodes until the block ends (one file's analysis)."""
    global _memo
    outer, _memo = _memo, {}
    try:
        yield
    finally:
        _memo = outer


def _generated(node: cst.CSTNode) -> str:
    text = _quick(node)
    return _EMPTY.code_for_node(node) if text is None else text


def _quick(node: cst.CSTNode) -> str | None:
    """The code of the commonest expressions, or None to leave it to libcst.

    Whitespace that spans lines (ParenthesizedWhitespace) depends on the code
    generator's indentation, so any node holding it is left to libcst.
    """
    inner = _QUICK.get(type(node))
    if inner is None:
        return None
    if not node.lpar:
        return inner(node)
    opening, closing = [], []
    for paren in node.lpar:
        if type(paren.whitespace_after) is not _SPACE:
            return None
        opening.append("(" + paren.whitespace_after.value)
    for paren in node.rpar:
        if type(paren.whitespace_before) is not _SPACE:
            return None
        closing.append(paren.whitespace_before.value + ")")
    text = inner(node)
    return None if text is None else "".join(opening) + text + "".join(closing)


def _atom(node) -> str:
    return node.value


def _attribute(node: cst.Attribute) -> str | None:
    dot, attr = node.dot, node.attr
    before, after = dot.whitespace_before, dot.whitespace_after
    if attr.lpar or type(before) is not _SPACE or type(after) is not _SPACE:
        return None
    return f"{code(node.value)}{before.value}.{after.value}{attr.value}"


def _call(node: cst.Call) -> str | None:
    after_func, before_args = node.whitespace_after_func, node.whitespace_before_args
    if type(after_func) is not _SPACE or type(before_args) is not _SPACE:
        return None
    parts = [code(node.func), after_func.value, "(", before_args.value]
    last = len(node.args) - 1
    for index, arg in enumerate(node.args):
        head, tail = _argument_head(arg), _argument_tail(arg, index != last)
        if head is None or tail is None:
            return None
        parts += (head, tail)
    parts.append(")")
    return "".join(parts)


def _elements(node: cst.Tuple | cst.List) -> str | None:
    """A tuple's or list's elements, commas as libcst writes them: a lone
    element gets a bare comma, others a comma and a space."""
    elements = node.elements
    alone, last = len(elements) == 1, len(elements) - 1
    parts = []
    for index, element in enumerate(elements):
        if type(element) is not cst.Element:
            return None
        comma = element.comma
        if isinstance(comma, cst.Comma):
            before, after = comma.whitespace_before, comma.whitespace_after
            if type(before) is not _SPACE or type(after) is not _SPACE:
                return None
            comma = f"{before.value},{after.value}"
        elif (alone and type(node) is cst.Tuple) or index != last:
            comma = "," if alone else ", "
        else:
            comma = ""
        parts += (code(element.value), comma)
    return "".join(parts)


def _list(node: cst.List) -> str | None:
    opening, closing = node.lbracket.whitespace_after, node.rbracket.whitespace_before
    if type(opening) is not _SPACE or type(closing) is not _SPACE:
        return None
    inside = _elements(node)
    return None if inside is None else f"[{opening.value}{inside}{closing.value}]"


def _unary(node: cst.UnaryOperation) -> str | None:
    operator = node.operator
    if type(operator.whitespace_after) is not _SPACE:
        return None
    token = _UNARY.get(type(operator))
    if token is None:
        return None
    return f"{token}{operator.whitespace_after.value}{code(node.expression)}"


_UNARY = {cst.Minus: "-", cst.Plus: "+", cst.BitInvert: "~", cst.Not: "not"}
_QUICK = {
    **dict.fromkeys(_ATOMS, _atom),
    cst.Attribute: _attribute,
    cst.Call: _call,
    cst.Tuple: _elements,
    cst.List: _list,
    cst.UnaryOperation: _unary,
}


def _argument_head(arg: cst.Arg) -> str | None:
    """An argument up to its value: star, keyword, equals sign, value."""
    after_star = arg.whitespace_after_star
    if type(after_star) is not _SPACE:
        return None
    if arg.equal is cst.MaybeSentinel.DEFAULT:
        equal = "" if arg.keyword is None else " = "
    else:
        before, after = arg.equal.whitespace_before, arg.equal.whitespace_after
        if type(before) is not _SPACE or type(after) is not _SPACE:
            return None
        equal = f"{before.value}={after.value}"
    keyword = "" if arg.keyword is None else code(arg.keyword)
    return f"{arg.star}{after_star.value}{keyword}{equal}{code(arg.value)}"


def _argument_tail(arg: cst.Arg, default_comma: bool) -> str | None:
    """The comma after an argument and the whitespace after that."""
    comma, after_arg = arg.comma, arg.whitespace_after_arg
    if type(after_arg) is not _SPACE:
        return None
    if isinstance(comma, cst.Comma):
        before, after = comma.whitespace_before, comma.whitespace_after
        if type(before) is not _SPACE or type(after) is not _SPACE:
            return None
        return f"{before.value},{after.value}{after_arg.value}"
    return (", " if default_comma else "") + after_arg.value
