"""The command line, end to end (`python -m ferlint` in a subprocess) and in
process (`ferlint.cli.main([...])` with capsys). Nothing here probes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ferlint import __version__
from ferlint.cli import main
from ferlint.rules import RULES

REPO = Path(__file__).resolve().parents[1]

# 64x64 faces into a 48x48 model: one FER001 on line 9, at the size argument.
BAD = textwrap.dedent(
    """\
    import cv2
    import numpy as np
    from tensorflow.keras import layers, models

    EMOTIONS = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
    faces = []
    for path in ["ck/1.png", "ck/2.png"]:
        face = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        faces.append(cv2.resize(face, (64, 64)))
    x = np.array(faces, dtype="float32")[..., np.newaxis] / 255.0

    model = models.Sequential([
        layers.Input(shape=(48, 48, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.Flatten(),
        layers.Dense(len(EMOTIONS), activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, np.array([0, 1]), epochs=10)
    """
)
BAD_LINE, INPUT_LINE = 9, 13
# The finding covers the size argument; libcst's span of a tuple leaves out its parens.
BAD_COLUMN = BAD.splitlines()[BAD_LINE - 1].index("64, 64") + 1

GOOD = BAD.replace("(64, 64)", "(48, 48)")

# Unscaled float32 pixels from a flow without rescale: one FER006 (a warning).
WARN = textwrap.dedent(
    """\
    from tensorflow.keras.preprocessing.image import ImageDataGenerator
    from tensorflow.keras import layers, models

    gen = ImageDataGenerator(horizontal_flip=True)
    train = gen.flow_from_directory(
        "fer/train", target_size=(48, 48), color_mode="grayscale"
    )
    model = models.Sequential([layers.Input((48, 48, 1)), layers.Flatten()])
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    model.fit(train, epochs=5)
    """
)

CONCISE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>FER\d{3}) (?P<msg>.+)$"
)
ANSI = re.compile(r"\x1b\[")


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def project(tmp_path):
    """A folder with one bad, one good and one warning script."""
    (tmp_path / "bad.py").write_text(BAD)
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "warn.py").write_text(WARN)
    return tmp_path


def run(*args, cwd):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100", PYTHONPATH=str(REPO))
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "ferlint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def call(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def concise_lines(text):
    lines = [line for line in text.splitlines() if line]
    parsed = [CONCISE.match(line) for line in lines]
    assert all(parsed), lines
    return parsed


# ---------------------------------------------------------------------------
# exit codes
# ---------------------------------------------------------------------------


def test_subprocess_exit_1_on_findings(project):
    result = run("check", "--no-probe", "bad.py", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "FER001" in result.stdout
    assert "Traceback" not in result.stderr


def test_subprocess_exit_0_when_clean(project):
    result = run("check", "--no-probe", "good.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "All checks passed" in result.stdout
    assert result.stderr == ""


def test_subprocess_missing_path_is_exit_2_with_one_error_line(project):
    result = run("check", "--no-probe", "nowhere.py", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("ferlint: error: ")
    assert "'nowhere.py'" in errors[0]
    # anything else is an indented hint, never a second error
    assert all(line.startswith("  ") for line in result.stderr.splitlines()[1:])


@pytest.mark.parametrize(
    "args, word",
    [
        pytest.param(["--select", "FER999"], "FER999", id="unknown-select"),
        pytest.param(["--ignore", "XYZ"], "XYZ", id="unknown-ignore"),
        pytest.param(["--frobnicate"], "--frobnicate", id="unknown-option"),
        pytest.param(["--format", "xml"], "xml", id="bad-format-choice"),
    ],
)
def test_usage_errors_are_exit_2(project, monkeypatch, capsys, args, word):
    monkeypatch.chdir(project)
    code, out, err = call(capsys, "check", "--no-probe", *args, "bad.py")
    assert code == 2
    assert out == ""
    assert err.startswith("ferlint: error: ")
    assert word in err.splitlines()[0]
    assert "Traceback" not in err


def test_unknown_select_code_through_subprocess(project):
    result = run("--no-probe", "--select", "FER999", "bad.py", cwd=project)
    assert result.returncode == 2
    assert "FER999" in result.stderr and "Traceback" not in result.stderr


def test_in_process_exit_codes(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert call(capsys, "check", "--no-probe", "bad.py")[0] == 1
    assert call(capsys, "check", "--no-probe", "good.py")[0] == 0
    assert call(capsys, "check", "--no-probe", "missing.py")[0] == 2


def test_warnings_count_as_findings(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "concise", "warn.py")
    assert code == 1
    assert [m["code"] for m in concise_lines(out)] == ["FER006"]


# ---------------------------------------------------------------------------
# the default command and the default path
# ---------------------------------------------------------------------------


def test_bare_file_equals_check_file(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    plain = call(capsys, "--no-probe", "bad.py")
    explicit = call(capsys, "check", "--no-probe", "bad.py")
    assert plain == explicit
    assert plain[0] == 1


def test_bare_file_equals_check_file_subprocess(project):
    plain = run("--no-probe", "--format", "concise", "bad.py", cwd=project)
    explicit = run("check", "--no-probe", "--format", "concise", "bad.py", cwd=project)
    assert (
        (plain.returncode, plain.stdout)
        == (explicit.returncode, explicit.stdout)
        == (
            1,
            explicit.stdout,
        )
    )
    assert explicit.stdout


def test_default_path_is_the_current_folder(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "check", "--no-probe", "--format", "concise")
    assert code == 1
    found = sorted((Path(m["path"]).name, m["code"]) for m in concise_lines(out))
    assert found == [("bad.py", "FER001"), ("warn.py", "FER006")]
    assert call(capsys, "--no-probe", "--format", "concise") == (code, out, "")


def test_default_path_in_a_clean_folder_is_exit_0(tmp_path, monkeypatch, capsys):
    (tmp_path / "good.py").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = call(capsys, "--no-probe")
    assert code == 0
    assert "All checks passed (1 file)" in out


# ---------------------------------------------------------------------------
# formats
# ---------------------------------------------------------------------------


def test_concise_line_format(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "concise", "bad.py")
    assert code == 1
    (match,) = concise_lines(out)
    assert match["path"] == "bad.py"
    assert (int(match["line"]), int(match["col"])) == (BAD_LINE, BAD_COLUMN)
    assert match["code"] == "FER001"
    assert "64x64" in match["msg"] and "48x48" in match["msg"]
    assert out.endswith("\n")


def test_concise_is_empty_when_clean(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert call(capsys, "--no-probe", "--format", "concise", "good.py") == (0, "", "")


def test_json_schema(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", "bad.py", "good.py")
    assert code == 1
    document = json.loads(out)
    assert {"version", "files", "findings", "errors"} <= set(document)
    assert document["version"] == __version__
    assert document["files"] == 2
    assert document["errors"] == []
    (finding,) = document["findings"]
    expected_keys = {
        "code",
        "name",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "fix",
        "probe",
    }
    assert expected_keys <= set(finding)
    assert finding["code"] == "FER001"
    assert finding["name"] == RULES["FER001"].name == "resize-size-mismatch"
    assert finding["severity"] == "error"
    assert finding["path"] == "bad.py"
    # 1-based, the end after the start, on the line of the size argument
    assert (finding["line"], finding["column"]) == (BAD_LINE, BAD_COLUMN)
    assert finding["end_line"] == BAD_LINE
    assert finding["end_column"] > finding["column"] >= 1
    line_text = BAD.splitlines()[BAD_LINE - 1]
    covered = line_text[finding["column"] - 1 : finding["end_column"] - 1]
    assert covered.strip("()") == "64, 64"
    assert "64x64" in finding["message"]
    assert set(finding["fix"]) >= {"description", "applicability"}
    assert finding["fix"]["applicability"] in ("safe", "unsafe", "none")
    assert finding["fix"]["description"]
    assert finding["probe"]["status"] == "not-run"
    assert [r["line"] for r in finding["related"]] == [INPUT_LINE]


def test_json_clean_report(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", "good.py")
    assert code == 0
    assert json.loads(out) == {
        "version": __version__,
        "files": 1,
        "findings": [],
        "errors": [],
    }


def test_json_errors_entry(project, monkeypatch, capsys):
    (project / "latin1.py").write_bytes(b"import keras\nname = '\xe9motion'\n")
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", "latin1.py", "bad.py")
    document = json.loads(out)
    assert code == 1
    assert [e["path"] for e in document["errors"]] == ["latin1.py"]
    assert set(document["errors"][0]) == {"path", "reason"}
    assert "UTF-8" in document["errors"][0]["reason"]
    assert [f["code"] for f in document["findings"]] == ["FER001"]


def test_full_format_shows_frame_caret_related_and_fix(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "full", "bad.py")
    assert code == 1
    assert not ANSI.search(out)
    lines = out.splitlines()
    header = f"bad.py:{BAD_LINE}:{BAD_COLUMN}: FER001 [error] resize-size-mismatch"
    assert lines[0] == header
    assert "64x64" in lines[1] and "48x48" in lines[1]
    source_lines = BAD.splitlines()
    # the code frame: the line before, the line itself, a caret line, the line after
    frame = [
        f"{n:>2} | {source_lines[n - 1]}"
        for n in (BAD_LINE - 1, BAD_LINE, BAD_LINE + 1)
    ]
    start = lines.index(frame[0])
    assert lines[start + 1] == frame[1]
    caret = lines[start + 2]
    assert caret.startswith("   | ")
    caret_text = caret[len("   | ") :]
    assert caret_text.strip() == "^" * len(caret_text.strip())
    underlined = source_lines[BAD_LINE - 1][
        len(caret_text) - len(caret_text.lstrip()) :
    ][: len(caret_text.strip())]
    assert underlined.strip("()") == "64, 64"
    assert lines[start + 3] == frame[2]
    # the related location, with its own line
    related = [line for line in lines if line.startswith("  ::: ")]
    assert related == [
        f"  ::: bad.py:{INPUT_LINE}:5 the model's input is declared here as (48, 48, 1)"
    ]
    assert f"{INPUT_LINE} | {source_lines[INPUT_LINE - 1]}" in lines
    assert any(line.startswith("  = fix") and "(48, 48)" in line for line in lines)
    assert any(
        f"# noqa: FER001` at the end of line {BAD_LINE}" in line for line in lines
    )
    assert lines[-1] == "Found 1 finding (1 error) in 1 of 1 files"


def test_full_format_is_deterministic_in_a_subprocess(project):
    first = run("--no-probe", "bad.py", "good.py", cwd=project)
    second = run("--no-probe", "bad.py", "good.py", cwd=project)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    assert not ANSI.search(first.stdout)
    assert "Found 1 finding (1 error) in 1 of 2 files" in first.stdout


def test_full_format_clean_summary(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert call(capsys, "--no-probe", "good.py") == (
        0,
        "All checks passed (1 file)\n",
        "",
    )


# ---------------------------------------------------------------------------
# --select, --ignore, --quiet, --statistics, --output-file, --version
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, codes",
    [
        pytest.param([], ["FER001", "FER006"], id="all"),
        pytest.param(["--select", "FER001"], ["FER001"], id="select-code"),
        pytest.param(["--select", "fer006"], ["FER006"], id="select-lowercase"),
        pytest.param(["--select", "FER00"], ["FER001", "FER006"], id="select-prefix"),
        pytest.param(
            ["--select", "FER001,FER006"], ["FER001", "FER006"], id="select-list"
        ),
        pytest.param(["--ignore", "FER001"], ["FER006"], id="ignore-code"),
        pytest.param(["--ignore", "FER00"], [], id="ignore-prefix"),
        pytest.param(
            ["--select", "FER0", "--ignore", "FER006"], ["FER001"], id="select-ignore"
        ),
        pytest.param(["--select", "FER009"], [], id="select-absent-code"),
    ],
)
def test_select_and_ignore(project, monkeypatch, capsys, options, codes):
    monkeypatch.chdir(project)
    code, out, _ = call(
        capsys,
        "--no-probe",
        "--format",
        "concise",
        *options,
        "bad.py",
        "warn.py",
        "good.py",
    )
    assert sorted(m["code"] for m in concise_lines(out)) == codes
    assert code == (1 if codes else 0)


def test_quiet_prints_findings_only(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--quiet", "bad.py")
    assert code == 1
    assert "FER001" in out
    assert "Found" not in out and "All checks passed" not in out
    assert call(capsys, "--no-probe", "-q", "good.py") == (0, "", "")


def test_statistics(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    (project / "bad2.py").write_text(BAD)
    code, out, _ = call(
        capsys, "--no-probe", "--statistics", "bad.py", "bad2.py", "warn.py"
    )
    assert code == 1
    assert out.splitlines() == [
        "    2  FER001  resize-size-mismatch",
        "    1  FER006  missing-normalization",
    ]


def test_output_file(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    target = project / "report.txt"
    code, out, _ = call(
        capsys,
        "--no-probe",
        "--format",
        "concise",
        "--output-file",
        str(target),
        "bad.py",
    )
    assert code == 1
    assert out == ""
    (match,) = concise_lines(target.read_text(encoding="utf-8"))
    assert match["code"] == "FER001"


def test_output_file_in_missing_folder_is_exit_2(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code, _, err = call(
        capsys, "--no-probe", "--output-file", "no/such/dir/report.txt", "bad.py"
    )
    assert code == 2
    assert err.startswith("ferlint: error: ") and "no/such/dir/report.txt" in err


def test_version_subprocess(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"ferlint {__version__}"


def test_version_in_process(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code in (0, None)
    assert capsys.readouterr().out.strip() == f"ferlint {__version__}"


# ---------------------------------------------------------------------------
# ferlint rule
# ---------------------------------------------------------------------------


def test_rule_page(capsys):
    code, out, _ = call(capsys, "rule", "FER001")
    assert code == 0
    assert "FER001" in out and "resize-size-mismatch" in out


def test_rule_code_is_case_insensitive(capsys):
    assert call(capsys, "rule", "fer009")[1] == call(capsys, "rule", "FER009")[1]


def test_rule_all_lists_every_rule(capsys):
    code, out, _ = call(capsys, "rule", "--all")
    assert code == 0
    for rule in RULES.values():
        assert rule.code in out and rule.name in out


def test_rule_unknown_code_is_exit_2(capsys):
    code, out, err = call(capsys, "rule", "FER999")
    assert code == 2 and out == ""
    assert "FER999" in err and "Traceback" not in err


def test_rule_subprocess(tmp_path):
    result = run("rule", "FER003", cwd=tmp_path)
    assert result.returncode == 0
    assert "channel-count-mismatch" in result.stdout


# ---------------------------------------------------------------------------
# files that cannot be checked, and which files are checked at all
# ---------------------------------------------------------------------------


def test_syntax_error_gives_fer000_and_other_files_are_checked(
    project, monkeypatch, capsys
):
    (project / "py2.py").write_text("import keras\nprint 'training'\n")
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "concise", ".")
    assert code == 1
    found = sorted((Path(m["path"]).name, m["code"]) for m in concise_lines(out))
    assert found == [("bad.py", "FER001"), ("py2.py", "FER000"), ("warn.py", "FER006")]


def test_non_utf8_file_is_an_error_entry_and_others_are_checked(
    project, monkeypatch, capsys
):
    (project / "latin1.py").write_bytes(b"import keras\n# \xe9motion \xff\n")
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", ".")
    document = json.loads(out)
    assert code == 1
    assert [Path(e["path"]).name for e in document["errors"]] == ["latin1.py"]
    assert sorted(f["code"] for f in document["findings"]) == ["FER001", "FER006"]
    assert document["files"] == 4


def test_declared_latin1_encoding_is_read(project, monkeypatch, capsys):
    (project / "declared.py").write_bytes(
        b"# -*- coding: latin-1 -*-\nimport keras\n# \xe9motion\n"
    )
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", "declared.py")
    assert code == 0
    assert json.loads(out)["errors"] == []


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root can read a chmod 000 file",
)
def test_unreadable_file_is_an_error_entry(project, monkeypatch, capsys):
    locked = project / "locked.py"
    locked.write_text(BAD)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("this file system ignores the permission bits")
        monkeypatch.chdir(project)
        code, out, _ = call(capsys, "--no-probe", "--format", "json", ".")
    finally:
        locked.chmod(0o644)
    document = json.loads(out)
    assert code == 1
    assert document["errors"] == [{"path": "locked.py", "reason": "permission denied"}]
    assert sorted(f["code"] for f in document["findings"]) == ["FER001", "FER006"]


def test_file_errors_show_in_concise_and_full(project, monkeypatch, capsys):
    (project / "latin1.py").write_bytes(b"import keras\n# \xe9\n")
    monkeypatch.chdir(project)
    _, concise, _ = call(capsys, "--no-probe", "--format", "concise", "latin1.py")
    assert concise.startswith("latin1.py: error: could not check: ")
    _, full, _ = call(capsys, "--no-probe", "latin1.py", "good.py")
    assert "latin1.py: could not check: " in full
    assert "1 could not be checked" in full


def test_gitignored_files_are_skipped_in_a_walk_but_named_files_are_checked(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("scratch/\nold_*.py\n")
    (tmp_path / "scratch").mkdir()
    (tmp_path / "scratch" / "bad.py").write_text(BAD)
    (tmp_path / "old_train.py").write_text(BAD)
    (tmp_path / "train.py").write_text(BAD)
    monkeypatch.chdir(tmp_path)

    _, out, _ = call(capsys, "--no-probe", "--format", "concise", ".")
    assert [Path(m["path"]).as_posix() for m in concise_lines(out)] == ["train.py"]

    _, out, _ = call(
        capsys, "--no-probe", "--format", "concise", "old_train.py", "scratch/bad.py"
    )
    assert sorted(Path(m["path"]).as_posix() for m in concise_lines(out)) == [
        "old_train.py",
        "scratch/bad.py",
    ]


def test_parent_gitignore_does_not_hide_a_named_file(tmp_path, monkeypatch, capsys):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("experiments/\n")
    folder = tmp_path / "experiments"
    folder.mkdir()
    (folder / "train.py").write_text(BAD)
    monkeypatch.chdir(folder)
    code, out, _ = call(capsys, "--no-probe", "--format", "concise", "train.py")
    assert code == 1
    assert [m["code"] for m in concise_lines(out)] == ["FER001"]


@pytest.mark.parametrize(
    "folder",
    [
        ".venv",
        "venv",
        "build",
        "dist",
        "site-packages",
        ".ipynb_checkpoints",
        "lib/site-packages",
    ],
)
def test_tool_folders_are_skipped(tmp_path, monkeypatch, capsys, folder):
    (tmp_path / folder).mkdir(parents=True)
    (tmp_path / folder / "train.py").write_text(BAD)
    (tmp_path / "train.py").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", ".")
    document = json.loads(out)
    assert code == 0
    assert document["files"] == 1
    assert document["findings"] == []


def test_a_virtualenv_without_the_usual_name_is_skipped(tmp_path, monkeypatch, capsys):
    env = tmp_path / "myenv"
    (env / "lib").mkdir(parents=True)
    (env / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (env / "lib" / "train.py").write_text(BAD)
    (tmp_path / "train.py").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", ".")
    assert code == 0
    assert json.loads(out)["files"] == 1


def test_a_file_in_a_skipped_folder_named_explicitly_is_checked(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "train.py").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = call(capsys, "--no-probe", "--format", "concise", "build/train.py")
    assert code == 1
    assert [m["code"] for m in concise_lines(out)] == ["FER001"]


def test_only_python_and_notebook_files_are_walked(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes.txt").write_text(BAD)
    (tmp_path / "train.pyw").write_text(BAD)
    (tmp_path / "train.py").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", ".")
    assert code == 0
    assert json.loads(out)["files"] == 1


def test_dangling_symlink_is_an_error_entry_and_others_are_checked(
    project, monkeypatch, capsys
):
    # Unreadable even for root: the link points nowhere.
    (project / "gone.py").symlink_to(project / "deleted" / "train.py")
    monkeypatch.chdir(project)
    code, out, _ = call(capsys, "--no-probe", "--format", "json", "gone.py", "bad.py")
    document = json.loads(out)
    assert code == 1
    assert [e["path"] for e in document["errors"]] == ["gone.py"]
    assert document["errors"][0]["reason"]
    assert [f["code"] for f in document["findings"]] == ["FER001"]


@pytest.mark.parametrize("form", ["full", "concise", "github"])
def test_control_characters_in_a_file_never_reach_the_terminal(
    tmp_path, capsys, monkeypatch, form
):
    # An escape sequence and a bell inside a string the code frame shows.
    script = tmp_path / "train.py"
    script.write_text(BAD.replace("cv2.resize(", 'cv2.resize(  # "\x1b[2J\x07"\n    '))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-probe", "--no-cache", "--format", form, "."]) == 1
    out = capsys.readouterr().out
    assert "FER001" in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)
    if form == "full":
        assert "\u241b[2J" in out  # shown as a symbol


def test_coloured_output_is_the_plain_output_with_colours(
    tmp_path, capsys, monkeypatch
):
    # Plain output is written without rich; with colour, rich writes it. Apart
    # from the colours they must agree, control characters in the code included.
    script = tmp_path / "train.py"
    script.write_text(
        BAD.replace("cv2.resize(", 'cv2.resize(  # "\x1b[2J\x07\x08\x0b\x0c\t"\n    ')
    )
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "warn.py").write_text(WARN)
    monkeypatch.chdir(tmp_path)
    outputs = {}
    for color in ("always", "never"):
        main(["check", "--no-probe", "--no-cache", "--color", color, "."])
        outputs[color] = capsys.readouterr().out
    assert ANSI.search(outputs["always"]) and not ANSI.search(outputs["never"])
    uncoloured = re.sub(r"\x1b\[[0-9;]*m", "", outputs["always"])
    assert uncoloured == outputs["never"]
    assert "FER001" in uncoloured and "\u241b[2J" in uncoloured


def test_color_always_beats_no_color_in_the_environment(tmp_path, capsys, monkeypatch):
    (tmp_path / "train.py").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", "--no-probe", "--no-cache", "--color", "always", "."])
    assert "\x1b[1;31mFER001" in capsys.readouterr().out
    main(["check", "--no-probe", "--no-cache", "."])
    assert not ANSI.search(capsys.readouterr().out)


def test_code_frames_count_lines_as_python_does(tmp_path, capsys, monkeypatch):
    # A form feed or vertical tab inside a line does not end it (splitlines
    # would): the frame shows the finding's own line, and SARIF's fingerprint,
    # made from that line, does not move.
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "train.py").write_text(BAD)
    (tmp_path / "feeds").mkdir()
    text = BAD.replace("import numpy as np", 'import numpy as np  # "\x0c\x0b"')
    (tmp_path / "feeds" / "train.py").write_text(text)
    monkeypatch.chdir(tmp_path / "feeds")
    main(["check", "--no-probe", "--no-cache", "."])
    frame = capsys.readouterr().out.splitlines()[3:5]
    source = BAD.splitlines()
    assert frame == [f" 8 | {source[7]}", f" 9 | {source[8]}"]
    prints = []
    for folder in ("plain", "feeds"):
        monkeypatch.chdir(tmp_path / folder)
        main(["check", "--no-probe", "--no-cache", "--format", "sarif", "."])
        result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
        prints.append(result["partialFingerprints"])
    assert prints[0] == prints[1]
