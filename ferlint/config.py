"""Settings from `ferlint.toml` or the `[tool.ferlint]` table of `pyproject.toml`.

The nearest configuration wins, walking up from the folder being checked. In one
folder `ferlint.toml` (top-level keys) takes precedence over `pyproject.toml`, and a
`pyproject.toml` without a `[tool.ferlint]` table does not count. Keys are
kebab-case, as written in the file:

    [tool.ferlint]
    select = ["FER0"]
    ignore = ["FER005"]
    per-file-ignores = {"notebooks/*.ipynb" = ["FER008"]}
    extend-exclude = ["legacy/"]
    probe = true
    probe-timeout = 60
    fail-on = ["error"]

Patterns in `per-file-ignores`, `exclude` and `extend-exclude` are relative to the
folder of the configuration file (`Config.source`).
"""

from __future__ import annotations

import fnmatch
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ferlint.rules import RULES, matches

logger = logging.getLogger(__name__)

FERLINT_TOML = "ferlint.toml"
PYPROJECT_TOML = "pyproject.toml"
SEVERITIES = ("error", "warning")
KEYS = (
    "select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "probe",
    "probe-timeout",
    "fail-on",
)


class ConfigError(Exception):
    """A configuration file that cannot be used; the message says why."""


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    # glob pattern -> codes or prefixes ignored in the files it matches
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    # None keeps the default excludes; a list replaces them
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    probe: bool = True
    probe_timeout: float = 60.0
    # severities whose findings make the exit code 1
    fail_on: list[str] = field(default_factory=lambda: list(SEVERITIES))
    # the file the settings were read from, None for the defaults
    source: Path | None = None

    @property
    def root(self) -> Path | None:
        """The folder that relative patterns are resolved against."""
        return self.source.parent if self.source else None

    def selects(self, code: str) -> bool:
        """Whether `code` is enabled by select/ignore; the longer prefix wins."""
        selected = _longest_match(code, self.select) if self.select is not None else 0
        if self.select is not None and selected == 0:
            return False
        return _longest_match(code, self.ignore) < max(selected, 1)

    def fails_on(self, severity: str) -> bool:
        return severity in self.fail_on


