"""Helpers for tests that write training scripts inline."""

from __future__ import annotations

import textwrap

import pytest


def script(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def line_of(source: str, needle: str) -> int:
    """The 1-based line holding `needle`, which must occur on exactly one line."""
    lines = [n for n, text in enumerate(source.splitlines(), 1) if needle in text]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}, not on exactly one"
    return lines[0]


def silent(case_id, source, *, marks=()):
    """A correct script that must produce no finding."""
    return pytest.param(script(source), id=case_id, marks=marks)
