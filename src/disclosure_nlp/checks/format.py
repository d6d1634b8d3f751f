"""Form and completeness: outdated table layout, missing sections, cells read with doubt."""
from __future__ import annotations

from typing import Iterable

from ..form import cell_label, section_label
from ..i18n import t
from ..schema import Flag, Report
from .base import CheckSettings, Rule

# section → (its number on the form, where the parsed report keeps it)
_SECTIONS = (
    ("一 总体情况", "sections", "overview"),
    ("二 主动公开政府信息情况", "table", "active_disclosure"),
    ("三 收到和处理政府信息公开申请情况", "table", "applications"),
    ("四 政府信息公开行政复议、行政诉讼情况", "table", "review_litigation"),
    ("五 存在的主要问题及改进情况", "sections", "problems"),
    ("六 其他需要报告的事项", "sections", "other_matters"),
)


_TABLES = ("applications", "review_litigation", "active_disclosure")


def _label_of(key: str) -> str:
    return next(label for label, _, k in _SECTIONS if k == key)


class FormatOutdated(Rule):
    """A report on 2021 or later uses the 2019 table layout (or the older free format).

    国办公开办函〔2021〕30号 sets the layout for annual reports from the 2021 report on.

    **Fires**: a 2022 report whose 表二 has 本年新制作数量 / 本年新公开数量 (2019 layout).

    **Quiet**: a 2022 report in the 2021 layout; a 2020 report in the 2019 layout.
    """

    id = "FORMAT-OUTDATED"
    title = "2021年及以后的报告仍用旧版表格"
    name = "format.outdated"
    severity = "warning"
    groups = ("format",)

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        if report.year and report.year >= 2021 and report.format_version in ("2019", "pre2019"):
            old = t({"2019": "2019 年版", "pre2019": "2019 年以前的"}[report.format_version],
                    {"2019": "the 2019", "pre2019": "the pre-2019"}[report.format_version])
            yield self.flag(t(f"{report.year} 年度报告使用{old}表格格式，"
                              "应使用 2021 年版格式（国办公开办函〔2021〕30号）",
                              f"a {report.year} report in {old} layout; the 2021 layout "
                              "(国办公开办函〔2021〕30号) applies"),
                            cells={"year": report.year, "format_version": report.format_version})


class SectionMissing(Rule):
    """One or more of the six sections (一…六) of the national form was not found.

    Reports in the free pre-2019 format have no fixed sections and are not checked.

    **Fires**: a 2021-layout report with no 表四 and no 六.

    **Quiet**: all six sections present, even if 五 or 六 just says 无.
    """

    id = "SECTION-MISSING"
    title = "缺少国家格式规定的部分（一至六）"
    name = "format.section_missing"
    severity = "warning"
    groups = ("format", "completeness")

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        if report.format_version not in ("2021", "2019"):
            return
        missing = []
        for label, kind, key in _SECTIONS:
            present = report.sections.get(key) is not None if kind == "sections" else bool(getattr(report, key))
            if not present:
                missing.append(label)
        if missing:
            yield self.flag(t("未找到：", "section(s) not found: ") + t("；", "; ").join(
                                section_label(key) for _, _, key in _SECTIONS if _label_of(key) in missing),
                            cells={"missing": [m.split()[0] for m in missing]})


class ParseUncertain(Rule):
    """Cells the parser read with doubt (a glued row split by arithmetic, a guessed header).

    Informational: the flagged cells should be checked by eye before a flag built on them is used.

    **Fires**: ``uncertain_cells`` lists applications.granted.natural_person.

    **Quiet**: no uncertain cells.
    """

    id = "PARSE-UNCERTAIN"
    title = "有单元格读取存疑（粘连数字有多种拆法等）"
    name = "format.parse_uncertain"
    severity = "info"
    groups = ("format",)

    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        if report.uncertain_cells:
            cells = {p: report.cell(p) if p.split(".")[0] in _TABLES else None for p in report.uncertain_cells}
            shown = t("、", ", ").join(cell_label(p) for p in list(cells)[:8]) + ("…" if len(cells) > 8 else "")
            yield self.flag(t(f"{len(cells)} 个单元格由粘连数字拆分或存疑，请对照原文核对：{shown}",
                              f"{len(cells)} cell(s) read with ambiguity: {shown}"),
                            cells=cells)
