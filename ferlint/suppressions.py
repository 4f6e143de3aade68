"""`# noqa` comments that silence findings.

On a line: `# noqa` (every code), `# noqa: FER001`, `# noqa: FER001, FER003` or
`# noqa:FER001 FER003`, on the line a finding is reported at. `noqa` is matched in
any case; codes of other tools in the same comment are ignored. A code also
silences the codes it is a prefix of (`# noqa: FER00`).

For a whole file: a comment line `# ferlint: noqa` (every code) or
`# ferlint: noqa: FER005, FER008` in the file's header, the comments, blank lines
and docstring before its first statement.

Comments are read with `tokenize`, so `"# noqa"` inside a string does not count.
A file that cannot be tokenized has no suppressions.
"""

from __future__ import annotations

import io
import logging
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass, field

from ferlint.findings import Finding
from ferlint.rules import matches

logger = logging.getLogger(__name__)

_CODE = r"[A-Za-z]+[0-9]+"
_CODE_LIST = rf"{_CODE}(?:[\s,]+{_CODE})*"
_LINE_NOQA = re.compile(
    rf"#\s*noqa(?![\w-])(?P<colon>\s*:\s*(?P<codes>{_CODE_LIST})?)?", re.IGNORECASE
)
_FILE_NOQA = re.compile(
    rf"^#\s*ferlint\s*:\s*noqa(?:\s*:\s*(?P<codes>{_CODE_LIST}))?\s*$", re.IGNORECASE
)
_MENTIONS_NOQA = re.compile("noqa", re.IGNORECASE)
_HEADER_TOKENS = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.ENCODING,
    tokenize.STRING,
    tokenize.INDENT,
    tokenize.DEDENT,
}

# None stands for "every code".
Codes = frozenset[str] | None


@dataclass(frozen=True)
class Suppressions:
    # line -> codes silenced on it (None: all)
    lines: dict[int, Codes] = field(default_factory=dict)
    # codes silenced in the whole file; an empty set silences nothing
    file_codes: Codes = frozenset()

    def suppresses(self, code: str, line: int) -> bool:
        if _covers(self.file_codes, code):
            return True
        return line in self.lines and _covers(self.lines[line], code)

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings that no suppression silences (by Finding.span.line)."""
        return [f for f in findings if not self.suppresses(f.code, f.span.line)]


def _covers(codes: Codes, code: str) -> bool:
    return codes is None or matches(code, list(codes))


def parse_suppressions(source: str) -> Suppressions:
    if not _MENTIONS_NOQA.search(source):
        return Suppressions()  # no need to tokenize
    try:
        comments, header = _read_comments(source)
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError) as error:
        logger.debug("no suppressions read: tokenize failed: %s", error)
        return Suppressions()
    lines: dict[int, Codes] = {}
    for line, text in comments:
        codes = _line_codes(text)
        if codes is not False:
            lines[line] = _merge(lines.get(line, frozenset()), codes)
    file_codes: Codes = frozenset()
    for text in header:
        codes = _file_codes(text)
        if codes is not False:
            file_codes = _merge(file_codes, codes)
    return Suppressions(lines=lines, file_codes=file_codes)


def _read_comments(source: str) -> tuple[list[tuple[int, str]], list[str]]:
    """All comments with their line, and the comments of the file's header."""
    comments: list[tuple[int, str]] = []
    header: list[str] = []
    in_header = True
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type not in _HEADER_TOKENS:
            in_header = False
        if token.type == tokenize.COMMENT:
            comments.append((token.start[0], token.string))
            if in_header:
                header.append(token.string)
    return comments, header


def _line_codes(comment: str) -> Codes | bool:
    """The codes of a `# noqa` comment, None for all, False when it has none."""
    found = _LINE_NOQA.search(comment)
    if found is None:
        return False
    if not found.group("codes"):
        return None
    return _split(found.group("codes"))


def _file_codes(comment: str) -> Codes | bool:
    found = _FILE_NOQA.match(comment.strip())
    if found is None:
        return False
    if not found.group("codes"):
        return None
    return _split(found.group("codes"))


def _split(codes: str) -> frozenset[str]:
    return frozenset(code.upper() for code in re.split(r"[\s,]+", codes) if code)


def _merge(old: Codes, new: Codes) -> Codes:
    if old is None or new is None:
        return None
    return old | new
