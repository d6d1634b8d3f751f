"""The canonical data model of a parsed report (see SCHEMA.md in the shared folder).

Every stage takes and returns these frozen dataclasses; tables are kept as plain nested
dicts keyed by the schema's fixed field names so that they serialise to JSON unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Optional, Sequence, Union

Cell = Optional[Union[int, float]]

# 表三 columns and rows, in the order of the national form.
APPLICANT_COLUMNS = (
    "natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org",
)
T3_COLUMNS = APPLICANT_COLUMNS + ("total",)
T3_ROWS = (
    "new_received", "carried_over", "granted", "partially_granted",
    "denied.state_secret", "denied.prohibited_by_law", "denied.security_stability",
    "denied.third_party", "denied.internal_affairs", "denied.process_info",
    "denied.enforcement_file", "denied.admin_query",
    "unable.not_held", "unable.needs_creation", "unable.unclear",
    "not_processed.complaint", "not_processed.repeated", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation",
    "other.no_correction", "other.unpaid_fee", "other.other",
    "total_processed", "carried_forward",
)
T3_ROWS_2019 = tuple(r for r in T3_ROWS if r not in ("other.no_correction", "other.unpaid_fee"))
# rows that (七)总计 sums
T3_RESULT_ROWS = tuple(r for r in T3_ROWS if r not in (
    "new_received", "carried_over", "total_processed", "carried_forward"))

T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

T2_2021 = {
    "regulations": ("issued", "repealed", "in_force"),
    "normative_documents": ("issued", "repealed", "in_force"),
    "licensing": ("decisions",),
    "punishment": ("decisions",),
    "coercion": ("decisions",),
    "fees": ("amount_10k_yuan",),
}
T2_2019 = {
    "regulations": ("made", "published", "total_published"),
    "normative_documents": ("made", "published", "total_published"),
    "licensing": ("prior_items", "change", "decisions"),
    "other_services": ("prior_items", "change", "decisions"),
    "punishment": ("prior_items", "change", "decisions"),
    "coercion": ("prior_items", "change", "decisions"),
    "fees": ("prior_items", "change"),
    "procurement": ("items", "amount"),
}

# TAXONOMY.md: the themes of problems and improvement measures (one list for both kinds)
THEMES = (
    "scope", "timeliness", "standardization", "interpretation", "participation", "requests", "platform",
    "new_media", "staffing", "awareness", "mechanism", "grassroots", "info_management", "digital", "generic",
)
GENERIC = "generic"
THEME_NAMES = {
    "scope": "公开范围与深度", "timeliness": "公开时效", "standardization": "规范化标准化",
    "interpretation": "政策解读与回应", "participation": "公众参与", "requests": "依申请公开办理",
    "platform": "平台与网站", "new_media": "政务新媒体", "staffing": "队伍与培训", "awareness": "思想认识与领导",
    "mechanism": "制度机制与考核", "grassroots": "基层政务公开", "info_management": "信息管理与审查",
    "digital": "数字化与形式创新", "generic": "泛泛表述",
}

class Severity(str, Enum):
    """A flag's severity, most severe first: the one order every output sorts by."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(str, Enum):
    """What became of an input file."""

    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"
    SKIPPED = "skipped"


class Kind(str, Enum):
    PROBLEM = "problem"
    IMPROVEMENT = "improvement"


class FormatVersion(str, Enum):
    V2021 = "2021"
    V2019 = "2019"
    PRE2019 = "pre2019"


# the values as plain strings, in the enums' order (what reports.jsonl and the CSVs hold)
FORMAT_VERSIONS = tuple(v.value for v in FormatVersion)
SEVERITIES = tuple(s.value for s in Severity)
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # 0 = most severe
KINDS = tuple(k.value for k in Kind)
STATUSES = tuple(s.value for s in Status)
# the values as a Chinese reader names them (the CSVs keep the ids)
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_NAMES = {"ok": "正常", "partial": "部分读取", "failed": "失败", "skipped": "跳过"}
KIND_NAMES = {"problem": "问题", "improvement": "改进措施"}
# statuses of files that were not analysed: no stage, rule or corpus comparison sees them
NOT_ANALYSED = ("failed", "skipped")


@dataclass(frozen=True)
class Block:
    """A piece of a read document: a paragraph of text or a table grid (rows of cell strings)."""

    kind: str  # "text" or "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class RawDoc:
    """What a reader makes of a file: its text, in reading order, and its blocks.

    ``text`` is the linear text of the whole document; a table grid is written into it one row
    per line with cells separated by a tab, so that the parser can read every format alike.
    """

    source: str
    fmt: str  # txt, html, docx, pdf, md
    text: str
    blocks: Sequence[Block] = ()  # a tuple, or read.text.TextBlocks (worked out on first use)
    encoding: Optional[str] = None
    warnings: tuple[str, ...] = ()
    sha256: str = ""


