"""The code of libcst nodes, generated at most once per node while a file is
analyzed: the interpreter, the checks' messages and the placing of findings
ask for the same nodes' code.

Names, literals, dotted names and calls on one line, nearly every node asked
about, are put together here from their parts; libcst's code generator, which
opens a context manager per node, writes the rest. Both give the same text.
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
    kind = type(node)
    if kind in _ATOMS:
        return None if node.lpar else node.value
    if kind is cst.Attribute:
        dot, attr = node.dot, node.attr
        before, after = dot.whitespace_before, dot.whitespace_after
        if (
            node.lpar
            or attr.lpar
            or type(before) is not _SPACE
            or type(after) is not _SPACE
        ):
            return None
        return f"{code(node.value)}{before.value}.{after.value}{attr.value}"
    if kind is cst.Call:
        after_func, before_args = (
            node.whitespace_after_func,
            node.whitespace_before_args,
        )
        if (
            node.lpar
            or type(after_func) is not _SPACE
            or type(before_args) is not _SPACE
        ):
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
    return None


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
