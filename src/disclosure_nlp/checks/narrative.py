"""The narrative against the tables: stated figures (NARR-NUMBER), claims (NARR-CLAIM), and the
information-processing fee that 六 should mention (FEE-UNREPORTED).

They read ``report.stated``, which the pipeline fills with
:func:`disclosure_nlp.narrative.figures.extract_figures` over 一, 五 and 六. A figure is checked
against every reading of its words (``field`` and ``ambiguous_with`` that the report's layout
holds) and every surviving reading of its cells (a cell split from glued digits counts with each
value of its splits); a reading that cannot be evaluated (a blank cell, a row not read) keeps
the rule quiet.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..form import cell_label, section_label
from ..i18n import get_lang, t
from ..narrative.figures import (CLAIMS, applicable, evaluate_field, field_cells, field_readings, parse_range,
                                 parse_share)
from ..schema import Flag, Report, StatedFigure
from .base import CheckSettings, Rule

_EPS = 1e-6
# what a share may be of: （七）总计, 新收, 新收 + 上年结转
_DENOMINATORS = ("applications.total_processed.total", "applications.new_received.total",
                 "applications.new_received.total+applications.carried_over.total")
# a figure of another year: "2022年收到申请60件", "较上年增加10件", "同比"
_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_OTHER_YEAR = re.compile(r"去年|同比|前年|往年|(?:较|比|与)上一?年"
                         r"|上一?年度?(?:同期|的|共|全年|收到|受理|新收|办结|办理)")


def of_another_year(report: Report, fig: StatedFigure) -> bool:
    """Whether the figure's own words speak of another year than the report's."""
    if _OTHER_YEAR.search(fig.quote):
        return True
    years = {int(y) for y in _YEAR.findall(fig.quote)}
    return bool(report.year and years and report.year not in years)


# claims that no cell contradicts (see narrative/figures.py)
_NEVER = ("no_fee", "answered_on_time")


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _values(vals: frozenset) -> str:
    vs = sorted(vals)
    return _n(vs[0]) if len(vs) == 1 else t("或", " or ").join(_n(v) for v in vs[:6]) + ("…" if len(vs) > 6 else "")


def expr_label(expr: str) -> str:
    """A field expression as the form names its cells: ``applications.denied.*.total`` →
    表三 三（三）不予公开 · 总计; sums are joined by ＋."""
    terms = [re.sub(r"^sum\((.*)\)$", r"\1", x.strip()).replace(".*", "") for x in expr.split("+")]
    labels = [cell_label(x) for x in terms]
    if len(labels) > 1:  # 表三 a + 表三 b → 表三 a + b
        table = cell_label(terms[0].partition(".")[0])
        labels = [labels[0]] + [x[len(table) + 1:] if x.startswith(table + " ") else x for x in labels[1:]]
    return " + ".join(labels)


def where(fig: StatedFigure) -> str:
    """The section a figure was stated in, as a reader cites it (一, 五, 六)."""
    if not fig.section:
        return t("报告", "the report")
    label = section_label(fig.section)
    return label.split(" ")[0] if get_lang() == "zh" else label


def _reading_text(primary: str, expr: str, vals: frozenset) -> str:
    if expr.startswith(primary + "+") and "carried_over" in expr[len(primary):]:
        return t(f"加上年结转为 {_values(vals)}", f"with those carried over {_values(vals)}")
    return t(f"{expr_label(expr)} 为 {_values(vals)}", f"{expr_label(expr)} is {_values(vals)}")


def _readings(report: Report, fig: StatedFigure) -> Optional[list[tuple[str, frozenset]]]:
    """(expression, values) of every reading the layout holds; None where one cannot be evaluated."""
    exprs = [e for e in (fig.field,) + tuple(fig.ambiguous_with) if applicable(report, e)]
    out = []
    for e in exprs:
        vals = field_readings(report, e)
        if vals is None:
            return None
        out.append((e, vals))
    return out or None


class NarrNumber(Rule):
    """A figure the narrative states contradicts the table cells it names.

    The figure's field and every ``ambiguous_with`` alternative the layout holds are evaluated;
    the flag is raised only when the stated value matches none of them under any surviving
    reading of the cells (收到 60 件 is quiet when 新收 = 60 or 新收 + 上年结转 = 60; 涉及自然人
    72 件 likewise per column). A compound figure is what it names (予以公开及部分公开 = 三（一）+
    三（二）; 无法提供 = the sum of 三（四）). A stated share (占 51.85%) is checked against the figure
    over （七）总计, 新收 or 新收 + 上年结转. A figure equal to some other cell is still a
    contradiction. Fields under ``narrative.``, null cells, rows not read and figures of another
    year (2022年…, 较上年…, 同比…) are never checked; 办理 / 处理 N 件 may be （七）总计, 新收, or 新收 +
    上年结转.

    **Fires**: "收到政府信息公开申请60件" while 表三 新收 总计 is 58 and 上年结转 0; "予以公开5件，占
    80%" with 予以公开 5 of （七）总计 13.

    **Quiet**: "收到申请62件" with 新收 60 + 上年结转 2; "不予公开5件" with 三（三）1–8 summing to 5;
    "予以公开5件，占38.5%" with 5 of 13.
    """

    id = "NARR-NUMBER"
    title = "叙述中的数字与表格不符"
    name = "narrative.number"
    severity = "error"
    groups = ("narrative",)

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        for fig in report.stated:
            if parse_share(fig.claim):
                if not of_another_year(report, fig):
                    yield from self._share(report, fig)
                continue
            rng = parse_range(fig.claim)
            if (fig.value is None and rng is None) or of_another_year(report, fig):
                continue
            readings = _readings(report, fig)
            if readings is None:
                continue
            if rng is not None:
                ok = any(rng[0] - _EPS <= v <= rng[1] + _EPS for _, vals in readings for v in vals)
            else:
                ok = any(abs(v - fig.value) <= _EPS for _, vals in readings for v in vals)
            if ok:
                continue
            cells: dict = {}
            for e, _ in readings:
                cells.update(field_cells(report, e))
            primary = readings[0][0]
            desc = t("、", "; ").join(_reading_text(primary, e, vals) for e, vals in readings)
            if any(len(vals) > 1 for _, vals in readings):
                desc += t("（粘连数字的各种拆分均如此）", " (whichever way the glued digits are split)")
            yield self.flag(t(f"{where(fig)} 称“{fig.quote}”，{desc}", f"{where(fig)} states '{fig.quote}'; {desc}"),
                            quote=fig.quote, cells=cells,
                            spans=((fig.in_quote[0], fig.in_quote[1]),) if len(fig.in_quote) == 2 else ())

    def _share(self, report: Report, fig: StatedFigure) -> Iterable[Flag]:
        share_claim = parse_share(fig.claim)
        assert share_claim is not None  # check() calls _share only for a share claim
        pct, decimals = share_claim
        step = 10.0 ** -decimals
        readings = field_readings(report, fig.field) if applicable(report, fig.field) else None
        if readings is None:
            return
        # the count stated beside the share is a reading of the numerator too
        nums = set(readings) | {f.value for f in report.stated
                            if f.field == fig.field and f.start == fig.start and f.value is not None}
        dens = []
        for d in _DENOMINATORS:
            vals = field_readings(report, d) if applicable(report, d) else None
            if vals is None:
                return
            dens.append((d, vals))
        for _, vals in dens:
            for den in vals:
                if den <= 0:
                    return
                for num in nums:
                    share = 100.0 * num / den
                    if abs(share - pct) <= step / 2 + _EPS or pct - _EPS <= share < pct + step:
                        return
        table_num = evaluate_field(report, fig.field)
        num = table_num if table_num is not None else min(nums)
        shown = max(decimals, 1)
        shares = t("、", ", ").join(f"{100.0 * num / min(vals):.{shown}f}%" for _, vals in dens)
        cells = field_cells(report, fig.field)
        for d, _ in dens:
            cells.update(field_cells(report, d))
        yield self.flag(t(f"{where(fig)} 称“{fig.quote}”，但 {expr_label(fig.field)} 占 三（七）总计、一 本年新收、"
                          f"新收加上年结转 的比例分别为 {shares}",
                          f"{where(fig)} states '{fig.quote}', but {expr_label(fig.field)} is {shares} of 3.7 total, "
                          f"of new applications, and of new plus carried over"), quote=fig.quote, cells=cells)


class NarrClaim(Rule):
    """A claim of the narrative is contradicted by the tables.

    all_answered (全部办结 / 均已办结 / 全部予以答复) vs 结转下年度 > 0; no_review / no_litigation
    (未发生行政复议 / 行政诉讼) vs 表四 总计 > 0; no_review_corrected / no_litigation_corrected vs
    结果纠正 > 0; all_upheld (复议N件、诉讼M件，均获维持) vs 结果纠正 or 尚未审结 > 0 in the groups
    the claim names (only those); no_requests (未收到申请) vs 新收 > 0. A claim worded with a
    deadline (按时, 在法定期限内, 按要求) is answered_on_time and never contradicted: a pending
    application is not a late one, and the form records no late reply. no_fee is recorded, never
    contradicted (see narrative/figures.py).

    **Fires**: "所有申请均已办结" while 结转下年度继续办理 is 1; "未发生行政复议" while 行政复议 总计 is
    2; "行政复议2件，诉讼1件，均获维持" while 行政复议 结果纠正 is 1.

    **Quiet**: "全部按时予以答复" or "均在法定期限内答复" with 结转下年度 1; "未发生行政诉讼" with both
    诉讼 totals 0 or blank; "行政复议2件，均获维持" while only 诉讼 has 结果纠正.
    """

    id = "NARR-CLAIM"
    title = "叙述中的说法与表格矛盾"
    name = "narrative.claim"
    severity = "error"
    groups = ("narrative",)

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        for fig in report.stated:
            if fig.claim not in CLAIMS or fig.claim in _NEVER or of_another_year(report, fig):
                continue
            field = fig.field or CLAIMS[fig.claim][0]
            if not applicable(report, field):
                continue
            value = evaluate_field(report, field)
            if value is None or value <= 0:
                continue
            cells = field_cells(report, field)
            hit = t("、", ", ").join(t(f"{cell_label(p)} 为 {_n(v)}", f"{cell_label(p)} is {_n(v)}")
                                     for p, v in cells.items() if v)
            yield self.flag(t(f"{where(fig)} 称“{fig.quote}”，但 {hit}",
                              f"{where(fig)} states '{fig.quote}', but {hit}"), quote=fig.quote, cells=cells)


class FeeUnreported(Rule):
    """六 is silent on 信息处理费 although 表三 counts applications dropped for unpaid fees.

    Since 2021 section 六 must report the information-processing fees charged. When
    ``other.unpaid_fee`` > 0 the agency issued fee notices, so 六 saying nothing about fees
    (信息处理费 / 收费 / 收取) is a gap a supervisor wants to see.

    **Fires**: 三（六）2 逾期未缴费 = 2 and 六 reads "无其他需要报告的事项。"

    **Quiet**: 逾期未缴费 = 0 or blank (or the 2019 layout); or 六 says "本年度未收取信息处理费。"
    """

    id = "FEE-UNREPORTED"
    title = "表三有逾期未缴费不再处理的申请，六未说明信息处理费"
    name = "narrative.fee_unreported"
    severity = "warning"
    groups = ("narrative", "completeness")

    _MENTION = re.compile(r"信息处理费|收费|收取|费用")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        unpaid = evaluate_field(report, "applications.other.unpaid_fee.total")
        if not unpaid or unpaid <= 0:
            return
        other = report.sections.get("other_matters") or ""
        if self._MENTION.search(other):
            return
        label = cell_label("applications.other.unpaid_fee.total")
        yield self.flag(t(f"{label} 为 {_n(unpaid)}（已发收费通知），但六未说明信息处理费收取情况",
                          f"{label} is {_n(unpaid)} (fee notices were issued), but Part 6 does not mention "
                          "information-processing fees"),
                        quote=other.strip()[:200], cells={"applications.other.unpaid_fee.total": unpaid})
