"""ferlint's speed, side by side with libcst's bare parse and the installed peers.

    python benchmarks/bench.py [--peers /tmp/peers/bin] [--copies 1000]

In one run, on the same corpora (copies made in a temporary folder, outside
any git repository, so every tool sees the same files):

- stdlib: the standard library folder (found with sysconfig), without
  site-packages; nearly every file is one ferlint must dismiss cheaply.
- training: fixtures/ copied until it holds at least --copies files.

For each: ferlint cold (no cache) with one and with all cores, ferlint warm
(its cache filled by the cold run), libcst's bare parse of the same files in
one process, and ruff, flake8, pylint and Fixit when they are on PATH (or in
--peers), with each time's ratio to ferlint cold on all cores. Then the
probe's cost per model next to a bare TensorFlow script (probe_bench.py), and
the peak resident memory of the static pass over --memory-small and
--memory-large files. Times are the best of --repeat runs, wall clock.
ferlint's modules are compiled to bytecode first, as an installed copy's are;
the bare parse reads notebooks' code cells as ferlint does.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

PEERS = {
    "ruff": lambda paths: ["ruff", "check", "--no-cache", "--exit-zero", "-q", *paths],
    "flake8": lambda paths: ["flake8", "--exit-zero", "-j", "auto", *paths],
    "pylint": lambda paths: ["pylint", "--exit-zero", "-j", "0", "-sn", *paths],
    "fixit": lambda paths: ["fixit", "lint", *paths],
}

# The same files ferlint reads: scripts, and notebooks' code cells joined.
PARSE = """\
import json, sys, pathlib, libcst
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if path.suffix not in (".py", ".ipynb"):
        continue
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\\n".join(
                "".join(cell["source"])
                for cell in json.loads(text)["cells"]
                if cell["cell_type"] == "code"
            )
        libcst.parse_module(text)
    except Exception:
        pass
"""

# The peak resident memory of this process's own image, in kB. Not ru_maxrss:
# Linux carries the RSS of the process that started it (here the benchmark
# itself, tens of megabytes) over the exec into ru_maxrss, which then shows
# that process's size, not ferlint's. VmHWM starts again at the exec.
PEAK = """\
import resource, sys
from ferlint.cli import main
try:
    main(sys.argv[1:])
