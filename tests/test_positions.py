"""Reported nodes are placed by their text; the places must be libcst's own."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from ferlint.analysis.interpreter import Interpreter
from ferlint.analysis.library import METHODS
from ferlint.analysis.modeling import FUNCTIONS, KerasFunctions
from ferlint.checks import run_checks
from ferlint.pipeline import _Locator, _positions
from ferlint.positions import TextLines

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "fixtures").glob("*.py")) + sorted(
    p for p in (ROOT / "tests" / "fixes").glob("*.py") if ".fixed" not in p.name
)


def reported_nodes(module: cst.Module) -> list:
    analysis = Interpreter(module, KerasFunctions(FUNCTIONS), METHODS).run()
    raw = run_checks(analysis)
    nodes = [item.node for item in raw]
    nodes += [node for item in raw for node, _ in item.related]
    nodes += [node for item in raw for node, _ in item.edits]
    return nodes + [flow.node for flow in analysis.flows]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_nodes_placed_by_their_text_are_where_libcst_puts_them(path):
    text = path.read_text(encoding="utf-8")
    module = cst.parse_module(text)
    exact = _positions(module)
    locator = _Locator(str(path), module, text)
    for node in reported_nodes(module):
        found = locator._found_by_text(node)
        if found is not None:
            assert found == exact[node], cst.Module([]).code_for_node(node)


def test_a_name_written_twice_is_placed_through_its_statement():
    # "shape" is written on two lines, but once in the statement holding the node.
    text = "import cv2\nshape = (48, 48)\nimg = cv2.resize(img, shape)\n"
    module = cst.parse_module(text)
    call = module.body[2].body[0].value
    locator = _Locator("x.py", module, text)
    found = locator._found_by_text(call.args[1].value)
    assert found == _positions(module)[call.args[1].value]


def test_lines_end_only_at_python_line_breaks():
    lines = TextLines("a\fb\r\nc\rd\u2028e\n")
    assert [lines.position(offset).line for offset in (0, 2, 5, 7, 9)] == [
        1,
        1,
        2,
        3,
        3,
    ]
