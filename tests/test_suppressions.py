import pytest

from ferlint.findings import Finding, Fix, Span
from ferlint.suppressions import Suppressions, parse_suppressions

FIT = "model.fit(x, y, epochs=30)"


@pytest.mark.parametrize(
    ("comment", "silenced", "kept"),
    [
        ("# noqa: FER001", {"FER001"}, {"FER003"}),
        ("# noqa: FER001, FER003", {"FER001", "FER003"}, {"FER006"}),
        ("# noqa:FER001 FER003", {"FER001", "FER003"}, {"FER006"}),
        ("# NOQA: fer001", {"FER001"}, {"FER003"}),
        ("#noqa:FER001,FER003", {"FER001", "FER003"}, {"FER005"}),
        ("# noqa: E501, FER006", {"FER006"}, {"FER001"}),
        ("# noqa: FER001 the model is resized later", {"FER001"}, {"FER002"}),
        ("# noqa: FER00", {"FER001", "FER009"}, set()),
        ("# noqa", {"FER001", "FER009"}, set()),
        ("# NoQA", {"FER006"}, set()),
        ("# type: ignore  # noqa: FER005", {"FER005"}, {"FER006"}),
    ],
)
def test_line_noqa_forms(comment, silenced, kept):
    suppressions = parse_suppressions(f"x = 1\n{FIT}  {comment}\n")
    for code in silenced:
        assert suppressions.suppresses(code, 2), code
        assert not suppressions.suppresses(code, 1), code
    for code in kept:
        assert not suppressions.suppresses(code, 2), code


def test_noqa_inside_a_string_does_not_count():
    source = 'note = "# noqa: FER001"\npath = """\n# noqa\n"""\n'
    suppressions = parse_suppressions(source)
    assert not suppressions.suppresses("FER001", 1)
    assert not suppressions.suppresses("FER001", 3)


def test_noqa_only_silences_its_own_line():
    source = "img = cv2.resize(img, (64, 64))  # noqa: FER001\n" + FIT + "\n"
    suppressions = parse_suppressions(source)
    assert suppressions.suppresses("FER001", 1)
    assert not suppressions.suppresses("FER001", 2)


def test_words_that_start_with_noqa_are_not_noqa():
    assert not parse_suppressions(FIT + "  # noqanotreally\n").suppresses("FER001", 1)


@pytest.mark.parametrize(
    "header",
    [
        "# ferlint: noqa\n",
        "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\n# FERLINT: NOQA\n",
        '"""Training script."""\n# ferlint: noqa\n',
        '# Copyright\n"""Training\nscript."""\n\n# ferlint:noqa\n',
    ],
)
def test_file_noqa_in_the_header_silences_everything(header):
    suppressions = parse_suppressions(header + "import cv2\n" + FIT + "\n")
    assert suppressions.suppresses("FER001", 100)
    assert suppressions.suppresses("FER009", 1)


def test_file_noqa_with_codes_silences_only_those():
    source = "# ferlint: noqa: FER005, FER008\nimport cv2\n" + FIT + "\n"
    suppressions = parse_suppressions(source)
    assert suppressions.suppresses("FER005", 3)
    assert suppressions.suppresses("FER008", 7)
    assert not suppressions.suppresses("FER001", 3)


def test_file_noqa_after_the_first_statement_does_not_count():
    source = "import cv2\n# ferlint: noqa\n" + FIT + "\n"
    assert not parse_suppressions(source).suppresses("FER001", 3)


def test_file_noqa_in_a_string_does_not_count():
    source = '"""\n# ferlint: noqa\n"""\n' + FIT + "\n"
    assert not parse_suppressions(source).suppresses("FER001", 4)


def test_untokenizable_source_has_no_suppressions():
    source = "# ferlint: noqa\nx = '''unterminated  # noqa\n"
    suppressions = parse_suppressions(source)
    assert suppressions == Suppressions()
    assert not suppressions.suppresses("FER000", 1)


def test_syntax_errors_that_tokenize_keep_their_noqa():
    source = "model.compile(optimizer=='adam')  # noqa: FER000\n"
    assert parse_suppressions(source).suppresses("FER000", 1)


def finding(code: str, line: int) -> Finding:
    return Finding(code, "train.py", Span(line, 1, line, 5), "message", Fix("none"))


def test_filter_drops_suppressed_findings():
    source = "a = 1  # noqa: FER001\nb = 2\n"
    kept = parse_suppressions(source).filter(
        [finding("FER001", 1), finding("FER003", 1), finding("FER001", 2)]
    )
    assert [(f.code, f.span.line) for f in kept] == [("FER003", 1), ("FER001", 2)]


def test_noqa_in_any_case_is_still_read():
    assert parse_suppressions("x = 1  # NoQa: FER001\n").suppresses("FER001", 1)
    assert not parse_suppressions("x = 1  # no-qa\n").suppresses("FER001", 1)
