from ferlint.findings import FileError, Finding, Fix, ProbeResult, Report, Span
from ferlint.render.github import escape_data, escape_property, render_github


def finding(code="FER001", path="train.py", message="64x64 images, 48x48 model", **kw):
    span = kw.pop("span", Span(12, 9, 12, 33))
    return Finding(code, path, span, message, Fix("none"), **kw)


def test_one_error_command_per_finding():
    output = render_github(Report(findings=[finding()]))
    assert output == (
        "::error file=train.py,line=12,col=9,endLine=12,endColumn=32,"
        "title=FER001 resize-size-mismatch::64x64 images, 48x48 model\n"
    )


def test_warnings_use_the_warning_command():
    output = render_github(Report(findings=[finding("FER006", message="0..255")]))
    assert output.startswith("::warning file=train.py,line=12,")
    assert "title=FER006 missing-normalization::0..255" in output


def test_message_escaping():
    message = "100% of pixels\r\nare 0..255: scale them, then retrain"
    output = render_github(Report(findings=[finding(message=message)]))
    assert output.endswith(
        "::100%25 of pixels%0D%0Aare 0..255: scale them, then retrain\n"
    )
    assert output.count("\n") == 1


def test_property_escaping():
    output = render_github(Report(findings=[finding(path="runs/a,b:c%.py")]))
    assert "file=runs/a%2Cb%3Ac%25.py," in output
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"


def test_multiline_span_keeps_its_end():
    span = Span(3, 5, 9, 2)
    output = render_github(Report(findings=[finding(span=span)]))
    assert "line=3,col=5,endLine=9,endColumn=1," in output


def test_notebook_findings_name_the_cell_instead_of_a_line():
    output = render_github(
        Report(findings=[finding(path="eda.ipynb", span=Span(4, 1, 4, 9), cell=2)])
    )
    assert output == (
        "::error file=eda.ipynb,title=FER001 resize-size-mismatch"
        "::cell 2, line 4: 64x64 images, 48x48 model\n"
    )


def test_file_errors_and_order():
    report = Report(
        findings=[finding(path="b.py"), finding("FER009", path="a.py")],
        errors=[FileError("c.ipynb", "not valid JSON: line 1")],
    )
    lines = render_github(report).splitlines()
    assert [line.split(",")[0] for line in lines] == [
        "::error file=a.py",
        "::error file=b.py",
        "::error file=c.ipynb::could not check: not valid JSON: line 1",
    ]


def test_refuted_findings_are_left_out_unless_asked():
    report = Report(findings=[finding(probe=ProbeResult("refuted", "input is 64"))])
    assert render_github(report) == ""
    assert render_github(report, show_refuted=True).startswith("::error ")