def _longest_match(code: str, patterns: list[str]) -> int:
    lengths = [len(p) for p in patterns if matches(code, [p])]
    return max(lengths, default=0)


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The settings for checking `start` (a file or folder), or the defaults.

    `explicit` is a file given with --config: it is read even when it has no
    settings, and it must exist.
    """
    if explicit is not None:
        return _read_explicit(Path(explicit))
    for folder in _folders_up(Path(start)):
        config = _read_folder(folder)
        if config is not None:
            return config
    return Config()


def _folders_up(start: Path):
    start = start.resolve()
    if not start.is_dir():
        start = start.parent
    yield start
    yield from start.parents


def _read_folder(folder: Path) -> Config | None:
    ferlint_toml = folder / FERLINT_TOML
    if ferlint_toml.is_file():
        return _config_from(ferlint_toml, _load_toml(ferlint_toml), None)
    pyproject = folder / PYPROJECT_TOML
    if pyproject.is_file():
        table = _ferlint_table(pyproject, _load_toml(pyproject))
        if table is not None:
            return _config_from(pyproject, table, "[tool.ferlint]")
    return None


def _read_explicit(path: Path) -> Config:
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    document = _load_toml(path)
    if path.name == PYPROJECT_TOML:
        table = _ferlint_table(path, document)
        if table is None:
            logger.info("%s has no [tool.ferlint] table; using defaults", path)
            return Config(source=path.resolve())
        return _config_from(path, table, "[tool.ferlint]")
    return _config_from(path, document, None)


def _load_toml(path: Path) -> dict[str, Any]:
    # Imported here: most runs find no configuration to read.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from error


def _ferlint_table(path: Path, document: dict[str, Any]) -> dict[str, Any] | None:
    tool = document.get("tool")
    if not isinstance(tool, dict) or "ferlint" not in tool:
        return None
    table = tool["ferlint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.ferlint] must be a table")
    return table


def _config_from(path: Path, table: dict[str, Any], section: str | None) -> Config:
    reader = _TableReader(path, section)
    for key in table:
        reader.check_known(key)
    config = Config(source=path.resolve())
    if "select" in table:
        config.select = reader.codes("select", table["select"])
    config.ignore = reader.codes("ignore", table.get("ignore", []))
    config.per_file_ignores = reader.per_file_ignores(table.get("per-file-ignores", {}))
    if "exclude" in table:
        config.exclude = reader.strings("exclude", table["exclude"])
    config.extend_exclude = reader.strings(
        "extend-exclude", table.get("extend-exclude", [])
    )
    config.probe = reader.boolean("probe", table.get("probe", True))
    config.probe_timeout = reader.timeout(table.get("probe-timeout", 60.0))
    config.fail_on = reader.severities(table.get("fail-on", list(SEVERITIES)))
    return config


class _TableReader:
    """Checks the values of one settings table and words the errors."""

    def __init__(self, path: Path, section: str | None) -> None:
        self.path = path
        self.section = section

    def fail(self, key: str, problem: str) -> ConfigError:
        where = f"{self.section} {key}" if self.section else key
        return ConfigError(f"{self.path}: {where}: {problem}")

    def check_known(self, key: str) -> None:
        if key in KEYS:
            return
        import difflib  # only for a mistake

        where = f" in {self.section}" if self.section else ""
        close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ConfigError(
            f"{self.path}: unknown key '{key}'{where}{hint}; allowed: {', '.join(KEYS)}"
        )

    def strings(self, key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"expected a list of strings, got {value!r}")
        return list(value)

    def codes(self, key: str, value: Any) -> list[str]:
        codes = [code.strip().upper() for code in self.strings(key, value)]
        for code in codes:
            if not _is_known_code(code):
                raise self.fail(
                    key,
                    f"'{code}' is not a ferlint code or a prefix of one "
                    f"(known: {', '.join(RULES)}; prefixes such as FER or FER00)",
                )
        return codes

    def per_file_ignores(self, value: Any) -> dict[str, list[str]]:
        key = "per-file-ignores"
        if not isinstance(value, dict):
            raise self.fail(key, "expected a table of glob pattern = [codes]")
        return {
            pattern: self.codes(f"{key} '{pattern}'", codes)
            for pattern, codes in value.items()
        }

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def timeout(self, value: Any) -> float:
        key = "probe-timeout"
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not number or value <= 0:
            raise self.fail(key, f"expected a number of seconds above 0, got {value!r}")
        return float(value)

    def severities(self, value: Any) -> list[str]:
        key = "fail-on"
        values = [value] if isinstance(value, str) else self.strings(key, value)
        for severity in values:
            if severity not in SEVERITIES:
                raise self.fail(
                    key, f"'{severity}' is not a severity; use 'error' or 'warning'"
                )
        return list(values)


def _is_known_code(code: str) -> bool:
    return len(code) >= 3 and any(known.startswith(code) for known in RULES)


def codes_for_file(config: Config, relative_path: str | Path) -> list[str]:
    """The codes and prefixes that per-file-ignores ignore in this file.

    `relative_path` is relative to the configuration's folder. A pattern matches
    the whole posix path or the file's name; `**/` at its start also matches files
    at the top.
    """
    posix = PurePosixPath(Path(relative_path).as_posix())
    codes: list[str] = []
    for pattern, ignored in config.per_file_ignores.items():
        if _pattern_matches(pattern, posix):
            codes.extend(code for code in ignored if code not in codes)
    return codes


def _pattern_matches(pattern: str, path: PurePosixPath) -> bool:
    pattern = pattern.removeprefix("./")
    if pattern.endswith("/"):
        pattern += "*"
    candidates = [pattern]
    if pattern.startswith("**/"):
        candidates.append(pattern[3:])
    text = str(path).removeprefix("./")
    return any(
        fnmatch.fnmatchcase(text, candidate)
        or fnmatch.fnmatchcase(path.name, candidate)
        for candidate in candidates
    )
