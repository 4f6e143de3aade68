"""Lines and columns the way libcst counts them: lines end at \\n, \\r\\n or \\r
only (a form feed or U+2028 inside a line does not end it), columns count code
points from 0."""

from __future__ import annotations

import bisect

from libcst.metadata import CodePosition, CodeRange

from ferlint.lines import LINE_BREAK


def line_starts(text: str) -> list[int]:
    """The offset where each line starts, and the text's length last."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text)), len(text)]


class TextLines:
    """Offsets in a text turned into libcst's line and column numbers."""

    def __init__(self, text: str) -> None:
        self.starts = line_starts(text)[:-1]

    def position(self, offset: int) -> CodePosition:
        line = bisect.bisect_right(self.starts, offset)
        return CodePosition(line, offset - self.starts[line - 1])

    def code_range(self, start: int, end: int) -> CodeRange:
        return CodeRange(self.position(start), self.position(end))
