"""ferlint's shortcuts around libcst must give libcst's own answers: the parse
without node validation, and node code put together without the generator."""

from __future__ import annotations

from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ferlint import parsing
from ferlint.analysis import code as node_code

# hypothesmith compiles what it generates: `1()` and the like warn.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "fixtures").glob("*.py")) + sorted(
    (ROOT / "tests" / "fixes").glob("*.py")
)

# Expressions whose layout the quick code must copy exactly, or leave to libcst.
LAYOUTS = """\
import cv2
a = cv2 . resize ( img ,  ( 48,48 ) )
b = cv2.resize(img, dsize=(48, 48), interpolation = cv2.INTER_AREA,)
c = f(*args, **kwargs)
d = f( * args , ** kwargs )
e = f(x,
      y)
g = f(
    x,  # a comment
    size=(48,
          48),
)
h = (cv2.resize)(img, (48, 48))
i = f((x))
j = f(x)(y)[0].attr
k = np.float32(0x_ff if True else 1_000.5e-3j)
l = f(rb'x', 'a' 'b', f"{x!r:>{w}}")
m = f(x, y=lambda q: q / 255.0)
n = obj.  attr
o = f(\\
  x)
p = f(x,)
q = f(a, b=c, *d, e=f, **g)
r = x.reshape(-1, 48, 48, 1), (1,), ( 2 , ), [3], [ 4 , 5 , ], (), [], not x
s = ((48, 48)), ( (48) ), -(-x), ~ x, + 1, [*a, b], (*a,), [x for x in y]
t = (48,
     48), [48,
           48]
"""


def _nodes(module: cst.Module):
    stack = [module]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


def _texts():
    for path in SOURCES:
        yield pytest.param(path.read_text(encoding="utf-8"), id=path.name)
    yield pytest.param(LAYOUTS, id="layouts")


def _same_code_as_libcst(module: cst.Module) -> int:
    generator = cst.Module([])
    checked = 0
    with node_code.remembered():
        for node in _nodes(module):
            if isinstance(node, (cst.BaseExpression, cst.Arg)):
                assert node_code.code(node) == generator.code_for_node(node)
                checked += 1
            if isinstance(node, cst.Arg):
                bare = node.with_changes(
                    comma=cst.MaybeSentinel.DEFAULT,
                    whitespace_after_arg=cst.SimpleWhitespace(""),
                )
                assert node_code.argument(node) == generator.code_for_node(bare)
    return checked


@pytest.mark.parametrize("text", list(_texts()))
def test_node_code_is_what_libcst_generates(text):
    assert _same_code_as_libcst(cst.parse_module(text)) > 0


def test_the_quick_path_covers_the_common_nodes_and_leaves_the_rest():
    module = cst.parse_module(LAYOUTS)
    quick = {
        type(node).__name__
        for node in _nodes(module)
        if node_code._quick(node) is not None
    }
    assert {
        "Name",
        "Attribute",
        "Call",
        "Integer",
        "SimpleString",
        "Tuple",
        "List",
        "UnaryOperation",
    } <= quick
    multiline = cst.parse_expression("f(x,\n  y)")
    assert node_code._quick(multiline) is None
    assert node_code.code(multiline) == "f(x,\n  y)"


def test_nodes_built_by_hand_get_libcsts_default_commas_and_equals():
    one, two = cst.Integer("1"), cst.Integer("2")
    built = [
        cst.Tuple([cst.Element(one)]),
        cst.Tuple([cst.Element(one), cst.Element(two)]),
        cst.Tuple([cst.Element(one)], lpar=[], rpar=[]),
        cst.List([cst.Element(one)]),
        cst.List([cst.Element(one), cst.Element(two)]),
        cst.Call(cst.Name("f"), [cst.Arg(one), cst.Arg(two, keyword=cst.Name("k"))]),
        cst.UnaryOperation(cst.Not(), cst.Name("x")),
    ]
    generator = cst.Module([])
    for node in built:
        assert node_code.code(node) == generator.code_for_node(node)
        assert node_code._quick(node) is not None


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_node_code_of_generated_programs_is_libcsts(program):
    try:
        module = cst.parse_module(program)
    except Exception:
        return
    _same_code_as_libcst(module)


@pytest.mark.parametrize("text", list(_texts()))
def test_the_unvalidated_parse_builds_the_same_tree(text):
    fast, checked = parsing.parse_module(text), cst.parse_module(text)
    assert fast.deep_equals(checked)
    assert fast.code == text


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_the_unvalidated_parse_of_generated_programs_is_libcsts(program):
    try:
        checked = cst.parse_module(program)
    except Exception as error:
        with pytest.raises(type(error)):
            parsing.parse_module(program)
        return
    assert parsing.parse_module(program).deep_equals(checked)


def test_nodes_made_after_a_parse_are_validated_again():
    assert parsing.SKIPS_VALIDATION  # the installed libcst is one it knows
    parsing.parse_module("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")
    with pytest.raises(cst.ParserSyntaxError):
        parsing.parse_module("x = (\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


def test_a_post_init_that_does_more_than_validate_is_left_alone():
    def only(self):
        self._validate()

    def more(self):
        self._validate()
        object.__setattr__(self, "extra", 1)

    assert parsing._only_validates(only)
    assert not parsing._only_validates(more)
    assert not parsing._only_validates(object())


def test_a_changed_image_is_the_image_replace_would_make():
    import dataclasses

    from ferlint.analysis import values as v

    image = v.ImageArray(dims=(48, 48), channels=1, dtype="uint8", batched=False)
    changed = image.but(channels=3, dtype="float32")
    assert changed == dataclasses.replace(image, channels=3, dtype="float32")
    assert image.channels == 1 and type(changed) is v.ImageArray
    with pytest.raises(TypeError, match="no field 'chanels'"):
        image.but(chanels=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.channels = 1


# Bytes where Python's encoding rules matter: declarations on the first or
# second line (or too late), byte order marks, line ends, bytes UTF-8 refuses.
_ENCODING_PARTS = st.sampled_from(
    [
        b"# -*- coding: latin-1 -*-\n",
        b"# coding=utf-8\n",
        b"# coding: no-such-codec\n",
        b"#!/usr/bin/env python\n",
        b"\xef\xbb\xbf",
        b"import keras\n",
        b"x = 'caf\xc3\xa9'\n",
        b"x = 'caf\xe9'\n",
        b"\r\n",
        b"\r",
        b"\n",
        b"coding",
        b"# vim: set fileencoding=cp1252 :\n",
    ]
)


@given(st.lists(_ENCODING_PARTS, max_size=6).map(b"".join))
def test_reading_decides_encodings_as_tokenize_does(data):
    import io
    import tokenize
    from unittest import mock

    from ferlint import sources

    def outcome():
        try:
            return sources.decode(data)
        except sources.ReadError as error:
            return f"error: {error}"

    def detected(data):
        return tokenize.detect_encoding(io.BytesIO(data).readline)[0]

    quick = outcome()
    with mock.patch.object(sources, "_encoding", detected):
        assert quick == outcome()
