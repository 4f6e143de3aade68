"""libcst's parse, without re-checking the nodes its own parser built.

Every libcst node validates itself when it is made (`CSTNode.__post_init__`
calls `_validate`): that guards trees built by hand, such as a fix's
replacement, but a tree straight from the parser is valid by construction,
and the checks cost about a sixth of the parse. libcst's own comment on
`__post_init__` says as much. While ferlint parses, the check is switched off;
nodes made at any other time are validated as usual.

The switch is taken only when `__post_init__` does nothing but validate, as in
every libcst release ferlint supports; a libcst whose `__post_init__` does
more is left alone and parses at its own pace.
"""

from __future__ import annotations

import threading

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
