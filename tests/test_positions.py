"""Nodes are placed without libcst's position metadata; the places must be
libcst's own."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ferlint import locating
from ferlint.analysis.interpreter import Interpreter
from ferlint.analysis.library import METHODS
from ferlint.analysis.modeling import FUNCTIONS, KerasFunctions
from ferlint.checks import run_checks
from ferlint.lines import LINE_BREAK, split_lines
from ferlint.pipeline import _Locator
from ferlint.positions import TextLines

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "fixtures").glob("*.py")) + sorted(
    p for p in (ROOT / "tests" / "fixes").glob("*.py") if ".fixed" not in p.name
)

# Texts where counting by text goes wrong in easy ways: the same code written
# twice in one statement, continuation lines inside blocks, other line breaks,
# tabs, characters wider than a byte before a node, one-line suites.
TRICKY = {
    "twice in one call": (
        "import cv2\nsize = 48\nimg = cv2.resize(img, (size, size))\n"
        "img = cv2.resize(img, (size, size))\n"
    ),
    "continued inside a block": (
        "import cv2\n"
        "def load(paths, size=48):\n"
        "    for p in paths:\n"
        "        img = cv2.resize(cv2.imread(p),\n"
        "                         (size, size))\n"
        "        img = cv2.resize(cv2.imread(p),\n"
        "            (size, size))\n"
        "    return img\n"
        "x = load(['a'])\n"
    ),
    "windows line ends": (
        "import cv2\r\nsize = 48\r\nimg = cv2.resize(img, (size, size))\r\n"
        "img = cv2.resize(img, (size, size))\r\n"
    ),
    "old mac line ends": "import cv2\rsize = 48\rimg = cv2.resize(img, (size, size))\r",
    "tabs and wide characters": (
        "import cv2\n"
        "def f(p):\n"
        "\tété = 'é'; img = cv2.resize(cv2.imread(p), (48, 48)); img = img / 255\n"
        "\treturn cv2.resize(img, (48, 48))\n"
        "x = f('a')\n"
    ),
    "one-line suites and semicolons": (
        "import cv2\n"
        "for p in ps: img = cv2.resize(cv2.imread(p), (48, 48)); y = (48, 48)\n"
        "if ps: img = cv2.resize(img, (48, 48))\n"
        "elif qs: img = cv2.resize(img, (48, 48))\n"
    ),
    "defaults and lambdas": (
        "import cv2\n"
        "def load(p, size=(48, 48), scale=lambda x: x / 255.0):\n"
        "    return scale(cv2.resize(cv2.imread(p), size))\n"
        "a = load('a')\n"
        "b = load('b', (48, 48))\n"
        "c = (lambda x: x / 255.0)(a)\n"
    ),
    "statements quoted in strings": (
        "import cv2\n"
        "def load(p):\n"
        '    """Example:\n'
        "        img = cv2.resize(img, (size, size))\n"
        '    """\n'
        "    size = 48\n"
        "    img = cv2.imread(p)\n"
        "    img = cv2.resize(img, (size, size))\n"
        "    img = cv2.resize(img, (size, size)); x = (size, size)\n"
        "    return cv2.resize(img,\n"
        "                      (size, size))\n"
        "# z = cv2.resize(a, (size, size))\n"
        "z = cv2.resize(a, (size, size))\n"
        "y = load('a')\n"
    ),
    "decorated and nested": (
        "import cv2\n"
        "@decorate((48, 48))\n"
        "def load(p):\n"
        "    def inner(q, size=(48, 48)):\n"
        "        return cv2.resize(cv2.imread(q), size)\n"
        "    return inner(p)\n"
        "x = load('a')\n"
        "with open('f') as h:\n"
        "    img = cv2.resize(x, (48, 48))\n"
        "try:\n"
        "    img = cv2.resize(x, (48, 48))\n"
        "except OSError:\n"
        "    img = cv2.resize(x, (48, 48))\n"
        "while img is None:\n"
        "    img = cv2.resize(x, (48, 48))\n"
    ),
}


def _interpreted(text: str):
    module = cst.parse_module(text)
    interpreter = Interpreter(module, KerasFunctions(FUNCTIONS), METHODS)
    analysis = interpreter.run()
    return module, interpreter, analysis


def _all_nodes(module: cst.Module) -> dict[int, cst.CSTNode]:
    nodes: dict[int, cst.CSTNode] = {}

    def walk(node):
        nodes[id(node)] = node
        for child in node.children:
            walk(child)

    walk(module)
    return nodes


def _case_list():
    for path in SCRIPTS:
        yield pytest.param(path.read_text(encoding="utf-8"), id=path.name)
    for name, text in TRICKY.items():
        yield pytest.param(text, id=name)


CASES = list(_case_list())


@pytest.mark.parametrize("text", CASES)
def test_every_evaluated_node_is_placed_where_libcst_puts_it(text):
    module, interpreter, analysis = _interpreted(text)
    exact = locating.positions(module)
    locator = _Locator("x.py", module, text)
    locator.follow(interpreter)
    nodes = _all_nodes(module)
    placed = 0
    for key in interpreter.statement_of:
        node = nodes.get(key)
        if node is None or node not in exact:
            continue
        assert locator.locate(node) == ("x.py", exact[node]), locating.spanned_code(
            node
        )
        placed += 1
    assert placed > 0


