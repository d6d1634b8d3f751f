"""The national form's tables as grids: label cells with their merges, value cells with the
schema path they show. Built once per layout and shared by every renderer."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Optional

from ..form import (SECTION_HEADINGS, T2_FIELD_FORM_TEXT, T2_FORM_BLOCKS, T2_HEADER, T2_ROW_FORM_TEXT,
                    T3_APPLICANTS_HEADING, T3_COLUMN_LABELS, T3_ORGANISATIONS_HEADING, T3_ROW_FORM_TEXT,
                    T4_FORM_HEADINGS)
from ..form import T4_COLUMN_LABELS as FORM_T4_COLUMNS
from ..schema import T2_2019, T2_2021, T3_COLUMNS, T4_COLUMNS, T4_GROUPS

HEADINGS = tuple(SECTION_HEADINGS.values())  # 一 … 六, as the form prints them
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

T3_LABELS = T3_ROW_FORM_TEXT  # the form's own row texts: one home, form.py
T4_COLUMN_LABELS = tuple(zh for zh, _ in FORM_T4_COLUMNS.values())
T3_COLUMN_TEXT = tuple(T3_COLUMN_LABELS[c][0] for c in T3_COLUMNS)


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str = ""  # a label; empty for a value cell
    field: Optional[str] = None  # schema path of a value cell, e.g. applications.granted.total
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass(frozen=True)
class Grid:
    name: str  # t2, t3, t4
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]  # origin cells, row-major

    @cached_property
    def rows(self) -> tuple[tuple[Cell, ...], ...]:
        """Origin cells by row."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        return tuple(tuple(r) for r in out)

    @cached_property
    def slots(self) -> tuple[tuple[Optional[Cell], ...], ...]:
        """Per row, the cells a word processor pastes: origin cells, and ``None`` (a blank cell)
        where a cell from a row above spans down into this row."""
        out = []
        for r in range(self.n_rows):
            row: list[tuple[int, Optional[Cell]]] = [(c.col, c) for c in self.cells if c.row == r]
            row += [(c.col, None) for c in self.cells if c.row < r < c.row + c.rowspan]
            out.append(tuple(cell for _, cell in sorted(row, key=lambda x: x[0])))
        return tuple(out)


def _values(row: int, col: int, prefix: str, names, colspan: int = 1) -> list[Cell]:
    return [Cell(row, col + i * colspan, field=f"{prefix}.{n}", colspan=colspan) for i, n in enumerate(names)]


@lru_cache(maxsize=None)
def t2_grid(layout: str) -> Grid:
    """表二 主动公开政府信息情况, 4 columns."""
    cells: list[Cell] = []
    r = 0

    def block(article: str, heads: tuple[str, ...], rows: tuple[tuple[str, str, tuple[str, ...]], ...]) -> None:
        nonlocal r
        cells.append(Cell(r, 0, article, colspan=4, header=True))
        r += 1
        span = 4 - len(heads)  # the last heading takes the spare columns
        cells.append(Cell(r, 0, T2_HEADER, header=True))
        for i, h in enumerate(heads):
            cells.append(Cell(r, 1 + i, h, colspan=span if i == len(heads) - 1 else 1, header=True))
        r += 1
        for label, key, fields in rows:
            cells.append(Cell(r, 0, label))
            for i, f in enumerate(fields):
                cells.append(Cell(r, 1 + i, field=f"active_disclosure.{key}.{f}",
                                  colspan=span if i == len(fields) - 1 else 1))
            r += 1

    spec = T2_2021 if layout == "2021" else T2_2019
    for article, keys in T2_FORM_BLOCKS[layout]:
        block(article, tuple(T2_FIELD_FORM_TEXT[layout][f] for f in spec[keys[0]]),
              tuple((T2_ROW_FORM_TEXT[layout][k], k, spec[k]) for k in keys))
    return Grid("t2", r, 4, tuple(cells))


@lru_cache(maxsize=None)
def t3_grid(layout: str) -> Grid:
    """表三 收到和处理政府信息公开申请情况: 3 label columns + 7 value columns."""
    cells = [Cell(0, 0, CHECK_NOTE, rowspan=3, colspan=3, header=True),
             Cell(0, 3, T3_APPLICANTS_HEADING, colspan=7, header=True),
             Cell(1, 3, T3_COLUMN_TEXT[0], rowspan=2, header=True),
             Cell(1, 4, T3_ORGANISATIONS_HEADING, colspan=5, header=True),
             Cell(1, 9, T3_COLUMN_TEXT[-1], rowspan=2, header=True)]
    cells += [Cell(2, 4 + i, t, header=True) for i, t in enumerate(T3_COLUMN_TEXT[1:-1])]
    groups: list[tuple[str, tuple[str, ...]]] = [
        ("granted", ()), ("partially_granted", ()),
        ("denied", ("state_secret", "prohibited_by_law", "security_stability", "third_party", "internal_affairs",
                    "process_info", "enforcement_file", "admin_query")),
        ("unable", ("not_held", "needs_creation", "unclear")),
        ("not_processed", ("complaint", "repeated", "publication", "excessive", "confirmation")),
        ("other", ("no_correction", "unpaid_fee", "other") if layout == "2021" else ()),
        ("total_processed", ()),
    ]
    r = 3

    def values(row_key: str) -> list[Cell]:
        return _values(r, 3, f"applications.{row_key}", T3_COLUMNS)

    for key in ("new_received", "carried_over"):
        cells += [Cell(r, 0, T3_LABELS[key], colspan=3)] + values(key)
        r += 1
    n_results = sum(max(1, len(subs)) for _, subs in groups)
    cells.append(Cell(r, 0, T3_LABELS["results"], rowspan=n_results))
    for key, subs in groups:
        if not subs:
            row_key = "other.other" if key == "other" else key
            cells += [Cell(r, 1, T3_LABELS[key], colspan=2)] + values(row_key)
            r += 1
            continue
        cells.append(Cell(r, 1, T3_LABELS[key], rowspan=len(subs)))
        for s in subs:
            cells += [Cell(r, 2, T3_LABELS[f"{key}.{s}"])] + values(f"{key}.{s}")
            r += 1
    cells += [Cell(r, 0, T3_LABELS["carried_forward"], colspan=3)] + values("carried_forward")
    return Grid("t3", r + 1, 10, tuple(sorted(cells, key=lambda c: (c.row, c.col))))


@lru_cache(maxsize=None)
def t4_grid() -> Grid:
    """表四 行政复议、行政诉讼: 15 columns."""
    cells = [Cell(0, 0, T4_FORM_HEADINGS["review"], colspan=5, header=True),
             Cell(0, 5, T4_FORM_HEADINGS["litigation"], colspan=10, header=True)]
    cells += [Cell(1, i, t, rowspan=2, header=True) for i, t in enumerate(T4_COLUMN_LABELS)]
    cells += [Cell(1, 5, T4_FORM_HEADINGS["litigation_direct"], colspan=5, header=True),
              Cell(1, 10, T4_FORM_HEADINGS["litigation_after_review"], colspan=5, header=True)]
    cells += [Cell(2, 5 + i, t, header=True) for i, t in enumerate(T4_COLUMN_LABELS * 2)]
    for gi, g in enumerate(T4_GROUPS):
        cells += _values(3, gi * 5, f"review_litigation.{g}", T4_COLUMNS)
    return Grid("t4", 4, 15, tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def grids(layout: str) -> tuple[Grid, Grid, Grid]:
    return t2_grid(layout), t3_grid(layout), t4_grid()
