"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=train.py,line=12,col=9,endLine=12,endColumn=29,title=FER001 ...::msg

Findings in notebook cells carry no line (the lines of the .ipynb file are JSON,
not code); their message starts with the cell and the line in it instead.
"""

from __future__ import annotations

from ferlint.findings import FileError, Finding, Report
from ferlint.render import visible
from ferlint.render.sarif import relative_posix


def render_github(report: Report, *, show_refuted: bool = False) -> str:
    """Workflow commands for the findings and the files that could not be checked."""
    findings = sorted(report.counted(show_refuted), key=Finding.sort_key)
    commands = [_finding_command(finding) for finding in findings]
    commands += [_error_command(error) for error in report.errors]
    return "".join(command + "\n" for command in commands)


def escape_data(text: str) -> str:
    """A message as GitHub reads it: %, CR and LF escaped, other control
    characters shown as symbols."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def escape_property(text: str) -> str:
    """A property value: like a message, and also ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, properties: dict[str, object], message: str) -> str:
    fields = ",".join(
        f"{key}={escape_property(str(value))}" for key, value in properties.items()
    )
    return f"::{level} {fields}::{escape_data(message)}"


def _finding_command(finding: Finding) -> str:
    properties: dict[str, object] = {"file": relative_posix(finding.path)}
    message = finding.message
    if finding.cell is None:
        properties.update(_position(finding))
    else:
        message = f"cell {finding.cell}, line {finding.span.line}: {message}"
    properties["title"] = f"{finding.code} {finding.name}"
    return _command(finding.severity, properties, message)


def _position(finding: Finding) -> dict[str, int]:
    span = finding.span
    line = max(span.line, 1)
    column = max(span.column, 1)
    end_line = max(span.end_line, line)
    # Span ends are exclusive; GitHub's endColumn is the last column of the range.
    end_column = max(span.end_column - 1, 1)
    if end_line == line:
        end_column = max(end_column, column)
    return {
        "line": line,
        "col": column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _error_command(error: FileError) -> str:
    properties = {"file": relative_posix(error.path)}
    return _command("error", properties, f"could not check: {error.reason}")
