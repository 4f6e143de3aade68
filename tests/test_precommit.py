"""The pre-commit hook, run by pre-commit itself on a throwaway repository.

The hook is installed from this checkout at its HEAD commit, as a user's
.pre-commit-config.yaml would name a tag: uncommitted changes are not tested.
The first run builds the hook's environment (pip install of ferlint), so it
needs the package index that the rest of the development setup uses.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 900


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def head_of_checkout() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (it is in the dev extra)")
    head = git("rev-parse", "--verify", "--quiet", "HEAD", cwd=REPO)
    if head.returncode != 0:
        pytest.skip(
            f"{REPO} has no commit yet: pre-commit installs hooks from a commit"
        )
    for needed in (".pre-commit-hooks.yaml", "ferlint/cli.py"):
        if git("cat-file", "-e", f"HEAD:{needed}", cwd=REPO).returncode != 0:
            pytest.skip(f"the HEAD commit of {REPO} has no {needed} yet")
    return head.stdout.strip()


def rule_example(code: str, section: str) -> str:
    page = (REPO / "rules" / f"{code}.md").read_text(encoding="utf-8")
    body = page.split(f"## {section}\n", 1)[1]
    return re.search(r"```python\n(.*?)```", body, re.DOTALL).group(1)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    # One hook environment for the module, away from the user's cache.
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def run_hook(tmp_path, pre_commit_home):
    head = head_of_checkout()

    def run(script: str) -> subprocess.CompletedProcess:
        project = tmp_path / "project"
        project.mkdir()
        assert git("init", "--quiet", cwd=project).returncode == 0
        (project / ".pre-commit-config.yaml").write_text(
            f"repos:\n"
            f"  - repo: {REPO.as_posix()}\n"
            f"    rev: {head}\n"
            f"    hooks:\n"
            f"      - id: ferlint\n",
            encoding="utf-8",
        )
        (project / "train.py").write_text(script, encoding="utf-8")
        assert git("add", "--all", cwd=project).returncode == 0
        env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home)}
        env.pop("PRE_COMMIT", None)
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "run",
                "--all-files",
                "--color",
                "never",
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    return run


def test_hook_fails_on_a_mismatched_script(run_hook):
    result = run_hook(rule_example("FER001", "Example"))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "FER001" in output
    assert "Failed" in output


def test_hook_passes_on_a_correct_script(run_hook):
    result = run_hook(rule_example("FER001", "Corrected"))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
