"""The analyzer under fuzzing: generated programs (hypothesmith), and the
fixtures mutated (variables renamed, statements reordered, sizes and losses
swapped) and reformatted.

Properties: the analyzer never raises; every finding's span (and each related
span) lies inside its file; findings do not depend on formatting (the same
codes at the same text); mutations behave as they should.

The default run is a few thousand examples in about a minute. With
FERLINT_LONG_TESTS=1 every property runs twenty times as many.
"""

from __future__ import annotations

import builtins
import keyword
import os
import re
import subprocess
import sys
import warnings
from collections import Counter
from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ferlint.api import Settings, analyze
from ferlint.findings import Span

# hypothesmith compiles what it generates: `1()` and the like warn.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted((REPO / "fixtures").glob("*.py"))
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in FIXTURES}
NAMES = sorted(TEXTS)

LONG = os.environ.get("FERLINT_LONG_TESTS") == "1"
settings.register_profile(
    "ferlint-fuzz",
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
settings.register_profile(
    "ferlint-fuzz-long", settings.get_profile("ferlint-fuzz"), deadline=None
)
_PROFILE = settings.get_profile("ferlint-fuzz-long" if LONG else "ferlint-fuzz")


def fuzz(examples: int):
    """The profile, with `examples` in CI and twenty times as many in the long run."""
    return settings(_PROFILE, max_examples=examples * (20 if LONG else 1))


STATIC = Settings(probe=False)
HEADERS = (
    "import keras\n",
    "import tensorflow as tf\n",
    "from tensorflow import keras\n",
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def run(text: str, path: str = "fuzzed.py"):
    """analyze() with warnings silenced; it must not raise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analyze(text, path, STATIC)


def lines_of(text: str) -> list[str]:
    """The file's lines as libcst counts them (not str.splitlines: no \\x0c)."""
    return _LINE_BREAK.split(text)


def assert_inside(span: Span, lines: list[str], what: str) -> None:
    assert 1 <= span.line <= span.end_line <= len(lines), (what, span, len(lines))
    assert 1 <= span.column <= len(lines[span.line - 1]) + 1, (what, span)
    assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, (what, span)
    if span.line == span.end_line:
        assert span.column <= span.end_column, (what, span)


def assert_well_formed(text: str, result) -> None:
    lines = lines_of(text)
    if result.error is not None:
        assert result.error.reason and not result.findings
    for finding in result.findings:
        assert_inside(finding.span, lines, finding.code)
        for related in finding.related:
            if related.path == finding.path:
                assert_inside(related.span, lines, f"{finding.code} related")


def text_at(text: str, span: Span) -> str:
    lines = lines_of(text)
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :]]
    parts += lines[span.line : span.end_line - 1]
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def normalized(fragment: str) -> str:
    """A span's text, blind to layout: whitespace, quotes, trailing commas."""
    fragment = re.sub(r"#[^\n]*", "", fragment)
    fragment = re.sub(r"\s+", "", fragment).replace("'", '"')
    return re.sub(r",([)\]}])", r"\1", fragment)


def signature(text: str, result) -> Counter:
    return Counter((f.code, normalized(text_at(text, f.span))) for f in result.findings)


def codes(result) -> Counter:
    return Counter(f.code for f in result.findings)


BASELINE = {name: run(text, name) for name, text in TEXTS.items()}


def test_fixtures_are_well_formed_and_have_findings():
    for name, text in TEXTS.items():
        assert BASELINE[name].error is None, name
        assert_well_formed(text, BASELINE[name])
    assert sum(len(result.findings) for result in BASELINE.values()) >= 20


# ---------------------------------------------------------------------------
# generated programs
# ---------------------------------------------------------------------------


@fuzz(500)
@given(hypothesmith.from_grammar(), st.sampled_from(HEADERS))
def test_generated_programs_never_raise(program, header):
    text = header + program
    assert_well_formed(text, run(text))


@fuzz(300)
@given(hypothesmith.from_grammar(), st.sampled_from(HEADERS), st.data())
def test_broken_programs_give_fer000_inside_the_file(program, header, data):
    """A program cut short, or with a character dropped: FER000 or nothing."""
    text = header + program
    cut = data.draw(st.integers(len(header), len(text)))
    if data.draw(st.booleans()):
        text = text[:cut]
    else:
        text = text[:cut] + text[cut + 1 :]
    result = run(text)
    assert_well_formed(text, result)


@fuzz(40)
@given(hypothesmith.from_node(), st.sampled_from(HEADERS))
def test_generated_syntax_trees_never_raise(program, header):
    text = header + program
    assert_well_formed(text, run(text))


# ---------------------------------------------------------------------------
# fixtures, mutated
# ---------------------------------------------------------------------------


def statements(text: str) -> list[str]:
    module = cst.parse_module(text)
    return [module.code_for_node(statement) for statement in module.body]


