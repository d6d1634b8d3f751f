"""The narrative against the tables: stated figures (NARR-NUMBER), claims (NARR-CLAIM), and the
information-processing fee that 六 should mention (FEE-UNREPORTED).

They read ``report.stated``, which the pipeline fills with
:func:`disclosure_nlp.narrative.figures.extract_figures` over 一, 五 and 六.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..narrative.figures import CLAIMS, evaluate_field, field_cells, parse_range
from ..schema import Flag, Report
from .base import CheckSettings, Rule

_EPS = 1e-6
# wording that a pending application, not yet due, does not contradict
_TIMELY = re.compile(r"按时|按期|及时|按要求|按规定|法定期限|法定时限|规定时限|规定期限|时限内|期限内")


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class NarrNumber(Rule):
    """A figure the narrative states contradicts the table cell it names.

    The figure's field and every ``ambiguous_with`` alternative are evaluated; the flag is raised
    only when the stated value matches none of them (收到 60 件 is quiet when 新收 = 60 or
    新收 + 上年结转 = 60). Fields under ``narrative.`` and null cells are never checked.

    **Fires**: "收到政府信息公开申请60件" while 表三 新收 总计 is 58 and 上年结转 0.

    **Quiet**: "收到申请62件" with 新收 60 + 上年结转 2; "不予公开5件" with 三（三）1–8 summing to 5.
    """

    id = "NARR-NUMBER"
    name = "narrative.number"
    severity = "error"
    groups = ("narrative",)

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        for fig in report.stated:
            rng = parse_range(fig.claim)
            if fig.value is None and rng is None:
                continue
            exprs = (fig.field,) + tuple(fig.ambiguous_with)
            values = [evaluate_field(report, e) for e in exprs]
            if values[0] is None:
                # a cell split from glued digits: contradicted only if no surviving split gives the figure
                alts = report.cell_alternatives.get(fig.field)
                if alts and fig.value is not None and all(abs(a - fig.value) > _EPS for a in alts) and not any(
                        v is not None and abs(v - fig.value) <= _EPS for v in values[1:]):
                    yield self.flag(
                        f"the narrative states {_n(fig.value)}; the table's glued cells give {fig.field} = "
                        + " or ".join(_n(a) for a in alts[:6]) + " whichever way they are split",
                        quote=fig.quote, cells={fig.field: alts[0]})
                continue
            if rng is not None:
                ok = any(v is not None and rng[0] - _EPS <= v <= rng[1] + _EPS for v in values)
                stated = f"{_n(rng[0])}–{_n(rng[1])}" if rng[1] != float("inf") else f"over {_n(rng[0])}"
            else:
                ok = any(v is not None and abs(v - fig.value) <= _EPS for v in values)
                stated = _n(fig.value)
            if ok:
                continue
            cells: dict = {}
            for e in exprs:
                cells.update(field_cells(report, e))
            table = "; ".join(f"{e} = {_n(v)}" for e, v in zip(exprs, values) if v is not None)
            yield self.flag(f"the narrative states {stated}, the table has {table}", quote=fig.quote, cells=cells)


class NarrClaim(Rule):
    """A claim of the narrative is contradicted by the tables.

    all_answered (全部答复 / 均已办结) vs 结转下年度 > 0; no_review / no_litigation (未发生行政复议
    / 行政诉讼) vs 表四 总计 > 0; no_review_corrected / no_litigation_corrected vs 结果纠正 > 0;
    no_requests (未收到申请) vs 新收 > 0. A claim worded with a deadline (按时, 在法定期限内,
    按要求) is a warning only: an application received late in the year may be pending but not
    yet due. no_fee is recorded, never contradicted (see narrative/figures.py).

    **Fires**: "所有申请均已办结" while 结转下年度继续办理 is 1; "未发生行政复议" while 行政复议 总计 is 2.

    **Quiet**: "全部按时予以答复" with 结转下年度 0; "未发生行政诉讼" with both 诉讼 totals 0 or blank.
    """

    id = "NARR-CLAIM"
    name = "narrative.claim"
    severity = "error"
    groups = ("narrative",)

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        for fig in report.stated:
            if fig.claim not in CLAIMS or fig.claim == "no_fee":
                continue
            field = CLAIMS[fig.claim][0]
            value = evaluate_field(report, field)
            if value is None or value <= 0:
                continue
            severity = "warning" if fig.claim == "all_answered" and _TIMELY.search(fig.quote) else None
            yield self.flag(f"claim {fig.claim} contradicted: {field} = {_n(value)}", quote=fig.quote,
                            cells=field_cells(report, field), severity=severity)


class FeeUnreported(Rule):
    """六 is silent on 信息处理费 although 表三 counts applications dropped for unpaid fees.

    Since 2021 section 六 must report the information-processing fees charged. When
    ``other.unpaid_fee`` > 0 the agency issued fee notices, so 六 saying nothing about fees
    (信息处理费 / 收费 / 收取) is a gap a supervisor wants to see.

    **Fires**: 三（六）2 逾期未缴费 = 2 and 六 reads "无其他需要报告的事项。"

    **Quiet**: 逾期未缴费 = 0 or blank (or the 2019 layout); or 六 says "本年度未收取信息处理费。"
    """

    id = "FEE-UNREPORTED"
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
        yield self.flag(f"{_n(unpaid)} applications dropped for unpaid fees, but 六 does not mention 信息处理费",
                        quote=other.strip()[:200], cells={"applications.other.unpaid_fee.total": unpaid})
