"""The static pass's cache: a hit gives the same report, any change is a miss,
and a bad entry or an unwritable folder never fails a run.

Correctness only: speed is measured by benchmarks/bench.py, never here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ferlint import api, cache
from ferlint.cli import main
from ferlint.config import load_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = "ckplus_cv2_resize_64_into_48.py"
NOTEBOOK = "notebook_ckplus_int_labels_categorical.ipynb"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in (BAD, NOTEBOOK, "ckplus_cv2_resize_64_clean.py"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def _summary(report):
    return (
        report.files,
        [
            (f.path, f.cell, f.span, f.code, f.message, f.fix, f.related, f.probe)
            for f in report.findings
        ],  # fmt: skip
        [(e.path, e.reason) for e in report.errors],
        report.sources,
    )


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


class _Counting:
    """api.analyze, counting the files it really analyzes."""

    def __init__(self, monkeypatch):
        self.paths: list[str] = []
        self.real = api.analyze
        monkeypatch.setattr(api, "analyze", self)

    def __call__(self, text, path, settings, *args):
        self.paths.append(Path(path).name)
        return self.real(text, path, settings, *args)


def test_a_hit_gives_the_same_report(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    settings = api.Settings(probe=False)
    cold = api.check([corpus], settings, cache_dir=folder)
    assert len(_entries(folder)) == 3
    counting = _Counting(monkeypatch)
    warm = api.check([corpus], settings, cache_dir=folder)
    assert counting.paths == []
    assert _summary(warm) == _summary(cold)
    assert _summary(warm) == _summary(api.check([corpus], settings))
    assert any(f.cell is not None for f in warm.findings), "notebook cells mapped"


def test_a_hit_keeps_the_probe_targets(corpus, tmp_path):
    folder = tmp_path / "cache"
    settings = api.Settings(probe=True)
    first = api.check_file(corpus / BAD, settings, cache.StaticCache(folder, settings))
    again = api.check_file(corpus / BAD, settings, cache.StaticCache(folder, settings))
    assert first.probe_targets
    assert again.probe_targets == first.probe_targets
    assert again.findings == first.findings


def test_a_changed_file_is_analyzed_again(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    settings = api.Settings(probe=False)
    api.check([corpus], settings, cache_dir=folder)
    path = corpus / BAD
    path.write_text(path.read_text().replace("(64, 64)", "(48, 48)"))
    counting = _Counting(monkeypatch)
    report = api.check([corpus], settings, cache_dir=folder)
    assert counting.paths == [BAD]
    assert _summary(report) == _summary(api.check([corpus], settings))


def test_other_settings_miss(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    api.check([corpus], api.Settings(probe=False), cache_dir=folder)
    counting = _Counting(monkeypatch)
    selected = api.Settings(select=["FER003"], probe=False)
    report = api.check([corpus], selected, cache_dir=folder)
    assert len(counting.paths) == 3
    assert {f.code for f in report.findings} <= {"FER003"}


def test_another_version_misses(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    settings = api.Settings(probe=False)
    api.check([corpus], settings, cache_dir=folder)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    cache.code_fingerprint.cache_clear()
    try:
        counting = _Counting(monkeypatch)
        api.check([corpus], settings, cache_dir=folder)
        assert len(counting.paths) == 3
    finally:
        cache.code_fingerprint.cache_clear()


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        "[]",
        '{"key": "another"}',
        None,  # the right key, but the findings are not findings
    ],
)
def test_a_corrupt_entry_is_ignored(corpus, tmp_path, content):
    folder = tmp_path / "cache"
    settings = api.Settings(probe=False)
    cold = api.check([corpus], settings, cache_dir=folder)
    for entry in _entries(folder):
        if content is None:
            data = json.loads(entry.read_text())
            data["findings"] = [{"@": "FileError", "path": "x", "reason": "y"}]
            entry.write_text(json.dumps(data))
        else:
            entry.write_text(content)
    warm = api.check([corpus], settings, cache_dir=folder)
    assert _summary(warm) == _summary(cold)


def test_an_unwritable_cache_never_fails_a_run(corpus, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    settings = api.Settings(probe=False)
    report = api.check([corpus], settings, cache_dir=blocker / "static", jobs=2)
    assert _summary(report) == _summary(api.check([corpus], settings))


def test_no_temporary_files_are_left(corpus, tmp_path):
    folder = tmp_path / "cache"
    api.check([corpus], api.Settings(probe=False), cache_dir=folder, jobs=2)
    assert not list(folder.rglob("*.tmp"))


def test_the_cli_caches_unless_told_not_to(corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-probe", "--no-cache", str(corpus)]) == 1
    assert not (tmp_path / ".ferlint_cache").exists()
    uncached = capsys.readouterr().out
    assert main(["check", "--no-probe", str(corpus)]) == 1
    first = capsys.readouterr().out
    assert _entries(tmp_path / ".ferlint_cache" / "static")
    assert main(["check", "--no-probe", str(corpus)]) == 1
    assert capsys.readouterr().out == first == uncached


def test_a_changed_imported_module_is_a_miss(tmp_path, monkeypatch):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "helpers.py").write_text(
        "from tensorflow.keras import layers, models\n"
        "def build():\n"
        "    return models.Sequential([layers.Input(shape=(48, 48, 1)),\n"
        "        layers.Flatten(), layers.Dense(7, activation='softmax')])\n"
    )
    (folder / "train.py").write_text(
        "import cv2\nimport numpy as np\nfrom helpers import build\n"
        "faces = np.array([cv2.resize(cv2.imread('a.png', 0), (64, 64))],"
        " dtype='float32')[..., None] / 255.0\n"
        "model = build()\nmodel.compile(loss='categorical_crossentropy')\n"
        "model.fit(faces, np.eye(7)[[0]])\n"
    )
    (folder / "ferlint.toml").write_text("probe = false\n")
    monkeypatch.chdir(folder)
    settings = api.Settings(load_config(folder), probe=False)
    store = cache.StaticCache(tmp_path / "cache", settings)
    first = api.check_file(Path("train.py"), settings, store)
    assert set(first.imported) == {"helpers.py"}
    helpers = folder / "helpers.py"
    helpers.write_text(helpers.read_text().replace("48, 48", "64, 64"))
    counting = _Counting(monkeypatch)
    api.check_file(Path("train.py"), settings, store)
    assert counting.paths == ["train.py"]


@pytest.mark.parametrize("form", ["full", "concise", "json", "sarif", "github"])
def test_a_warm_run_never_imports_libcst(corpus, tmp_path, form):
    # A run whose files are all cached (or need no parse) must not pay for
    # importing libcst: the report's renderers included.
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from ferlint.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "sys.exit(10 + code if 'libcst' in sys.modules else code)\n"
    )
    run = [
        sys.executable,
        "-c",
        script,
        "check",
        "--no-probe",
        "-j",
        "1",
        "--format",
        form,
    ]
    first = subprocess.run([*run, "."], cwd=corpus, capture_output=True, text=True)
    assert first.returncode == 11  # findings, and libcst was needed
    warm = subprocess.run([*run, "."], cwd=corpus, capture_output=True, text=True)
    assert warm.returncode == 1, warm.stderr
    assert warm.stdout == first.stdout
