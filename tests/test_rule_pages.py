"""Every rule has a page in rules/, in the fixed shape, and its examples are true."""

import re
from pathlib import Path

import pytest

from ferlint.rules import RULES

PAGES = Path(__file__).resolve().parents[1] / "rules"
SECTIONS = [
    "What it finds",
    "Why it hurts training",
    "Example",
    "Corrected",
    "How the probe decides it",
    "Fix",
]
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def page(code: str) -> str:
    return (PAGES / f"{code}.md").read_text(encoding="utf-8")


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {
        title.strip(): body
        for title, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def example(code: str, section: str) -> str:
    blocks = PYTHON_BLOCK.findall(sections(page(code))[section])
    assert len(blocks) == 1, f"{code} {section}: expected one ```python block"
    return blocks[0]


def test_every_rule_has_a_page_and_every_page_a_rule():
    assert sorted(p.stem for p in PAGES.glob("*.md")) == sorted(RULES)


@pytest.mark.parametrize("code", RULES)
def test_title_names_code_and_rule(code):
    first_line = page(code).splitlines()[0]
    assert first_line == f"# {code} {RULES[code].name}"


@pytest.mark.parametrize("code", RULES)
def test_sections_are_exactly_the_fixed_ones(code):
    found = sections(page(code))
    assert list(found) == SECTIONS
    for title, body in found.items():
        assert body.strip(), f"{code}: section '{title}' is empty"


@pytest.mark.parametrize("code", RULES)
def test_fix_section_says_whether_it_is_safe(code):
    fix = sections(page(code))["Fix"]
    assert re.search(r"\*\*(safe|unsafe)\*\*|No automatic fix", fix)


@pytest.mark.parametrize("code", RULES)
def test_example_and_corrected_differ(code):
    assert example(code, "Example") != example(code, "Corrected")


@pytest.mark.parametrize("code", RULES)
def test_corrected_example_compiles(code):
    compile(example(code, "Corrected"), f"{code}-corrected.py", "exec")


def test_syntax_error_example_does_not_compile():
    with pytest.raises(SyntaxError):
        compile(example("FER000", "Example"), "FER000.py", "exec")


@pytest.mark.parametrize("code", RULES)
def test_example_fires_its_rule_and_nothing_else(code):
    from ferlint.api import check_source

    findings = check_source(example(code, "Example"), path=f"{code}-example.py")
    assert {finding.code for finding in findings} == {code}


@pytest.mark.parametrize("code", RULES)
def test_corrected_example_is_silent(code):
    from ferlint.api import check_source

    findings = check_source(example(code, "Corrected"), path=f"{code}-corrected.py")
    assert [(f.code, f.span.line, f.message) for f in findings] == []
