"""Lines as Python ends them: at \\n, \\r\\n or \\r only. A form feed, a
vertical tab or U+2028 inside a line does not end it, as `str.splitlines`
would have it. (No libcst here: the report's renderers use this, and a warm
run must not import libcst.)"""

from __future__ import annotations

import re

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The text's lines, ended as Python ends them: `str.splitlines` also
    ends a line at a form feed, a vertical tab and other separators."""
    lines = text.split("\n") if "\r" not in text else LINE_BREAK.split(text)
    if lines[-1] == "":  # after a final line break, as splitlines has it
        lines.pop()
    return lines
