"""The old (pre-2019) 统计表: rows of name, unit, this year and cumulative figures."""
from __future__ import annotations

import re

_ROW = re.compile(r"([\u4e00-\u9fff（）()、：:“”0-9.]*?[\u4e00-\u9fff）)”])\s*(条|件|个|项|次|人次|万元|元|份)\s*([\d.]+)?\s*([\d.]+)?")


def read_legacy_stats(text: str) -> list[dict]:
    """Rows whose unit column (条, 件 …) separates the name from the figures. Glued figures
    ("数条728") cannot be told apart reliably, so a run of digits with no separator is kept
    in ``raw`` and left out of the numbers."""
    rows = []
    for m in _ROW.finditer(text):
        name = re.sub(r"^[\d.、：:]+", "", m.group(1)).strip("：: ")
        if not name or len(name) > 40:
            continue
        a, b = m.group(3), m.group(4)
        row = {"name": name, "unit": m.group(2), "this_year": None, "cumulative": None}
        if a and b:
            row["this_year"], row["cumulative"] = _num(a), _num(b)
        elif a:
            row["raw"] = a
        rows.append(row)
    return rows


def _num(s: str):
    try:
        return float(s) if "." in s else int(s)
    except ValueError:
        return None
