"""RawDoc → Report: sections, 表二/三/四, agency, year and layout. Pure: no I/O."""
from __future__ import annotations

import re

from ..form import section_label
from ..i18n import t
from ..schema import T3_COLUMNS, T3_ROWS, RawDoc, Report
from .cells import normalize
from .legacy import read_legacy_stats
from .meta import detect_agency, detect_format, detect_year
from .sections import find_layout
from .tables import read_active, read_applications, read_review, row_name

__all__ = ["parse_doc", "parse_text"]

# figures the narrative states that help choose between splits of glued cells
_HINTS = [
    (re.compile(r"(?:新收|收到|受理|接收)[^。；，,]{0,20}?申请[^。；0-9]{0,6}?(\d+)\s*[件个]"), "applications.new_received.total"),
    (re.compile(r"申请共计\s*(\d+)\s*件"), "applications.new_received.total"),
    (re.compile(r"自然人\s*(\d+)\s*件"), "applications.new_received.natural_person"),
    (re.compile(r"行政复议[^。；0-9]{0,6}?(\d+)\s*[件起]"), "review_litigation.review.total"),
    (re.compile(r"行政诉讼[^。；0-9]{0,6}?(\d+)\s*[件起]"), "review_litigation.litigation.total"),
    (re.compile(r"(?:制发|印发|出台)[^。；0-9]{0,12}?规范性文件\s*(\d+)\s*件"), "active_disclosure.normative_documents.issued"),
    (re.compile(r"规范性文件[^。；0-9]{0,8}?(?:制发|印发)[^。；0-9]{0,4}?(\d+)\s*件"), "active_disclosure.normative_documents.issued"),
]


# the title of an annual report: …政府信息公开（工作）年度报告, …信息公开年度报告, 2013年政府信息公开工作报告
_REPORT_TITLE = re.compile(
    r"(?:信\s*息|政\s*务)\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*报\s*告|年\s*报)"
    r"|(?:19|20)\d\d\s*年\s*度?\s*(?:政\s*府\s*)?(?:信\s*息|政\s*务)\s*公\s*开\s*(?:工\s*作\s*)?报\s*告")
# a title line that is about reports, not one: a notice on writing or sending them
_ABOUT_REPORTS = re.compile(r"通\s*知|编\s*制|报\s*送|做\s*好|的\s*函|意\s*见|发\s*布\s*会|目\s*录|清\s*单")
TITLE_CHARS = 600  # the head of a document where its title stands


