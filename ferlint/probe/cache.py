"""The probe's cache: one JSON file per sliced program and batch.

The key hashes the ferlint version, the installed TensorFlow and Keras versions
(read from package metadata, so TensorFlow is never imported), the sliced
program and the request. Files are written atomically (temporary file, then
`os.replace`), so concurrent runs never read half a file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from ferlint import __version__

logger = logging.getLogger(__name__)

PROTOCOL = 1
_TENSORFLOW_DISTRIBUTIONS = (
    "tensorflow",
    "tensorflow-cpu",
    "tensorflow-macos",
    "tf-nightly",
)


@cache
def installed_versions() -> dict[str, str | None]:
    return {
        "tensorflow": _first_version(_TENSORFLOW_DISTRIBUTIONS),
        "keras": _first_version(("keras",)),
    }


def _first_version(distributions: tuple[str, ...]) -> str | None:
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def cache_key(program: str, request: dict) -> str:
    material = {
        "ferlint": __version__,
        "protocol": PROTOCOL,
        **installed_versions(),
        "program": program,
        "request": request,
    }
    text = json.dumps(material, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class NoCache:
    """Stands in for the cache when the user asked for none."""

    def get(self, key: str) -> dict | None:
        return None

    def put(self, key: str, observation: dict) -> None:
        pass


class ProbeCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            text = self._path(key).read_text(encoding="utf-8")
            return json.loads(text)
        except (OSError, ValueError):
            return None

    def put(self, key: str, observation: dict) -> None:
        path = self._path(key)
        try:
            from ferlint.cachedir import prepare

            prepare(path.parent)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(observation, stream)
            os.replace(temporary, path)
        except OSError as error:
            logger.warning("could not write the probe cache %s: %s", path, error)
