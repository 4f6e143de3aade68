"""Modules of the checked project that a script imports, found and parsed once.

`from data import load_faces` in a training script runs `data.py` in the
abstract too, so a pipeline split across modules is followed like one script.
Only files of the project are followed: an import that names an installed
library, or a module that is not there, stays an opaque reference.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

logger = logging.getLogger(__name__)

MAX_MODULE_BYTES = 1024 * 1024

# Never look for these on disk: a local file must not shadow a library, nor
# one of the standard library's modules.
_LIBRARIES = frozenset(
    {
        "keras",
        "tensorflow",
        "tf_keras",
        "numpy",
        "cv2",
        "PIL",
        "sklearn",
        "pandas",
        "matplotlib",
        "scipy",
        "skimage",
        "imageio",
        "torch",
        "tqdm",
        "seaborn",
    }
) | frozenset(sys.stdlib_module_names)


@dataclass
class LoadedModule:
    path: str
    text: str
    tree: cst.Module
    scope: object = None  # the interpreter's Scope once it has run


@dataclass
class Project:
    """Finds the modules a script imports, next to it or under the project roots."""

    roots: tuple[Path, ...] = ()
    loaded: dict[str, LoadedModule] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def find(self, name: str, level: int, importer: Path) -> Path | None:
        if not name and not level:
            return None
        if level == 0 and name.split(".")[0] in _LIBRARIES:
            return None
        bases = [importer.parent]
        if level:
            base = importer.parent
            for _ in range(level - 1):
                base = base.parent
            bases = [base]
        else:
            bases += [root for root in self.roots if root != importer.parent]
        relative = Path(*name.split(".")) if name else Path()
        for base in bases:
            for candidate in (
                base / relative.with_suffix(".py"),
                base / relative / "__init__.py",
            ):
                if (
                    name
                    and candidate.is_file()
                    and candidate.resolve() != importer.resolve()
                ):
                    return candidate
        return None

    def parse(self, path: Path) -> LoadedModule | None:
        key = str(path)
        if key in self.loaded:
            return self.loaded[key]
        if key in self.failed:
            return None
        try:
            if path.stat().st_size > MAX_MODULE_BYTES:
                raise OSError("too large")
            from ferlint.parsing import parse_module, python_rejects
            from ferlint.sources import decode, nesting_error

            text = decode(path.read_bytes())
            problem = nesting_error(text) or python_rejects(text)
            if problem is not None:  # importing it would fail: nothing to follow
                raise ValueError(str(problem))
            tree = parse_module(text)
        except Exception as error:  # an unreadable module is just not followed
            logger.debug("not following %s: %s", path, error)
            self.failed.add(key)
            return None
        module = LoadedModule(key, text, tree)
        self.loaded[key] = module
        return module
