"""Regenerate the expected results of the fix golden pairs in tests/fixes/.

Each `tests/fixes/<name>.py` is a short training script with one fixable
mistake; `<name>.fixed.py` is what

    ferlint check --fix --unsafe-fixes --no-probe --no-cache <copy of name.py>

must turn it into. Run from anywhere, after reviewing by hand that the fixes
are right (a wrong fix must never be blessed):

    python tests/update_fix_golden.py            # every pair
    python tests/update_fix_golden.py fer002_cv2_resize_swapped   # some pairs

then read `git diff tests/fixes/` before committing. Each script is fixed on a
copy in a temporary folder, exactly as tests/test_fixes.py does, so the files
in tests/fixes/ themselves are never touched by ferlint.

Cases listed in HAND_WRITTEN are not regenerated: ferlint's fix for them is
known to be wrong, so their `.fixed.py` holds the correct result, written by
hand, and tests/test_fixes.py marks them as expected failures with the reason
given here. Remove a case from HAND_WRITTEN once ferlint produces its file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXES = REPO / "tests" / "fixes"
COMMAND = ["check", "--fix", "--unsafe-fixes", "--no-probe", "--no-cache"]

# name -> why ferlint's own output is not the expected result
HAND_WRITTEN: dict[str, str] = {}


def cases() -> list[str]:
    """The names of the golden pairs, sorted."""
    return sorted(
        path.name[: -len(".py")]
        for path in FIXES.glob("*.py")
        if not path.name.endswith(".fixed.py")
    )


def fixed_text(name: str) -> tuple[bytes, subprocess.CompletedProcess]:
    """The script `name` as ferlint's fixes leave it, fixed on a temporary copy."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"{name}.py"
        shutil.copyfile(FIXES / f"{name}.py", copy)
        env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(REPO))
        env.pop("FORCE_COLOR", None)
        result = subprocess.run(
            [sys.executable, "-m", "ferlint", *COMMAND, copy.name],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return copy.read_bytes(), result


def main(names: list[str]) -> int:
    unknown = sorted(set(names) - set(cases()))
    if unknown:
        print(f"no such golden script: {', '.join(unknown)}", file=sys.stderr)
        return 1
    for name in names or cases():
        if name in HAND_WRITTEN:
            print(f"kept {name}.fixed.py (written by hand: {HAND_WRITTEN[name]})")
            continue
        data, result = fixed_text(name)
        if result.returncode not in (0, 1):
            sys.stderr.write(result.stderr)
            print(f"ferlint exited with {result.returncode} on {name}.py; not written")
            return 1
        if data == (FIXES / f"{name}.py").read_bytes():
            print(f"ferlint changed nothing in {name}.py; not written", file=sys.stderr)
            return 1
        (FIXES / f"{name}.fixed.py").write_bytes(data)
        print(f"wrote tests/fixes/{name}.fixed.py")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
