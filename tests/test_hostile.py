"""Hostile files: each one is checked, or is an entry in the report's `errors`
(or a FER000 finding where it is source that does not parse) that names the
file and the reason. The other files of the run are still checked, the exit
code stays 0 or 1, and no traceback reaches the user.

Every case is put next to a script with one known finding (BAD: FER001 on line
9) and checked through `ferlint.cli.main` with one job, in this process. The
cases that once crashed libcst's native parser run in a subprocess, so a
regression fails the test instead of killing pytest.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_cli import BAD, BAD_COLUMN, BAD_LINE

from ferlint import sources
from ferlint.cli import main

REPO = Path(__file__).resolve().parents[1]


def notebook(*cells, outputs=None) -> str:
    """nbformat 4 JSON; a cell is (cell_type, source)."""
    built = []
    for kind, text in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": text}
        if kind == "code":
            cell |= {"execution_count": None, "outputs": outputs or []}
        built.append(cell)
    return json.dumps({"cells": built, "metadata": {}, "nbformat": 4})


# ---------------------------------------------------------------------------
# the cases
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str  # the file's name
    content: bytes
    error: str | None = None  # a word of the `errors` entry's reason
    codes: tuple[str, ...] = ()  # the file's findings when it is checked
    isolate: bool = False  # run in a subprocess (it once crashed the process)


def _bad_bytes() -> bytes:
    return BAD.encode("utf-8")


DEEP_PARENS = "import keras\nx = " + "(" * 5000 + "1" + ")" * 5000 + "\n"
DEEP_UNARY = "import keras\nx = " + "-" * 100_000 + "1\n"
DEEP_AND = "import keras\nx = 1" + " and 1" * 20_000 + "\n"
DEEP_ELIF = "import keras\nif a: pass\n" + "elif a: pass\n" * 20_000
DEEP_CALLS = "import keras\nx = f" + "()" * 20_000 + "\n"
DEEP_LIST_JSON = '{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}"

CASES = [
    Case("latin1.py", b"import keras\nlabel = 'col\xe8re'\n", error="UTF-8"),
    Case("bom.py", b"\xef\xbb\xbf" + _bad_bytes(), codes=("FER001",)),
    Case("crlf.py", _bad_bytes().replace(b"\n", b"\r\n"), codes=("FER001",)),
    Case("cr_only.py", _bad_bytes().replace(b"\n", b"\r"), codes=("FER001",)),
    Case("nul.py", _bad_bytes().replace(b"faces = []", b"faces = []\x00"), error="NUL"),
    Case(
        "huge.py",
        b"import keras\n" + b"x = 1\n" * (10 * 1024 * 1024 // 6),
        error="MB",
    ),
    Case("deep_parens.py", DEEP_PARENS.encode(), error="too deeply", isolate=True),
    Case("deep_unary.py", DEEP_UNARY.encode(), error="too deeply", isolate=True),
    Case("deep_and.py", DEEP_AND.encode(), error="too deeply", isolate=True),
    Case("deep_elif.py", DEEP_ELIF.encode(), error="too deeply", isolate=True),
    Case("deep_calls.py", DEEP_CALLS.encode(), error="too deeply", isolate=True),
    Case("empty.py", b""),
    Case("comments.py", b"# import keras\n# model.fit(x, y)\n"),
    Case(
        "py2.py", b"import keras\nprint 'training on', len(faces)\n", codes=("FER000",)
    ),
    Case(
        "py2_except.py",
        b"import keras\ntry:\n    pass\nexcept Exception, e:\n    pass\n",
        codes=("FER000",),
    ),
    Case(
        "tabs_inconsistent.py",
        b"import keras\nif True:\n        x = 1\n\ty = 2\n",
        codes=("FER000",),
    ),
    # Tabs in one block, spaces in another: Python accepts it, so does ferlint.
    Case(
        "tabs_consistent.py",
        _bad_bytes()
        .replace(b"\n    face = ", b"\n\tface = ")
        .replace(b"\n    faces.append", b"\n\tfaces.append"),
        codes=("FER001",),
    ),
    Case("binary.py", bytes(range(1, 256)) * 40, error="UTF-8"),
    Case("image.py", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), error="NUL"),
    Case(
        "unicode_escape.py",
        b"# coding: unicode_escape\nimport keras\nx = '\\ud800'\n",
        error="surrogate",
    ),
    Case("bad_codec.py", b"# coding: no-such-codec\nimport keras\n", error="encoding"),
    Case("nb_not_json.ipynb", b"{'cells': [", error="JSON"),
    Case("nb_list.ipynb", b"[1, 2, 3]", error="cells"),
    Case("nb_no_cells.ipynb", b'{"metadata": {}, "nbformat": 4}', error="cells"),
    Case("nb_empty_cells.ipynb", notebook().encode(), error="no code cells"),
    Case(
        "nb_markdown_only.ipynb",
        notebook(("markdown", "# FER2013\n"), ("raw", "import keras\n")).encode(),
        error="no code cells",
    ),
    Case(
        "nb_big_outputs.ipynb",
        notebook(
            ("markdown", "# CK+"),
            ("code", BAD),
            outputs=[
                {
                    "output_type": "display_data",
                    "data": {"image/png": "iVBORw0KGgo" * (800 * 1024)},
                    "metadata": {},
                }
            ],
        ).encode(),
        codes=("FER001",),
    ),
    Case(
        "nb_huge_code.ipynb",
        notebook(("code", "import keras\n" + "x = 1\n" * (1024 * 1024))).encode(),
        error="MB",
    ),
    Case("nb_deep_json.ipynb", DEEP_LIST_JSON.encode(), error="too deeply"),
    Case(
        "nb_deep_cell.ipynb",
        notebook(("code", DEEP_UNARY)).encode(),
        error="too deeply",
        isolate=True,
    ),
    Case(
        "nb_nul_cell.ipynb",
        notebook(("code", "import keras\nx = '\0'\n")).encode(),
        error="NUL",
    ),
    Case(
        "nb_surrogate_cell.ipynb",
        b'{"cells": [{"cell_type": "code", "source": "import keras\\nx = \'\\ud800\'"}]}',
        error="surrogate",
    ),
    Case(
        "nb_bad_source.ipynb",
        b'{"cells": [{"cell_type": "code", "source": 42}]}',
        error="source",
    ),
    Case("nb_bad_cell.ipynb", b'{"cells": ["import keras"]}', error="cell 1"),
]


def _project(tmp_path: Path, *cases: Case) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "bad.py").write_text(BAD, encoding="utf-8")
    (folder / "good.py").write_text(
        BAD.replace("(64, 64)", "(48, 48)"), encoding="utf-8"
    )
    for case in cases:
        (folder / case.name).write_bytes(case.content)
    return folder


def _json_run(args: list[str], cwd: Path, capsys, isolate: bool):
    """(exit code, the JSON report, stderr) of `ferlint check --format json`."""
    argv = ["check", "--no-probe", "--jobs", "1", "--format", "json", *args]
    if isolate:
        env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
        done = subprocess.run(
            [sys.executable, "-m", "ferlint", *argv],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        code = main(argv)
        out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out, err
    assert code in (0, 1), (code, err)
    return code, json.loads(out), err


def _assert_outcome(case: Case, document: dict) -> None:
    errors = {e["path"]: e["reason"] for e in document["errors"]}
    mine = [f for f in document["findings"] if f["path"] == case.name]
    if case.error is not None:
        assert case.name in errors, document["errors"]
        assert case.error in errors[case.name], errors[case.name]
        assert mine == []
    else:
        assert case.name not in errors, errors.get(case.name)
        assert sorted(f["code"] for f in mine) == sorted(case.codes), mine
    for finding in mine:
        if finding["code"] == "FER001" and finding["cell"] is None:
            # Columns count characters: a tab is one, a BOM is none.
            text = case.content.decode("utf-8-sig")
            line = text.splitlines()[BAD_LINE - 1]
            assert finding["line"] == BAD_LINE
            assert finding["column"] == line.index("64, 64") + 1


def _assert_others_checked(document: dict) -> None:
    bad = [f for f in document["findings"] if f["path"] == "bad.py"]
    assert [(f["code"], f["line"], f["column"]) for f in bad] == [
        ("FER001", BAD_LINE, BAD_COLUMN)
    ]
    assert not any(f["path"] == "good.py" for f in document["findings"])
    assert not any(e["path"] in ("bad.py", "good.py") for e in document["errors"])


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file_in_a_folder(case, tmp_path, monkeypatch, capsys):
    folder = _project(tmp_path, case)
    monkeypatch.chdir(folder)
    code, document, _ = _json_run(["."], folder, capsys, case.isolate)
    assert document["files"] == 3
    _assert_outcome(case, document)
    _assert_others_checked(document)
    assert code == 1  # bad.py's FER001


@pytest.mark.parametrize(
    "case",
    [case for case in CASES if case.error is not None],
    ids=[case.name for case in CASES if case.error is not None],
)
def test_hostile_file_named_alone_is_exit_0_with_its_error(
    case, tmp_path, monkeypatch, capsys
):
    folder = _project(tmp_path, case)
    monkeypatch.chdir(folder)
    code, document, _ = _json_run([case.name], folder, capsys, case.isolate)
    assert code == 0
    assert document["findings"] == []
    assert [e["path"] for e in document["errors"]] == [case.name]
    assert case.error in document["errors"][0]["reason"]


def test_every_hostile_file_at_once_in_a_subprocess(tmp_path):
    folder = _project(tmp_path, *CASES)
    code, document, err = _json_run(["."], folder, None, isolate=True)
    assert code == 1
    assert document["files"] == len(CASES) + 2
    for case in CASES:
        _assert_outcome(case, document)
    _assert_others_checked(document)
    # The full format names each file and its reason too, without a traceback.
    done = subprocess.run(
        [sys.executable, "-m", "ferlint", "check", "--no-probe", "--jobs", "2", "."],
        cwd=folder,
        env=dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1", COLUMNS="100"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    for case in CASES:
        if case.error is not None:
            assert f"{case.name}: could not check: " in done.stdout


def test_bom_and_crlf_give_the_same_findings_as_plain_text(
    tmp_path, monkeypatch, capsys
):
    bom, crlf = (c for c in CASES if c.name in ("bom.py", "crlf.py"))
    folder = _project(tmp_path, bom, crlf)
    monkeypatch.chdir(folder)
    _, document, _ = _json_run(["."], folder, capsys, isolate=False)
    spans = {
        f["path"]: (f["code"], f["line"], f["column"], f["end_line"], f["end_column"])
        for f in document["findings"]
    }
    assert spans["bom.py"] == spans["crlf.py"] == spans["bad.py"]


# ---------------------------------------------------------------------------
# unreadable files and odd file-system entries
# ---------------------------------------------------------------------------


def test_unreadable_file_is_an_error_entry(tmp_path, monkeypatch, capsys):
    # Works as root too: the read itself is refused.
    folder = _project(tmp_path)
    (folder / "locked.py").write_text(BAD, encoding="utf-8")
    original = os.open

    def refuse(path, *args, **kwargs):
        if os.fspath(path).endswith("locked.py"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.chdir(folder)
    code, document, _ = _json_run(["."], folder, capsys, isolate=False)
    assert code == 1
    assert document["errors"] == [{"path": "locked.py", "reason": "permission denied"}]
    _assert_others_checked(document)


def test_os_error_while_reading_is_an_error_entry(tmp_path, monkeypatch, capsys):
    folder = _project(tmp_path)
    (folder / "flaky.py").write_text(BAD, encoding="utf-8")
    flaky, opened, read = set(), os.open, os.read

    def open_(path, *args, **kwargs):
        handle = opened(path, *args, **kwargs)
        if os.fspath(path).endswith("flaky.py"):
            flaky.add(handle)
        return handle

    def fail(handle, *args):
        if handle in flaky:
            flaky.discard(handle)  # closed next: its number will be reused
            raise OSError(5, "Input/output error")
        return read(handle, *args)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "read", fail)
    monkeypatch.chdir(folder)
    code, document, _ = _json_run(["."], folder, capsys, isolate=False)
    assert code == 1
    assert document["errors"] == [{"path": "flaky.py", "reason": "Input/output error"}]
    _assert_others_checked(document)


@contextlib.contextmanager
def _pipe(name: str):
    os.mkfifo(name)
    yield


@contextlib.contextmanager
def _socket(name: str):
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(name)  # relative: socket paths are short
        yield


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(_pipe, marks=pytest.mark.skipif(
            not hasattr(os, "mkfifo"), reason="no named pipes here")),
        pytest.param(_socket, marks=pytest.mark.skipif(
            not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")),
    ],
)  # fmt: skip
def test_a_pipe_or_socket_named_py_is_an_error_entry_not_a_hang(
    tmp_path, monkeypatch, capsys, make
):
    folder = _project(tmp_path)
    monkeypatch.chdir(folder)
    with make("special.py"):
        code, document, _ = _json_run(["."], folder, capsys, isolate=False)
    assert code == 1
    assert [e["path"] for e in document["errors"]] == ["special.py"]
    assert "not a regular file" in document["errors"][0]["reason"]
    _assert_others_checked(document)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_never_opened(tmp_path, monkeypatch):
    # Opening a FIFO releases a writer waiting on it (and opening a device
    # can rewind a tape): what it is comes from stat alone.
    from ferlint import sources

    os.mkfifo(tmp_path / "pipe.py")
    opened, real_open = [], os.open
    monkeypatch.setattr(
        os,
        "open",
        lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k),
    )
    with pytest.raises(sources.ReadError, match="not a regular file"):
        sources.read_text(tmp_path / "pipe.py")
    assert opened == []


def test_a_file_named_only_ipynb_is_held_to_the_script_limit(tmp_path):
    # Named ".ipynb", it has no suffix: it is checked as a script, so the
    # script's 5 MB limit holds, not a notebook's.
    from ferlint import sources

    big = "import keras\n" + "#" * (6 * 1024 * 1024) + "\n"
    for path in (tmp_path / ".ipynb", tmp_path / "sub" / ".ipynb"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(big, encoding="utf-8")
        with pytest.raises(sources.ReadError, match="up to 5 MB"):
            sources.read_text(path)


def test_a_folder_listed_but_not_entered_under_a_gitignore(
    tmp_path, monkeypatch, capsys
):
    # Read permission without execute: its names can be listed, but asking
    # anything about them fails. As root that cannot be made, so the failure
    # is stood in for.
    folder = _project(tmp_path)
    (folder / ".gitignore").write_text("*.log\n", encoding="utf-8")
    (folder / "sealed").mkdir()
    (folder / "sealed" / "z.py").write_text("print('no model')\n", encoding="utf-8")
    real = Path.is_symlink

    def refuse(self):
        if "sealed" in self.parts:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_symlink", refuse)
    monkeypatch.chdir(folder)
    code, document, _ = _json_run(["."], folder, capsys, isolate=False)
    assert code == 1 and document["files"] == 3
    _assert_others_checked(document)


def test_a_folder_named_py_is_not_read(tmp_path, monkeypatch, capsys):
    folder = _project(tmp_path)
    (folder / "package.py").mkdir()
    (folder / "package.py" / "inner.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    code, document, _ = _json_run([".", "package.py"], folder, capsys, isolate=False)
    assert code == 1
    assert document["errors"] == []
    assert document["files"] == 3  # bad.py, good.py, package.py/inner.py
    _assert_others_checked(document)


def test_folders_that_link_to_themselves(tmp_path, monkeypatch, capsys):
    folder = _project(tmp_path)
    loop = folder / "loop"
    loop.mkdir()
    (loop / "train.py").write_text(BAD, encoding="utf-8")
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (loop / "up").symlink_to(folder, target_is_directory=True)
    (folder / "knot").symlink_to(folder / "knot")  # a link to itself
    (folder / "knot.py").symlink_to(folder / "knot.py")
    monkeypatch.chdir(folder)
    code, document, _ = _json_run(["."], folder, capsys, isolate=False)
    assert code == 1
    assert document["files"] == 4  # bad.py, good.py, knot.py, loop/train.py
    assert [e["path"] for e in document["errors"]] == ["knot.py"]
    assert "symbolic links" in document["errors"][0]["reason"]
    paths = sorted(f["path"] for f in document["findings"])
    assert paths == ["bad.py", os.path.join("loop", "train.py")]
    # Named on the command line, the looping folder is walked once.
    code, document, _ = _json_run(
        [os.path.join("loop", "self", "self")], folder, capsys, isolate=False
    )
    assert code == 1
    assert document["files"] == 1
    assert [f["code"] for f in document["findings"]] == ["FER001"]


def test_a_dangling_symlink_in_a_walk_is_an_error_entry(tmp_path, monkeypatch, capsys):
    folder = _project(tmp_path)
    (folder / "gone.py").symlink_to(folder / "nowhere" / "train.py")
    monkeypatch.chdir(folder)
    code, document, _ = _json_run(["."], folder, capsys, isolate=False)
    assert code == 1
    assert document["errors"] == [
        {"path": "gone.py", "reason": "it is a symbolic link to nothing"}
    ]
    _assert_others_checked(document)


# ---------------------------------------------------------------------------
# a path that does not exist: the CLI contract is exit 2 and one line
# ---------------------------------------------------------------------------


def test_missing_path_is_exit_2_with_one_line(tmp_path, monkeypatch, capsys):
    folder = _project(tmp_path)
    monkeypatch.chdir(folder)
    code = main(["check", "--no-probe", "bad.py", "no_such_script.py"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = [line for line in err.splitlines() if not line.startswith("  run ")]
    assert lines == ["ferlint: error: no such file or folder: 'no_such_script.py'"]


def test_missing_path_in_a_subprocess_has_no_traceback(tmp_path):
    folder = _project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ferlint", "missing_folder/", "bad.py"],
        cwd=folder,
        env=dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].startswith(
        "ferlint: error: no such file or folder: 'missing_folder"
    )


# ---------------------------------------------------------------------------
# the nesting guard itself
# ---------------------------------------------------------------------------


def test_nesting_guard_passes_every_fixture_and_ferlints_own_source():
    files = sorted((REPO / "fixtures").glob("*.py")) + sorted(
        (REPO / "ferlint").rglob("*.py")
    )
    assert len(files) > 40
    for path in files:
        assert sources.nesting_error(path.read_text(encoding="utf-8")) is None, path


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "(" * 150 + "1" + ")" * 150 + "\n",
        "x = " + "-" * 900 + "1\n",
        "x = 1" + " + 1" * 900 + "\n",
        "x = [" + ", ".join(["[1, 2, 3]"] * 5000) + "]\n",
        "if a: pass\n" + "elif a: pass\n" * 900,
        "".join(f"if a{i}: pass\nelif b: pass\n" for i in range(2000)),
        "d = {" + ", ".join(f"'k{i}': {i} * 2 + 1" for i in range(5000)) + "}\n",
    ],
    ids=[
        "parens-150",
        "unary-900",
        "sum-900",
        "wide-list",
        "elif-900",
        "many-ifs",
        "dict",
    ],
)
def test_nesting_guard_accepts_deep_but_bounded_code(text):
    assert sources.nesting_error(text) is None


@pytest.mark.parametrize(
    "text",
    [DEEP_PARENS, DEEP_UNARY, DEEP_AND, DEEP_ELIF, DEEP_CALLS],
    ids=["parens", "unary", "and", "elif", "calls"],
)
def test_nesting_guard_refuses_what_would_crash_the_parser(text):
    reason = sources.nesting_error(text)
    assert reason is not None
    assert reason.startswith("it is nested too deeply to parse (")
