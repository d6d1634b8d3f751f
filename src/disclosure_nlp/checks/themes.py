"""The themes of 五 against the numbers (THEME-GAP), missing measures (NO-IMPROVEMENT), and the
problems no measure answers (:func:`unanswered_problems`)."""
from __future__ import annotations

import re
from typing import Iterable

from ..form import cell_label
from ..i18n import t
from ..narrative.figures import evaluate_field, field_cells
from ..schema import THEME_NAMES, Flag, Item, Report
from .base import CheckSettings, Rule

_REFUSALS = ("applications.denied.*.total", "applications.unable.*.total", "applications.not_processed.*.total")
_CORRECTED = ("review_litigation.review.corrected", "review_litigation.litigation_direct.corrected",
              "review_litigation.litigation_after_review.corrected")
_EMPTY = re.compile(r"^[\s。.]*(?:无|暂无|没有|无。|不存在|/|—+|-)?[\s。.]*$")
_HEADING = re.compile(r"^\s*五[、.．]?\s*存在的主要问题及改进情况\s*")


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _problems(report: Report) -> list[Item]:
    return [i for i in report.items if i.kind == "problem"]




class ThemeGap(Rule):
    """The themes of 五 do not fit the numbers: the tables show trouble with applications and no
    problem names it, or many applications and only generic problems.

    Fires when no problem item has theme ``requests`` and either 表四 shows a result corrected
    (结果纠正 > 0 in 复议 or 诉讼) or refusals (不予公开 + 无法提供 + 不予处理) are at least
    ``refusal_share`` of （七）总计 with 总计 ≥ ``refusal_min_processed``; or when 新收 ≥
    ``generic_min_received`` and every problem item is ``generic``.

    **Fires**: 行政复议 结果纠正 1 and 五 names only 公开时效 and 队伍 problems.

    **Quiet**: the same tables and a problem "依申请公开答复不够规范" (theme requests); or 12 of 40
    applications refused with no correction.
    """

    id = "THEME-GAP"
    title = "五的问题与表格数据不相称（如复议纠正、大量不予公开却未提申请办理问题）"
    name = "themes.gap"
    severity = "warning"
    groups = ("themes",)

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        problems = _problems(report)
        quote = "；".join(p.text for p in problems)[:300]
        if not any("requests" in p.themes for p in problems):
            corrected = {e: evaluate_field(report, e) for e in _CORRECTED}
            hit = {e: v for e, v in corrected.items() if v}
            if hit:
                shown = t("、", ", ").join(t(f"{cell_label(e)} 为 {_n(v)}", f"{cell_label(e)} is {_n(v)}")
                                           for e, v in hit.items())
                yield self.flag(t(f"{shown}，但五未提及{THEME_NAMES['requests']}方面的问题",
                                  f"{shown}, but Part 5 names no problem with handling applications"),
                                quote=quote, cells=hit)
            processed = evaluate_field(report, "applications.total_processed.total")
            refusals = [evaluate_field(report, e) for e in _REFUSALS]
            known = [r for r in refusals if r is not None]
            if processed and processed >= settings.refusal_min_processed and len(known) == len(refusals):
                share = sum(known) / processed
                if share >= settings.refusal_share:
                    cells = {e: v for e, v in zip(_REFUSALS, refusals)}
                    cells["applications.total_processed.total"] = processed
                    yield self.flag(t(f"三（七）总计 {_n(processed)} 件中 {share:.0%} 为不予公开、无法提供或不予处理，"
                                      f"但五未提及{THEME_NAMES['requests']}方面的问题",
                                      f"{share:.0%} of {_n(processed)} applications refused (denied, unable to "
                                      "provide or not processed), but Part 5 names no problem with handling "
                                      "applications"), quote=quote, cells=cells)
        received = evaluate_field(report, "applications.new_received.total")
        if (problems and received is not None and received >= settings.generic_min_received
                and all(set(p.themes) <= {"generic"} for p in problems)):
            yield self.flag(t(f"一 本年新收申请 {_n(received)} 件，但五所列问题均为泛泛表述",
                              f"{_n(received)} applications received, but every problem in Part 5 is generic"),
                            quote=quote, cells=field_cells(report, "applications.new_received.total"))

class NoImprovement(Rule):
    """五 names problems but no improvement measures, or is empty, 无, or missing.

    **Fires**: 五 lists "信息更新不及时" and "人员力量薄弱" and no measure; 五 reads "无。"; no 五 at all.

    **Quiet**: 五 names a problem and "下一步将加强培训" (an improvement item).
    """

    id = "NO-IMPROVEMENT"
    title = "五只列问题、没有改进措施，或为空、写“无”"
    name = "themes.no_improvement"
    severity = "warning"
    groups = ("themes", "completeness")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        if report.format_version == "pre2019":
            return  # the free format had no fixed 五
        text = report.sections.get("problems")
        if text is None:
            yield self.flag(t("未找到五 存在的主要问题及改进情况", "Part 5 (problems and improvements) not found"),
                            cells={"sections.problems": None})
            return
        body = _HEADING.sub("", text)
        if _EMPTY.match(body):
            yield self.flag(t("五 存在的主要问题及改进情况为空或仅写“无”", "Part 5 is empty or says 无"),
                            quote=text.strip()[:200],
                            cells={"sections.problems": text.strip()[:200]})
            return
        problems = _problems(report)
        if problems and not any(i.kind == "improvement" for i in report.items):
            yield self.flag(t(f"五列出 {len(problems)} 个问题，但没有改进措施",
                              f"Part 5 names {len(problems)} problem(s) and no improvement measure"),
                            quote="；".join(p.text for p in problems)[:300],
                            cells={"items.problem": len(problems), "items.improvement": 0})
