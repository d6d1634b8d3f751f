"""Tables that came as grids (HTML, DOCX, a PDF's table finder, markdown): rows one per line,
cells tab-separated, merged cells expanded by the reader (text in the first position, "" in the
others). Here a value is read from the column its header names, so it never moves to another
column: a blank cell (``&nbsp;``) stays blank, however many merged label cells stand before it.

A grid row is read only when the header's columns are known for its width and every cell
under a header is a number or blank; anything else is left to the token reader of
:mod:`tables`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from ..form import COLUMN_HEADER_VARIANTS as _ALIASES
from ..form import T2_HEADER
from .cells import NULL_MARKS
from .labels import T2_FIELDS, T3_HEADERS, T4_HEADERS

Number = Union[int, float]

_NUM = re.compile(r"-?\d+(?:\.\d+)?")
_UNIT = re.compile(r"\s*(?:万元|元|件|个|条|项|次)$")
_SPACE = re.compile(r"\s+")
_HAS_DIGIT = re.compile(r"\d")


class _NotANumber(Exception):
    pass


def cell_number(cell: str) -> Optional[Number]:
    """A grid cell's value: None for blank or a null mark; digits split over spans (``1 2``) are
    one number; _NotANumber for text."""
    s = _UNIT.sub("", cell.strip()).replace(",", "").replace("，", "")
    if s == "" or s in NULL_MARKS:
        return None
    s = _SPACE.sub("", s)
    if not _NUM.fullmatch(s):
        raise _NotANumber(cell)
    return float(s) if "." in s else int(s)


def _is_value(cell: str) -> bool:
    try:
        return cell_number(cell) is not None
    except _NotANumber:
        return False


def grid_lines(text: str, min_cells: int) -> list[list[str]]:
    """The lines of ``text`` that are grid rows of at least ``min_cells`` cells, in order; a line
    that is not a grid row is kept as ``[]`` (it ends a table)."""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        out.append(cells if len(cells) >= min_cells else [])
    return out


def _normal(cell: str) -> str:
    return _SPACE.sub("", cell)


@dataclass
class Columns:
    """Where each value column of a table lies in grid rows of one width."""
    width: int
    starts: tuple[int, ...]  # first grid column of each value column, in the form's order

    def ranges(self) -> list[range]:
        ends = [*self.starts[1:], self.width]
        return [range(s, e) for s, e in zip(self.starts, ends)]

    def values(self, cells: list[str]) -> Optional[tuple]:
        """The values of a data row, or None when a column holds text or two values."""
        out = []
        try:
            for rng in self.ranges():
                got = [v for v in (cell_number(cells[i]) for i in rng) if v is not None]
                filled = [i for i in rng if cells[i].strip() and cells[i].strip() not in NULL_MARKS]
                if len(filled) > 1:
                    return None
                out.append(got[0] if got else None)
        except _NotANumber:
            return None
        return tuple(out)


def header_columns(rows: list[list[str]], names: tuple[str, ...]) -> Optional[Columns]:
    """The value columns named by ``names`` in header rows (rows holding no digit), each the
    leftmost column whose header is exactly the name; None unless every name is found, in order."""
    if not rows:
        return None
    width = len(rows[0])
    pos: dict[str, int] = {}
    for cells in rows:
        for i, c in enumerate(cells):
            n = _ALIASES.get(_normal(c), _normal(c))
            if n in names and n not in pos:
                pos[n] = i
    if any(n not in pos for n in names):
        return None
    starts = tuple(pos[n] for n in names)
    if list(starts) != sorted(set(starts)):
        return None
    return Columns(width, starts)


def is_header(cells: list[str]) -> bool:
    return not any(_HAS_DIGIT.search(c) for c in cells if not _is_label_number(c))


def _is_label_number(c: str) -> bool:
    # 第二十条第（一）项, 1.属于国家秘密: digits inside a label
    return bool(re.search(r"[\u4e00-\u9fff]", c))


def t3_rows(text: str, rows, labels: dict[str, str]) -> dict[str, tuple]:
    """表三 rows read by column from grid rows: key -> the seven values (None for blank)."""
    lines = grid_lines(text, 8)
    out: dict[str, tuple] = {}
    header: list[list[str]] = []
    cols: dict[int, Columns] = {}  # width -> columns of the latest header of that width
    order = list(rows)
    last = -1
    compiled = {k: re.compile(labels[k]) for k in order}
    for cells in lines:
        if not cells:
            header = []
            continue
        if is_header(cells) and any(_ALIASES.get(_normal(c), _normal(c)) in T3_HEADERS for c in cells):
            header.append(cells)
            c = header_columns(header, T3_HEADERS)
            if c is not None and all(len(h) == len(cells) for h in header):
                cols[len(cells)] = c
            continue
        header = []
        c = cols.get(len(cells))
        if c is None:
            continue
        if any(_is_value(x) for x in cells[: c.starts[0]]):
            continue  # a number left of the first value column: the columns do not line up
        key = _row_key(cells[: c.starts[0]], order, compiled, last, out)
        if key is None:
            continue
        vals = c.values(cells)
        if vals is None or all(v is None for v in vals):
            continue
        out[key] = vals
        last = order.index(key)
    return out


def _row_key(label_cells: list[str], order: list[str], compiled: dict, last: int, done: dict) -> Optional[str]:
    """The form's row a grid row's label cells name: the rightmost label cell that names a row
    decides (a group's label spans its rows); among its matches, the first after the last row read."""
    for cell in reversed(label_cells):
        cell = cell.strip()
        if not cell:
            continue
        hits = [k for k in order if k not in done and compiled[k].search(cell)]
        if hits:
            after = [k for k in hits if order.index(k) > last]
            return (after or hits)[0]
    return None


def t4_values(text: str) -> Optional[tuple]:
    """表四's fifteen values read by column from its grid rows, or None."""
    lines = grid_lines(text, 15)
    header: list[list[str]] = []
    for cells in lines:
        if not cells:
            header = []
            continue
        if is_header(cells):
            header.append(cells)
            continue
        if not header or any(len(h) != len(cells) for h in header):
            return None
        starts = _t4_starts(header)
        if starts is None:
            return None
        vals = Columns(len(cells), starts).values(cells)
        return vals if vals is not None and any(v is not None for v in vals) else None
    return None


def _t4_starts(header: list[list[str]]) -> Optional[tuple[int, ...]]:
    """The fifteen value columns: each column's header is the lowest header cell above it."""
    width = len(header[0])
    names = []
    for i in range(width):
        name = ""
        for h in header:
            if _normal(h[i]):
                name = _normal(h[i])
        names.append(name)
    starts = [i for i, n in enumerate(names) if n in T4_HEADERS]
    if len(starts) != 15 or [names[i] for i in starts] != list(T4_HEADERS) * 3:
        return None
    return tuple(starts)


_T2_FIELD_RX = {k: re.compile(v) for k, v in T2_FIELDS.items()}  # 表二's value columns by their header words


def t2_rows(text: str, spec: dict[str, tuple[str, ...]], labels: dict[str, str]) -> dict[str, tuple]:
    """表二 rows read by column from grid rows under their 信息内容 header row: key -> values in
    the order of ``spec[key]``. A row is read only when its header names exactly its fields."""
    out: dict[str, tuple] = {}
    fields_at: Optional[tuple[int, dict[str, int]]] = None  # width, field -> column
    compiled = {k: re.compile(v) for k, v in labels.items()}
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) < 2:
            fields_at = None if line.strip() else fields_at
            continue
        if _normal(cells[0]) == T2_HEADER:
            found: dict[str, int] = {}
            for i, c in enumerate(cells[1:], 1):
                for f, rx in _T2_FIELD_RX.items():
                    if c.strip() and rx.search(c) and f not in found:
                        found[f] = i
                        break
            fields_at = (len(cells), found) if found else None
            continue
        if fields_at is None or fields_at[0] != len(cells):
            continue
        found = fields_at[1]
        first = min(found.values())
        label = "".join(cells[:first])
        keys = [k for k in spec if k not in out and compiled[k].search(label)]
        if len(keys) != 1:
            continue
        key = keys[0]
        fields = spec[key]
        if set(found) != set(fields) or sorted(fields, key=found.__getitem__) != list(fields):
            continue
        vals = Columns(len(cells), tuple(found[f] for f in fields)).values(cells)
        if vals is not None and any(v is not None for v in vals):
            out[key] = vals
    return out
