"""The static pass in worker processes gives the same report as in one process.

Correctness only: speed is measured by benchmarks/bench.py, never here.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from ferlint import api, parallel
from ferlint.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _corpus(tmp_path: Path, copies: int = 3) -> Path:
    for index in range(copies):
        target = tmp_path / "corpus" / f"copy{index}"
        shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("*.toml"))
    (tmp_path / "corpus" / "broken.ipynb").write_text("{not json", encoding="utf-8")
    (tmp_path / "corpus" / "latin1.py").write_bytes(b"import keras\nx = '\xe9'\n")
    (tmp_path / "corpus" / "unrelated.py").write_text("print('hi')\n")
    return tmp_path / "corpus"


def _static() -> api.Settings:
    return api.Settings(probe=False)


def _summary(report):
    return (
        report.files,
        [(f.path, f.cell, f.span, f.code, f.message) for f in report.findings],
        [(e.path, e.reason) for e in report.errors],
        report.sources,
    )


def test_same_report_with_one_and_many_jobs(tmp_path):
    corpus = _corpus(tmp_path)
    one = api.check([corpus], _static(), jobs=1)
    many = api.check([corpus], _static(), jobs=4)
    assert one.findings, "the fixtures have findings"
    assert len(one.errors) == 2
    assert _summary(one) == _summary(many)


def test_results_keep_the_order_of_the_files(tmp_path):
    corpus = _corpus(tmp_path, copies=2)
    paths = sorted(corpus.rglob("*.py"))
    results = parallel.check_files(paths, _static(), jobs=3)
    for path, result in zip(paths, results, strict=True):
        assert {finding.path for finding in result.findings} <= {str(path)}
    expected = [len(api.check_file(path, _static()).findings) for path in paths]
    assert [len(result.findings) for result in results] == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_partly_cached_run_gives_each_result_in_its_place(tmp_path, jobs):
    from ferlint.cache import StaticCache

    corpus = _corpus(tmp_path, copies=1)
    paths = sorted(corpus.rglob("*.py"))
    store = StaticCache(tmp_path / "cache", _static())
    parallel.check_files(paths[::2], _static(), cache=store)  # every other one cached
    expected = parallel.check_files(paths, _static())

    hits = []  # the entries found, each time one is
    real_get = store.get

    def get(key):
        found = real_get(key)
        if found is not None:
            hits.append(key)
        return found

    store.get = get
    results = parallel.check_files(paths, _static(), jobs=jobs, cache=store)

    def summary(result):
        return (result.findings, result.error, result.source)

    assert [summary(r) for r in results] == [summary(r) for r in expected]
    # A hit with a text to show that waited for a miss before it was read
    # again in its turn, not held.
    waited = [
        i for i, r in enumerate(results) if i % 2 == 0 and i > 1 and r.source
    ]  # fmt: skip
    assert waited
    assert len(hits) == len(set(hits)) + len(waited)


def test_the_cli_prints_the_same_with_one_and_two_jobs(tmp_path, capsys):
    corpus = _corpus(tmp_path, copies=2)
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "--no-probe", "--no-cache", "--format", "json",
                     "-j", jobs, str(corpus)])  # fmt: skip
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_bad_jobs_value_is_a_usage_error(value, capsys):
    assert main(["check", "--no-probe", "-j", value, str(FIXTURES)]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_an_exception_on_one_file_is_an_error_for_that_file(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, copies=1)
    real = api.analyze

    def failing(text, path, settings, *args):
        if path.endswith("ckplus_cv2_resize_64_into_48.py"):
            raise RuntimeError("boom")
        return real(text, path, settings, *args)

    monkeypatch.setattr(api, "analyze", failing)
    for jobs in (1, 2):
        report = api.check([corpus], _static(), jobs=jobs)
        failed = [e for e in report.errors if "ckplus_cv2_resize_64_into_48" in e.path]
        assert len(failed) == 1
        assert "RuntimeError: boom" in failed[0].reason
        assert report.findings


@pytest.mark.skipif(
    sys.platform != "linux", reason="patching a worker needs the fork start method"
)
def test_a_worker_that_dies_costs_only_its_file(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, copies=1)
    real = api.analyze

    def dying(text, path, settings, *args):
        if path.endswith("jaffe_cv2_resize_hw_swapped.py"):
            os._exit(3)  # as a segfault in native code would
        return real(text, path, settings, *args)

    expected = api.check([corpus], _static(), jobs=1)
    monkeypatch.setattr(api, "analyze", dying)
    report = api.check([corpus], _static(), jobs=2)
    died = [e for e in report.errors if "jaffe_cv2_resize_hw_swapped" in e.path]
    assert len(died) == 1 and "worker process died" in died[0].reason
    others = [
        f for f in expected.findings if "jaffe_cv2_resize_hw_swapped" not in f.path
    ]
    assert [(f.path, f.code, f.span) for f in report.findings] == [
        (f.path, f.code, f.span) for f in others
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("import tensorflow as tf\n", True),
        ("from keras import layers\n", True),
        ("import tf_keras as keras\n", True),
        ("tf = TextFile(path)  # not TensorFlow\n", False),
        ("import cv2\nimg = cv2.imread(p)\n", False),
        ("from model import build\nbuild().fit(x, y)\n", True),
        ("", False),
    ],
)
def test_a_file_that_names_no_keras_is_dismissed(text, expected):
    assert api.relevant(text) is expected


def test_every_fixture_is_relevant():
    for path in FIXTURES.iterdir():
        if path.suffix in (".py", ".ipynb"):
            assert api.relevant(path.read_text(encoding="utf-8")), path.name
