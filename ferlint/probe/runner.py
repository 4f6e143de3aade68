"""Drives the worker process: start, JSON lines over pipes, time limit, kill."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections import deque
from pathlib import Path

logger = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).with_name("worker.py")
STARTUP_SECONDS = 120.0
# TensorFlow writes these to stderr whatever TF_CPP_MIN_LOG_LEVEL says.
_STDERR_NOISE = (
    "oneDNN custom operations",
    "All log messages before absl::InitializeLog",
    "This TensorFlow binary is optimized",
    "To enable the following instructions",
    "Could not find cuda drivers",
    "Unable to register cu",
    "computation placer already registered",
)


# What the worker inherits from ferlint's environment: how to find libraries and
# numeric settings (some processors need OPENBLAS_CORETYPE to compute right), and
# nothing else, so that the probed code sees no tokens, keys or passwords.
_INHERITED = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LD_LIBRARY_PATH", "SYSTEMROOT")
_INHERITED_PREFIXES = ("OPENBLAS_", "OMP_", "MKL_", "KMP_")


def worker_environment(folder: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name in _INHERITED or name.startswith(_INHERITED_PREFIXES)
    }
    env.update(
        HOME=folder,
        TMPDIR=folder,
        CUDA_VISIBLE_DEVICES="",
        TF_CPP_MIN_LOG_LEVEL="3",
        KERAS_HOME=os.path.join(folder, "keras"),
        KERAS_BACKEND="tensorflow",
    )
    return env


class WorkerFailed(Exception):
    """The worker died, hung or could not start; the reason is the message."""


class Worker:
    """One worker process, started on the first request."""

    def __init__(self, memory_limit: int) -> None:
        self.memory_limit = memory_limit
        self.folder = tempfile.mkdtemp(prefix="ferlint-probe-")
        self.stderr_tail: deque[str] = deque(maxlen=20)
        self.replies: queue.Queue[str | None] = queue.Queue()
        self.process = self._start()
        self._read_in_background()
        try:
            self.versions = self._wait_ready()
        except WorkerFailed:
            self.kill()
            self.close()
            raise

    def _start(self) -> subprocess.Popen:
        env = worker_environment(self.folder)
        command = [sys.executable, "-I", str(WORKER_SCRIPT), self.folder]
        command.append(str(self.memory_limit))
        logger.debug("starting probe worker: %s", command)
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=self.folder,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )

    def _read_in_background(self) -> None:
        def replies() -> None:
            for line in self.process.stdout:
                self.replies.put(line)
            self.replies.put(None)

        def stderr() -> None:
            for line in self.process.stderr:
                line = line.rstrip()
                if line and not any(noise in line for noise in _STDERR_NOISE):
                    self.stderr_tail.append(line)
                    logger.debug("probe worker: %s", line)

        for reader in (replies, stderr):
            threading.Thread(target=reader, daemon=True).start()

    def _wait_ready(self) -> dict:
        ready = self._next_reply(STARTUP_SECONDS, "start TensorFlow")
        if not ready.get("ready"):
            raise WorkerFailed("the probe worker did not start")
        return ready

    def request(self, payload: dict, timeout: float) -> dict:
        try:
            self.process.stdin.write(json.dumps(payload) + "\n")
            self.process.stdin.flush()
        except OSError as error:
            reason = self._death_reason(f"it stopped reading ({error})")
            raise WorkerFailed(reason) from None
        return self._next_reply(timeout, "build and train the model")

    def _next_reply(self, timeout: float, doing: str) -> dict:
        try:
            line = self.replies.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise WorkerFailed(
                f"the probe worker did not {doing} within {timeout:g} s and was stopped"
            ) from None
        if line is None:
            raise WorkerFailed(self._death_reason("it exited"))
        try:
            return json.loads(line)
        except ValueError:
            self.kill()
            raise WorkerFailed("the probe worker sent an unreadable reply") from None

    def _death_reason(self, how: str) -> str:
        code = self.process.wait(timeout=10)
        if code < 0:
            name = signal.Signals(-code).name
            what = f"the probe worker crashed ({name})"
        else:
            what = f"the probe worker {how} with status {code}"
        memory = any(
            "MemoryError" in line or "bad_alloc" in line for line in self.stderr_tail
        )
        if memory:
            what += "; it ran out of memory"
        last = self.stderr_tail[-1] if self.stderr_tail else None
        return f"{what}: {last}" if last else what

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def close(self) -> None:
        if self.alive():
            try:
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


class WorkerPool:
    """Keeps one live worker; a dead one is replaced on the next request."""

    def __init__(self, memory_limit: int) -> None:
        self.memory_limit = memory_limit
        self.worker: Worker | None = None
        self.started = 0
        self._next_id = 0

    def run(self, payload: dict, timeout: float) -> dict:
        if self.worker is None or not self.worker.alive():
            self._replace()
        self._next_id += 1
        payload = {**payload, "id": self._next_id}
        try:
            return self.worker.request(payload, timeout)
        except WorkerFailed:
            self._discard()
            raise

    def _replace(self) -> None:
        self._discard()
        self.started += 1
        try:
            self.worker = Worker(self.memory_limit)
        except WorkerFailed:
            self.worker = None
            raise

    def _discard(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker.close()
            self.worker = None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
