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

An entry is a JSON array: the key, the imported modules' hashes, then the
result's fields. Every JSON object in it is a tagged value (`"@"` names a
dataclass, a tuple or a dict), so that a warm run builds the findings as the
JSON is read, and anything else in an entry makes it a miss.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import logging
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import get_args

from ferlint import __version__, sources
from ferlint.findings import (
    Applicability,
    Edit,
    FileError,
    Finding,
    Fix,
    ProbeResult,
    ProbeStatus,
    Related,
    Span,
)
from ferlint.rules import RULES

logger = logging.getLogger(__name__)

FORMAT = 3

# The result's fields, in an entry's order after the key and the imports.
_FIELDS = ("findings", "error", "probe_targets", "saved_models", "loaded_uses")


def default_folder(root: Path | None) -> Path:
    return (root or Path.cwd()) / ".ferlint_cache" / "static"


@cache
def code_fingerprint() -> str:
    """ferlint's version, its source files' sizes and times, Python and libcst."""
    package = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256()
    digest.update(f"{__version__} {FORMAT} {sys.version_info[:2]}".encode())
    digest.update(_libcst_version().encode())
    for relative, status in sorted(_python_files(package)):
        digest.update(f"{relative} {status.st_size} {status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _python_files(folder: str, prefix: str = ""):
    """(relative path, stat) of every .py file below `folder`."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    yield from _python_files(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py"):
                yield prefix + entry.name, entry.stat()
        except OSError:
            continue


def _libcst_version() -> str:
    """Where the libcst that imports would find is, and its `_version.py`'s
    size and time (a reinstall rewrites it), found without importing libcst
    or importlib.metadata, and without opening anything."""
    from importlib.util import find_spec

    try:
        spec = find_spec("libcst")
        if spec is None or spec.origin is None:
            return ""
        version = os.path.join(os.path.dirname(spec.origin), "_version.py")
        status = os.stat(version)
    except (ImportError, ValueError, OSError):
        return ""
    return f"{version} {status.st_size} {status.st_mtime_ns}"


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
        self._where = str(folder)
        self._prefix = f"{code_fingerprint()}\0{settings_fingerprint(settings)}\0"
        self._write_failed = False

    def key(self, path: str, text: str) -> str:
        digest = hashlib.sha256(self._prefix.encode("utf-8"))
        digest.update(path.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self._where, key[:2], f"{key}.json")

    def get(self, key: str) -> dict | None:
        """FileResult's fields, or None for a miss.

        A hit also needs each project module the file imported to be
        unchanged: their texts are read and compared with the entry's hashes.
        """
        try:
            with open(self._path(key), "rb") as stream:
                data = _DECODER.decode(stream.read().decode("utf-8"))
            found_key, imported_hashes, *values = data
            if found_key != key or len(values) != len(_FIELDS):
                return None
            result = dict(zip(_FIELDS, values, strict=True))
            if not _well_formed(result):
                return None
            imported = {}
            for path, digest in imported_hashes:
                text = sources.read_text(Path(path))
                if _digest(text) != digest:
                    return None
                imported[path] = text
            result["imported"] = imported
            return result
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
                [
                    key,
                    [[p, _digest(t)] for p, t in imported.items()],
                    *(_encode(getattr(result, name)) for name in _FIELDS),
                ],
                separators=(",", ":"),
            )
            from ferlint.cachedir import prepare

            folder = os.path.dirname(path)
            prepare(Path(folder))
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
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


def _well_formed(result: dict) -> bool:
    """Whether an entry's values have the kinds a FileResult's fields have."""
    lists = ("findings", "probe_targets", "saved_models", "loaded_uses")
    if not all(isinstance(result[name], list) for name in lists):
        return False
    if result["error"] is not None and type(result["error"]) is not FileError:
        return False
    return all(type(finding) is Finding for finding in result["findings"])


# The dataclasses an entry may hold, by name; the probe's and the linking's
# are looked up when an entry holds one (a run without them does not import
# their modules).
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (Edit, FileError, Finding, Fix, ProbeResult, Related, Span)
}
_MODULE_OF = dict.fromkeys(("ProbeTarget", "BatchSpec", "StaticModel"), "probe")
_MODULE_OF |= dict.fromkeys(
    ("Place", "ImageSummary", "SavedModel", "LoadedUse"), "linking"
)
_SHAPES: dict[type, tuple[frozenset[str], bool]] = {}


def _class(name: str) -> type:
    cls = _CLASSES.get(name)
    if cls is not None:
        return cls
    if name not in _MODULE_OF:
        raise TypeError(f"not a cached kind: {name!r}")
    module = importlib.import_module(f"ferlint.{_MODULE_OF[name]}")
    cls = _CLASSES[name] = getattr(module, name)
    return cls


def _shape(cls: type) -> tuple[frozenset[str], bool]:
    """A dataclass's field names, and whether its __init__ only sets them."""
    shape = _SHAPES.get(cls)
    if shape is None:
        fields = dataclasses.fields(cls)
        plain = (
            not hasattr(cls, "__post_init__")
            and not hasattr(cls, "__slots__")
            and all(field.init for field in fields)
        )
        shape = _SHAPES[cls] = (frozenset(f.name for f in fields), plain)
    return shape


def _encode(value):
    """Plain data to JSON-ready values; only known dataclasses are allowed."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if (name in _CLASSES or name in _MODULE_OF) and _class(name) is type(value):
            fields = dataclasses.fields(value)
            return {"@": name} | {
                field.name: _encode(getattr(value, field.name)) for field in fields
            }
    if isinstance(value, tuple):
        return {"@": "tuple", "items": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        # As pairs: a dict's own keys never meet the decoder's tags.
        pairs = [[key, _encode(item)] for key, item in value.items()]
        return {"@": "dict", "items": pairs}
    raise TypeError(f"cannot cache a {type(value).__name__}")


_new = object.__new__


def _int(value) -> bool:
    return type(value) is int


def _cell(value) -> bool:
    return value is None or type(value) is int


def _all(items, cls: type) -> bool:
    return type(items) is tuple and all(type(item) is cls for item in items)


def _valid_finding(v: dict) -> bool:
    return (
        v["code"] in RULES
        and type(v["path"]) is str
        and type(v["span"]) is Span
        and type(v["message"]) is str
        and type(v["fix"]) is Fix
        and _all(v["related"], Related)
        and type(v["probe"]) is ProbeResult
        and _cell(v["cell"])
    )


# What the report's own values must hold, so that an entry edited by hand
# (a code that is no rule, a line that is a string) is a miss, not a crash
# while the report is written. Inner values come first, so each class checks
# only its own fields.
_APPLICABILITIES = frozenset(get_args(Applicability))
_STATUSES = frozenset(get_args(ProbeStatus))
_VALID = {
    "Span": lambda v: all(
        _int(v[k]) for k in ("line", "column", "end_line", "end_column")
    ),
    "Edit": lambda v: (
        type(v["span"]) is Span and type(v["replacement"]) is str and _cell(v["cell"])
    ),
    "Fix": lambda v: (
        type(v["description"]) is str
        and v["applicability"] in _APPLICABILITIES
        and _all(v["edits"], Edit)
    ),
    "Related": lambda v: (
        type(v["path"]) is str
        and type(v["span"]) is Span
        and type(v["message"]) is str
        and _cell(v["cell"])
    ),
    "ProbeResult": lambda v: (
        v["status"] in _STATUSES
        and (v["evidence"] is None or type(v["evidence"]) is str)
    ),
    "Finding": _valid_finding,
    "FileError": lambda v: type(v["path"]) is str and type(v["reason"]) is str,
}


def _decoded(value: dict):
    """A JSON object of an entry as the value it stands for (json's object_hook:
    inner objects come first, so the fields are decoded already)."""
    kind = value.pop("@")
    if kind == "tuple" or kind == "dict":
        items = value.pop("items")
        if value:
            raise TypeError(f"a {kind} with more than its items")
        return tuple(items) if kind == "tuple" else dict(items)
    cls = _class(kind)
    names, plain = _shape(cls)
    if value.keys() != names:
        raise TypeError(f"a {kind} with the fields {sorted(value)}")
    valid = _VALID.get(kind)
    if valid is not None and not valid(value):
        raise TypeError(f"a {kind} with values of other kinds")
    if not plain:
        return cls(**value)
    # The fields as the dataclass's __init__ sets them, without its per-field
    # object.__setattr__ (the classes are frozen).
    made = _new(cls)
    made.__dict__.update(value)
    return made


# Made once: json.loads with an object_hook makes a decoder per call.
_DECODER = json.JSONDecoder(object_hook=_decoded)
