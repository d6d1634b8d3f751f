"""Markdown (often a PDF converter's output): pipe tables to tab rows, headings to plain lines.

Separator rows (``|---|``) are dropped wherever they stand, even duplicated or in the middle of a
table; rows keep their own width, so a converter's blank trailing cell stays a blank cell.
"""
from __future__ import annotations

import re

from ..schema import Block, RawDoc
from .cells import clean_cell, normalize_spaces, row_line
from .text import decode, normalize_newlines

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")  # thematic break / setext underline
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s+|$)(.*?)(\s+#+)?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_BR_TAG = re.compile(r"<br\s*/?>", re.I)


def is_table_line(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and len(s) > 1


def is_separator(line: str) -> bool:
    return "|" in line and "-" in line and _SEPARATOR.match(line) is not None


def split_row(line: str) -> tuple[str, ...]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return tuple(clean_cell(_EMPHASIS.sub(r"\2", _BR_TAG.sub("\n", c)).replace("\\|", "|"))
                 for c in _UNESCAPED_PIPE.split(s))


def read_markdown(data: bytes, source: str) -> RawDoc:
    decoded = decode(data, source)
    text = normalize_spaces(normalize_newlines(decoded.text))
    lines: list[str] = []
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []

    def end_table() -> None:
        if rows:
            blocks.append(Block(kind="table", rows=tuple(rows)))
            rows.clear()

    for line in text.split("\n"):
        if is_separator(line):
            continue
        if is_table_line(line):
            row = split_row(line)
            rows.append(row)
            lines.append(row_line(row))
            continue
        end_table()
        if _RULE.match(line):
            continue
        if m := _HEADING.match(line):
            line = m.group(2)
        line = _EMPHASIS.sub(r"\2", line).rstrip()
        lines.append(line)
        if line.strip():
            blocks.append(Block(kind="text", text=line))
    end_table()
    return RawDoc(source=source, fmt="md", text="\n".join(lines), blocks=tuple(blocks),
                  encoding=decoded.encoding, warnings=decoded.warnings)