@fuzz(300)
@given(st.sampled_from(NAMES), st.data())
def test_reordered_and_dropped_statements_never_raise(name, data):
    parts = statements(TEXTS[name])
    chosen = data.draw(st.lists(st.sampled_from(range(len(parts))), max_size=60))
    order = data.draw(st.permutations(chosen))
    text = "".join(parts[index] for index in order)
    assert_well_formed(text, run(text))


@fuzz(150)
@given(st.sampled_from(NAMES), st.sampled_from(NAMES), st.data())
def test_spliced_fixtures_never_raise(first, second, data):
    """The front of one training script glued to the back of another."""
    a, b = statements(TEXTS[first]), statements(TEXTS[second])
    cut_a = data.draw(st.integers(0, len(a)))
    cut_b = data.draw(st.integers(0, len(b)))
    text = "".join(a[:cut_a] + b[cut_b:])
    assert_well_formed(text, run(text))


def test_reordering_imports_changes_nothing():
    for name, text in TEXTS.items():
        parts = statements(text)
        imports = [p for p in parts if p.lstrip().startswith(("import ", "from "))]
        rest = [p for p in parts if p not in imports]
        if "__future__" in text or len(imports) < 2:
            continue
        reordered = "".join(list(reversed(imports)) + rest)
        assert codes(run(reordered, name)) == codes(BASELINE[name]), name


