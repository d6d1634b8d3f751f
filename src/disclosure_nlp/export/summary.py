"""What the exports say about one report: theme counts, unanswered problems, figure spans, and the
compact, bounded summary the review page embeds (never the whole report text).

Unanswered problems follow TAXONOMY.md: a problem item whose themes no improvement item of the
same report shares. A problem *theme* is unanswered when no improvement item has that theme.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, Callable, Iterable, Mapping, Optional

from ..schema import unanswered_problems
from ..schema import KINDS, SEVERITIES, Flag, Report
from ..schema import THEME_NAMES, THEMES

SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# bounds of one report's summary on the review page
MAX_FLAGS = 40
MAX_QUOTE = 400
MAX_CELLS = 24
MAX_UNANSWERED = 10
MAX_TEXT = 200

_AR_NUM = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CN_NUM = r"[零〇一二两三四五六七八九十百千万]+"
# an Arabic figure anywhere; a Chinese-numeral figure only before a unit, so 一是 / 三安全一稳定 stay plain
_FIGURE = re.compile(rf"{_AR_NUM}\s*(?:[万千亿]|%|％)?|{_CN_NUM}(?=[件条个次项人家份篇场期余%％])")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def theme_counts(report: Report) -> Counter:
    """Items per (kind, theme); an item with two themes counts once under each."""
    return Counter((i.kind, t) for i in report.items for t in i.themes)


def answered_themes(report: Report) -> set[str]:
    return {t for i in report.items if i.kind == "improvement" for t in i.themes}


def unanswered_themes(report: Report) -> set[str]:
    """Problem themes that no improvement item of the report has."""
    return {t for i in report.items if i.kind == "problem" for t in i.themes} - answered_themes(report)


def _cn_value(text: str) -> Optional[float]:
    """A Chinese numeral (三十五, 一百零二, 两千, 1.2万) as a number, or None."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


def figure_value(figure: str) -> Optional[float]:
    """The number a figure span states: ``1,200`` → 1200, ``1.5万`` → 15000, ``三十`` → 30."""
    s = figure.strip().rstrip("%％").strip()
    scale = 1.0
    if s and s[-1] in "万千亿" and re.search(r"\d", s):
        scale = {"万": 1e4, "千": 1e3, "亿": 1e8}[s[-1]]
        s = s[:-1].strip()
    if re.fullmatch(_AR_NUM, s):
        return float(s.replace(",", "").replace("，", "")) * scale
    return _cn_value(s)


def _numbers_in(values: Iterable[Any]) -> set[float]:
    out: set[float] = set()
    for v in values:
        if isinstance(v, bool) or v is None:
            continue
        if isinstance(v, (int, float)):
            out.add(float(v))
        elif isinstance(v, str):
            out.update(x for m in _FIGURE.finditer(v) if (x := figure_value(m.group())) is not None)
    return out


def figure_spans(quote: str, message: str = "", cells: Optional[Mapping[str, Any]] = None) -> list[list[int]]:
    """``[start, end, hit]`` of every figure in ``quote``; ``hit`` is 1 where the figure's value is
    one the flag names (a number in its message or a cell value), 0 for the other figures."""
    wanted = _numbers_in([message]) | _numbers_in((cells or {}).values())
    spans = []
    for m in _FIGURE.finditer(quote):
        start, end = m.span()
        while end > start and quote[end - 1].isspace():
            end -= 1
        spans.append([start, end, int(figure_value(m.group()) in wanted)])
    return spans


def _clip(text: Any, limit: int = MAX_TEXT) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell_value(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, str):
        return _clip(v, 80)
    return _clip(json.dumps(v, ensure_ascii=False, default=str), 80)


def flag_summary(flag: Flag) -> dict:
    """One flag, bounded: the quote clipped around its first highlighted figure, at most
    ``MAX_CELLS`` cells."""
    quote, cells = flag.evidence.quote or "", dict(flag.evidence.cells or {})
    if len(quote) > MAX_QUOTE:
        spans = figure_spans(quote, flag.message, cells)
        first = next((s[0] for s in spans if s[2]), 0)
        start = max(0, min(first - MAX_QUOTE // 3, len(quote) - MAX_QUOTE))
        quote = ("…" if start else "") + quote[start:start + MAX_QUOTE] + ("…" if start + MAX_QUOTE < len(quote) else "")
    items = list(cells.items())
    out = {"rule": flag.rule, "sev": flag.severity, "msg": _clip(flag.message, 400), "quote": quote,
           "marks": figure_spans(quote, flag.message, cells),
           "cells": [[str(k), _cell_value(v)] for k, v in items[:MAX_CELLS]]}
    if len(items) > MAX_CELLS:
        out["more_cells"] = len(items) - MAX_CELLS
    return out


def sort_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Errors first, then warnings, then info; stable within a severity."""
    return sorted(flags, key=lambda f: SEVERITY_RANK.get(f.severity, len(SEVERITY_RANK)))


def summarize(report: Report, agency_key: Optional[Callable[[str], str]] = None,
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
        "n": {s: counts.get(s, 0) for s in SEVERITIES},
        "flags": [flag_summary(f) for f in flags[:MAX_FLAGS]],
        "more_flags": max(0, len(flags) - MAX_FLAGS),
        "themes": {t: pc for t, pc in themes.items() if any(pc)},
        "unanswered": [[_clip(p.text), list(p.themes)] for p in unanswered[:MAX_UNANSWERED]],
        "more_unanswered": max(0, len(unanswered) - MAX_UNANSWERED),
    }


def theme_names() -> list[list[str]]:
    """``[[id, 名称], ...]`` in TAXONOMY order."""
    return [[t, THEME_NAMES[t]] for t in THEMES]
