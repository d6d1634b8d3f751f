"""Arithmetic of 表三 and 表四: the sums the national form states (勾稽关系).

Null cells are never a failure: a column (or row, or group) with a blank cell among the ones a
sum needs is skipped. A row that is null in every column is treated as absent (the 2019 layout has
no 逾期不补正 / 逾期未缴费 rows; some 2021-layout reports keep a single （六）其他处理 row). Each
rule reports every failing column of one sum in ONE flag, with all the cells involved as evidence.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..schema import APPLICANT_COLUMNS, T3_COLUMNS, T3_RESULT_ROWS, T4_COLUMNS, T4_GROUPS, Flag, Report
from .base import CheckSettings, Rule

_EPS = 1e-6


def _present_rows(apps: dict, rows: Iterable[str]) -> list[str]:
    return [r for r in rows if any(v is not None for v in (apps.get(r) or {}).values())]


def _cells(apps: dict, rows: Iterable[str], col: str) -> Optional[dict[str, float]]:
    """{path: value} of ``rows`` in ``col``, or None when any is null."""
    out = {}
    for r in rows:
        v = (apps.get(r) or {}).get(col)
        if v is None:
            return None
        out[f"applications.{r}.{col}"] = v
    return out


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class T3Balance(Rule):
    """表三, each column: 一 新收 + 二 上年结转 = （七）总计 + 四 结转下年度.

    **Fires**: 新收 60 + 上年结转 0 but （七）总计 58 + 结转 0 in 总计 (the form's 勾稽关系 fails).

    **Quiet**: 60 + 2 = 61 + 1; or a column with a blank cell (it is skipped, not flagged).
    """

    id = "T3-BALANCE"
    name = "applications.balance"
    severity = "error"
    groups = ("arithmetic", "applications")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        apps = report.applications
        if not apps:
            return
        failing, cells = [], {}
        for col in T3_COLUMNS:
            c = _cells(apps, ("new_received", "carried_over", "total_processed", "carried_forward"), col)
            if c is None:
                continue
            new, over, done, fwd = c.values()
            if abs((new + over) - (done + fwd)) > _EPS:
                failing.append(f"{col}: {_n(new)} + {_n(over)} ≠ {_n(done)} + {_n(fwd)}")
                cells.update(c)
        if failing:
            yield self.flag("表三 一+二 ≠ （七）+四 in " + "; ".join(failing), cells=cells)


class T3ResultsSum(Rule):
    """表三, each column: （七）总计 = the sum of all rows of 三（一）…（六）.

    **Fires**: 予以公开 7 + 部分公开 6 + … = 27 in 总计 while （七）总计 reads 21.

    **Quiet**: the result rows add up to （七）总计; a 2019-layout report (no 逾期不补正 / 逾期未缴费 rows).
    """

    id = "T3-RESULTS-SUM"
    name = "applications.results_sum"
    severity = "error"
    groups = ("arithmetic", "applications")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        apps = report.applications
        if not apps:
            return
        rows = _present_rows(apps, T3_RESULT_ROWS)
        failing, cells = [], {}
        for col in T3_COLUMNS:
            parts = _cells(apps, rows, col)
            total = (apps.get("total_processed") or {}).get(col)
            if parts is None or total is None or not rows:
                continue
            s = sum(parts.values())
            if abs(s - total) > _EPS:
                failing.append(f"{col}: results sum to {_n(s)}, （七）总计 {_n(total)}")
                cells[f"applications.total_processed.{col}"] = total
                cells.update({k: v for k, v in parts.items() if v})
        if failing:
            yield self.flag("表三 三（一）…（六） ≠ （七）总计 in " + "; ".join(failing), cells=cells)


class T3RowTotal(Rule):
    """表三, each row: 总计 = the sum of the six applicant columns.

    **Fires**: 新收 自然人 58, 商业企业 1, 其他 1 and 总计 61 (the columns give 60).

    **Quiet**: 58 + 1 + 0 + 0 + 1 + 0 = 60 = 总计; or a row with a blank cell.
    """

    id = "T3-ROW-TOTAL"
    name = "applications.row_total"
    severity = "error"
    groups = ("arithmetic", "applications")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        apps = report.applications
        if not apps:
            return
        for row, data in apps.items():
            data = data or {}
            parts = [data.get(c) for c in APPLICANT_COLUMNS]
            total = data.get("total")
            if total is None or any(v is None for v in parts):
                continue
            s = sum(parts)
            if abs(s - total) > _EPS:
                cells = {f"applications.{row}.{c}": data.get(c) for c in T3_COLUMNS}
                yield self.flag(f"表三 {row}: the applicant columns sum to {_n(s)}, 总计 reads {_n(total)}",
                                cells=cells)
        for path, run in sorted(report.unsplit.items()):
            if path.startswith("applications."):
                yield self.flag(f"表三 {path.split('.', 1)[1]}: the glued digits '{run}' cannot be read as seven cells "
                                "whose 总计 is the sum of the applicant columns", cells={path: run})


class T4GroupSum(Rule):
    """表四, each group: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.

    **Fires**: 行政复议 维持 10, 纠正 1, 其他 0, 尚未审结 0 and 总计 0.

    **Quiet**: 维持 1 + 纠正 1 + 其他 0 + 尚未审结 0 = 总计 2; or a group with a blank cell.
    """

    id = "T4-GROUP-SUM"
    name = "review_litigation.group_sum"
    severity = "error"
    groups = ("arithmetic", "review_litigation")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        rl = report.review_litigation or {}
        for group in T4_GROUPS:
            data = rl.get(group) or {}
            vals = [data.get(c) for c in T4_COLUMNS]
            if any(v is None for v in vals):
                continue
            *parts, total = vals
            if abs(sum(parts) - total) > _EPS:
                cells = {f"review_litigation.{group}.{c}": data.get(c) for c in T4_COLUMNS}
                yield self.flag(f"表四 {group}: 维持+纠正+其他+尚未审结 = {_n(sum(parts))}, 总计 reads {_n(total)}",
                                cells=cells)
        run = report.unsplit.get("review_litigation")
        if run:
            yield self.flag(f"表四: the glued digits '{run}' cannot be read as three groups whose 总计 is the sum of "
                            "their results", cells={"review_litigation": run})
