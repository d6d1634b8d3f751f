"""Turn the text between two row labels (a *zone*) into cell tokens.

A zone may hold one cell per line (a blank cell is a line holding only a tab), tab-separated
cells of a table row written by a reader, space-separated cells, or cells glued together.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

BLANK = ""  # a cell the report leaves empty
NULL_MARKS = {"无", "—", "-", "/", "／", "－", "―", "--", "——", "×", "空"}
_NUM = re.compile(r"^[-−]?\d[\d,，]*(?:\.\d+)?$")
_UNIT = re.compile(r"(?:万元|元|件|个|条|项|次|%)$")
_CJK = re.compile(r"[\u4e00-\u9fff（）()“”\"、，。：:；]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－，", "0123456789.-,")
# the same as pairs, with the spaces and the minus sign: str.replace of a character that is absent
# is a fast scan, where str.translate looks every character of a Chinese text up in a dict
_ONE_FOR_ONE = tuple((chr(a), chr(b)) for a, b in _FULLWIDTH.items()) + (("\u00a0", " "), ("\u3000", " "), ("−", "-"))


@dataclass(frozen=True)
class Token:
    text: str  # the cell text: digits, a null mark, or "" for a blank cell

    @property
    def is_number(self) -> bool:
        return bool(_NUM.match(self.text))

    @property
    def is_digits(self) -> bool:
        """A number or a glued run of numbers (digits with '-' or '.' inside)."""
        return _DIGIT_CELL.fullmatch(self.text) is not None

    @property
    def is_blank(self) -> bool:
        return self.text == BLANK


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII, no-break and ideographic spaces to spaces: one
    character for one, so offsets in the result are offsets in the original."""
    for a, b in _ONE_FOR_ONE:  # no target is a source: the order does not matter
        if a in text:
            text = text.replace(a, b)
    return text


_RUN = re.compile(r"-?\d[\d.\-]*")
_DIGIT_CELL = re.compile(r"-?\d[\d.\-]*")  # fullmatch: a number or a glued run of numbers
_UNIT_END = frozenset("元件个条项次%")  # the last characters _UNIT can match


def _piece_tokens(piece: str) -> list[Token]:
    """Cells of a piece of text with no tabs: whitespace-separated words, label residue dropped."""
    out = []
    for w in piece.split():
        if "," in w or "，" in w:
            w = w.replace(",", "").replace("，", "")
        if w and w[-1] in _UNIT_END:
            w = _UNIT.sub("", w)
        if not w:
            continue
        if w in NULL_MARKS or _DIGIT_CELL.fullmatch(w):
            out.append(Token(w))
        elif _CJK.search(w):
            out.extend(Token(_UNIT.sub("", r.rstrip(".-"))) for r in _RUN.findall(w) if r.rstrip(".-"))
    return out


def zone_tokens(zone: str) -> list[Token]:
    """Cells of a zone in reading order; blank cells only where a tab structure shows them."""
    tokens: list[Token] = []
    for line in zone.split("\n"):
        if line.isdecimal():  # one cell per line: the common case, what _piece_tokens would give
            tokens.append(Token(line))
            continue
        if line == "" or (line.strip() == "" and "\t" not in line):
            continue
        if "\t" in line:
            parts = line.split("\t")
            if parts[0].strip() == "":
                parts = parts[1:]
            for p in parts:
                if p.isdecimal():  # a plain number: what _piece_tokens would give, quicker
                    tokens.append(Token(p))
                elif p.strip() == "":
                    tokens.append(Token(BLANK))
                else:
                    tokens.extend(_piece_tokens(p))
        else:
            tokens.extend(_piece_tokens(line))
    return tokens


def fit_count(tokens: list[Token], n: int) -> list[Token]:
    """Drop surplus blank cells (merged label columns) from the end, then from anywhere."""
    toks = list(tokens)
    while len(toks) > n and toks and toks[-1].is_blank:
        toks.pop()
    while len(toks) > n and any(t.is_blank for t in toks):
        toks.remove(Token(BLANK))
    while toks and toks[0].is_blank and len(toks) > n:
        toks.pop(0)
    return toks


def cell_value(tok: Token) -> tuple[Optional[Union[int, float]], Optional[str]]:
    """(value, raw-if-not-a-number). Blank, 无, — and / are None with their raw text kept."""
    if tok.text.isdecimal():
        return int(tok.text), None
    if tok.is_number:
        t = tok.text.replace(",", "")
        return (float(t) if "." in t else int(t)), None
    return None, tok.text or "(blank)"
