import json

import libcst
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ferlint.notebook import MASK, NotebookError, read_notebook


def notebook(*cells, as_lists: bool = True) -> str:
    """A notebook JSON text; a cell is ("code" | "markdown", text)."""
    built = []
    for kind, text in cells:
        source = text.splitlines(keepends=True) if as_lists else text
        built.append({"cell_type": kind, "metadata": {}, "source": source})
    return json.dumps({"cells": built, "metadata": {}, "nbformat": 4})


def code(text: str) -> tuple[str, str]:
    return ("code", text)


def markdown(text: str) -> tuple[str, str]:
    return ("markdown", text)


def test_code_cells_are_joined_in_order_each_ending_with_a_newline():
    text = notebook(
        markdown("# FER2013"),
        code("import numpy as np\nx = np.zeros((4, 48, 48, 1))"),
        markdown("Model"),
        code("y = 1\n"),
    )
    result = read_notebook(text)
    assert result.source == "import numpy as np\nx = np.zeros((4, 48, 48, 1))\ny = 1\n"
    assert result.cell_indexes == (1, 3)
    assert [cell.number for cell in result.cells] == [1, 2]
    libcst.parse_module(result.source)


def test_string_sources_are_read_like_lists():
    cells = (code("a = 1\nb = 2\n"), code("c = 3"))
    as_lists = read_notebook(notebook(*cells))
    as_strings = read_notebook(notebook(*cells, as_lists=False))
    assert as_lists.source == as_strings.source == "a = 1\nb = 2\nc = 3\n"


def test_locate_maps_joined_lines_to_cells():
    result = read_notebook(
        notebook(code("a = 1\nb = 2"), markdown("x"), code("c = 3\n"))
    )
    assert result.locate(1) == (1, 1)
    assert result.locate(2) == (1, 2)
    assert result.locate(3) == (2, 1)
    assert result.locate(99) == (2, 1)
    assert result.line_of(2, 1) == 3
    with pytest.raises(ValueError):
        result.locate(0)
    with pytest.raises(ValueError):
        result.line_of(1, 3)


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("%matplotlib inline", MASK),
        ("!pip install opencv-python", MASK),
        ("model.fit?", MASK),
        ("?model.fit", MASK),
        ("np.expand_dims??", MASK),
        ("%time model.fit(x, y)", MASK),
        ("files = !ls data/train", "files = None  # ferlint: masked"),
        ("t = %timeit -o f()", "t = None  # ferlint: masked"),
    ],
)
def test_ipython_lines_are_masked(line, masked):
    result = read_notebook(notebook(code(f"import cv2\n{line}\nx = 1\n")))
    assert result.source.splitlines() == ["import cv2", masked, "x = 1"]
    assert result.masked_lines == {2}
    libcst.parse_module(result.source)


def test_masking_keeps_indentation():
    cell = "for i in range(3):\n    %time f(i)\n    !echo {i}\n"
    result = read_notebook(notebook(code(cell)))
    assert result.source == f"for i in range(3):\n    {MASK}\n    {MASK}\n"
    libcst.parse_module(result.source)


def test_comments_and_valid_python_are_not_masked():
    cell = "# why does this diverge?\nx = 5 % 3\ny = x != 2\n%matplotlib inline\n"
    result = read_notebook(notebook(code(cell)))
    assert result.source.splitlines()[:3] == [
        "# why does this diverge?",
        "x = 5 % 3",
        "y = x != 2",
    ]
    assert result.masked_lines == {4}


def test_a_cell_that_parses_is_left_alone():
    cell = 'text = """\n%not a magic\nwhat?\n"""\n'
    assert read_notebook(notebook(code(cell))).source == cell


@pytest.mark.parametrize("magic", ["%%bash", "%%writefile train.sh", "%%html"])
def test_cell_magics_mask_the_whole_cell(magic):
    cell = f"{magic}\n  echo hi\n    if then\n"
    result = read_notebook(notebook(code("a = 1"), code(cell)))
    assert result.source == "a = 1\n" + f"{MASK}\n" * 3
    assert result.masked_lines == {2, 3, 4}
    libcst.parse_module(result.source)


