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
            findings = 2 + cache._FIELDS.index("findings")  # after key, imports
            data[findings] = [{"@": "FileError", "path": "x", "reason": "y"}]
            entry.write_text(json.dumps(data))
        else:
            entry.write_text(content)
    warm = api.check([corpus], settings, cache_dir=folder)
    assert _summary(warm) == _summary(cold)


def _findings_at(data: list) -> int:
    return 2 + cache._FIELDS.index("findings")  # after the key and the imports


def _drop_a_span_field(data):
    data[_findings_at(data)][0]["span"].pop("end_column")


def _add_a_field(data):
    data[_findings_at(data)][0]["span"]["width"] = 3


def _untag(data):
    data[_findings_at(data)][0]["span"].pop("@")


def _unknown_kind(data):
    data[_findings_at(data)][0]["fix"]["@"] = "Path"


def _crooked_tuple(data):
    data[_findings_at(data)][0]["related"]["extra"] = []


def _one_value_short(data):
    data.pop()


def _no_such_rule(data):
    data[_findings_at(data)][0]["code"] = "FER999"


def _line_as_text(data):
    data[_findings_at(data)][0]["span"]["line"] = "18"


def _unknown_applicability(data):
    data[_findings_at(data)][0]["fix"]["applicability"] = "always"


def _message_as_number(data):
    data[_findings_at(data)][0]["message"] = 7


@pytest.mark.parametrize(
    "spoil",
    [_drop_a_span_field, _add_a_field, _untag, _unknown_kind, _crooked_tuple,
     _one_value_short, _no_such_rule, _line_as_text, _unknown_applicability,
     _message_as_number],
)  # fmt: skip
def test_an_entry_of_another_shape_is_a_miss(corpus, tmp_path, monkeypatch, spoil):
    folder = tmp_path / "cache"
    settings = api.Settings(probe=False)
    cold = api.check([corpus], settings, cache_dir=folder)
    spoiled = 0
    for entry in _entries(folder):
        data = json.loads(entry.read_text())
        if data[_findings_at(data)]:
            spoil(data)
            entry.write_text(json.dumps(data))
            spoiled += 1
    assert spoiled == 2  # the script and the notebook with findings
    counting = _Counting(monkeypatch)
    warm = api.check([corpus], settings, cache_dir=folder)
    assert sorted(counting.paths) == sorted([BAD, NOTEBOOK])
    assert _summary(warm) == _summary(cold)


def test_every_kind_of_value_comes_back_equal(tmp_path):
    from ferlint.findings import Span
    from ferlint.linking import ImageSummary, Place, SavedModel

    place = Place("a.py", Span(1, 2, 1, 9), "cv2.imread(p, 0)")
    summary = ImageSummary(
        (48, 48), 1, None, "0..1", "divided by 255",
        {"@": place, "items": place, "spatial": place},
    )  # fmt: skip
    saved = SavedModel("m.h5", "'m.h5'", "a.py", (48, 48, 1), summary)
    result = api.FileResult(
        saved_models=[saved, SavedModel("n.h5", "n", "a.py", None, None)],
        error=api.FileError("a.py", "a reason"),
    )
    store = cache.StaticCache(tmp_path, api.Settings(probe=False))
    store.put("k" * 64, result)
    back = store.get("k" * 64)
    assert back is not None
    assert back["saved_models"] == result.saved_models
    assert back["error"] == result.error
    assert type(back["saved_models"][0].training.places) is dict
    assert back["findings"] == [] and back["imported"] == {}


def test_an_entry_that_is_not_cached_data_is_refused(tmp_path):
    store = cache.StaticCache(tmp_path, api.Settings(probe=False))
    with pytest.raises(TypeError):
        cache._encode(object())
    store.put("k" * 64, api.FileResult(findings=[Path("x")]))  # logged, not raised
    assert store.get("k" * 64) is None
    assert not list(tmp_path.rglob("*.json"))


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


def test_libcst_is_found_without_opening_anything(tmp_path):
    # A folder on the import path may hold anything, a FIFO named like
    # libcst's version file included: opening that would wait forever.
    import os
    import subprocess
    import sys

    fake = tmp_path / "libcst"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    os.mkfifo(fake / "_version.py")
    script = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n"
        "from ferlint import cache\n"
        "print(cache._libcst_version())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(fake / "_version.py"))
