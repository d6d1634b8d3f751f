import csv
import json

import pandas as pd
import pytest

from disclosure_nlp.export import (ExportError, FlagsWriter, StatusWriter, ThemesWriter, UnansweredWriter,
                                   write_xlsx)
from disclosure_nlp.export.tables import FLAG_COLUMNS, excel_safe
from disclosure_nlp.schema import Evidence, Flag, Item, Report

BOM = b"\xef\xbb\xbf"


def _write(cls, path, chunks):
    with cls(path) as w:
        for chunk in chunks:
            w.add(chunk)
    return path


def test_flags_csv_has_bom_one_header_and_round_trips(tmp_path, reports):
    path = _write(FlagsWriter, tmp_path / "flags.csv", [reports[:1], reports[1:]])
    raw = path.read_bytes()
    assert raw.startswith(BOM) and raw.count(BOM) == 1
    assert raw.count("source,agency,year".encode()) == 1
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert tuple(df.columns) == FLAG_COLUMNS
    assert df["rule"].tolist() == ["NARR-NUMBER", "T3-BALANCE", "THEME-GAP", "NARR-CLAIM"]
    assert df.loc[0, "agency"] == "甲市住房和城乡建设局" and df.loc[0, "year"] == 2022
    assert df.loc[0, "evidence_quote"] == "全年共收到政府信息公开申请60件，均按时答复。"
    assert json.loads(df.loc[0, "evidence_cells"]) == {"applications.new_received.total": 58,
                                                        "applications.carried_over.total": None}
    assert df.loc[3, "agency"].endswith("<script>alert(1)</script>")  # CSV keeps text as it is


def test_status_csv_one_row_per_input(tmp_path, reports):
    df = pd.read_csv(_write(StatusWriter, tmp_path / "status.csv", [reports]), encoding="utf-8-sig",
                     keep_default_na=False)
    assert df["source"].tolist() == [r.source for r in reports]
    assert df["status"].tolist() == ["ok", "ok", "ok", "failed"]
    assert df.loc[3, "reason"] == "PDF has no text layer: needs OCR"
    assert df["n_warnings"].tolist() == [1, 0, 0, 0] and df["n_flags"].tolist() == [3, 1, 0, 0]


def test_themes_csv_counts_and_unanswered(tmp_path, reports):
    df = pd.read_csv(_write(ThemesWriter, tmp_path / "themes.csv", [reports]), encoding="utf-8-sig",
                     keep_default_na=False, dtype=str)
    first = df[df["source"] == reports[0].source]
    rows = {(r["kind"], r["theme"]): (r["theme_name"], r["count"], r["unanswered"]) for _, r in first.iterrows()}
    assert rows == {("problem", "timeliness"): ("公开时效", "1", "true"),
                    ("problem", "staffing"): ("队伍与培训", "1", "false"),
                    ("improvement", "staffing"): ("队伍与培训", "1", "")}
    assert set(df["source"]) == {r.source for r in reports[:3]}  # the failed input has no items


def test_themes_csv_and_unanswered_csv_agree(tmp_path, reports):
    """One definition (TAXONOMY.md): a problem with two themes, one of them answered, is answered,
    so neither file calls its other theme unanswered; a theme is unanswered exactly where an item
    of unanswered.csv has it."""
    two = Report(source="e/丁镇_2023.txt", agency="丁镇人民政府", year=2023, items=(
        Item("problem", "栏目更新慢，人员不足", ("timeliness", "staffing")),
        Item("problem", "公众参与度不高", ("participation",)),
        Item("improvement", "充实工作力量", ("staffing",))))
    corpus = reports + [two]
    themes = pd.read_csv(_write(ThemesWriter, tmp_path / "themes.csv", [corpus]), encoding="utf-8-sig",
                         keep_default_na=False, dtype=str)
    unanswered = pd.read_csv(_write(UnansweredWriter, tmp_path / "unanswered.csv", [corpus]),
                             encoding="utf-8-sig", keep_default_na=False, dtype=str)
    mine = themes[(themes["source"] == two.source) & (themes["kind"] == "problem")]
    assert dict(zip(mine["theme"], mine["unanswered"])) == {"timeliness": "false", "staffing": "false",
                                                            "participation": "true"}
    assert unanswered[unanswered["source"] == two.source]["problem"].tolist() == ["公众参与度不高"]
    from_themes = {(r["source"], r["theme"]) for _, r in themes.iterrows() if r["unanswered"] == "true"}
    from_items = {(r["source"], t) for _, r in unanswered.iterrows() for t in r["themes"].split()}
    assert from_themes == from_items and len(from_items) == 4


