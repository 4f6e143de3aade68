"""The fixture scripts: each produces the codes fixtures/expected.toml expects and
none it forbids, and their concise report equals tests/golden/fixtures.txt."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from pathlib import Path

import pytest

from ferlint import api

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
CASES = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))["case"]
UPDATE = "python tests/update_golden.py"


def _update_golden():
    spec = importlib.util.spec_from_file_location(
        "update_golden", REPO / "tests" / "update_golden.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_fixture_has_one_case():
    named = [case["file"] for case in CASES]
    assert len(named) == len(set(named)), "a fixture is listed twice"
    on_disk = sorted(
        p.name for p in FIXTURES.iterdir() if p.suffix in (".py", ".ipynb")
    )
    assert sorted(named) == on_disk


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_case_schema(case):
    assert set(case) <= {"file", "expect", "forbid", "why"}
    assert case["why"].strip()
    assert not set(case["expect"]) & set(case["forbid"]), (
        "a code is both expected and forbidden"
    )


@pytest.mark.parametrize("case", CASES, ids=[Path(case["file"]).stem for case in CASES])
def test_fixture(case):
    report = api.check([FIXTURES / case["file"]], api.Settings(probe=False))
    assert report.errors == []
    codes = {finding.code for finding in report.findings}
    described = "\n".join(
        f"{f.code} {f.span.line}: {f.message}" for f in report.findings
    )
    missing = set(case["expect"]) - codes
    false_alarms = set(case["forbid"]) & codes
    assert not missing, f"missed {sorted(missing)} ({case['why']})\n{described}"
    assert not false_alarms, (
        f"false alarm {sorted(false_alarms)} ({case['why']})\n{described}"
    )


def test_golden_report():
    golden_file = REPO / "tests" / "golden" / "fixtures.txt"
    result = _update_golden().report()
    assert result.returncode in (0, 1), result.stderr
    expected = golden_file.read_text(encoding="utf-8")
    if result.stdout != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                result.stdout.splitlines(keepends=True),
                "tests/golden/fixtures.txt",
                "ferlint check --no-probe --format concise fixtures",
            )
        )
        pytest.fail(
            f"the fixtures' report changed:\n{diff}\n"
            f"Review the diff; if every change is intended, run `{UPDATE}` "
            "and commit the golden file.",
            pytrace=False,
        )
    assert result.returncode == (1 if expected else 0)