@dataclass(frozen=True)
class Evidence:
    quote: str = ""
    cells: dict[str, Any] = field(default_factory=dict)
    # where in ``quote`` the figures the flag is about stand, as (start, end): export marks them
    # without reading the quote again
    spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"quote": self.quote, "cells": dict(self.cells)}
        if self.spans:
            d["spans"] = [list(s) for s in self.spans]
        return d


@dataclass(frozen=True)
class Flag:
    rule: str
    severity: str
    message: str
    evidence: Evidence = field(default_factory=Evidence)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "evidence": self.evidence.to_dict()}


@dataclass(frozen=True)
class Item:
    """A problem or improvement statement of 五 with its position in the section text."""

    kind: str
    text: str
    themes: tuple[str, ...] = ()
    start: int = -1
    end: int = -1
    section: str = "problems"
    kind_from: str = "splitter"  # splitter | model
    probabilities: dict[str, float] = field(default_factory=dict)
    confidence: Optional[float] = None  # how sure the classifier is of ``themes`` (0–1)
    why: dict[str, list[str]] = field(default_factory=dict)  # theme → the words that drove it

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "text": self.text, "themes": list(self.themes),
             "start": self.start, "end": self.end, "section": self.section,
             "kind_from": self.kind_from}
        if self.probabilities:
            d["probabilities"] = {k: round(v, 4) for k, v in self.probabilities.items()}
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 4)
        if self.why:
            d["why"] = {k: list(v) for k, v in self.why.items()}
        return d


@dataclass(frozen=True)
class StatedFigure:
    """A figure or claim the narrative states, mapped to the table field it concerns."""

    quote: str
    field: str
    value: Optional[float] = None
    claim: Optional[str] = None  # e.g. "all_answered", "no_review", "no_requests"
    start: int = -1
    ambiguous_with: tuple[str, ...] = ()  # other fields the wording may also mean
    section: str = ""  # the section it was stated in (overview, problems, other_matters)
    in_quote: tuple[int, ...] = ()  # (start, end) of the number within ``quote``; () for a claim

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"quote": self.quote, "field": self.field, "start": self.start}
        if self.section:
            d["section"] = self.section
        if self.in_quote:
            d["in_quote"] = list(self.in_quote)
        if self.value is not None:
            d["value"] = self.value
        if self.claim:
            d["claim"] = self.claim
        if self.ambiguous_with:
            d["ambiguous_with"] = list(self.ambiguous_with)
        return d


@dataclass(frozen=True)
class Report:
    source: str
    status: str = "ok"  # ok | partial | failed
    reason: str = ""
    fmt: str = ""
    sha256: str = ""
    agency: Optional[str] = None
    year: Optional[int] = None
    format_version: Optional[str] = None
    sections: dict[str, str] = field(default_factory=dict)
    active_disclosure: Optional[dict] = None
    applications: Optional[dict] = None
    review_litigation: Optional[dict] = None
    legacy_stats: Optional[list] = None
    uncertain_cells: tuple[str, ...] = ()
    # every value an uncertain cell may have (the splits that survived), chosen value first
    cell_alternatives: dict[str, tuple] = field(default_factory=dict)
    # glued digit runs that no split satisfying the table's arithmetic explains (row or table →
    # the run): the report's own arithmetic fails there, whatever the cells are
    unsplit: dict[str, str] = field(default_factory=dict)
    stated: tuple[StatedFigure, ...] = ()
    items: tuple[Item, ...] = ()
    flags: tuple[Flag, ...] = ()
    warnings: tuple[str, ...] = ()

    def evolve(self, **changes) -> "Report":
        return replace(self, **changes)

    def cell(self, path: str) -> Cell:
        """Look a cell up by its dotted schema path, e.g. ``applications.new_received.total``."""
        return get_cell(self, path)

    def to_dict(self) -> dict:
        d = {
            "source": self.source, "status": self.status, "reason": self.reason,
            "format": self.fmt, "sha256": self.sha256,
            "agency": self.agency, "year": self.year, "format_version": self.format_version,
            "sections": dict(self.sections),
            "active_disclosure": self.active_disclosure,
            "applications": self.applications,
            "review_litigation": self.review_litigation,
            "items": [i.to_dict() for i in self.items],
            "flags": [f.to_dict() for f in self.flags],
            "warnings": list(self.warnings),
            "uncertain_cells": list(self.uncertain_cells),
            "cell_alternatives": {k: list(v) for k, v in self.cell_alternatives.items()},
            "unsplit": dict(self.unsplit),
            "stated_in_narrative": [s.to_dict() for s in self.stated],
        }
        if self.legacy_stats is not None:
            d["legacy_stats"] = self.legacy_stats
        return d