def test_unanswered_csv_lists_problem_items(tmp_path, reports):
    df = pd.read_csv(_write(UnansweredWriter, tmp_path / "unanswered.csv", [reports]), encoding="utf-8-sig")
    assert df["problem"].tolist() == ["一是信息更新不够及时"] * 3
    assert set(df["theme_names"]) == {"公开时效"}


def test_formula_text_is_neutralised():
    assert excel_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert excel_safe("@SUM(A1)") == "'@SUM(A1)" and excel_safe("正常文本") == "正常文本" and excel_safe(-3) == -3


def test_append_continues_without_second_header_and_refuses_other_header(tmp_path, reports):
    path = _write(FlagsWriter, tmp_path / "flags.csv", [reports[:1]])
    with FlagsWriter(path, append=True) as w:
        w.add(reports[1:2])
    assert path.read_bytes().count(BOM) == 1
    assert len(pd.read_csv(path, encoding="utf-8-sig")) == 4
    with pytest.raises(ExportError, match="header"):
        StatusWriter(path, append=True).open()


def test_corpus_flags_take_agency_and_year_from_the_report(tmp_path, reports):
    path = tmp_path / "flags.csv"
    with FlagsWriter(path) as w:
        w.add(reports[2:3])
        w.add_corpus_flags({reports[2].source: [Flag("YOY-CARRY", "error", "上年结转 5 ≠ 结转下年度 4",
                                                      Evidence("", {"applications.carried_over.total": 5}))]})
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))
    assert [(r["rule"], r["agency"], r["year"]) for r in rows] == [("YOY-CARRY", "丙区教育局", "2021")]


def test_corpus_flags_take_agency_and_year_from_a_lookup(tmp_path, reports):
    path = tmp_path / "flags.csv"
    yoy = Flag("YOY-CARRY", "error", "上年结转 5 ≠ 结转下年度 4")
    with FlagsWriter(path, meta={reports[2].source: ("丙区教育局", 2021)}.get) as w:
        w.add(reports[2:3])
        assert w._meta == {}  # nothing kept per report: the caller has it
        w.add_corpus_flags(iter([(reports[2].source, [yoy]), ("unknown.txt", [yoy])]))
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))
    assert [(r["source"], r["agency"], r["year"]) for r in rows] == [(reports[2].source, "丙区教育局", "2021"),
                                                                     ("unknown.txt", "", "")]


def test_write_xlsx_sheets_from_the_csvs(tmp_path, reports):
    bad = reports[0].evolve(flags=(Flag("X", "info", "控制字符\x0b在此", Evidence("=1+1")),))
    for name, cls in (("flags", FlagsWriter), ("themes", ThemesWriter), ("status", StatusWriter),
                      ("unanswered", UnansweredWriter)):
        _write(cls, tmp_path / f"{name}.csv", [[bad] + reports[1:]])
    path = write_xlsx(tmp_path)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["标记", "主题", "未回应的问题", "文件状态"]  # for people: Chinese sheets and headers
    assert sheets["标记"].loc[0, "说明"] == "控制字符在此"
    assert sheets["标记"].loc[0, "原文"] == "'=1+1"  # text, not a formula
    assert sheets["标记"].loc[0, "级别"] == "提示" and sheets["标记"].loc[0, "规则"] == "X"
    assert sheets["文件状态"]["标记数"].tolist() == [1, 1, 0, 0]
    assert sheets["主题"].loc[0, "主题"] == "公开时效"
    first = path.read_bytes()
    assert write_xlsx(tmp_path).read_bytes() == first  # fixed timestamps: the same bytes run after run


def test_write_xlsx_in_english(tmp_path, reports):
    from disclosure_nlp.i18n import set_lang

    for name, cls in (("flags", FlagsWriter), ("themes", ThemesWriter), ("status", StatusWriter)):
        _write(cls, tmp_path / f"{name}.csv", [reports])
    set_lang("en")
    try:
        sheets = pd.read_excel(write_xlsx(tmp_path), sheet_name=None)
    finally:
        set_lang("zh")
    assert list(sheets) == ["flags", "themes", "status"] and "n_flags" in sheets["status"]


def test_write_xlsx_names_missing_csvs(tmp_path):
    with pytest.raises(ExportError, match="flags.csv"):
        write_xlsx(tmp_path)
