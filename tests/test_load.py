"""Load: one run over 10,000 files, a few hundred of them training scripts,
finishes with bounded memory and the same findings as checking the files one
by one.

The tree is generated: copies of the fixtures (scripts and notebooks, each
with a comment that makes it unique) spread over nested folders, among small
modules that are not training scripts (some mention TensorFlow, a few are
not UTF-8). The run is the CLI in a subprocess with two jobs, so its peak
memory (and its workers') is measured apart from pytest's. With
FERLINT_LONG_TESTS=1 the tree has 50,000 files.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from ferlint import api
from ferlint.config import load_config

REPO = Path(__file__).resolve().parents[1]
LONG = os.environ.get("FERLINT_LONG_TESTS") == "1"
FILES, SCRIPTS = (50_000, 2_000) if LONG else (10_000, 300)
# Peak resident memory of the run (the largest of the CLI and its workers).
MEMORY_LIMIT_MB = 600

FIXTURES = sorted((REPO / "fixtures").glob("*.py")) + sorted(
    (REPO / "fixtures").glob("*.ipynb")
)

FILLERS = [
    "def area(w, h):\n    return w * h\n\n\nSIZES = [area(i, i) for i in range({n})]\n",
    "import numpy as np\n\n\ndef normalize(x):\n    return (x - x.mean()) / {n}\n",
    "import tensorflow as tf\n\nprint(tf.__version__, {n})\n",
    '"""Helpers {n}."""\nfrom pathlib import Path\n\nROOT = Path("data") / "{n}"\n',
    "# nothing here {n}\n",
    "class Config{n}:\n    batch_size = 32\n    epochs = {n}\n",
]


def build_tree(root: Path) -> tuple[int, int]:
    """FILES files under root, SCRIPTS of them training scripts; returns
    (scripts, undecodable files)."""
    texts = [(path.suffix, path.read_text(encoding="utf-8")) for path in FIXTURES]
    undecodable = 0
    for index in range(FILES):
        folder = root / f"pkg{index % 37}" / f"sub{index % 11}"
        folder.mkdir(parents=True, exist_ok=True)
        if index < SCRIPTS:
            suffix, text = texts[index % len(texts)]
            if suffix == ".py":
                text = f"# run {index}\n" + text
            (folder / f"train_{index}{suffix}").write_text(text, encoding="utf-8")
        elif index % 997 == 0:
            (folder / f"legacy_{index}.py").write_bytes(b"# \xe9t\xe9\nx = 1\n")
            undecodable += 1
        else:
            filler = FILLERS[index % len(FILLERS)].format(n=index)
            (folder / f"mod_{index}.py").write_text(filler, encoding="utf-8")
    return SCRIPTS, undecodable


def key(finding: dict) -> tuple:
    return (
        finding["path"],
        finding["cell"],
        finding["code"],
        finding["line"],
        finding["column"],
        finding["end_line"],
        finding["end_column"],
        finding["message"],
    )


def test_ten_thousand_files_in_one_run(tmp_path, monkeypatch):
    tree = tmp_path / "tree"
    tree.mkdir()
    scripts, undecodable = build_tree(tree)
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ferlint",
            "check",
            "--no-probe",
            "--jobs",
            "2",
            "--format",
            "json",
            ".",
        ],
        cwd=tree,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["files"] == FILES
    assert len(report["errors"]) == undecodable
    assert all(Path(e["path"]).name.startswith("legacy_") for e in report["errors"])
    # Bounded memory: the report holds findings, not the 10,000 files' text.
    if before < peak_mb * 1024:  # this run set the children's peak
        assert peak_mb < MEMORY_LIMIT_MB, f"peak {peak_mb:.0f} MB"

    # The same findings as checking each file on its own, in this process.
    monkeypatch.chdir(tree)
    settings = api.Settings(load_config(tree, None), probe=False)
    one_by_one = []
    for path in sorted(tree.rglob("*")):
        if path.suffix in (".py", ".ipynb"):
            alone = api.check([path.relative_to(tree)], settings)
            one_by_one += [key(finding_json(f)) for f in alone.findings]
    together = sorted(key(f) for f in report["findings"])
    assert together == sorted(one_by_one)
    # About half the fixtures are correct scripts, so about half the copies.
    assert len({f[0] for f in together}) >= scripts // 3
    print(f"{FILES} files in {elapsed:.1f} s, peak {peak_mb:.0f} MB")


def finding_json(finding) -> dict:
    return {
        "path": finding.path,
        "cell": finding.cell,
        "code": finding.code,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "message": finding.message,
    }
