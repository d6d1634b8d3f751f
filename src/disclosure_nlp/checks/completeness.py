"""What the parser did not read (PARSE-INCOMPLETE), and the helper every rule asks before it
concludes anything from a row: a row or table that was not read proves nothing.

Not read: a table the layout requires that is absent; a row (表三) or group (表四) the layout
requires whose cells are all null; a row or table left in ``Report.unsplit`` (glued digits no
split explains). Not "not read": a single blank cell (the report may leave it empty); the
逾期不补正 / 逾期未缴费 rows of a 2019-layout report; those two rows of a 2021-layout report that
keeps a single （六）其他处理 row.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..form import cell_label, row_label
from ..i18n import t
from ..schema import T3_ROWS, T3_ROWS_2019, T4_GROUPS, Flag, Report
from .base import CheckSettings, Rule

_FORM_LAYOUTS = ("2019", "2021")
_TABLES = ("active_disclosure", "applications", "review_litigation")
_SPLIT_OTHER = ("other.no_correction", "other.unpaid_fee")


def _blank(data: Optional[dict], row: str) -> bool:
    cells = (data or {}).get(row)
    return not isinstance(cells, dict) or all(v is None for v in cells.values())


def required_rows(report: Report) -> tuple[str, ...]:
    """The 表三 rows the report's layout prints."""
    apps = report.applications or {}
    if report.format_version == "2019":
        return T3_ROWS_2019
    if all(_blank(apps, r) for r in _SPLIT_OTHER) and not _blank(apps, "other.other"):
        return T3_ROWS_2019  # a 2021 table keeping the single （六）其他处理 row
    return T3_ROWS


def unread(report: Report) -> list[str]:
    """Schema paths of the tables, 表三 rows and 表四 groups that were not read, in form order:
    ``applications`` (a whole table), ``applications.granted`` (a row), ``review_litigation.review``."""
    out: list[str] = []
    form = report.format_version in _FORM_LAYOUTS
    for table in _TABLES:
        data = getattr(report, table)
        if not data:
            if form or (table != "active_disclosure" and (report.applications or report.review_litigation)):
                out.append(table)
            continue
        if table in report.unsplit:
            out.append(table)
            continue
        if table == "applications":
            out += [f"applications.{r}" for r in required_rows(report)
                    if _blank(data, r) or f"applications.{r}" in report.unsplit]
        elif table == "review_litigation":
            out += [f"review_litigation.{g}" for g in T4_GROUPS
                    if _blank(data, g) or f"review_litigation.{g}" in report.unsplit]
    out += [p for p in report.unsplit if p not in out and p.partition(".")[0] not in out]
    return out


def is_unread(report: Report, path: str, missing: Optional[list[str]] = None) -> bool:
    """Whether the row, group or table holding ``path`` (a row or cell path) was not read."""
    missing = unread(report) if missing is None else missing
    return any(path == m or path.startswith(m + ".") for m in missing)


def unread_label(path: str) -> str:
    """``applications.granted`` → 表三 三（一）予以公开（整行）."""
    table, _, row = path.partition(".")
    name = cell_label(table)
    if not row:
        return t(f"{name}（整表）", f"{name} (the whole table)")
    kind = t("整行", "the whole row") if table == "applications" else t("整组", "the whole group")
    return t(f"{name} {row_label(table, row)}（{kind}）", f"{name} {row_label(table, row)} ({kind})")


class ParseIncomplete(Rule):
    """Part of a table the form requires was not read: the rules that need it stayed quiet.

    Informational, and the report's status becomes ``partial``: a row or table the parser
    missed (all its cells null where the layout requires it, a table absent, glued digits no
    split explains) proves nothing, so no arithmetic or narrative rule concludes from it. A
    single blank cell is the report's own; the 2019 layout has no 逾期不补正 / 逾期未缴费 rows,
    and a 2021 table may keep one （六）其他处理 row: none of these is "not read".

    A cell read with doubt and no surviving split to go on is named too.

    **Fires**: a 2021-layout 表三 whose 三（一）予以公开 row is null in every column; a report with no 表四.

    **Quiet**: every required row read; a 2019-layout 表三 (23 rows); a blank 其他 cell in 四 结转下年度.
    """

    id = "PARSE-INCOMPLETE"
    title = "表格有部分未读出，依赖它的核对未进行"
    name = "format.parse_incomplete"
    severity = "info"
    groups = ("format", "completeness")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        if report.format_version not in _FORM_LAYOUTS and not (report.applications or report.review_litigation):
            return
        missing = unread(report)
        # a cell read with doubt and no surviving reading to go on is not read either
        doubtful = [p for p in report.uncertain_cells if p.partition(".")[0] in _TABLES
                    and not report.cell_alternatives.get(p) and not is_unread(report, p, missing)]
        if not missing and not doubtful:
            return
        names = t("；", "; ").join([unread_label(p) for p in missing]
                                  + [t(f"{cell_label(p)}（存疑）", f"{cell_label(p)} (doubtful)") for p in doubtful])
        cells: dict[str, object] = {p: report.unsplit.get(p) for p in missing}
        cells.update({p: report.cell(p) for p in doubtful})
        yield self.flag(t(f"未读出：{names}。依赖这些内容的核对未进行，请对照原文查看",
                          f"not read: {names}. The checks that need them were not run; see the original"),
                        cells=cells)


__all__ = ["ParseIncomplete", "is_unread", "required_rows", "unread", "unread_label"]
