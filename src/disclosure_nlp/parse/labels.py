"""The national form's row labels as search patterns, tolerant of wrapped lines, stray spaces
and the typos real reports carry (e.g. 其他法律行政止公开). The words are the form's, in
``form.py`` (``T3_ROW_WORDS``, ``T2_ROW_WORDS``, ``T2_FIELD_WORDS`` …); here only how they are
searched: optional numbering in front, whitespace between characters, look-behinds."""
from __future__ import annotations

import re

from ..form import (LAYOUT_2019_WORDS, LAYOUT_2021_WORDS, T2_FIELD_WORDS,
                    T2_ROW_LEAD, T2_ROW_WORDS, T3_COLUMN_LABELS, T3_ROW_LEAD, T3_ROW_WORDS,
                    T4_COLUMN_LABELS)
from ..numerals import ONE_TO_NINE
from ..schema import T2_2019, T2_2021, T3_ROWS

# a "/" in a form's word (本年增/减) may be printed ／ or 、 or left out
_SLASH = r"[/／、]?"


def fuzzy(word: str) -> str:
    """A regex matching ``word`` with optional whitespace between its characters."""
    return r"\s*".join(_SLASH if ch == "/" else re.escape(ch) for ch in word)


def alt(*words: str) -> str:
    return "(?:" + "|".join(fuzzy(w) for w in words) + ")"


def any_of(*words: str) -> str:
    """Any of ``words``, each fuzzy, as a bare alternation (to search for, not to extend)."""
    return "|".join(fuzzy(w) for w in words)


# optional numbering in front of a sub-row label: 1. 1、 1． (1) （1）
SUB = r"(?:[（(]?\d[)）]?\s*[.．、]\s*)?[\u4e00-\u9fff“”\"]{0,8}?"
GROUP = rf"(?:[（(][{ONE_TO_NINE}][)）]\s*)?"


def _numbered(numeral: str, digit: str) -> str:
    """Optional top-level numbering: 一、 or 1."""
    return rf"(?:[{numeral}{digit}]\s*[、.．]\s*)?"


def _lead(words: dict[str, str], key: str) -> str:
    return "(?:" + re.escape(words[key]) + ")?" if key in words else ""


def _t3_label(key: str) -> str:
    words = T3_ROW_WORDS[key]
    if key == "other.other":  # （六）其他处理, or 3.其他 under it but not 其他法律…
        group, sub = words
        return (r"(?:[（(]六[)）]\s*" + fuzzy(group) + r"|[3３]\s*[.．、]\s*" + fuzzy(sub) + r"(?!\s*法)|"
                + fuzzy(group) + ")")
    prefix = {
        "new_received": GROUP + _numbered("一", "1"),
        "carried_over": _numbered("二", "2"),
        "granted": GROUP,
        "partially_granted": GROUP,
        "total_processed": r"(?:[（(]七[)）]\s*)?",
        "carried_forward": _numbered("四", "4"),
    }.get(key, SUB)
    return prefix + _lead(T3_ROW_LEAD, key) + alt(*words)


T3_LABELS: dict[str, str] = {k: _t3_label(k) for k in T3_ROWS}
# the 2019 form's single row （六）其他处理 (no 3.其他 under it)
T3_OTHER_2019 = r"(?:[（(]六[)）]\s*)?" + fuzzy(T3_ROW_WORDS["other.other"][0])


def _t2_label(key: str) -> str:
    # 规章, not the 规章 of a longer word such as 行政规章
    behind = r"(?<!行政)" if key == "regulations" else ""
    return behind + _lead(T2_ROW_LEAD, key) + alt(*T2_ROW_WORDS[key])


T2_LABELS_2021: dict[str, str] = {k: _t2_label(k) for k in T2_2021}
T2_LABELS_2019: dict[str, str] = {k: _t2_label(k) for k in T2_2019}
# 表二's value columns by their header words
T2_FIELDS: dict[str, str] = {k: any_of(*w) for k, w in T2_FIELD_WORDS.items()}

# 表三/表四 column headers as the form prints them (a report's variants: form.COLUMN_HEADER_VARIANTS)
T3_HEADERS = tuple(zh for zh, _ in T3_COLUMN_LABELS.values())
T4_HEADERS = tuple(zh for zh, _ in T4_COLUMN_LABELS.values())

# words only one layout prints (meta.detect_format, tables.read_applications)
LAYOUT_2021_T2 = re.compile(any_of(*LAYOUT_2021_WORDS["active_disclosure"]))
LAYOUT_2021_T3 = re.compile(any_of(*LAYOUT_2021_WORDS["applications"]))
LAYOUT_2019_T2 = re.compile(any_of(*LAYOUT_2019_WORDS["active_disclosure"]))

# what follows a label and still belongs to it: the rest of its words, up to the first digit
LABEL_TAIL = re.compile(r"[^\d\t\n\-—/无]*")
