"""What the exports say about one report: theme counts, unanswered problems, figure spans, and the
compact, bounded summary the review page embeds (never the whole report text).

Unanswered problems and themes are defined once, in ``schema.py`` (:func:`unanswered_problems`,
TAXONOMY.md; :func:`unanswered_themes` derives from it).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from ..form import TABLE_NAMES, cell_label, section_label
from ..i18n import t
from ..numerals import DIGIT_CHARS, loose_value
from ..schema import unanswered_problems, unanswered_themes
from ..schema import KINDS, SEVERITIES, SEVERITY_RANK, Flag, Report
from ..schema import THEME_NAMES, THEMES

# bounds of one report's summary on the review page
MAX_FLAGS = 40
MAX_QUOTE = 400
MAX_CELLS = 24
MAX_UNANSWERED = 10
MAX_TEXT = 200
MAX_WARNINGS = 5
MAX_PEERS = 10

_AR_NUM = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CN_NUM = rf"[{DIGIT_CHARS}十百千万]+"
_CN_UNIT = "件条个次项人家份篇场期余%％"
# An Arabic figure anywhere. A Chinese numeral only as a quantity: a whole run of numerals (never
# the tail of 第三 or 十三五) right before a unit; :func:`_is_quantity` then drops the words among them.
_FIGURE = re.compile(rf"{_AR_NUM}\s*(?:[万千亿]|%|％)?"
                     rf"|(?<![第{DIGIT_CHARS}十百千万]){_CN_NUM}(?=[{_CN_UNIT}])")
# what follows numeral + unit in set phrases that count nothing: 三个方面, 四个意识, 两个维护,
# 三项制度, 八项规定, 十三五期间; and numeral + unit + quote (四个“全面”)
_SET_PHRASE = re.compile(r"[个项次条](?:方面|层面|环节|维度|意识|自信|维护|确立|务必|代表|规定|制度|全面|坚持|一)"
                         r"|期间|[个项次条件][“\"「『‘]")


def _is_quantity(text: str, m: re.Match) -> bool:
    """An Arabic figure always; a Chinese numeral only where it counts something: not a lone 一
    (一个, 一次, 一件事 are words), not 百 / 千 / 万 alone (千家万户), not a set phrase."""
    figure = m.group()
    if figure[0].isdigit():
        return True
    if figure == "一" or not re.search(f"[{DIGIT_CHARS}十]", figure):
        return False
    return not _SET_PHRASE.match(text, m.end())


def figures(text: str) -> Iterable[re.Match]:
    """The figures of ``text``, in order (see :data:`_FIGURE` and :func:`_is_quantity`)."""
    return (m for m in _FIGURE.finditer(text) if _is_quantity(text, m))


def theme_counts(report: Report) -> Counter:
    """Items per (kind, theme); an item with two themes counts once under each."""
    return Counter((i.kind, t) for i in report.items for t in i.themes)


def figure_value(figure: str) -> Optional[float]:
    """The number a figure span states: ``1,200`` → 1200, ``1.5万`` → 15000, ``三十`` → 30."""
    s = figure.strip().rstrip("%％").strip()
    scale = 1.0
    if s and s[-1] in "万千亿" and re.search(r"\d", s):
        scale = {"万": 1e4, "千": 1e3, "亿": 1e8}[s[-1]]
        s = s[:-1].strip()
    if re.fullmatch(_AR_NUM, s):
        return float(s.replace(",", "").replace("，", "")) * scale
    # read digit by digit as the review page always has, not as the narrative's figures are
    # (numerals.parse_number): a non-standard numeral (一百二) keeps the value it had; no cn2an
    return loose_value(s)


def _numbers_in(values: Iterable[Any]) -> set[float]:
    out: set[float] = set()
    for v in values:
        if isinstance(v, bool) or v is None:
            continue
        if isinstance(v, (int, float)):
            out.add(float(v))
        elif isinstance(v, str):
            out.update(x for m in figures(v) if (x := figure_value(m.group())) is not None)
    return out


def figure_spans(quote: str, message: str = "", cells: Optional[Mapping[str, Any]] = None,
                 known: Sequence[tuple[int, int]] = ()) -> list[list[int]]:
    """``[start, end, hit]`` of every figure in ``quote``; ``hit`` is 1 for the figures the flag is
    about: those its evidence places (``known``, the rule's own spans) or, for a flag without
    spans, those whose value the flag names (a number in its message or a cell value)."""
    wanted = set() if known else _numbers_in([message]) | _numbers_in((cells or {}).values())
    spans = []
    for m in figures(quote):
        start, end = m.span()
        while end > start and quote[end - 1].isspace():
            end -= 1
        if known:
            hit = any(a < end and start < b for a, b in known)
        else:
            hit = figure_value(m.group()) in wanted
        spans.append([start, end, int(hit)])
    return spans


def _clip(text: Any, limit: int = MAX_TEXT) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell_value(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, str):
        return _clip(v, 80)
    if isinstance(v, (list, tuple)) and all(isinstance(x, (str, int, float)) for x in v):
        return _clip("、".join(str(x) for x in v), 80)
    return _clip(json.dumps(v, ensure_ascii=False, default=str), 80)


# evidence keys that are not cells of the form, as a reader names them
_KEY_LABELS = {
    "year": ("年度", "year"),
    "format_version": ("表格版式", "table layout"),
    "missing": ("未找到的部分", "parts not found"),
    "items.problem": ("五 问题条数", "Part 5: problems"),
    "items.improvement": ("五 改进措施条数", "Part 5: improvement measures"),
    "previous": ("上一年度报告", "previous report"),
    "previous_year": ("上一年度", "previous year"),
    "peer_count": ("相同文字的其他报告数", "other reports with the same text"),
    "closest": ("最相似的报告", "closest report"),
    "peers": ("相同文字的其他报告", "other reports with the same text"),
    "jaccard": ("文字相同比例", "share of identical text"),
    "theme": ("主题代码", "theme id"),
    "theme_name": ("主题", "theme"),
    "years": ("年度", "years"),
    "sources": ("各年报告文件", "the years' report files"),
    "same_report_as": ("同一报告的其他文件", "other files of the same report"),
    "agency_canonical": ("归并后的机关名称", "agency name as grouped"),
}
# the keys of the boilerplate rules, told as a sentence instead of rows
_SENTENCE_KEYS = {"jaccard", "closest", "previous", "previous_year", "peer_count"}

ReportName = Callable[[str], str]


def evidence_label(key: str) -> str:
    """An evidence key as a reader names it: a schema path by the form's label (``form.cell_label``),
    ``2021:applications.carried_forward.total`` as that year's cell, ``sections.problems`` as the
    section, the other keys of the rules by their Chinese names; an unknown key unchanged."""
    year, sep, rest = key.partition(":")
    if sep and year.isdigit():
        return t(f"{year}年报告 ", f"{year} report ") + evidence_label(rest)
    if key.partition(".")[0] in TABLE_NAMES:
        return cell_label(key)
    if key.startswith("sections."):
        return section_label(key.partition(".")[2])
    if key in _KEY_LABELS:
        zh, en = _KEY_LABELS[key]
        return t(zh, en)
    return key


# a schema path inside a message: \b does not separate a CJK character from a Latin letter
_PATH_IN_TEXT = re.compile(r"(?<![A-Za-z0-9_.])(?:applications|review_litigation|active_disclosure)(?:\.[a-z_0-9]+)+")


def readable(message: str) -> str:
    """A flag's message with any schema path in it named by the form's label (a message written
    before its rule spoke the form's words still reads as the form)."""
    return _PATH_IN_TEXT.sub(lambda m: cell_label(m.group()), message)


def report_name(source: str, agency: Optional[str] = None, year: Optional[int] = None) -> str:
    """How a flag names another report: ``某某局 2021年报告``, else by its file name."""
    if agency:
        return agency + (t(f" {year}年报告", f" {year} report") if year else t(" 报告", " report"))
    return re.split(r"[\\/]", str(source))[-1] + t(" 报告", " report")


def _evidence(cells: Mapping[str, Any], name: ReportName) -> tuple[list[str], list[list]]:
    """``(notes, rows)``: the boilerplate rules' keys (jaccard, closest, peers …) as Chinese
    sentences; every other key as ``[key, label, value]``."""
    notes: list[str] = []
    j = cells.get("jaccard")
    share = f"{j:.0%}" if isinstance(j, (int, float)) and not isinstance(j, bool) else None
    if share and cells.get("closest"):
        notes.append(t(f"五 与 {name(cells['closest'])}的五 {share} 相同",
                       f"Part 5 is {share} the same as Part 5 of {name(cells['closest'])}"))
    elif share and cells.get("previous"):
        notes.append(t(f"五 与本机关 {name(cells['previous'])}的五 {share} 相同",
                       f"Part 5 is {share} the same as Part 5 of this agency's {name(cells['previous'])}"))
    elif share:
        notes.append(t(f"五 的文字 {share} 相同", f"Part 5 is {share} the same"))
    if isinstance(cells.get("peer_count"), int) and cells["peer_count"] > 0:
        notes.append(t(f"同样的文字还见于另外 {cells['peer_count']} 份报告",
                       f"the same text is in {cells['peer_count']} other reports"))
    rows = []
    for k, v in cells.items():
        k = str(k)
        if (k in _SENTENCE_KEYS and share) or (k == "peer_count" and notes):
            continue
        if k == "peers" and isinstance(v, (list, tuple)):
            names = [name(p) for p in v[:MAX_PEERS]]
            more = len(v) - len(names)
            text = "、".join(names) + (t(f" 等 {len(v)} 份", f" and {more} more") if more > 0 else "")
            rows.append([k, evidence_label(k), _clip(text, 400)])
            continue
        elif k in ("closest", "previous") and isinstance(v, str):
            v = name(v)
        rows.append([k, evidence_label(k), _cell_value(v)])
    return notes, rows


def flag_summary(flag: Flag, name: Optional[ReportName] = None) -> dict:
    """One flag, bounded: the quote clipped around its first highlighted figure, at most
    ``MAX_CELLS`` evidence rows, each ``[key, label, value]``; ``name(source)`` names another
    report a corpus rule cites (default: its file name)."""
    quote, cells = flag.evidence.quote or "", dict(flag.evidence.cells or {})
    known = list(flag.evidence.spans)
    if len(quote) > MAX_QUOTE:
        spans = figure_spans(quote, flag.message, cells, known)
        first = next((s[0] for s in spans if s[2]), 0)
        start = max(0, min(first - MAX_QUOTE // 3, len(quote) - MAX_QUOTE))
        shift = (1 if start else 0) - start  # the clipped quote starts with "…" where cut
        known = [(a + shift, b + shift) for a, b in known]
        quote = ("…" if start else "") + quote[start:start + MAX_QUOTE] + ("…" if start + MAX_QUOTE < len(quote) else "")
    notes, rows = _evidence(cells, name or report_name)
    out: dict[str, Any] = {"rule": flag.rule, "sev": flag.severity, "msg": _clip(readable(flag.message), 400), "quote": quote,
           "marks": figure_spans(quote, flag.message, cells, known), "notes": notes, "cells": rows[:MAX_CELLS]}
    if len(rows) > MAX_CELLS:
        out["more_cells"] = len(rows) - MAX_CELLS
    return out


def sort_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Errors first, then warnings, then info; stable within a severity."""
    return sorted(flags, key=lambda f: SEVERITY_RANK.get(f.severity, len(SEVERITY_RANK)))


def summarize(report: Report, agency_key: Optional[Callable[[str], Optional[str]]] = None,
              extra_flags: Iterable[Flag] = ()) -> dict:
    """The review page's record of one report: metadata, bounded flags with evidence, theme counts
    per kind, unanswered problems. A few KB at most, whatever the report's size."""
    flags = sort_flags(list(report.flags) + list(extra_flags))
    counts = Counter(f.severity for f in flags)
    agency = report.agency or ""
    themes = {t: [0, 0] for t in THEMES}
    for (kind, theme), n in theme_counts(report).items():
        if theme in themes and kind in KINDS:
            themes[theme][KINDS.index(kind)] = n
    unanswered = unanswered_problems(report)
    return {
        "source": report.source,
        "agency": agency,
        "group": (agency_key(agency) if agency_key and agency else agency) or "",
        "year": report.year,
        "layout": report.format_version or "",
        "format": report.fmt,
        "status": report.status,
        "reason": _clip(report.reason, 300),
        "n_warnings": len(report.warnings),
        "warnings": [_clip(w) for w in report.warnings[:MAX_WARNINGS]],
        "n": {s: counts.get(s, 0) for s in SEVERITIES},
        "flags": [flag_summary(f) for f in flags[:MAX_FLAGS]],
        "more_flags": max(0, len(flags) - MAX_FLAGS),
        "themes": {t: pc for t, pc in themes.items() if any(pc)},
        "unanswered": [[_clip(p.text), list(p.themes)] for p in unanswered[:MAX_UNANSWERED]],
        "more_unanswered": max(0, len(unanswered) - MAX_UNANSWERED),
        "open": unanswered_themes(report),
    }


def theme_names() -> list[list[str]]:
    """``[[id, 名称], ...]`` in TAXONOMY order."""
    return [[t, THEME_NAMES[t]] for t in THEMES]