class _Identifiers(cst.CSTVisitor):
    """Names that are plain variables: never an attribute, keyword, parameter
    or import, so renaming every Name node that holds them is a safe rename."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.unsafe: set[str] = set(dir(builtins)) | set(keyword.kwlist)

    def visit_Name(self, node: cst.Name) -> None:
        self.seen.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.unsafe.add(node.attr.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.unsafe.add(node.keyword.value)

    def visit_Param(self, node: cst.Param) -> None:
        self.unsafe.add(node.name.value)

    def visit_Import(self, node: cst.Import) -> None:
        self._imported(node.names)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is not None:  # `from keras.layers import ...`
            module = cst.Module([]).code_for_node(node.module)
            self.unsafe.update(part.strip() for part in module.split("."))
        if not isinstance(node.names, cst.ImportStar):
            self._imported(node.names)

    def _imported(self, aliases) -> None:
        for alias in aliases:
            targets = [alias.name] + ([alias.asname.name] if alias.asname else [])
            for target in targets:
                for part in cst.Module([]).code_for_node(target).split("."):
                    self.unsafe.add(part.strip())

    def renamable(self) -> list[str]:
        return sorted(
            name for name in self.seen - self.unsafe if not name.startswith("__")
        )


class _Rename(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return (
            updated.with_changes(value=self.new)
            if updated.value == self.old
            else updated
        )


def renamable(text: str) -> list[str]:
    visitor = _Identifiers()
    cst.parse_module(text).visit(visitor)
    return visitor.renamable()


RENAMABLE = {name: renamable(text) for name, text in TEXTS.items()}
FRESH = st.from_regex(r"\A[a-z][a-z0-9_]{0,12}\Z").map(lambda word: f"r_{word}")


@fuzz(300)
@given(st.sampled_from([n for n in NAMES if RENAMABLE[n]]), st.data(), FRESH)
def test_renaming_a_variable_gives_the_same_findings(name, data, new):
    text = TEXTS[name]
    old = data.draw(st.sampled_from(RENAMABLE[name]))
    assume(re.search(rf"\b{re.escape(new)}\b", text) is None)
    renamed = cst.parse_module(text).visit(_Rename(old, new)).code
    result = run(renamed, name)
    assert_well_formed(renamed, result)
    before = sorted((f.code, f.span.line) for f in BASELINE[name].findings)
    after = sorted((f.code, f.span.line) for f in result.findings)
    assert after == before, (old, new)


class _SwapIntegers(cst.CSTTransformer):
    def __init__(self, a: int, b: int) -> None:
        self.swap = {a: b, b: a}

    def leave_Integer(self, original, updated: cst.Integer) -> cst.Integer:
        try:
            value = int(updated.value, 0)
        except ValueError:
            return updated
        if value in self.swap:
            return updated.with_changes(value=str(self.swap[value]))
        return updated


def sizes(text: str) -> list[int]:
    """The integers of the file that may be image sizes."""
    found = {int(m) for m in re.findall(r"\b(\d{2,4})\b", text)}
    return sorted(value for value in found if 16 <= value <= 1024)


@fuzz(300)
@given(st.sampled_from([n for n in NAMES if len(sizes(TEXTS[n])) >= 2]), st.data())
def test_swapping_sizes_never_raises(name, data):
    text = TEXTS[name]
    a, b = data.draw(
        st.lists(st.sampled_from(sizes(text)), min_size=2, max_size=2, unique=True)
    )
    swapped = cst.parse_module(text).visit(_SwapIntegers(a, b)).code
    assert_well_formed(swapped, run(swapped, name))


@pytest.mark.parametrize(
    "name, a, b, code",
    [
        ("ckplus_cv2_resize_64_into_48.py", 64, 48, "FER001"),
        ("resnet50_load_img_128_into_224.py", 128, 224, "FER001"),
        ("jaffe_cv2_resize_hw_swapped.py", 64, 48, "FER002"),
        ("pil_resize_hw_swapped_rgb.py", 120, 100, "FER002"),
    ],
)
def test_swapping_the_two_sizes_keeps_the_mismatch(name, a, b, code):
    text = TEXTS[name]
    assert code in codes(BASELINE[name])
    swapped = cst.parse_module(text).visit(_SwapIntegers(a, b)).code
    assert swapped != text
    assert codes(run(swapped, name)) == codes(BASELINE[name])


_LOSSES = {
    "sparse_categorical_crossentropy": "categorical_crossentropy",
    "categorical_crossentropy": "sparse_categorical_crossentropy",
    "SparseCategoricalCrossentropy": "CategoricalCrossentropy",
    "CategoricalCrossentropy": "SparseCategoricalCrossentropy",
}
_LOSS = re.compile(r"\b(" + "|".join(sorted(_LOSSES, key=len, reverse=True)) + r")\b")


def swap_losses(text: str) -> str:
    return _LOSS.sub(lambda match: _LOSSES[match[1]], text)


def loss_kinds(text: str) -> set[str]:
    return {
        "sparse" if match[1].lower().startswith("sparse") else "categorical"
        for match in _LOSS.finditer(text)
    }


LABEL_CODES = {"FER009", "FER010", "FER011", "FER012"}


@pytest.mark.parametrize(
    "name",
    [n for n in NAMES if len(loss_kinds(TEXTS[n])) == 1],
)
def test_swapping_the_loss_moves_the_label_findings(name):
    """categorical <-> sparse: FER009 (integer labels, categorical loss) and
    FER010 (one-hot labels, sparse loss) follow the loss; nothing else moves."""
    text = TEXTS[name]
    (kind,) = loss_kinds(text)
    before = codes(BASELINE[name])
    swapped = swap_losses(text)
    result = run(swapped, name)
    assert_well_formed(swapped, result)
    after = codes(result)
    assert {c: n for c, n in after.items() if c not in LABEL_CODES} == {
        c: n for c, n in before.items() if c not in LABEL_CODES
    }
    if kind == "categorical":  # now sparse
        assert "FER009" not in after
        if "FER009" in before:  # integer labels: right for the sparse loss
            assert "FER010" not in after
    else:  # sparse, now categorical
        assert "FER010" not in after
        if "FER010" not in before and "FER009" not in before:
            assert "FER009" in after, "integer labels now meet categorical"


# ---------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------


class _Layout(cst.CSTTransformer):
    """Blank lines and comments before chosen statements; quotes flipped."""

    def __init__(self, before: set[int], comment: bool, flip_quotes: bool) -> None:
        self.before, self.comment, self.flip_quotes = before, comment, flip_quotes
        self.count = 0

    def _pad(self, updated):
        self.count += 1
        if self.count not in self.before:
            return updated
        extra = [cst.EmptyLine()]
        if self.comment:
            extra.append(cst.EmptyLine(comment=cst.Comment(f"# fuzz {self.count}")))
        return updated.with_changes(leading_lines=[*extra, *updated.leading_lines])

    def leave_SimpleStatementLine(self, original, updated):
        return self._pad(updated)

    def leave_If(self, original, updated):
        return self._pad(updated)

    def leave_For(self, original, updated):
        return self._pad(updated)

    def leave_FunctionDef(self, original, updated):
        return self._pad(updated)

    def leave_SimpleString(self, original, updated: cst.SimpleString):
        if not self.flip_quotes:
            return updated
        value = updated.value
        prefix = value[: len(value) - len(value.lstrip("rRbBuU"))]
        body = value[len(prefix) :]
        if body[:3] in ('"""', "'''") or "\\" in body:
            return updated
        inner, quote = body[1:-1], body[0]
        other = "'" if quote == '"' else '"'
        if other in inner:
            return updated
        return updated.with_changes(value=f"{prefix}{other}{inner}{other}")


@fuzz(300)
@given(
    st.sampled_from(NAMES),
    st.sets(st.integers(1, 200), max_size=40),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, "  ", "\t", "        ", "   "]),
)
def test_findings_do_not_depend_on_layout(name, before, comment, flip, indent):
    module = cst.parse_module(TEXTS[name]).visit(_Layout(before, comment, flip))
    if indent is not None:
        module = module.with_changes(default_indent=indent)
    text = module.code
    result = run(text, name)
    assert_well_formed(text, result)
    assert signature(text, result) == signature(TEXTS[name], BASELINE[name])


@pytest.mark.parametrize("name", NAMES)
def test_findings_survive_ruff_format(name):
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--line-length", "60", "-"],
        input=TEXTS[name],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout
    result = run(text, name)
    assert_well_formed(text, result)
    assert signature(text, result) == signature(TEXTS[name], BASELINE[name])
