"""Shared by the readers: cell text clean-up and writing blocks out as the parser's linear text.

The contract with the parser: a table row is one line whose cells are joined by a tab (blank
cells kept as empty strings), a paragraph is one line, everything in reading order.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..schema import Block

# CJK ideographs, CJK symbols and punctuation, full-width forms and curly quotes: a line break
# between two of these is a wrap, not a word boundary.
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3200-\u32ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2026\u2014"
)
_CJK_RE = re.compile(f"[{_CJK}]")
_WIDE_PUNCT = re.compile("[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
_WS_RUN = re.compile(r"\s+")
# Characters that carry no text but break label matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = {0x00A0: " ", 0x3000: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " "}


_ODD_SPACE = re.compile("[" + "".join(map(chr, [*_INVISIBLE, *_SPACES])) + "]")


def normalize_spaces(text: str) -> str:
    """NBSP, full-width and other odd spaces to one plain space each; zero-width characters removed."""
    if _ODD_SPACE.search(text) is None:  # the common case; str.translate with a dict is slow
        return text
    return text.translate(_INVISIBLE).translate(_SPACES)


def is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_RE.match(ch) is not None


def join_wrapped(text: str, *, newline_runs_only: bool = False) -> str:
    """Collapse whitespace runs: to nothing between two CJK characters or next to full-width
    punctuation, to one space otherwise.

    With ``newline_runs_only`` only runs holding a line break are treated so (paragraph text,
    where a plain space run between CJK characters may be deliberate); other runs become a space.
    """
    def sub(m: re.Match) -> str:
        run = m.group(0)
        if newline_runs_only and "\n" not in run and "\r" not in run:
            return " "
        left = text[m.start() - 1] if m.start() > 0 else ""
        right = text[m.end()] if m.end() < len(text) else ""
        if (is_cjk(left) and is_cjk(right)) or _WIDE_PUNCT.match(left or "x") or _WIDE_PUNCT.match(right or "x"):
            return ""
        return " "

    return _WS_RUN.sub(sub, text)


def clean_cell(text: str | None) -> str:
    """One table cell as one line: stripped, wraps joined (``商业\\n企业`` → ``商业企业``), no tabs."""
    if not text:
        return ""
    return join_wrapped(normalize_spaces(text).strip())


def square(rows: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Pad rows to the widest, drop rows with no text at all."""
    width = max((len(r) for r in rows), default=0)
    return tuple(
        tuple(r) + ("",) * (width - len(r)) for r in rows if any(c.strip() for c in r)
    )


def row_line(row: Iterable[str]) -> str:
    return "\t".join(row)


def render(blocks: Iterable[Block]) -> str:
    """The linear text of blocks: paragraphs one per line, table rows tab-separated."""
    lines: list[str] = []
    for b in blocks:
        if b.kind == "table":
            lines.extend(row_line(r) for r in b.rows)
        elif b.text:
            lines.append(b.text)
    return "\n".join(lines)
