"""The corpus stage's second pass: glued cells re-resolved by the same agency's neighbouring years.

Each report was parsed alone; where glued digits left several splits, the cells stayed uncertain
(``Report.uncertain_cells``, ``cell_alternatives``). Once every report of a scan is in the store,
the neighbouring years of the same agency (grouped as the year-over-year rules group them) say
which split carries over:

- 表三 上年结转 against last year's 结转下年度继续办理 (and 结转下年度 against next year's 上年结转);
- 表二 现行有效件数 (2021 layout): last year's + 本年制发 − 本年废止 (and next year's the same way);
- 表二 上一年项目数量 (2019 layout): last year's 上一年项目数量 + 本年增/减 (and next year's).

A cell is resolved when the neighbours' figures read for sure leave exactly one of its splits; no
split left proves nothing here (the year-over-year rules flag that). Resolutions are written to
``resolved.csv`` beside the other outputs; the cells in ``reports.jsonl`` stay as parsed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional, Sequence

from ..form import cell_label
from .store import CorpusView, Signature

_CO, _CF = "applications.carried_over.total", "applications.carried_forward.total"
_EPS = 1e-6


@dataclass(frozen=True)
class Resolved:
    source: str
    agency: Optional[str]
    year: int
    cell: str  # schema path
    value: float
    alternatives: tuple[float, ...]  # every value the cell had after parsing, the parser's choice first
    by: tuple[str, ...]  # the neighbouring reports that settled it

    def row(self) -> tuple:
        return (self.source, self.agency or "", self.year, self.cell, cell_label(self.cell), _n(self.value),
                " ".join(_n(v) for v in self.alternatives), " ".join(self.by))


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _row(g: Optional[Signature], row: str, fields: Sequence[str]) -> Optional[tuple[tuple[float, ...], ...]]:
    if g is None:
        return None
    for r, f, splits in g.table2:
        if r == row and tuple(f) == tuple(fields):
            return splits
    return None


def _sure(g: Optional[Signature], row: str, fields: Sequence[str]) -> Optional[tuple[float, ...]]:
    splits = _row(g, row, fields)
    return splits[0] if splits and len(splits) == 1 else None


def _row_fits(fields: Sequence[str], cand: tuple[float, ...], prev: Optional[tuple], nxt: Optional[tuple]) -> bool:
    v = dict(zip(fields, cand))
    if "in_force" in v:
        if prev is not None and abs(prev[2] + v["issued"] - v["repealed"] - v["in_force"]) > _EPS:
            return False
        if nxt is not None and abs(v["in_force"] + nxt[0] - nxt[1] - nxt[2]) > _EPS:
            return False
        return True
    if prev is not None and abs(prev[0] + prev[1] - v["prior_items"]) > _EPS:
        return False
    if nxt is not None and abs(v["prior_items"] + v["change"] - nxt[0]) > _EPS:
        return False
    return True


def _resolve(g: Signature, prev: Optional[Signature], nxt: Optional[Signature]) -> Iterator[Resolved]:
    assert g.year is not None  # CorpusView.agencies() leaves out the reports without a year
    alts = dict(g.alternatives)
    for path, neighbour, value in ((_CO, prev, prev.carried_forward if prev else None),
                                   (_CF, nxt, nxt.carried_over if nxt else None)):
        values = alts.get(path)
        if values and value is not None and neighbour is not None:  # value is None where neighbour is
            left = [v for v in values if abs(v - value) <= _EPS]
            if len(left) == 1:
                yield Resolved(g.source, g.agency, g.year, path, left[0], values, (neighbour.source,))
    for row, fields, splits in g.table2:
        if len(splits) < 2:
            continue
        before, after = _sure(prev, row, fields), _sure(nxt, row, fields)
        if before is None and after is None:
            continue
        fitting = [c for c in splits if _row_fits(fields, c, before, after)]
        if len(fitting) != 1:
            continue
        # a sure row comes from a neighbour (_sure of None is None)
        by = tuple(n.source for n, sure in ((prev, before), (nxt, after)) if n is not None and sure is not None)
        for i, f in enumerate(fields):
            values = tuple(dict.fromkeys(c[i] for c in splits))
            if len(values) > 1:
                yield Resolved(g.source, g.agency, g.year, f"active_disclosure.{row}.{f}", fitting[0][i], values, by)


def resolve_by_neighbours(corpus: CorpusView) -> Iterator[Resolved]:
    """Every cell a neighbouring year of the same agency resolves, agency by agency (the order of
    the corpus view), each report's cells in a fixed order. A year with several reports (that are
    not copies of one report) resolves nothing: which one continues the series is not known."""
    for years in corpus.agencies():
        for y in sorted(years):
            if len(years[y]) != 1:
                continue
            prev = years[y - 1][0] if len(years.get(y - 1, ())) == 1 else None
            nxt = years[y + 1][0] if len(years.get(y + 1, ())) == 1 else None
            if prev is None and nxt is None:
                continue
            yield from _resolve(years[y][0], prev, nxt)


__all__ = ["Resolved", "resolve_by_neighbours"]
