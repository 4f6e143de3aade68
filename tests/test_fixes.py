"""Fixes: the golden pairs in tests/fixes/, --fix/--unsafe-fixes/--diff, and
writing files safely (atomic, permissions, line endings, encodings, files
changed on disk, symbolic links, notebooks). Nothing here probes; see
tests/test_fixes_probe.py for the training step of fixed scripts.

Regenerate the golden results with `python tests/update_fix_golden.py`.
"""

from __future__ import annotations

import ast
import difflib
import importlib.util
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from ferlint import api, fixes, sources
from ferlint.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXES = REPO / "tests" / "fixes"
FIXTURES = REPO / "fixtures"


def _load_updater():
    spec = importlib.util.spec_from_file_location(
        "update_fix_golden", REPO / "tests" / "update_fix_golden.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


UPDATER = _load_updater()
CASES = UPDATER.cases()
HAND_WRITTEN = UPDATER.HAND_WRITTEN

# The rule each golden script is about, and whether its fix is safe.
RULE_OF = {
    "fer001_cv2_resize_literal": ("FER001", "unsafe"),
    "fer002_cv2_resize_swapped": ("FER002", "safe"),
    "fer004_missing_channel_axis": ("FER004", "unsafe"),
    "fer005_astype": ("FER005", "safe"),
    "fer005_dtype_argument": ("FER005", "safe"),
    "fer006_array": ("FER006", "unsafe"),
    "fer006_generator": ("FER006", "unsafe"),
    "fer008_cv2_bgr": ("FER008", "unsafe"),
    "fer009_loss_string": ("FER009", "safe"),
    "fer010_loss_string": ("FER010", "safe"),
    "fer018_discarded_resize": ("FER018", "unsafe"),
    "fer021_kernel_rows_columns": ("FER021", "unsafe"),
    "fer021_keyword_names": ("FER021", "safe"),
}
SAFE_CASES = [name for name in CASES if RULE_OF[name][1] == "safe"]
UNSAFE_CASES = [name for name in CASES if RULE_OF[name][1] == "unsafe"]
FIXED_CODES = {
    "FER001",
    "FER002",
    "FER004",
    "FER005",
    "FER006",
    "FER008",
    "FER009",
    "FER010",
    "FER018",
    "FER021",
}


def golden(name: str):
    """A parameter for one golden pair, an expected failure when ferlint is wrong."""
    if name in HAND_WRITTEN:
        return pytest.param(
            name, marks=pytest.mark.xfail(strict=True, reason=HAND_WRITTEN[name])
        )
    return name


def original(name: str) -> bytes:
    return (FIXES / f"{name}.py").read_bytes()


def expected(name: str) -> bytes:
    return (FIXES / f"{name}.fixed.py").read_bytes()


def ferlint(capsys, *args: str) -> tuple[int, str, str]:
    """`ferlint check ...` in this process, static pass only, no cache."""
    capsys.readouterr()
    code = main(["check", "--no-probe", "--no-cache", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def report_json(capsys, *paths: str) -> dict:
    code, out, err = ferlint(capsys, "--format", "json", *paths)
    assert code in (0, 1), err
    return json.loads(out)


def copy_cases(folder: Path, names=CASES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(FIXES / f"{name}.py", folder / f"{name}.py")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".ferlint_cache" not in path.parts
    }


# The golden pairs.


def test_every_fixable_rule_has_a_golden_pair():
    assert set(CASES) == set(RULE_OF)
    assert {code for code, _ in RULE_OF.values()} == FIXED_CODES
    for name in CASES:
        assert (FIXES / f"{name}.fixed.py").is_file(), name
        assert original(name) != expected(name), name
        ast.parse(expected(name))


@pytest.mark.parametrize("name", [golden(name) for name in CASES])
def test_golden_through_the_command_line(name, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    copy_cases(tmp_path, [name])
    code, _, err = ferlint(capsys, "--fix", "--unsafe-fixes", f"{name}.py")
    assert code in (0, 1), err
    assert (tmp_path / f"{name}.py").read_bytes() == expected(name)


@pytest.mark.parametrize("name", [golden(name) for name in CASES])
def test_golden_through_plan(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_cases(tmp_path, [name])
    report = api.check([Path(f"{name}.py")], api.Settings(probe=False))
    texts = {path: sources.read_text(Path(path)) for path in report.sources}
    outcome = fixes.plan(report.findings, texts, unsafe=True)
    assert list(outcome.changed) == [f"{name}.py"]
    old, new = outcome.changed[f"{name}.py"]
    assert old == original(name).decode("utf-8")
    assert new.encode("utf-8") == expected(name)
    assert RULE_OF[name][0] in {finding.code for finding in outcome.fixed}
    # plan writes nothing
    assert (tmp_path / f"{name}.py").read_bytes() == original(name)


def test_json_says_each_fix_applicability(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    copy_cases(tmp_path)
    report = report_json(capsys, ".")
    seen = {}
    for finding in report["findings"]:
        assert finding["fix"]["applicability"] in ("safe", "unsafe", "none")
        seen[(Path(finding["path"]).stem, finding["code"])] = finding["fix"][
            "applicability"
        ]
    for name, (code, applicability) in RULE_OF.items():
        assert seen.get((name, code)) == applicability, (name, code)


# --diff


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    names = [
        "fer002_cv2_resize_swapped",
        "fer009_loss_string",
        "fer004_missing_channel_axis",
    ]
    copy_cases(tmp_path, names)
    before = snapshot(tmp_path)
    mtimes = {name: os.stat(tmp_path / f"{name}.py").st_mtime_ns for name in names}
    code, out, err = ferlint(capsys, "--diff", "--unsafe-fixes", ".")
    assert code == 1
    assert snapshot(tmp_path) == before
    assert mtimes == {n: os.stat(tmp_path / f"{n}.py").st_mtime_ns for n in names}
    wanted = "".join(
        "".join(
            difflib.unified_diff(
                original(name).decode().splitlines(keepends=True),
                expected(name).decode().splitlines(keepends=True),
                fromfile=f"a/{name}.py",
                tofile=f"b/{name}.py",
            )
        )
        for name in sorted(names)
    )
    assert out == wanted
    assert "Would fix 3 findings in 3 files." in err


def test_diff_leaves_out_unsafe_fixes_unless_asked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    copy_cases(tmp_path, ["fer004_missing_channel_axis"])
    code, out, _ = ferlint(capsys, "--diff", ".")
    assert (code, out) == (0, "")
    code, out, _ = ferlint(capsys, "--diff", "--unsafe-fixes", ".")
    assert code == 1 and out.startswith("--- a/fer004_missing_channel_axis.py\n")
    assert "+++ b/fer004_missing_channel_axis.py\n" in out and "\n@@ -" in out


def test_diff_exits_0_when_nothing_would_change(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in CASES:
        shutil.copyfile(FIXES / f"{name}.fixed.py", tmp_path / f"{name}.py")
    before = snapshot(tmp_path)
    code, out, err = ferlint(capsys, "--diff", "--unsafe-fixes", ".")
    assert (code, out) == (0, ""), err
    assert "Would fix 0 findings in 0 files." in err
    assert snapshot(tmp_path) == before


# --fix and --unsafe-fixes


def test_fix_applies_only_the_safe_fixes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    copy_cases(tmp_path)
    ferlint(capsys, "--fix", ".")
    for name in SAFE_CASES:
        assert (tmp_path / f"{name}.py").read_bytes() == expected(name), name
    for name in UNSAFE_CASES:
        if name == "fer006_array":
            continue  # it also has a safe FER005 fix, checked below
        assert (tmp_path / f"{name}.py").read_bytes() == original(name), name
    # fer006_array: the safe cast (FER005) is applied, the unsafe scaling is not.
    text = (tmp_path / "fer006_array.py").read_text()
    assert 'x = np.expand_dims(np.stack(images), -1).astype("float32")\n' in text
    codes = {
        (Path(f["path"]).stem, f["code"]) for f in report_json(capsys, ".")["findings"]
    }
    assert ("fer006_array", "FER006") in codes
    assert ("fer006_array", "FER005") not in codes
    for name in UNSAFE_CASES:
        assert (name, RULE_OF[name][0]) in codes, name

    # --unsafe-fixes then adds the others (fer006_array: see the next test).
    ferlint(capsys, "--fix", "--unsafe-fixes", ".")
    for name in CASES:
        if name not in HAND_WRITTEN and name != "fer006_array":
            assert (tmp_path / f"{name}.py").read_bytes() == expected(name), name
    codes = {
        (Path(f["path"]).stem, f["code"]) for f in report_json(capsys, ".")["findings"]
    }
    assert not codes & {(name, RULE_OF[name][0]) for name in CASES}


def test_unsafe_fixes_after_the_safe_ones(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "fer006_array"
    copy_cases(tmp_path, [name])
    ferlint(capsys, "--fix", ".")
    ferlint(capsys, "--fix", "--unsafe-fixes", ".")
    assert (tmp_path / f"{name}.py").read_bytes() == expected(name)


@pytest.fixture(scope="module")
def fixed_cases(tmp_path_factory):
    """A copy of every golden script after `--fix --unsafe-fixes`, and its report."""
    folder = tmp_path_factory.mktemp("fixed")
    copy_cases(folder)
    here = os.getcwd()
    os.chdir(folder)
    try:
        code = main(
            ["check", "--no-probe", "--no-cache", "--fix", "--unsafe-fixes", "-q", "."]
        )
    finally:
        os.chdir(here)
    assert code in (0, 1)
    return folder


@pytest.mark.parametrize("name", CASES)
def test_fixed_code_parses_and_the_finding_is_gone(
    name, fixed_cases, monkeypatch, capsys
):
    data = (fixed_cases / f"{name}.py").read_bytes()
    assert data != original(name)
    ast.parse(data)
    monkeypatch.chdir(fixed_cases)
    report = report_json(capsys, f"{name}.py")
    assert RULE_OF[name][0] not in {finding["code"] for finding in report["findings"]}
    assert all(f["fix"]["applicability"] == "none" for f in report["findings"])


def test_a_second_fix_changes_nothing(fixed_cases, monkeypatch, capsys):
    monkeypatch.chdir(fixed_cases)
    before = snapshot(fixed_cases)
    code, _, err = ferlint(capsys, "--fix", "--unsafe-fixes", ".")
    assert code in (0, 1)
    assert "Fixed" not in err
    assert snapshot(fixed_cases) == before
    code, out, _ = ferlint(capsys, "--diff", "--unsafe-fixes", ".")
    assert (code, out) == (0, "")


def test_formatting_and_comments_elsewhere_are_untouched(fixed_cases):
    for name in CASES:
        if name in HAND_WRITTEN:
            continue
        old = original(name).decode().splitlines(keepends=True)
        new = (fixed_cases / f"{name}.py").read_text().splitlines(keepends=True)
        assert len(old) == len(new), name
        assert sum(a != b for a, b in zip(old, new, strict=True)) == 1, name


# Writing files.


def test_permissions_are_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "fer002_cv2_resize_swapped"
    copy_cases(tmp_path, [name])
    script = tmp_path / f"{name}.py"
    script.chmod(0o640)
    ferlint(capsys, "--fix", script.name)
    assert script.read_bytes() == expected(name)
    assert stat.S_IMODE(script.stat().st_mode) == 0o640


def test_crlf_line_endings_are_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "fer002_cv2_resize_swapped"
    script = tmp_path / f"{name}.py"
    script.write_bytes(original(name).replace(b"\n", b"\r\n"))
    code, out, _ = ferlint(capsys, "--diff", script.name)
    assert code == 1 and "( WIDTH,HEIGHT )" in out
    ferlint(capsys, "--fix", script.name)
    assert script.read_bytes() == expected(name).replace(b"\n", b"\r\n")


def test_a_utf8_bom_is_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "fer009_loss_string"
    script = tmp_path / f"{name}.py"
    bom = b"\xef\xbb\xbf"
    script.write_bytes(
        bom + original(name).replace(b"(this", "(\u00e9t\u00e9: this".encode())
    )
    ferlint(capsys, "--fix", script.name)
    assert script.read_bytes() == bom + expected(name).replace(
        b"(this", "(\u00e9t\u00e9: this".encode()
    )


def test_a_latin1_coding_cookie_is_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "fer009_loss_string"
    script = tmp_path / f"{name}.py"
    head = "# -*- coding: latin-1 -*-\n# Gesichtsausdr\u00fccke, caf\u00e9\n"
    script.write_bytes(head.encode("latin-1") + original(name))
    ferlint(capsys, "--fix", script.name)
    assert script.read_bytes() == head.encode("latin-1") + expected(name)


def _planned(path: Path):
    """What --fix --unsafe-fixes would write to `path`, planned but not written."""
    report = api.check([path], api.Settings(probe=False))
    texts = {p: sources.read_text(Path(p)) for p in report.sources}
    outcome = fixes.plan(report.findings, texts, unsafe=True)
    assert str(path) in outcome.changed
    return outcome


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "fer002_cv2_resize_swapped"
    copy_cases(tmp_path, [name])
    script = Path(f"{name}.py")
    outcome = _planned(script)
    edited = original(name) + b"# someone else's edit\n"
    script.write_bytes(edited)
    fixes.write(outcome)
    assert script.read_bytes() == edited
    assert [error.path for error in outcome.errors] == [str(script)]
    assert "changed on disk" in outcome.errors[0].reason
    assert str(script) not in outcome.changed
    assert not any(finding.path == str(script) for finding in outcome.fixed)


def test_an_unchanged_file_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "fer002_cv2_resize_swapped"
    copy_cases(tmp_path, [name])
    outcome = _planned(Path(f"{name}.py"))
    fixes.write(outcome)
    assert outcome.errors == []
    assert (tmp_path / f"{name}.py").read_bytes() == expected(name)


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failed_replace_leaves_the_old_file_and_no_temporary(
    failure, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    name = "fer002_cv2_resize_swapped"
    copy_cases(tmp_path, [name])
    script = tmp_path / f"{name}.py"
    script.chmod(0o640)
    outcome = _planned(Path(script.name))
    replaced = []

    def failing_replace(source, target):
        replaced.append((Path(source), Path(target)))
        # the new file is complete before it is renamed over the old one
        assert Path(source).read_bytes() == expected(name)
        assert stat.S_IMODE(Path(source).stat().st_mode) == 0o640
        raise failure

    monkeypatch.setattr(fixes.os, "replace", failing_replace)
    if isinstance(failure, OSError):
        fixes.write(outcome)
        assert [error.path for error in outcome.errors] == [script.name]
        assert "could not write" in outcome.errors[0].reason
    else:
        with pytest.raises(KeyboardInterrupt):
            fixes.write(outcome)
    assert replaced and replaced[0][1] == script.resolve()
    assert replaced[0][0].parent == script.resolve().parent
    assert script.read_bytes() == original(name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [script.name]


def test_a_symlinked_script_is_fixed_at_its_target(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "fer002_cv2_resize_swapped"
    copy_cases(tmp_path / "real", [name])
    target = tmp_path / "real" / f"{name}.py"
    target.chmod(0o640)
    (tmp_path / "scripts").mkdir()
    link = tmp_path / "scripts" / "train.py"
    link.symlink_to(Path("..") / "real" / f"{name}.py")
    ferlint(capsys, "--fix", "scripts/train.py")
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("..") / "real" / f"{name}.py")
    assert target.read_bytes() == expected(name)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == [target.name]
    assert sorted(p.name for p in (tmp_path / "scripts").iterdir()) == ["train.py"]


# Notebooks.

_NOTEBOOK_CELLS = [
    (
        "markdown",
        "intro",
        "# JAFFE expressions\n\nA small CNN, trained in the notebook.",
    ),
    (
        "code",
        "imports",
        "import os\n\nimport cv2\nimport numpy as np\n"
        "from tensorflow.keras import layers, models",
    ),
    (
        "code",
        "load",
        "faces, labels = [], []\n"
        'for idx, emotion in enumerate(sorted(os.listdir("jaffe"))):\n'
        '    for fname in os.listdir(os.path.join("jaffe", emotion)):\n'
        '        img = cv2.imread(os.path.join("jaffe", emotion, fname), '
        "cv2.IMREAD_GRAYSCALE)\n"
        "        faces.append(cv2.resize(img, (48, 48)))\n"
        "        labels.append(idx)\n"
        'x = np.array(faces, dtype="float32")[..., None] / 255.0\n'
        "y = np.array(labels)\n"
        "x.shape",
    ),
    (
        "code",
        "train",
        "model = models.Sequential([\n"
        '    layers.Conv2D(16, 3, activation="relu", input_shape=(48, 48, 1)),\n'
        "    layers.Flatten(),\n"
        '    layers.Dense(7, activation="softmax"),\n'
        "])\n"
        'model.compile(optimizer="adam", loss="categorical_crossentropy", '
        'metrics=["accuracy"])  # as in the paper\n'
        "history = model.fit(x, y, epochs=5)",
    ),
]

_OUTPUTS = {
    "imports": [],
    "load": [
        {"name": "stdout", "output_type": "stream", "text": ["read 213 faces\n"]},
        {
            "data": {"text/plain": ["(213, 48, 48, 1)"]},
            "execution_count": 2,
            "metadata": {},
            "output_type": "execute_result",
        },
    ],
    "train": [
        {
            "name": "stderr",
            "output_type": "stream",
            "text": ["Epoch 1/5\n", "7/7 - 1s - loss: 1.9 - accuracy: 0.2\n"],
        },
        {
            "data": {
                "image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
                "text/plain": ["<Figure size 640x480 with 1 Axes>"],
            },
            "metadata": {"needs_background": "light"},
            "output_type": "display_data",
        },
    ],
}


def _notebook(cells=_NOTEBOOK_CELLS) -> dict:
    made = []
    for number, (kind, cell_id, text) in enumerate(cells):
        cell = {
            "cell_type": kind,
            "id": cell_id,
            "metadata": {"tags": [f"step-{number}"]} if kind == "code" else {},
            "source": text.splitlines(keepends=True),
        }
        if kind == "code":
            cell["execution_count"] = number
            cell["outputs"] = _OUTPUTS.get(cell_id, [])
        made.append(cell)
    return {
        "cells": made,
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python", "version": "3.10.12"},
            "colab": {"provenance": []},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _differences(old: dict, new: dict) -> list[tuple[int, str, str]]:
    """Every cell source line that differs: (cell index, old line, new line); the
    rest of the two notebooks must be equal."""
    assert {k: v for k, v in old.items() if k != "cells"} == {
        k: v for k, v in new.items() if k != "cells"
    }
    assert len(old["cells"]) == len(new["cells"])
    changed = []
    for index, (a, b) in enumerate(zip(old["cells"], new["cells"], strict=True)):
        assert {k: v for k, v in a.items() if k != "source"} == {
            k: v for k, v in b.items() if k != "source"
        }
        a_lines = "".join(a["source"]).splitlines(keepends=True)
        b_lines = "".join(b["source"]).splitlines(keepends=True)
        assert len(a_lines) == len(b_lines)
        changed += [
            (index, x, y) for x, y in zip(a_lines, b_lines, strict=True) if x != y
        ]
    return changed


def test_a_notebook_is_fixed_in_place(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    notebook = tmp_path / "jaffe.ipynb"
    document = _notebook()
    notebook.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    notebook.chmod(0o640)
    report = report_json(capsys, notebook.name)
    assert [
        (f["code"], f["cell"], f["fix"]["applicability"]) for f in report["findings"]
    ] == [
        ("FER009", 2, "safe")  # at the labels, in the second code cell
    ]
    ferlint(capsys, "--fix", notebook.name)
    fixed = json.loads(notebook.read_text(encoding="utf-8"))
    assert _differences(document, fixed) == [
        (
            3,
            'model.compile(optimizer="adam", loss="categorical_crossentropy", '
            'metrics=["accuracy"])  # as in the paper\n',
            'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", '
            'metrics=["accuracy"])  # as in the paper\n',
        )
    ]
    assert stat.S_IMODE(notebook.stat().st_mode) == 0o640
    assert report_json(capsys, notebook.name)["findings"] == []
    before = notebook.read_bytes()
    ferlint(capsys, "--fix", notebook.name)
    assert notebook.read_bytes() == before


def test_a_notebook_cell_with_a_magic_is_fixed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    cells = list(_NOTEBOOK_CELLS)
    kind, cell_id, text = cells[3]
    cells[3] = (kind, cell_id, "%matplotlib inline\n" + text)
    notebook = tmp_path / "jaffe.ipynb"
    document = _notebook(cells)
    notebook.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    codes = [
        (f["code"], f["fix"]["applicability"])
        for f in report_json(capsys, notebook.name)["findings"]
    ]
    assert codes == [("FER009", "safe")]
    ferlint(capsys, "--fix", notebook.name)
    fixed = json.loads(notebook.read_text(encoding="utf-8"))
    assert len(_differences(document, fixed)) == 1
    assert report_json(capsys, notebook.name)["findings"] == []


# Odd characters that Python does not count as line breaks.


@pytest.mark.parametrize(
    "odd", ["\x0c\n", "# a page\u2028break\n"], ids=["formfeed", "u2028"]
)
def test_a_form_feed_or_unicode_line_separator_before_a_fix(
    odd, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    name = "fer002_cv2_resize_swapped"
    marker = "faces, labels = [], []\n"
    script = tmp_path / f"{name}.py"
    script.write_text(
        original(name).decode().replace(marker, odd + marker), encoding="utf-8"
    )
    ferlint(capsys, "--fix", script.name)
    assert script.read_text(encoding="utf-8") == expected(name).decode().replace(
        marker, odd + marker
    )


# All fixes on the fixtures.


@pytest.fixture(scope="module")
def fixtures_before_and_after(tmp_path_factory):
    """(file, code) pairs of the fixtures' findings before and after all fixes,
    those that had a fix before, and the fixed copy."""
    folder = tmp_path_factory.mktemp("fixtures") / "fixtures"
    shutil.copytree(FIXTURES, folder)
    here = os.getcwd()
    os.chdir(folder)
    try:

        def findings():
            import io
            from contextlib import redirect_stdout

            out = io.StringIO()
            with redirect_stdout(out):
                code = main(
                    ["check", "--no-probe", "--no-cache", "--format", "json", "."]
                )
            assert code in (0, 1)
            return json.loads(out.getvalue())["findings"]

        before = findings()
        code = main(
            ["check", "--no-probe", "--no-cache", "--fix", "--unsafe-fixes", "-q", "."]
        )
        assert code in (0, 1)
        after = findings()
    finally:
        os.chdir(here)
    fixable = {
        (f["path"], f["code"]) for f in before if f["fix"]["applicability"] != "none"
    }
    return (
        {(f["path"], f["code"]) for f in before},
        {(f["path"], f["code"]) for f in after},
        fixable,
        folder,
    )


def test_all_fixes_on_the_fixtures_leave_no_fixed_finding(fixtures_before_and_after):
    _, after, fixable, folder = fixtures_before_and_after
    assert len(fixable) >= 10
    assert {code for _, code in fixable} == FIXED_CODES
    assert fixable & after == set()
    for path in folder.rglob("*.py"):
        ast.parse(path.read_bytes(), filename=str(path))
    for path in folder.rglob("*.ipynb"):
        json.loads(path.read_text(encoding="utf-8"))


def test_all_fixes_on_the_fixtures_add_no_finding(fixtures_before_and_after):
    before, after, _, _ = fixtures_before_and_after
    assert after - before == set()
