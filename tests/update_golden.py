"""Regenerate tests/golden/fixtures.txt, the concise report of the fixtures.

Run from anywhere, after reviewing what changed and why:

    python tests/update_golden.py

It runs `ferlint check --no-probe --format concise fixtures` from the repository
root, exactly as tests/test_fixtures.py does, and writes the output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "fixtures.txt"
COMMAND = ["check", "--no-probe", "--format", "concise", "fixtures"]


def report() -> subprocess.CompletedProcess:
    """The fixtures' report, as the command line prints it from the repository root."""
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(REPO))
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "ferlint", *COMMAND],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def main() -> int:
    result = report()
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stderr)
        print(
            f"ferlint exited with {result.returncode}; golden file not written",
            file=sys.stderr,
        )
        return 1
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(result.stdout, encoding="utf-8", newline="\n")
    print(
        f"wrote {GOLDEN.relative_to(REPO)} ({len(result.stdout.splitlines())} findings)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
