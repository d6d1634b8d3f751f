"""The national form's tables as grids: label cells with their merges, value cells with the
schema path they show. Built once per layout and shared by every renderer."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Optional

from ..form import SECTION_HEADINGS, T3_ROW_FORM_TEXT
from ..form import T4_COLUMN_LABELS as FORM_T4_COLUMNS
from ..schema import T3_COLUMNS, T4_COLUMNS, T4_GROUPS

HEADINGS = tuple(SECTION_HEADINGS.values())  # 一 … 六, as the form prints them
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

T3_LABELS = T3_ROW_FORM_TEXT  # the form's own row texts: one home, form.py
T4_COLUMN_LABELS = tuple(zh for zh, _ in FORM_T4_COLUMNS.values())


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
        cells.append(Cell(r, 0, "信息内容", header=True))
        for i, h in enumerate(heads):
            cells.append(Cell(r, 1 + i, h, colspan=span if i == len(heads) - 1 else 1, header=True))
        r += 1
        for label, key, fields in rows:
            cells.append(Cell(r, 0, label))
            for i, f in enumerate(fields):
                cells.append(Cell(r, 1 + i, field=f"active_disclosure.{key}.{f}",
                                  colspan=span if i == len(fields) - 1 else 1))
            r += 1

    if layout == "2021":
        block("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
              (("规章", "regulations", ("issued", "repealed", "in_force")),
               ("行政规范性文件", "normative_documents", ("issued", "repealed", "in_force"))))
        block("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", "licensing", ("decisions",)),))
        block("第二十条第（六）项", ("本年处理决定数量",),
              (("行政处罚", "punishment", ("decisions",)), ("行政强制", "coercion", ("decisions",))))
        block("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", "fees", ("amount_10k_yuan",)),))
    else:
        items = ("prior_items", "change", "decisions")
        block("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
              (("规章", "regulations", ("made", "published", "total_published")),
               ("规范性文件", "normative_documents", ("made", "published", "total_published"))))
        block("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
              (("行政许可", "licensing", items), ("其他对外管理服务事项", "other_services", items)))
        block("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
              (("行政处罚", "punishment", items), ("行政强制", "coercion", items)))
        block("第二十条第（八）项", ("上一年项目数量", "本年增/减"),
              (("行政事业性收费", "fees", ("prior_items", "change")),))
        block("第二十条第（九）项", ("采购项目数量", "采购总金额"),
              (("政府集中采购", "procurement", ("items", "amount")),))
    return Grid("t2", r, 4, tuple(cells))


@lru_cache(maxsize=None)
def t3_grid(layout: str) -> Grid:
    """表三 收到和处理政府信息公开申请情况: 3 label columns + 7 value columns."""
    cells = [Cell(0, 0, CHECK_NOTE, rowspan=3, colspan=3, header=True),
             Cell(0, 3, "申请人情况", colspan=7, header=True),
             Cell(1, 3, "自然人", rowspan=2, header=True),
             Cell(1, 4, "法人或其他组织", colspan=5, header=True),
             Cell(1, 9, "总计", rowspan=2, header=True)]
    cells += [Cell(2, 4 + i, t, header=True) for i, t in enumerate(("商业企业", "科研机构", "社会公益组织",
                                                                      "法律服务机构", "其他"))]
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
    cells = [Cell(0, 0, "行政复议", colspan=5, header=True), Cell(0, 5, "行政诉讼", colspan=10, header=True)]
    cells += [Cell(1, i, t, rowspan=2, header=True) for i, t in enumerate(T4_COLUMN_LABELS)]
    cells += [Cell(1, 5, "未经复议直接起诉", colspan=5, header=True), Cell(1, 10, "复议后起诉", colspan=5, header=True)]
    cells += [Cell(2, 5 + i, t, header=True) for i, t in enumerate(T4_COLUMN_LABELS * 2)]
    for gi, g in enumerate(T4_GROUPS):
        cells += _values(3, gi * 5, f"review_litigation.{g}", T4_COLUMNS)
    return Grid("t4", 4, 15, tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def grids(layout: str) -> tuple[Grid, Grid, Grid]:
    return t2_grid(layout), t3_grid(layout), t4_grid()
