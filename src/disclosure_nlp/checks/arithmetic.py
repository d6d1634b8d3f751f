"""Arithmetic of 表三 and 表四: the sums the national form states (勾稽关系).

Null cells are never a failure: a column (or row, or group) with a blank cell among the ones a
sum needs is skipped. A row, group or table that was not read (see
:mod:`disclosure_nlp.checks.completeness`: all its cells null where the layout requires it, or
glued digits no split explains) silences every sum that needs it; PARSE-INCOMPLETE says so
instead. A cell split from glued digits counts with every value its surviving splits give: a
sum fails only if it fails under every reading. Each rule reports every failing column of one
sum in ONE flag, with all the cells involved as evidence.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..form import column_label, row_label
from ..i18n import t
from ..schema import APPLICANT_COLUMNS, T3_COLUMNS, T3_RESULT_ROWS, T4_COLUMNS, T4_GROUPS, Cell, Flag, Report
from .base import CheckSettings, Rule
from .completeness import is_unread, required_rows, unread

_CAP = 4096  # more readings than this: nothing is concluded


def _reading(report: Report, path: str) -> Optional[set[float]]:
    """Every value a cell may have: its value, or the surviving splits of a doubtful cell; None
    when it is blank or doubtful without alternatives."""
    v = report.cell(path)
    if v is None or isinstance(v, bool):
        return None
    if path in report.uncertain_cells:
        alts = report.cell_alternatives.get(path)
        return {round(float(a), 6) for a in alts} if alts else None
    return {round(float(v), 6)}


def _sums(report: Report, paths: Iterable[str]) -> Optional[set[float]]:
    """Every value the sum of ``paths`` may have; None when a cell is blank or too many readings."""
    out = {0.0}
    for p in paths:
        r = _reading(report, p)
        if r is None:
            return None
        out = {round(a + b, 6) for a in out for b in r}
        if len(out) > _CAP:
            return None
    return out


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _known(v: Cell) -> float:
    """A cell of a sum that was read: never blank (``_sums`` / ``_reading`` are None where one is)."""
    assert v is not None, "a blank cell's sum is skipped before its message is written"
    return v


def _col(col: str) -> str:
    return t(f"{column_label('applications', col)}列", f"{column_label('applications', col)} column")


class T3Balance(Rule):
    """表三, each column: 一 新收 + 二 上年结转 = （七）总计 + 四 结转下年度.

    **Fires**: 新收 60 + 上年结转 0 but （七）总计 58 + 结转 0 in 总计 (the form's 勾稽关系 fails).

    **Quiet**: 60 + 2 = 61 + 1; a column with a blank cell (it is skipped, not flagged); a row the
    parser did not read.
    """

    id = "T3-BALANCE"
    title = "表三各列：一 + 二 ≠ （七）总计 + 四"
    name = "applications.balance"
    severity = "error"
    groups = ("arithmetic", "applications")

    _ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        apps = report.applications
        missing = unread(report)
        if not apps or any(is_unread(report, f"applications.{r}", missing) for r in self._ROWS):
            return
        failing, cells = [], {}
        for col in T3_COLUMNS:
            paths = [f"applications.{r}.{col}" for r in self._ROWS]
            lhs, rhs = _sums(report, paths[:2]), _sums(report, paths[2:])
            if lhs is None or rhs is None or lhs & rhs:
                continue
            new, over, done, fwd = (_known(report.cell(p)) for p in paths)
            failing.append(t(f"{_col(col)} {_n(new)} + {_n(over)} ≠ {_n(done)} + {_n(fwd)}",
                             f"{_col(col)} {_n(new)} + {_n(over)} ≠ {_n(done)} + {_n(fwd)}"))
            cells.update({p: report.cell(p) for p in paths})
        if failing:
            yield self.flag(t("表三 一+二 ≠ （七）+四：", "Table 3: 1 + 2 ≠ 3.7 + 4: ") + "；".join(failing),
                            cells=cells)


class T3ResultsSum(Rule):
    """表三, each column: （七）总计 = the sum of all rows of 三（一）…（六）.

    **Fires**: 予以公开 7 + 部分公开 6 + … = 27 in 总计 while （七）总计 reads 21.

    **Quiet**: the result rows add up to （七）总计; a 2019-layout report (no 逾期不补正 / 逾期未缴费 rows);
    a result row the parser did not read (all its cells null): PARSE-INCOMPLETE says so instead.
    """

    id = "T3-RESULTS-SUM"
    title = "表三各列：（七）总计 ≠ 三（一）至（六）各项之和"
    name = "applications.results_sum"
    severity = "error"
    groups = ("arithmetic", "applications")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        apps = report.applications
        if not apps:
            return
        missing = unread(report)
        required = required_rows(report)
        rows = [r for r in T3_RESULT_ROWS  # the layout's rows, and any other result row read
                if r in required or any(v is not None for v in (apps.get(r) or {}).values())]
        if any(is_unread(report, f"applications.{r}", missing) for r in rows + ["total_processed"]):
            return
        failing: list[str] = []
        cells: dict[str, Cell] = {}
        for col in T3_COLUMNS:
            paths = [f"applications.{r}.{col}" for r in rows]
            parts, total = _sums(report, paths), _reading(report, f"applications.total_processed.{col}")
            if parts is None or total is None or parts & total:
                continue
            s = sum(_known(report.cell(p)) for p in paths)
            tp = _known(report.cell(f"applications.total_processed.{col}"))
            failing.append(t(f"{_col(col)} 各项之和 {_n(s)}，（七）总计 {_n(tp)}",
                             f"{_col(col)}: the results sum to {_n(s)}, 3.7 total reads {_n(tp)}"))
            cells[f"applications.total_processed.{col}"] = tp
            cells.update({p: report.cell(p) for p in paths if report.cell(p)})
        if failing:
            yield self.flag(t("表三 三（一）至（六）之和 ≠ 三（七）总计：", "Table 3: 3.1–3.6 ≠ 3.7 total: ")
                            + "；".join(failing), cells=cells)


class T3RowTotal(Rule):
    """表三, each row: 总计 = the sum of the six applicant columns.

    **Fires**: 新收 自然人 58, 商业企业 1, 其他 1 and 总计 61 (the columns give 60).

    **Quiet**: 58 + 1 + 0 + 0 + 1 + 0 = 60 = 总计; a row with a blank cell; a row the parser did
    not read (glued digits no split explains: PARSE-INCOMPLETE says so instead).
    """

    id = "T3-ROW-TOTAL"
    title = "表三各行：总计 ≠ 六类申请人之和"
    name = "applications.row_total"
    severity = "error"
    groups = ("arithmetic", "applications")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        apps = report.applications
        if not apps:
            return
        missing = unread(report)
        for row, data in apps.items():
            if is_unread(report, f"applications.{row}", missing):
                continue
            parts = _sums(report, [f"applications.{row}.{c}" for c in APPLICANT_COLUMNS])
            total = _reading(report, f"applications.{row}.total")
            if parts is None or total is None or parts & total:
                continue
            data = data or {}
            s = sum(_known(data.get(c)) for c in APPLICANT_COLUMNS)
            cells = {f"applications.{row}.{c}": data.get(c) for c in T3_COLUMNS}
            label = f"{t('表三', 'Table 3')} {row_label('applications', row)}"
            yield self.flag(t(f"{label}：各申请人列之和 {_n(s)}，总计为 {_n(_known(data.get('total')))}",
                              f"{label}: the applicant columns sum to {_n(s)}, the total reads "
                              f"{_n(_known(data.get('total')))}"), cells=cells)


class T4GroupSum(Rule):
    """表四, each group: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.

    **Fires**: 行政复议 维持 10, 纠正 1, 其他 0, 尚未审结 0 and 总计 0.

    **Quiet**: 维持 1 + 纠正 1 + 其他 0 + 尚未审结 0 = 总计 2; a group with a blank cell; a group
    or a 表四 the parser did not read.
    """

    id = "T4-GROUP-SUM"
    title = "表四各组：维持 + 纠正 + 其他 + 尚未审结 ≠ 总计"
    name = "review_litigation.group_sum"
    severity = "error"
    groups = ("arithmetic", "review_litigation")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        rl = report.review_litigation or {}
        missing = unread(report)
        for group in T4_GROUPS:
            if not rl or is_unread(report, f"review_litigation.{group}", missing):
                continue
            paths = [f"review_litigation.{group}.{c}" for c in T4_COLUMNS]
            parts, total = _sums(report, paths[:-1]), _reading(report, paths[-1])
            if parts is None or total is None or parts & total:
                continue
            data = rl.get(group) or {}
            s = sum(_known(data.get(c)) for c in T4_COLUMNS[:-1])
            label = f"{t('表四', 'Table 4')} {row_label('review_litigation', group)}"
            yield self.flag(t(f"{label}：结果维持+结果纠正+其他结果+尚未审结 = {_n(s)}，总计为 {_n(_known(data.get('total')))}",
                              f"{label}: upheld + corrected + other + pending = {_n(s)}, the total reads "
                              f"{_n(_known(data.get('total')))}"),
                            cells={p: report.cell(p) for p in paths})
