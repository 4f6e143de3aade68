"""The code of libcst nodes, generated at most once per node while a file is
analyzed: the interpreter, the checks' messages and the placing of findings
ask for the same nodes' code."""

from __future__ import annotations

import contextlib

import libcst as cst

_EMPTY = cst.Module([])
_memo: dict[int, tuple[cst.CSTNode, str]] | None = None


def code(node: cst.CSTNode) -> str:
    """The node's code as libcst generates it."""
    if _memo is None:
        return _EMPTY.code_for_node(node)
    known = _memo.get(id(node))
    if known is not None and known[0] is node:
        return known[1]
    text = _EMPTY.code_for_node(node)
    _memo[id(node)] = (node, text)
    return text


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
