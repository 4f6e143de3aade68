"""The static pass over many files: in this process or in worker processes.

Files are handed out in small chunks, so a few large files do not leave a
core idle, and each result is put back at its file's index, so the output does
not depend on the scheduling. What crosses a process boundary is small: the
findings, the error, the probe's targets, and the file's text only when
something will show it. Any exception while checking a file becomes a
FileError for that file. A worker that dies (a crash in native code, the
kernel's OOM killer) breaks the pool; the files it left unfinished are then
checked again one at a time, each in a fresh worker, so that only the file
that kills its worker is reported as an error.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING

from ferlint.findings import FileError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

logger = logging.getLogger(__name__)

# At most this many files per task, and at least this many tasks per worker.
_CHUNK = 16
_TASKS_PER_WORKER = 32

_settings = None
_cache = None


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def check_files(paths: list[str | Path], settings, jobs: int = 1, cache=None) -> list:
    """One FileResult per path, in the order of `paths`."""
    return list(iter_results(paths, settings, jobs, cache))


def iter_results(paths: list[str | Path], settings, jobs: int = 1, cache=None):
    """One FileResult per path, in the order of `paths`, each as soon as it and
    those before it are done: a caller that does not keep them needs memory
    for the few that finished early, not for the whole run.

    With a cache, hits are answered first, and no worker starts for them. A
    hit that has to wait for a miss before it is not held (it may carry a
    file's text and findings): it is looked up again in its turn.
    """
    results: dict[int, object] = {}
    again = bytearray(len(paths))  # 1: a hit to look up again in its turn
    following = 0

    def ready():
        nonlocal following
        while True:
            if following in results:
                yield results.pop(following)
            elif following < len(again) and again[following]:
                yield _check_one(paths[following], settings, cache)
            else:
                return
            following += 1

    # The files left to analyze, by index: a flat array, not a tuple per file.
    missing = array("q")
    if cache is None:
        missing.extend(range(len(paths)))
    else:
        for index, path in enumerate(paths):
            known = _check_one(path, settings, cache, analyze_misses=False)
            if known is None:
                missing.append(index)
            elif not missing or known.source is None:  # nothing to wait for, or small
                results[index] = known
                yield from ready()
            else:
                again[index] = 1
    workers = max(1, min(jobs, len(missing)))
    if workers == 1:
        with _collections_between_files():
            for index in missing:
                results[index] = _check_one(paths[index], settings, cache)
                yield from ready()
        yield from ready()
        return
    done: set[int] = set()
    items = [(index, paths[index]) for index in missing]
    for index, result in _in_pool(items, settings, cache, workers):
        results[index] = result
        done.add(index)
        yield from ready()
    leftover = [(index, path) for index, path in items if index not in done]
    if leftover:
        logger.info("checking %d file(s) again, one at a time", len(leftover))
        for index, path in leftover:
            results[index] = _isolated(index, path, settings, cache)
            yield from ready()
    yield from ready()


def _check_one(path: str | Path, settings, cache, analyze_misses: bool = True):
    from ferlint import api

    try:
        with _collector_paused():
            result = api.check_file(Path(path), settings, cache, analyze_misses)
    except Exception as error:  # a bug in ferlint: one file's error, not the run's
        logger.debug("internal error while checking %s", path, exc_info=True)
        return api.FileResult(error=_internal_error(path, error))
    if result is None:
        return None
    linked = getattr(result, "loaded_uses", None)
    if not result.findings and not result.probe_targets and not linked:
        # Nothing will show this file's text: do not keep or ship it.
        result.source = result.notebook = None
        if getattr(result, "imported", None):
            result.imported = {}
    return result


# A file's analysis builds many small objects (its syntax tree above all) that
# die together when it ends, and cycles are rare: the collector is paused
# while a file is analyzed, so that it never scans a live tree, and runs
# between files on what survived. What is alive before the first file (the
# modules) is never scanned again.


@contextlib.contextmanager
def _collections_between_files():
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _internal_error(path: str | Path, error: BaseException) -> FileError:
    return FileError(
        str(path),
        f"ferlint failed on it (internal error: {type(error).__name__}: {error}); "
        "run with -vv for details",
    )


def _context():
    import multiprocessing  # only with workers: one core needs none of it

    # fork starts a worker in milliseconds with ferlint already imported; it is
    # only safe on Linux. Elsewhere the workers start from scratch.
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _executor(workers: int, settings, cache) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    level = logging.getLogger("ferlint").getEffectiveLevel()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(settings, cache, level),
    )


def _init_worker(settings, cache, level: int) -> None:
    global _settings, _cache
    _settings, _cache = settings, cache
    # Ctrl-C is the parent's to handle; a worker must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    root = logging.getLogger("ferlint")
    if not root.handlers:  # a spawned worker: log as the CLI does
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("ferlint: %(levelname)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)


def _run_chunk(chunk: list[tuple[int, Path]]) -> list[tuple[int, object]]:
    return [(index, _check_one(path, _settings, _cache)) for index, path in chunk]


def _chunks(items: list, workers: int) -> list[list]:
    size = max(1, min(_CHUNK, len(items) // (workers * _TASKS_PER_WORKER)))
    return [items[start : start + size] for start in range(0, len(items), size)]


def _in_pool(items, settings, cache, workers: int):
    """(index, result) for what the pool finishes; a broken pool just stops."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    try:
        with _executor(workers, settings, cache) as pool:
            chunks = _chunks(items, workers)
            futures = [pool.submit(_run_chunk, chunk) for chunk in chunks]
            for future in as_completed(futures):
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    logger.warning("a worker process died; retrying its files")
                    for other in futures:
                        other.cancel()
                    return
                except Exception as error:  # e.g. a result that cannot be sent
                    logger.debug("a chunk failed: %r", error)
    except BrokenProcessPool:  # pragma: no cover - raised on shutdown only
        return


def _isolated(index: int, path: str | Path, settings, cache):
    """Check one file in a fresh worker of its own."""
    from concurrent.futures.process import BrokenProcessPool

    from ferlint import api

    try:
        with _executor(1, settings, cache) as pool:
            return pool.submit(_run_chunk, [(index, path)]).result()[0][1]
    except BrokenProcessPool:
        return api.FileResult(
            error=FileError(
                str(path),
                "ferlint's worker process died while checking it (a crash or "
                "out of memory); the other files were checked",
            )
        )
    except Exception as error:
        return api.FileResult(error=_internal_error(path, error))