def _hints(narrative: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for rx, key in _HINTS:
        m = rx.search(narrative)
        if m and key not in out:
            out[key] = float(m.group(1))
    return out


def parse_text(text: str, source: str = "<text>", fmt: str = "txt") -> Report:
    return parse_doc(RawDoc(source=source, fmt=fmt, text=text))


def is_annual_report_title(text: str) -> bool:
    """The document's head names it an annual report on information disclosure."""
    head = text[:TITLE_CHARS]
    for m in _REPORT_TITLE.finditer(head):
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line = head[line_start: line_end if line_end >= 0 else len(head)]
        if not _ABOUT_REPORTS.search(line):
            return True
    return False


# a line that is only a page footer: — 5 —, - 3 -, 第 5 页, 第5页 共12页, 5/12
_FOOTER = re.compile(r"^[ \t]*(?:[—－\-–―]{1,2}[ \t]*\d{1,3}[ \t]*[—－\-–―]{1,2}"
                     r"|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?"
                     r"|\d{1,3}[ \t]*/[ \t]*\d{1,3})[ \t]*$", re.M)


def blank_footers(text: str) -> str:
    """Page footers blanked, one space for one character (offsets stay those of the text): a
    footer inside a table would otherwise be read as cells (— as a blank, 5 as a value)."""
    return _FOOTER.sub(lambda m: " " * len(m.group(0)), text)


def parse_doc(raw: RawDoc) -> Report:
    text = blank_footers(normalize(raw.text))
    warnings = list(raw.warnings)
    uncertain: list[str] = []
    alternatives: dict = {}
    unsplit: dict = {}
    unread: list[str] = []  # schema paths of rows or tables not read
    layout = find_layout(text)
    # narrative is quoted as the report wrote it; ``text`` (digits and spaces normalised, one
    # character for one, so spans agree) is for finding things
    original = blank_footers(raw.text.replace("\u00a0", " "))
    sect = lambda span: original[span[0]:span[1]].strip() if span else ""  # noqa: E731
    tsect = lambda span: text[span[0]:span[1]].strip() if span else ""  # noqa: E731
    # a section not found is absent (None to ``sections.get``); the overview is the text before
    # the tables even without its heading
    sections = {"overview": sect(layout.overview)}
    if layout.problems:
        sections["problems"] = sect(layout.problems)
    if layout.other:
        sections["other_matters"] = sect(layout.other)
    t2_text = tsect(layout.t2)
    t3_text = tsect(layout.t3)
    fmt_version = detect_format(t2_text, t3_text)
    year = detect_year(text)
    titled = is_annual_report_title(text)
    no_tables = fmt_version is None and layout.t3 is None and layout.t2 is None
    if no_tables:
        # no tables: the old free format, unless the report is on 2019 or later (tables lost)
        fmt_version = "pre2019" if (year is None or year < 2019) else None
        if fmt_version is None and titled and year is not None:  # None here means year >= 2019
            # an annual report without the form's tables: judged against the layout its year
            # calls for, so that the rules on missing parts reach it
            fmt_version = "2021" if year >= 2021 else "2019"
            warnings.append(t(f"未找到表二、表三、表四；按报告年度（{year}年）适用的{fmt_version}年版格式核对",
                              f"表二/三/四 not found; checked against the {fmt_version} layout its year "
                              f"({year}) calls for"))
    stated = _hints(sections["overview"] + sections.get("problems", ""))
    active = applications = review = legacy = None
    cells = 0
    if layout.t3:
        r = read_applications(text, layout.t3, stated)
        applications, cells = r.data, cells + r.cells_read
        _gather(r, warnings, uncertain, alternatives, unsplit, unread)
    if applications is not None and fmt_version == "2021" and "other.no_correction" not in applications:
        warnings.append(t("表三：2021年版格式中只有一行（六）其他处理（2019年版的写法），读作“3.其他”；"
                          "“1.申请人无正当理由逾期不补正”和“2.申请人逾期未按收费通知要求缴纳费用”两行为空",
                          "表三: 2021 layout with a single （六）其他处理 row (2019 style): read as other.other; "
                          "other.no_correction and other.unpaid_fee are null"))
        applications = {r: applications.get(r, dict.fromkeys(T3_COLUMNS)) for r in T3_ROWS}
    if layout.t2 and fmt_version in ("2021", "2019"):
        r = read_active(text, layout.t2, fmt_version, stated)
        active, cells = r.data, cells + r.cells_read
        _gather(r, warnings, uncertain, alternatives, unsplit, unread)
    if layout.t4:
        r = read_review(text, layout.t4, stated)
        review, cells = r.data, cells + r.cells_read
        _gather(r, warnings, uncertain, alternatives, unsplit, unread)
    if layout.legacy_stats:
        legacy = read_legacy_stats(text[layout.legacy_stats[0]:layout.legacy_stats[1]])
    for name in layout.missing:
        warnings.append(t(f"未找到：{section_label(name)}", f"section not found: {section_label(name)}"))
    status, reason = _status(layout, fmt_version, titled, no_tables, applications, cells, legacy,
                             "problems" in sections, unread, uncertain)
    if not text.strip():
        status, reason = "failed", t("没有文字", "no text")
    return Report(
        source=raw.source, status=status, reason=reason, fmt=raw.fmt, sha256=raw.sha256,
        agency=detect_agency(text), year=year, format_version=fmt_version,
        sections=sections, active_disclosure=active, applications=applications,
        review_litigation=review, legacy_stats=legacy, uncertain_cells=tuple(dict.fromkeys(uncertain)),
        cell_alternatives=alternatives, unsplit=unsplit,
        warnings=tuple(warnings),
    )


def _gather(r, warnings, uncertain, alternatives, unsplit, unread) -> None:
    warnings += r.warnings
    uncertain += r.uncertain
    alternatives.update(r.alternatives)
    unsplit.update(r.unsplit)
    unread += r.unread


NOT_A_REPORT = ("不是政府信息公开工作年度报告", "not an annual report")


def _status(layout, fmt_version, titled, no_tables, applications, cells, legacy, has_problems,
            unread, uncertain) -> tuple[str, str]:
    """ok, partial (with what was not read, in the form's terms) or failed (not a report)."""
    is_report = titled or not no_tables or bool(legacy) or has_problems
    if not is_report:
        return "failed", t(f"{NOT_A_REPORT[0]}：标题不是年度报告，也未找到表二、表三、表四、统计表和“存在的主要问题”部分",
                           f"{NOT_A_REPORT[1]}: no annual-report title, no 表二/三/四, no 统计表 and no "
                           "存在的主要问题 section found")
    problems = []
    if fmt_version == "pre2019":
        if not legacy and not has_problems:
            problems.append(t("旧格式报告：未找到统计表和“存在的主要问题”部分",
                              "old free format: no 统计表 and no 存在的主要问题 section found"))
    elif applications is None or cells == 0:
        problems.append(t("未读到表格数据（未找到表二、表三、表四）",
                          "no table cells could be read (表二/三/四 not found)"))
    if not problems or fmt_version != "pre2019":
        if unread and cells:
            names = list(dict.fromkeys(row_name(p) for p in unread))
            shown = t("、", ", ").join(names[:5])
            if len(names) > 5:
                shown += t(f"等{len(names)}处", f" and {len(names) - 5} more")
            problems.append(t("未读取：", "not read: ") + shown)
        n = len(set(uncertain))
        if n:
            problems.append(t(f"{n}个单元格有多种读法", f"{n} cells read ambiguously"))
        lost = [m for m in layout.missing if (fmt_version != "pre2019" or m in ("overview", "problems"))
                and not (no_tables and m in ("active_disclosure", "applications", "review_litigation"))]
        if lost:
            problems.append(t("未找到：", "sections not found: ")
                            + t("、", ", ").join(section_label(m) for m in lost))
    if problems:
        return "partial", t("；", "; ").join(problems)
    return "ok", ""
