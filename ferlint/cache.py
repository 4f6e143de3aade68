"""The static pass's cache: one JSON file per analyzed file, in
`.ferlint_cache/static/`, next to the probe's cache.

An entry's key hashes the file's display path and text, the ferlint version, a
fingerprint of ferlint's own code (so a changed rule never serves a stale
result while the version number stays put), the Python and libcst versions and
the settings. An entry also holds a hash of each project module the file
imported, and is a miss once one of them changed. Entries are plain JSON
(never pickle: a cache folder can come with a cloned repository) and written
atomically (temporary file, then `os.replace`). A missing, unreadable, corrupt
or foreign entry is a miss, and a failure to write one is logged and otherwise
ignored: the cache never fails a run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import sys
import tempfile
from functools import cache
from pathlib import Path

from ferlint import __version__, sources
from ferlint.findings import (
    Edit,
    FileError,
    Finding,
    Fix,
    ProbeResult,
    Related,
    Span,
)

logger = logging.getLogger(__name__)

FORMAT = 2


def default_folder(root: Path | None) -> Path:
    return (root or Path.cwd()) / ".ferlint_cache" / "static"


@cache
def code_fingerprint() -> str:
    """ferlint's version, its source files' sizes and times, Python and libcst."""
    from importlib import metadata  # costs imports: only when the cache is used

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(f"{__version__} {FORMAT} {sys.version_info[:2]}".encode())
    try:
        digest.update(metadata.version("libcst").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - a broken install
        pass
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        relative = path.relative_to(package).as_posix()
        digest.update(f"{relative} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def settings_fingerprint(settings) -> str:
    material = {
        "settings": dataclasses.asdict(settings),
        # Relative patterns resolve against the working folder without a config.
        "cwd": str(Path.cwd()) if settings.config.root is None else None,
    }
    text = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StaticCache:
    def __init__(self, folder: Path, settings) -> None:
        self.folder = folder
        self._prefix = f"{code_fingerprint()}\0{settings_fingerprint(settings)}\0"
        self._write_failed = False

    def key(self, path: str, text: str) -> str:
        digest = hashlib.sha256(self._prefix.encode("utf-8"))
        digest.update(path.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """FileResult's fields, or None for a miss.

        A hit also needs each project module the file imported to be
        unchanged: their texts are read and compared with the entry's hashes.
        """
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("key") != key:
                return None
            imported = {}
            for path, digest in data["imported"].items():
                text = sources.read_text(Path(path))
                if _digest(text) != digest:
                    return None
                imported[path] = text
            return {
                "imported": imported,
                "findings": [_decode(item, Finding) for item in data["findings"]],
                "error": _decode(data["error"], FileError)
                if data["error"] is not None
                else None,
                "probe_targets": [_decode(item) for item in data["probe_targets"]],
                "saved_models": [_decode(item) for item in data["saved_models"]],
                "loaded_uses": [_decode(item) for item in data["loaded_uses"]],
            }
        except Exception as error:  # a corrupt or stale entry is only a miss
            if not isinstance(error, (FileNotFoundError, sources.ReadError)):
                logger.debug("ignoring the cache entry %s: %r", key, error)
            return None

    def put(self, key: str, result) -> None:
        """Store a FileResult's findings, error, probe targets and imports."""
        path = self._path(key)
        temporary = None
        try:
            imported = getattr(result, "imported", None) or {}
            text = json.dumps(
                {
                    "key": key,
                    "findings": [_encode(item) for item in result.findings],
                    "error": _encode(result.error),
                    "probe_targets": [_encode(i) for i in result.probe_targets],
                    "saved_models": [_encode(i) for i in result.saved_models],
                    "loaded_uses": [_encode(i) for i in result.loaded_uses],
                    "imported": {p: _digest(t) for p, t in imported.items()},
                },
                separators=(",", ":"),
            )
            from ferlint.cachedir import prepare

            prepare(path.parent)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except Exception as failure:  # never fail a run over the cache
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
            level = logging.DEBUG if self._write_failed else logging.WARNING
            self._write_failed = True
            logger.log(level, "could not write the cache %s: %s", path, failure)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _classes() -> dict[str, type]:
    classes: dict[str, type] = {
        cls.__name__: cls
        for cls in (Edit, FileError, Finding, Fix, ProbeResult, Related, Span)
    }
    try:
        from ferlint import probe

        for name in ("ProbeTarget", "BatchSpec", "StaticModel"):
            cls = getattr(probe, name, None)
            if cls is not None:
                classes[name] = cls
    except ImportError:  # pragma: no cover - the probe package is part of ferlint
        pass
    from ferlint import linking

    for cls in (
        linking.Place,
        linking.ImageSummary,
        linking.SavedModel,
        linking.LoadedUse,
    ):
        classes[cls.__name__] = cls
    return classes


_CLASSES = _classes()


def _encode(value):
    """Plain data to JSON-ready values; only known dataclasses are allowed."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and type(value).__name__ in _CLASSES:
        return {
            "@": type(value).__name__,
            **{
                field.name: _encode(getattr(value, field.name))
                for field in dataclasses.fields(value)
            },
        }
    if isinstance(value, tuple):
        return {"@": "tuple", "items": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"@": "dict", "items": {k: _encode(item) for k, item in value.items()}}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(value, expected: type | None = None):
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("@")
    if kind == "tuple":
        return tuple(_decode(item) for item in value["items"])
    if kind == "dict":
        return {key: _decode(item) for key, item in value["items"].items()}
    cls = _CLASSES[kind]
    if expected is not None and cls is not expected:
        raise TypeError(f"expected a {expected.__name__}, found a {kind}")
    fields = {name: _decode(item) for name, item in value.items() if name != "@"}
    return cls(**fields)
