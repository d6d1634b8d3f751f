"""Builders of small consistent reports for the rule cases, and of Reports from the real truth files."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from disclosure_nlp.narrative.figures import extract_figures
from disclosure_nlp.schema import (T2_2019, T3_COLUMNS, T3_ROWS, T3_ROWS_2019, T4_COLUMNS, T4_GROUPS, Item, Report,
                                   StatedFigure)

from builders import REAL  # noqa: E402,F401  (one place for the shared corpus's path)

# a consistent 2021 表三: (自然人, 商业企业) per row, other columns 0
_T3 = {
    "new_received": (10, 2), "carried_over": (1, 0),
    "granted": (4, 1), "partially_granted": (2, 0), "denied.third_party": (1, 0),
    "unable.not_held": (2, 1), "not_processed.repeated": (1, 0), "other.other": (1, 0),
    "total_processed": (11, 2), "carried_forward": (0, 0),
}
_T4 = {"review": (1, 0, 0, 0, 1), "litigation_direct": (0, 0, 0, 0, 0), "litigation_after_review": (0, 0, 0, 0, 0)}
_T2 = {"regulations": {"issued": 0, "repealed": 0, "in_force": 3},
       "normative_documents": {"issued": 7, "repealed": 2, "in_force": 40},
       "licensing": {"decisions": 320}, "punishment": {"decisions": 15}, "coercion": {"decisions": 0},
       "fees": {"amount_10k_yuan": 0}}
_SECTIONS = {
    "overview": "一、总体情况\n本年度共收到政府信息公开申请12件，上年结转1件，全部按时予以答复。",
    "problems": "五、存在的主要问题及改进情况\n一是信息更新不够及时。下一步将建立更新提醒机制。",
    "other_matters": "六、其他需要报告的事项\n本年度未收取信息处理费。",
}
_ITEMS = [{"kind": "problem", "text": "信息更新不够及时", "themes": ["timeliness"]},
          {"kind": "improvement", "text": "建立更新提醒机制", "themes": ["timeliness"]}]


def base_applications(layout: str = "2021") -> dict:
    rows = T3_ROWS if layout == "2021" else T3_ROWS_2019
    apps = {}
    for r in rows:
        nat, com = _T3.get(r, (0, 0))
        apps[r] = {c: 0 for c in T3_COLUMNS}
        apps[r].update(natural_person=nat, commercial=com, total=nat + com)
    return apps


def base_review() -> dict:
    return {g: dict(zip(T4_COLUMNS, _T4[g])) for g in T4_GROUPS}


def base_active(layout: str = "2021") -> dict:
    if layout == "2021":
        return copy.deepcopy(_T2)
    return {k: {f: 0 for f in fs} for k, fs in T2_2019.items()}


def _set_cell(tables: dict, path: str, value: Any) -> None:
    table, _, rest = path.partition(".")
    data = tables[table]
    if table == "applications":
        row, _, col = rest.rpartition(".")
    else:
        row, _, col = rest.partition(".")
    if value == "__delete_row__":
        data.pop(row, None)
        return
    data.setdefault(row, {})[col] = value


def make_report(spec: dict | None = None) -> Report:
    """A consistent report (2021 layout unless ``layout: "2019"``), with overrides applied.

    Keys: dotted cell paths (``applications.new_received.total: 13``; value ``__delete_row__``
    drops a row), ``sections.<name>`` (null removes it), ``items`` / ``stated`` (lists of dicts),
    ``narrative`` (text run through extract_figures to fill ``stated``), ``tables: null`` (no
    表二/三/四), and any Report field (year, agency, source, format_version, uncertain_cells).
    """
    spec = dict(spec or {})
    layout = str(spec.pop("layout", "2021"))
    tables = {"applications": base_applications(layout), "review_litigation": base_review(),
              "active_disclosure": base_active(layout)}
    sections = dict(_SECTIONS)
    fields: dict[str, Any] = {"source": "case.txt", "agency": "某市某局", "year": 2022 if layout == "2021" else 2020,
                              "format_version": layout}
    items = [dict(i) for i in _ITEMS]
    stated: list[StatedFigure] = []
    no_tables = spec.pop("tables", "keep") is None
    for key, value in spec.items():
        head = key.split(".")[0]
        if head in tables:
            if key == head and value is None:
                tables[head] = None
            else:
                _set_cell(tables, key, value)
        elif head == "sections":
            name = key.partition(".")[2]
            if value is None:
                sections.pop(name, None)
            else:
                sections[name] = value
        elif key == "items":
            items = value
        elif key == "stated":
            stated += [StatedFigure(**{k: tuple(v) if k == "ambiguous_with" else v for k, v in s.items()})
                       for s in value]
        elif key == "narrative":
            stated += extract_figures(value, "overview")
        elif key == "uncertain_cells":
            fields[key] = tuple(value)
        else:
            fields[key] = value
    if no_tables:
        tables = {k: None for k in tables}
    return Report(
        **fields, sections=sections, **tables,
        items=tuple(Item(kind=i["kind"], text=i["text"], themes=tuple(i.get("themes", ()))) for i in items),
        stated=tuple(stated),
    )


# --------------------------------------------------------------------------- the real reports

def read_raw(path: Path) -> str:
    """The text of a real report (PDF through pypdfium2; the project's readers are not used here)."""
    if path.suffix == ".pdf":
        pdfium = pytest.importorskip("pypdfium2")
        doc = pdfium.PdfDocument(str(path))
        try:
            return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()
    return path.read_text(encoding="utf-8")


def real_sections(text: str) -> dict[str, str]:
    """一 (all the narrative before the tables), 五 and 六, found by the form's headings."""
    import re

    starts = [i for i in (text.find("第二十条"), text.find("二、主动公开政府信息情况")) if i > 0]
    tables = min(starts) if starts else len(text)
    sections = {"overview": text[:tables]}
    five = [m.start() for m in re.finditer(r"[四五]、\s*(?:政府信息公开工作)?存在的主要问题及改进情况", text)
            if m.start() > tables]
    five = five or [m.start() for m in re.finditer(r"（一）\s*(?:存在的)?主要问题", text) if m.start() > tables]
    if five:
        six = [m.start() for m in re.finditer(r"[五六]、\s*其他需要报告的事项", text) if m.start() > five[-1]]
        end = six[-1] if six else len(text)
        sections["problems"] = text[five[-1]:end]
        if six:
            sections["other_matters"] = text[end:]
    return sections


def real_report(truth_path: Path) -> tuple[Report, dict]:
    """A Report from a truth file's tables, the narrative of its source, and its labelled items."""
    import json

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    stem = truth_path.name[: -len(".tables.json")]
    source = next(p for p in truth_path.parent.glob(stem + ".*") if not p.name.endswith(".json"))
    sections = real_sections(read_raw(source))
    items_path = truth_path.parent / f"{stem}.items.json"
    items = json.loads(items_path.read_text(encoding="utf-8"))["items"] if items_path.exists() else []
    narrative = "\n".join(sections.get(k, "") for k in ("overview", "problems", "other_matters"))
    report = Report(
        source=source.name, agency=truth.get("agency"), year=truth.get("year"),
        format_version=truth.get("format_version"), sections=sections,
        active_disclosure=truth.get("active_disclosure"), applications=truth.get("applications"),
        review_litigation=truth.get("review_litigation"),
        items=tuple(Item(kind=i["kind"], text=i["text"], themes=tuple(i.get("themes", ()))) for i in items),
        stated=tuple(extract_figures(narrative)),
    )
    return report, truth