@pytest.mark.parametrize("mine", [False, True], ids=["by ast", "by own text"])
@pytest.mark.parametrize("text", CASES)
def test_a_statement_places_what_its_text_alone_cannot(text, mine):
    module, interpreter, _ = _interpreted(text)
    exact = locating.positions(module)
    source = locating.Source("x.py", module, text)
    nodes = _all_nodes(module)
    placed = 0
    for key, statement in interpreter.statement_of.items():
        node = nodes.get(key)
        code = locating.spanned_code(node) if node is not None else None
        if code is None or statement is None:
            continue
        found = locating.within_statement(source, statement, node, code, mine)
        if found is not None:
            assert found == exact[node], code
            placed += 1
    assert placed > 0


def test_a_one_line_statement_found_once_needs_no_other_parser(monkeypatch):
    text = TRICKY["statements quoted in strings"]
    module, _, _ = _interpreted(text)
    exact = locating.positions(module)
    load = next(n for n in module.body if isinstance(n, cst.FunctionDef))
    read = load.body.body[2].body[0]  # img = cv2.imread(p), written once
    path = read.value.args[0].value
    source = locating.Source("x.py", module, text)
    monkeypatch.setattr(locating, "statement_spans", _refuse)
    assert locating.within_statement(source, read, path, "p", True) == exact[path]
    # Written again in a docstring or a comment, or twice: not by its text.
    resized = load.body.body[3].body[0]  # img = cv2.resize(img, (size, size))
    commented = module.body[2].body[0]  # z = cv2.resize(a, (size, size))
    assert source._by_own_text(resized) is None
    assert source._by_own_text(commented) is None


def _refuse(*args):
    raise AssertionError("Python's parser was asked")


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_reported_nodes_never_need_the_whole_files_positions(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    module, interpreter, analysis = _interpreted(text)
    raw = run_checks(analysis)
    nodes = [item.node for item in raw]
    nodes += [node for item in raw for node, _ in item.related]
    nodes += [node for item in raw for node, _ in item.edits]
    nodes += [flow.node for flow in analysis.flows]

    def refuse(self):
        raise AssertionError("libcst's positions were computed for the whole file")

    monkeypatch.setattr(locating.Source, "everything", refuse)
    locator = _Locator(str(path), module, text)
    locator.follow(interpreter)
    for node in nodes:
        assert locator.locate(node) is not None


def test_the_second_of_two_equal_names_is_the_second():
    text = "import cv2\nsize = 48\nimg = cv2.resize(img, (size, size))\n"
    module, interpreter, _ = _interpreted(text)
    call = module.body[2].body[0].value
    second = call.args[1].value.elements[1].value
    locator = _Locator("x.py", module, text)
    locator.follow(interpreter)
    found = locator.locate(second)[1]
    assert (found.start.line, found.start.column) == (3, 29)


def test_columns_count_characters_even_after_a_form_feed():
    # libcst's metadata starts counting columns again after a form feed, as
    # Python's tokenizer does; ferlint's columns are offsets into the line, the
    # ones its fixes and code frames use.
    text = "import cv2\n\x0cimg = cv2.resize(a, (48, 48))\n"
    module, interpreter, _ = _interpreted(text)
    call = module.body[1].body[0].value
    locator = _Locator("x.py", module, text)
    locator.follow(interpreter)
    found = locator.locate(call)[1]
    assert (found.start.line, found.start.column) == (2, text.split("\n")[1].index("c"))


def test_statements_of_both_parsers_are_paired():
    text = TRICKY["decorated and nested"] + "match x:\n    case 1:\n        y = 2\n"
    module = cst.parse_module(text)
    spans = locating.statement_spans(module, text, TextLines(text))
    with_block = module.body[3]
    assert text[slice(*spans[id(with_block)])].startswith("with open('f') as h:")
    small = module.body[-1].cases[0].body.body[0].body[0]
    assert text[slice(*spans[id(small)])] == "y = 2"


def test_lines_end_only_at_python_line_breaks():
    lines = TextLines("a\fb\r\nc\rd\u2028e\n")
    assert [lines.position(offset).line for offset in (0, 2, 5, 7, 9)] == [
        1,
        1,
        2,
        3,
        3,
    ]


@given(st.text(alphabet="ab \t\n\r\x0b\x0c\x1c\x85\u2028"))
def test_lines_split_as_python_ends_them(text):
    lines = split_lines(text)
    assert not any("\n" in line or "\r" in line for line in lines)
    breaks = len(LINE_BREAK.findall(text))
    ends_in_a_break = LINE_BREAK.fullmatch(text[-2:]) or text[-1:] in ("\n", "\r")
    assert len(lines) == breaks + (0 if ends_in_a_break or not text else 1)
    # Without the other separators, exactly what str.splitlines gives.
    plain = text.translate(dict.fromkeys(map(ord, "\x0b\x0c\x1c\x85\u2028")))
    assert split_lines(plain) == plain.splitlines()
