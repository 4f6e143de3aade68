"""A spooled report is the same report: order, findings, texts, notebooks,
imported modules, findings linked across scripts, and renderings."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from test_project import project

from ferlint.api import Settings, check
from ferlint.render import render

ROOT = Path(__file__).resolve().parent.parent


def both(paths, settings=None, jobs=1):
    settings = settings or Settings(probe=False)
    return (
        check(paths, settings, jobs=jobs),
        check(paths, settings, jobs=jobs, spool=True),
    )


def same(memory, spooled) -> None:
    assert list(spooled.findings) == list(memory.findings)
    assert len(spooled.findings) == len(memory.findings)
    assert bool(spooled.findings) == bool(memory.findings)
    assert dict(spooled.sources) == dict(memory.sources)
    assert spooled.errors == memory.errors
    for form in ("full", "concise", "json", "sarif", "github"):
        streamed = io.StringIO()
        render(spooled, form, out=streamed)
        assert streamed.getvalue() == render(memory, form), form


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_fixtures_spooled_are_the_same_report(tmp_path, jobs):
    # Two copies, so that the same places occur in two files.
    for copy in ("a", "b"):
        shutil.copytree(ROOT / "fixtures", tmp_path / copy)
    (tmp_path / "a" / "broken.py").write_text("import keras\ndef (:\n")
    (tmp_path / "a" / "unreadable.ipynb").write_text("{not json")
    memory, spooled = both([tmp_path], jobs=jobs)
    assert len(memory.findings) > 40 and memory.errors
    assert any(f.cell is not None for f in memory.findings)  # notebooks
    same(memory, spooled)


def test_imported_and_linked_findings_keep_their_places(tmp_path, monkeypatch):
    # data.py's finding comes through train.py; webcam.py's is linked to
    # train.py through the saved model: neither belongs to the file that
    # produced it, and both must still land in the report's order.
    monkeypatch.chdir(project(tmp_path, size=64, scaling=""))
    memory, spooled = both([Path(".")])
    codes = [(Path(f.path).name, f.code) for f in memory.findings]
    assert ("data.py", "FER001") in codes and ("webcam.py", "FER013") in codes
    same(memory, spooled)


def test_a_place_reported_from_two_scripts_is_reported_once(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path, size=64, scaling=" / 255.0"))
    (tmp_path / "train2.py").write_text((tmp_path / "train.py").read_text())
    memory, spooled = both([Path(".")])
    places = [(f.path, f.span, f.code) for f in spooled.findings]
    assert len(places) == len(set(places))
    same(memory, spooled)


def test_an_empty_run_is_an_empty_spool(tmp_path):
    (tmp_path / "plain.py").write_text("print('no model here')\n")
    memory, spooled = both([tmp_path])
    assert not spooled.findings and len(spooled.findings) == 0
    same(memory, spooled)


@pytest.mark.parametrize("names", [["a.py", "b.py", "c.py"], ["c.py", "a.py", "b.py"]])
def test_files_are_found_by_name_in_any_order(names):
    from ferlint.spool import Spool

    store = Spool(names)
    for name in names:
        store.add_source(name, f"shown {name}", f"text {name}")
        store.show(name)
    store.add_source("imported.py", "shown imported", "text imported")
    store.show("imported.py")
    assert store.text("b.py") == "text b.py" and store.text("imported.py")
    assert store.text("missing.py") is None and store.text("a") is None
    assert list(store.sources()) == [*names, "imported.py"]
    assert dict(store.sources())["c.py"] == "shown c.py"
