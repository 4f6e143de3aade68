from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

WORKFLOW = Path(__file__).resolve().parents[1] / "docs" / "github-actions.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_workflow_runs_on_pushes_and_pull_requests(workflow):
    # PyYAML reads the bare key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    assert "push" in triggers and "pull_request" in triggers
    assert workflow["permissions"]["security-events"] == "write"


def test_steps_install_run_and_upload_in_order(workflow):
    runs = [step.get("run", "") for step in steps(workflow)]
    uses = [step.get("uses", "") for step in steps(workflow)]
    install = next(i for i, run in enumerate(runs) if "pip install ferlint" in run)
    check = next(i for i, run in enumerate(runs) if run.startswith("ferlint check"))
    upload = next(
        i
        for i, use in enumerate(uses)
        if use.startswith("github/codeql-action/upload-sarif@")
    )
    assert uses[0].startswith("actions/checkout@")
    assert install < check < upload


def test_sarif_file_written_is_the_one_uploaded(workflow):
    check = next(
        s["run"] for s in steps(workflow) if "ferlint check" in s.get("run", "")
    )
    assert "--format sarif" in check
    assert "--output-file ferlint.sarif" in check
    upload = next(s for s in steps(workflow) if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "ferlint.sarif"
