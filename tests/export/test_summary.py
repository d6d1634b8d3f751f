import json

from disclosure_nlp.export.summary import (MAX_FLAGS, MAX_QUOTE, figure_spans, figure_value, flag_summary,
                                           summarize, theme_counts, unanswered_themes)
from disclosure_nlp.schema import Evidence, Flag, Item, Report


def _marked(quote, **kw):
    return [(quote[s:e], hit) for s, e, hit in figure_spans(quote, **kw)]


def test_figures_in_quotes_are_marked_and_the_stated_one_is_a_hit():
    q = "共收到申请1,200件，其中依申请公开三十五件，办结率98.5%，一是按时答复"
    assert _marked(q, message="the narrative states 35, the table has 36") == [
        ("1,200", 0), ("三十五", 1), ("98.5%", 0)]
    assert _marked("主动公开信息2.3万条", cells={"x": 23000}) == [("2.3万", 1)]
    assert _marked("三安全一稳定，一是加强") == []  # numerals without a unit are words here


def test_chinese_numerals_are_figures_only_as_quantities():
    q = ("收到申请三十五件，答复十二次，举办培训两期，新增五个栏目；重点抓好三个方面，一是增强四个意识，"
         "落实三项制度和八项规定，一件事一次办，第三次会议，十三五期间，千家万户，三安全一稳定")
    assert [s for s, _ in _marked(q)] == ["三十五", "十二", "两", "五"]
    assert [s for s, _ in _marked("全年新增2,300条，占98.5%，另有第3批")] == ["2,300", "98.5%", "3"]


def test_figure_values():
    assert [figure_value(s) for s in ("1,200", "2.3万", "一百零二", "两千", "十五", "30%")] == [
        1200, 23000, 102, 2000, 15, 30]


def test_theme_counts_and_unanswered_themes(reports):
    r = reports[0]
    assert theme_counts(r) == {("problem", "timeliness"): 1, ("problem", "staffing"): 1,
                               ("improvement", "staffing"): 1}
    assert unanswered_themes(r) == ["timeliness"]


def test_summary_is_bounded_whatever_the_report_size():
    long_quote = "前文" * 2000 + "收到申请60件" + "后文" * 2000
    flags = tuple(Flag("NARR-NUMBER", "warning", "the narrative states 60, the table has 58",
                       Evidence(long_quote, {f"applications.new_received.c{i}": i for i in range(100)}))
                  for _ in range(500))
    items = tuple(Item("problem", "问题" * 500, ("scope",)) for _ in range(300))
    r = Report(source="big.txt", agency="某局", year=2022, sections={"problems": "很长" * 100000},
               items=items, flags=flags + (Flag("T3-BALANCE", "error", "x"),))
    s = summarize(r)
    assert len(json.dumps(s, ensure_ascii=False)) < 120_000
    assert len(s["flags"]) == MAX_FLAGS and s["more_flags"] == 501 - MAX_FLAGS
    assert s["flags"][0]["rule"] == "T3-BALANCE"  # errors first
    q = s["flags"][1]["quote"]
    assert len(q) <= MAX_QUOTE + 2 and "60件" in q  # clipped around the figure
    assert any(q[a:b] == "60" and hit for a, b, hit in s["flags"][1]["marks"])
    assert s["n"] == {"error": 1, "warning": 500, "info": 0}
    assert s["themes"] == {"scope": [300, 0]} and s["more_unanswered"] == 290


def test_schema_paths_in_a_message_read_as_the_form():
    f = Flag("NARR-NUMBER", "error", "the narrative states 393, the table has active_disclosure.normative_documents.in_force = 470")
    assert flag_summary(f)["msg"] == "the narrative states 393, the table has 表二 行政规范性文件 · 现行有效件数 = 470"


def test_the_evidence_spans_say_which_figure_a_flag_is_about():
    from disclosure_nlp.export.summary import figure_spans, flag_summary
    from disclosure_nlp.schema import Evidence, Flag, Report, report_from_dict

    quote = "收到申请12件，办结12件"  # the same value twice: the value alone cannot tell which
    assert [m[2] for m in figure_spans(quote, "12", {}, known=[(4, 6)])] == [1, 0]
    assert [m[2] for m in figure_spans(quote, "12", {})] == [1, 1]  # without spans: by value
    long = "前文" * 300 + quote
    flag = Flag("NARR-NUMBER", "error", "称“…”", Evidence(long, {}, ((604, 606),)))
    s = flag_summary(flag)
    hits = [(a, b) for a, b, h in s["marks"] if h]
    assert len(hits) == 1 and s["quote"][hits[0][0]:hits[0][1]] == "12"
    assert s["quote"][hits[0][1]:hits[0][1] + 3] == "件，办"  # the first 12, shifted with the clipped quote
    again = report_from_dict(Report(source="x", flags=(flag,)).to_dict())
    assert again.flags[0].evidence.spans == ((604, 606),)
