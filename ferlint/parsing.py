"""libcst's parse, without re-checking the nodes its own parser built.

Every libcst node validates itself when it is made (`CSTNode.__post_init__`
calls `_validate`): that guards trees built by hand, such as a fix's
replacement. On a tree from the parser the checks cost about 15% of the parse
and only ever fail on code Python itself rejects (`"a" b"b"`, a bare `except:`
before another), which ferlint asks Python about anyway (`python_rejects`):
a checked file is then a FER000 finding, an imported module is not followed.
While ferlint parses, the check is switched off; nodes made at any other time
are validated as usual.

The switch is taken only when `__post_init__` does nothing but validate (as
in libcst 1.x); a libcst whose `__post_init__` does more is left alone and
parses at its own pace. tests/test_shortcuts.py checks that the trees are
the same either way.
"""

from __future__ import annotations

import ast
import threading
import warnings

import libcst as cst
from libcst._nodes.base import CSTNode

_validating = CSTNode.__post_init__
_lock = threading.Lock()


def _only_validates(method) -> bool:
    code = getattr(method, "__code__", None)
    return code is not None and code.co_names == ("_validate",)


def _unchecked(self) -> None:
    pass


SKIPS_VALIDATION = _only_validates(_validating)


def parse_module(text: str) -> cst.Module:
    """`libcst.parse_module(text)`, raising what it raises, but faster."""
    if not SKIPS_VALIDATION:
        return cst.parse_module(text)
    # Other threads making nodes while the lock is held skip their checks too;
    # ferlint parses on one thread per process.
    with _lock:
        CSTNode.__post_init__ = _unchecked
        try:
            return cst.parse_module(text)
        finally:
            CSTNode.__post_init__ = _validating


def python_rejects(text: str, *, top_level_await: bool = False) -> SyntaxError | None:
    """What CPython rejects beyond the grammar libcst parses: a late
    `from __future__`, a `return` outside a function, a duplicate argument,
    bytes joined to a string. `top_level_await` for notebooks' cells."""
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if top_level_await else 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # One file name for every file: CPython keeps the names it has
            # compiled with, and the error's place is all that is used.
            compile(text, "<ferlint>", "exec", flags=flags, dont_inherit=True)
    except SyntaxError as error:
        return error
    except (ValueError, RecursionError, MemoryError):
        return None
    return None