def unanswered_problems(report: "Report") -> list[Item]:
    """Problems whose themes no improvement item of the same report shares (TAXONOMY.md).

    The one definition of an unanswered problem: themes.csv, unanswered.csv and the review page
    all derive from it. A problem with two themes of which an improvement shares one is answered;
    a problem the classifier gave no theme is not claimed to be unanswered."""
    answered = {t for i in report.items if i.kind == "improvement" for t in i.themes}
    return [p for p in report.items if p.kind == "problem" and p.themes and not answered.intersection(p.themes)]


def unanswered_themes(report: "Report") -> list[str]:
    """The themes of the unanswered problems (:func:`unanswered_problems`), sorted: a theme is
    unanswered exactly when an item of unanswered.csv has it."""
    return sorted({t for p in unanswered_problems(report) for t in p.themes})


def get_cell(report: Report, path: str) -> Cell:
    """``applications.denied.third_party.total`` → the cell, or None where absent."""
    table, _, rest = path.partition(".")
    data = getattr(report, table, None)
    if data is None:
        return None
    if table == "applications":
        row, _, col = rest.rpartition(".")
        return (data.get(row) or {}).get(col)
    group, _, col = rest.partition(".")
    return (data.get(group) or {}).get(col)


def empty_applications(rows=T3_ROWS) -> dict:
    return {r: {c: None for c in T3_COLUMNS} for r in rows}


def empty_review() -> dict:
    return {g: {c: None for c in T4_COLUMNS} for g in T4_GROUPS}


def empty_active(layout: str) -> dict:
    spec = T2_2021 if layout == "2021" else T2_2019
    return {k: {f: None for f in fields} for k, fields in spec.items()}


def _stated_from_dict(s: dict[str, Any]) -> StatedFigure:
    fields: dict[str, Any] = {k: (tuple(v) if k in ("ambiguous_with", "in_quote") else v) for k, v in s.items()}
    return StatedFigure(**fields)


def report_from_dict(d: dict) -> Report:
    """Rebuild a Report from ``Report.to_dict()`` output (reports.jsonl)."""
    return Report(
        source=d["source"], status=d.get("status", "ok"), reason=d.get("reason", ""),
        fmt=d.get("format", ""), sha256=d.get("sha256", ""),
        agency=d.get("agency"), year=d.get("year"), format_version=d.get("format_version"),
        sections=d.get("sections") or {}, active_disclosure=d.get("active_disclosure"),
        applications=d.get("applications"), review_litigation=d.get("review_litigation"),
        legacy_stats=d.get("legacy_stats"),
        uncertain_cells=tuple(d.get("uncertain_cells", ())),
        cell_alternatives={k: tuple(v) for k, v in (d.get("cell_alternatives") or {}).items()},
        unsplit=dict(d.get("unsplit") or {}),
        stated=tuple(_stated_from_dict(s) for s in d.get("stated_in_narrative", ())),
        items=tuple(Item(kind=i["kind"], text=i["text"], themes=tuple(i.get("themes", ())),
                         start=i.get("start", -1), end=i.get("end", -1),
                         section=i.get("section", "problems"), kind_from=i.get("kind_from", "splitter"),
                         probabilities=i.get("probabilities") or {}, confidence=i.get("confidence"),
                         why=i.get("why") or {}) for i in d.get("items", ())),
        flags=tuple(Flag(f["rule"], f["severity"], f["message"],
                         Evidence(f.get("evidence", {}).get("quote", ""), f.get("evidence", {}).get("cells", {}),
                                  tuple(tuple(x) for x in f.get("evidence", {}).get("spans", ()))))
                    for f in d.get("flags", ())),
        warnings=tuple(d.get("warnings", ())),
    )


__all__ = [
    "Cell", "APPLICANT_COLUMNS", "T3_COLUMNS", "T3_ROWS", "T3_ROWS_2019", "T3_RESULT_ROWS", "T4_GROUPS", "T4_COLUMNS",
    "T2_2021", "T2_2019", "THEMES", "GENERIC", "THEME_NAMES", "Severity", "Status", "Kind", "FormatVersion",
    "FORMAT_VERSIONS", "SEVERITIES", "SEVERITY_RANK", "KINDS", "STATUSES", "SEVERITY_NAMES", "STATUS_NAMES",
    "KIND_NAMES", "NOT_ANALYSED", "Block", "RawDoc",
    "Evidence", "Flag", "Item", "StatedFigure", "Report", "unanswered_problems", "unanswered_themes", "get_cell",
    "empty_applications", "empty_review", "empty_active", "report_from_dict",
]