finally:
    try:
        with open("/proc/self/status") as status:
            peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration):  # not Linux
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak, file=sys.stderr)
"""


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def stdlib_copy(folder: Path) -> Path:
    source = Path(sysconfig.get_paths()["stdlib"])
    target = folder / "stdlib"
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns("site-packages", "__pycache__", "*.pyc"),
        symlinks=True,
    )
    return target


def fixtures_copy(folder: Path, count: int, name: str = "training") -> Path:
    sources = sorted(
        p for p in (REPO / "fixtures").iterdir() if p.suffix in (".py", ".ipynb")
    )
    target = folder / name
    made = index = 0
    while made < count:
        copy = target / f"copy{index:04d}"
        copy.mkdir(parents=True)
        for path in sources[: count - made]:
            shutil.copy(path, copy / path.name)
            made += 1
        index += 1
    return target


def byte_compile_ferlint() -> None:
    """Compile ferlint's modules to bytecode, as installing a package does.

    libcst's modules were compiled when it was installed; an editable install
    of ferlint on a machine that sets PYTHONDONTWRITEBYTECODE would otherwise
    compile ferlint's at every start, a cost no installed copy pays.
    """
    spec = importlib.util.find_spec("ferlint")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def timed(command: list[str], cwd: Path, repeat: int, timeout: float, env=None):
    """Best wall time of `repeat` runs, or None when it timed out or failed."""
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                cwd=cwd,
                capture_output=True,
                timeout=timeout,
                env=env,
            )
        except subprocess.TimeoutExpired:
            return None
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1):
            print(f"  ! {command[0]} exited {done.returncode}: "
                  f"{done.stderr.decode(errors='replace')[-300:]}")  # fmt: skip
            return None
        best = elapsed if best is None else min(best, elapsed)
    return best


def ferlint(*options: str) -> list[str]:
    return [sys.executable, "-m", "ferlint", "check", "--no-probe", "-q", *options]


def corpus_rows(corpus: Path, work: Path, options) -> list[tuple[str, float | None]]:
    env = {**os.environ}
    run = lambda command, repeat=options.repeat, timeout=None: timed(  # noqa: E731
        command, work, repeat, timeout, env
    )
    # The cold runs and the bare parse take turns, so that a slow spell of a
    # shared machine falls on all of them alike; each keeps its best time.
    cold = {
        "ferlint cold, all cores": ferlint("--no-cache", str(corpus)),
        "ferlint cold, 1 core": ferlint("--no-cache", "-j", "1", str(corpus)),
        "libcst bare parse, 1 core": [sys.executable, "-c", PARSE, str(corpus)],
    }
    best: dict[str, float | None] = {}
    for _ in range(options.repeat):
        for label, command in cold.items():
            seconds = run(command, repeat=1)
            known = best.get(label, seconds)
            best[label] = None if None in (seconds, known) else min(seconds, known)
    rows = [(label, best[label]) for label in list(cold)[:2]]
    # The cold run that fills the cache is not timed as warm; then warm runs.
    shutil.rmtree(work / ".ferlint_cache", ignore_errors=True)
    run(ferlint(str(corpus)), repeat=1)
    entries = _entries(work)
    rows.append(("ferlint warm (cached)", run(ferlint(str(corpus)))))
    if _entries(work) != entries:
        print("  ! the warm run missed the cache: ferlint's own source files "
              "changed during the benchmark, so its code fingerprint did")  # fmt: skip
    rows.append(("libcst bare parse, 1 core", best["libcst bare parse, 1 core"]))
    for name, command in PEERS.items():
        found = shutil.which(name, path=options.path)
        if found is None:
            rows.append((f"{name} (not installed)", None))
            continue
        full = command([str(corpus)])
        full[0] = found
        seconds = run(full, repeat=1, timeout=options.peer_timeout)
        label = name if seconds is not None else f"{name} (failed or over timeout)"
        rows.append((label, seconds))
    return rows


def targets(rows) -> None:
    """The ratios the speed goals are stated in."""
    times = dict(rows)
    pairs = (
        ("static pass / bare parse, 1 core", "ferlint cold, 1 core",
         "libcst bare parse, 1 core"),
        ("1 core / all cores", "ferlint cold, 1 core", "ferlint cold, all cores"),
        ("warm / cold, all cores", "ferlint warm (cached)", "ferlint cold, all cores"),
    )  # fmt: skip
    for label, top, bottom in pairs:
        if times.get(top) and times.get(bottom):
            print(f"  {label:34} {times[top] / times[bottom]:20.2f}")


def _entries(work: Path) -> int:
    return sum(1 for _ in (work / ".ferlint_cache" / "static").rglob("*.json"))


def peak_kb(corpus: Path, work: Path) -> int:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK,
            "check",
            "--no-probe",
            "--no-cache",
            "-q",
            "-j",
            "1",
            str(corpus),
        ],  # fmt: skip
        cwd=work,
        capture_output=True,
        text=True,
    )
    return int(done.stderr.strip().splitlines()[-1])


def probe_rows(backbone: str):
    import probe_bench as pb

    name, shape = pb.BACKBONES[backbone]
    models = [
        ("small FER CNN 48x48x1", pb.SMALL_CNN, (48, 48, 1)),
        (f"{name} {shape[0]}x{shape[1]}x3", pb.backbone_source(name, shape), shape),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, source, model_shape in models:
            target = pb.target(f"{label}.py", source, model_shape)
            cold, run = pb.probe_seconds([target], Path(folder) / label)
            bare = pb.bare_seconds(source, model_shape)
            rows.append((label, cold, bare, run.stats.workers_started))
        both = [pb.target(f"{label}.py", s, m) for label, s, m in models]
        together, run = pb.probe_seconds(both, Path(folder) / "both")
    return rows, together, run.stats.workers_started, shape


def show(title: str, rows, files: int) -> None:
    reference = rows[0][1]
    print(f"\n{title} ({files} files)")
    print(f"  {'':34} {'seconds':>9} {'x ferlint':>10}")
    for label, seconds in rows:
        if seconds is None:
            print(f"  {label:34} {'-':>9} {'-':>10}")
        else:
            ratio = seconds / reference if reference else float("nan")
            print(f"  {label:34} {seconds:9.2f} {ratio:10.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000, help="training files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per ferlint time")
    parser.add_argument("--peers", help="a folder with peer linters, before PATH")
    parser.add_argument("--peer-timeout", type=float, default=300)
    parser.add_argument("--memory-small", type=int, default=100)
    parser.add_argument("--memory-large", type=int, default=10000)
    parser.add_argument("--backbone", default="vgg16", choices=("vgg16", "mobilenetv2"))
    parser.add_argument("--no-probe", action="store_true", help="skip the probe")
    options = parser.parse_args()
    options.path = os.pathsep.join(
        [p for p in (options.peers, os.environ.get("PATH", "")) if p]
    )
    print(f"machine: {os.cpu_count()} cores, {cpu_name()}, {platform.system()}, "
          f"Python {platform.python_version()}")  # fmt: skip
    byte_compile_ferlint()
    with tempfile.TemporaryDirectory(prefix="ferlint-bench-") as folder:
        work = Path(folder)
        stdlib = stdlib_copy(work)
        training = fixtures_copy(work, options.copies)
        for title, corpus in (("stdlib", stdlib), ("training scripts", training)):
            count = sum(1 for _ in corpus.rglob("*.py")) + sum(
                1 for _ in corpus.rglob("*.ipynb")
            )
            rows = corpus_rows(corpus, work, options)
            show(title, rows, count)
            targets(rows)
        small = fixtures_copy(work, options.memory_small, "memory-small")
        large = fixtures_copy(work, options.memory_large, "memory-large")
        small_kb, large_kb = peak_kb(small, work), peak_kb(large, work)
        print("\npeak resident memory of the static pass (one process)")
        print(f"  {options.memory_small:>6} files: {small_kb / 1024:7.1f} MB")
        print(f"  {options.memory_large:>6} files: {large_kb / 1024:7.1f} MB "
              f"({large_kb / small_kb:.2f}x)")  # fmt: skip
    if options.no_probe:
        return 0
    rows, together, workers, _ = probe_rows(options.backbone)
    print("\nprobe, per model (cold cache), next to a bare TensorFlow script")
    print(f"  {'model':28} {'probe':>8} {'bare':>8} {'x bare':>7}")
    for label, cold, bare, _ in rows:
        print(f"  {label:28} {cold:7.2f}s {bare:7.2f}s {cold / bare:7.2f}")
    print(f"  both models in one probe run: {together:.2f}s, "
          f"{workers} TensorFlow worker(s) started")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
