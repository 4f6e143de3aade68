"""The `.ferlint_cache` folder: created on first use, ignored by git and backups."""

from __future__ import annotations

from pathlib import Path

CACHE_FOLDER = ".ferlint_cache"

_GITIGNORE = "# Created by ferlint: nothing here belongs in version control.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by ferlint.\n"
)


def prepare(folder: Path) -> None:
    """Create `folder` and, in the `.ferlint_cache` above it, the files that keep
    git and backup tools out of it. Raises OSError like mkdir."""
    folder.mkdir(parents=True, exist_ok=True)
    root = next((p for p in (folder, *folder.parents) if p.name == CACHE_FOLDER), None)
    if root is None:
        return
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        marker = root / name
        if not marker.exists():
            marker.write_text(text, encoding="utf-8")