@pytest.mark.parametrize("magic", ["%%capture out", "%%time", "%%timeit -n 1"])
def test_python_cell_magics_mask_only_their_line(magic):
    cell = f"{magic}\nhistory = model.fit(x, y)\n"
    result = read_notebook(notebook(code(cell)))
    assert result.source == f"{MASK}\nhistory = model.fit(x, y)\n"
    assert result.masked_lines == {1}


def test_top_level_await_is_python():
    cell = "await asyncio.sleep(0)\n"
    assert read_notebook(notebook(code(cell))).source == cell


def test_windows_newlines_are_normalized():
    result = read_notebook(notebook(code("a = 1\r\nb = 2\r\n"), as_lists=False))
    assert result.source == "a = 1\nb = 2\n"
    assert result.locate(2) == (1, 2)


def test_empty_code_cell_keeps_one_line():
    result = read_notebook(notebook(code(""), code("x = 1")))
    assert result.source == "\nx = 1\n"
    assert result.locate(2) == (2, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[]", 'expected an object with a "cells" list'),
        ('{"worksheets": []}', 'expected an object with a "cells" list'),
        (notebook(markdown("only prose")), "the notebook has no code cells"),
        ('{"cells": []}', "the notebook has no code cells"),
        (
            '{"cells": [{"cell_type": "code", "source": 5}]}',
            "neither a string nor a list of strings",
        ),
        (
            '{"cells": [{"cell_type": "code", "source": ["a", 1]}]}',
            "neither a string nor a list of strings",
        ),
        ('{"cells": [3]}', "cell 1 is not an object"),
    ],
)
def test_unreadable_notebooks_raise_with_a_reason(text, reason):
    with pytest.raises(NotebookError, match=reason):
        read_notebook(text)


LINES = st.sampled_from(
    [
        "x = 1",
        "    y = 2",
        "%matplotlib inline",
        "!ls",
        "z = !pwd",
        "model?",
        "",
        "# comment?",
        "if x:",
    ]
)


@given(st.lists(st.lists(LINES, min_size=1, max_size=6), min_size=1, max_size=5))
def test_every_joined_line_belongs_to_one_cell_line(cells):
    texts = ["\n".join(lines) + "\n" for lines in cells]
    result = read_notebook(notebook(*(code(text) for text in texts)))
    joined = result.source.split("\n")[:-1]
    assert len(joined) == sum(len(lines) for lines in cells)
    for line_number in range(1, len(joined) + 1):
        cell, line_in_cell = result.locate(line_number)
        assert result.line_of(cell, line_in_cell) == line_number
        assert 1 <= line_in_cell <= len(cells[cell - 1])


def test_top_level_await_is_python_in_a_notebook_but_not_in_a_script(tmp_path):
    from pathlib import Path

    from ferlint.api import Settings, check

    cells = "import asyncio\nimport keras\n\nawait asyncio.sleep(0)\n"
    (tmp_path / "explore.ipynb").write_text(notebook(code(cells)))
    (tmp_path / "explore.py").write_text(cells)
    report = check(
        [tmp_path / "explore.ipynb", tmp_path / "explore.py"], Settings(probe=False)
    )
    assert [(Path(f.path).suffix, f.code) for f in report.findings] == [
        (".py", "FER000")
    ]


@given(
    st.lists(
        LINES | st.text(alphabet="x=(%!?) \n.#'", max_size=12), min_size=1, max_size=8
    )
)
def test_cells_without_percent_bang_or_question_mark_skip_the_parse(lines):
    # The shortcut must mask exactly what asking the parser first would.
    from unittest import mock

    from ferlint import notebook as module

    text = "\n".join(lines) + "\n"
    with mock.patch.object(module, "_may_hold_ipython", lambda text: True):
        parsed_first = module._mask_cell(text)
    assert module._mask_cell(text) == parsed_first
