"""The catalogue in one piece: README's rule table and the cache folder's markers."""

from __future__ import annotations

import re
from pathlib import Path

from ferlint.cachedir import prepare
from ferlint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_table_lists_every_rule_and_no_other():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| (FER\d{3}) \| ([a-z0-9-]+) \| (error|warning) \|", readme, re.M
    )
    assert {code: (name, severity) for code, name, severity in rows} == {
        rule.code: (rule.name, rule.severity) for rule in RULES.values()
    }


def test_the_cache_folder_keeps_itself_out_of_git(tmp_path):
    prepare(tmp_path / ".ferlint_cache" / "static" / "ab")
    cache = tmp_path / ".ferlint_cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: ")
    )
    assert (cache / "static" / "ab").is_dir()


def test_a_folder_outside_a_ferlint_cache_gets_no_markers(tmp_path):
    prepare(tmp_path / "elsewhere")
    assert not (tmp_path / "elsewhere" / ".gitignore").exists()
