"""RawDoc → Report: sections, 表二/三/四, agency, year and layout. Pure: no I/O."""
from __future__ import annotations

import re

from ..schema import T3_COLUMNS, T3_ROWS, RawDoc, Report
from .cells import normalize
from .legacy import read_legacy_stats
from .meta import detect_agency, detect_format, detect_year
from .sections import find_layout
from .tables import read_active, read_applications, read_review

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


def _hints(narrative: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for rx, key in _HINTS:
        m = rx.search(narrative)
        if m and key not in out:
            out[key] = float(m.group(1))
    return out


def parse_text(text: str, source: str = "<text>", fmt: str = "txt") -> Report:
    return parse_doc(RawDoc(source=source, fmt=fmt, text=text))


def parse_doc(raw: RawDoc) -> Report:
    text = normalize(raw.text)
    warnings = list(raw.warnings)
    uncertain: list[str] = []
    alternatives: dict = {}
    unsplit: dict = {}
    layout = find_layout(text)
    # narrative is quoted as the report wrote it; ``text`` (digits and spaces normalised, one
    # character for one, so spans agree) is for finding things
    original = raw.text.replace("\u00a0", " ")
    sect = lambda span: original[span[0]:span[1]].strip() if span else ""  # noqa: E731
    tsect = lambda span: text[span[0]:span[1]].strip() if span else ""  # noqa: E731
    sections = {"overview": sect(layout.overview), "problems": sect(layout.problems),
                "other_matters": sect(layout.other)}
    t2_text = tsect(layout.t2)
    t3_text = tsect(layout.t3)
    fmt_version = detect_format(t2_text, t3_text)
    year = detect_year(text)
    if fmt_version is None and layout.t3 is None and layout.t2 is None:
        # no tables: the old free format, unless the report is on 2019 or later (tables lost)
        fmt_version = "pre2019" if (year is None or year < 2019) else None
    stated = _hints(sections["overview"] + sections["problems"])
    active = applications = review = legacy = None
    cells = 0
    if layout.t3:
        r = read_applications(text, layout.t3, stated)
        applications, cells = r.data, cells + r.cells_read
        warnings += r.warnings
        uncertain += r.uncertain
        alternatives.update(r.alternatives)
        unsplit.update(r.unsplit)
    if applications is not None and fmt_version == "2021" and "other.no_correction" not in applications:
        warnings.append("表三: 2021 layout with a single （六）其他处理 row (2019 style): read as other.other; "
                        "other.no_correction and other.unpaid_fee are null")
        applications = {r: applications.get(r, dict.fromkeys(T3_COLUMNS)) for r in T3_ROWS}
    if layout.t2 and fmt_version in ("2021", "2019"):
        r = read_active(text, layout.t2, fmt_version, stated)
        active, cells = r.data, cells + r.cells_read
        warnings += r.warnings
        uncertain += r.uncertain
        alternatives.update(r.alternatives)
        unsplit.update(r.unsplit)
    if layout.t4:
        r = read_review(text, layout.t4, stated)
        review, cells = r.data, cells + r.cells_read
        warnings += r.warnings
        uncertain += r.uncertain
        alternatives.update(r.alternatives)
        unsplit.update(r.unsplit)
    if layout.legacy_stats:
        legacy = read_legacy_stats(text[layout.legacy_stats[0]:layout.legacy_stats[1]])
    for name in layout.missing:
        warnings.append(f"section not found: {name}")
    status, reason = "ok", ""
    problems = []
    if fmt_version != "pre2019" and (applications is None or cells == 0):
        if not sections["problems"] and not sections["overview"]:
            status, reason = "failed", "not an annual report: no tables and no sections found"
        else:
            status, reason = "partial", "no table cells could be read (表二/三/四 not found)"
    elif fmt_version == "pre2019" and not sections["problems"] and not legacy:
        status = "failed"
        reason = "not an annual report: no 表二/三/四, no 统计表 and no 存在的主要问题 section found"
    else:
        unread = [w.split(":")[0] for w in warnings if w.startswith(("表二 row", "表三 row", "表四")) and "not" in w]
        if unread:
            problems.append("not read: " + ", ".join(dict.fromkeys(unread)))
        if uncertain:
            problems.append(f"{len(set(uncertain))} cells split ambiguously")
        lost = [m for m in layout.missing if fmt_version != "pre2019" or m in ("overview", "problems")]
        if lost:
            problems.append("sections not found: " + ", ".join(lost))
        if problems:
            status, reason = "partial", "; ".join(problems)
    if not text.strip():
        status, reason = "failed", "no text"
    return Report(
        source=raw.source, status=status, reason=reason, fmt=raw.fmt, sha256=raw.sha256,
        agency=detect_agency(text), year=year, format_version=fmt_version,
        sections=sections, active_disclosure=active, applications=applications,
        review_litigation=review, legacy_stats=legacy, uncertain_cells=tuple(dict.fromkeys(uncertain)),
        cell_alternatives=alternatives, unsplit=unsplit,
        warnings=tuple(warnings),
    )
