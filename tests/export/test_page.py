"""The review page as a supervisor uses it, in a real headless Chromium (DevTools protocol): no
sideways scrolling at 1400 px or on a 390 px phone, sorting, counts that follow the filters,
reports with parse warnings among the flagged, one agency across the years, evidence in the
form's words."""
from __future__ import annotations

import json

import pytest

from disclosure_nlp.export import ReviewCollector
from disclosure_nlp.schema import Evidence, Flag, Item, Report

A, B, C, D, E, G = ("甲市住房和城乡建设局", "乙县人民政府", "丙区教育局", "丁镇人民政府", "戊区财政局",
                    "己市" + "某" * 30 + "管理委员会办公室")
N_REPORTS = 10


def _corpus() -> tuple[list[Report], list[tuple[str, Flag]]]:
    """Six agencies over several years (all invented): A with errors in 2022, a warning in 2021 and
    a quiet 2020; B one warning; C clean; D parse warnings only; E a note in 2019 and, in 2023, the
    boilerplate flag of a corpus rule; G a very long name, path and message; one unreadable file."""
    narr = Flag("NARR-NUMBER", "error", "正文称收到申请 60 件，表三 一 本年新收 · 总计 为 58",
                Evidence("全年共收到政府信息公开申请60件，涉及三个方面，一是按时答复。",
                         {"applications.new_received.total": 58, "applications.carried_over.total": None}))
    bal = Flag("T3-BALANCE", "error", "表三 一+二 ≠ 三（七）+四",
               Evidence("", {"applications.new_received.total": 58, "applications.total_processed.total": 50,
                             "2021:applications.carried_forward.total": 7}))
    gap = Flag("THEME-GAP", "warning", "表四 行政复议 结果纠正 1 件，五 未提及依申请公开办理的问题",
               Evidence("一是信息更新不够及时", {"review_litigation.review.corrected": 1}))
    items22 = (Item("problem", "一是信息更新不够及时", ("timeliness",)),
               Item("problem", "二是工作人员业务能力有待提升", ("staffing",)),
               Item("improvement", "加强培训，提升业务能力", ("staffing",)))
    items21 = (Item("problem", "栏目更新慢，人员力量不足", ("timeliness", "staffing")),
               Item("improvement", "充实工作力量", ("staffing",)))
    long_path = "g/" + "/".join(["averyveryverylongfoldername"] * 6) + "/report_2024_final_version.txt"
    long_flag = Flag("T3-COLUMN-SUM", "error", "表三 " + "x" * 180,
                     Evidence("文字" * 150 + "共计123456789件",
                              {f"applications.granted.{c}": i for i, c in enumerate(
                                  ("natural_person", "commercial", "research", "social_welfare", "legal_services",
                                   "other_org", "total"))}))
    reports = [
        Report(source="a/甲_2022.txt", agency=A, year=2022, format_version="2021", items=items22,
               flags=(narr, bal, gap), warnings=("表三 第 4 行两格读作空",)),
        Report(source="a/甲_2021.txt", agency=A, year=2021, format_version="2021", items=items21,
               flags=(Flag("THEME-GAP", "warning", "五 的问题未涉及依申请公开", Evidence("")),)),
        Report(source="a/甲_2020.txt", agency=A, year=2020, format_version="2019"),
        Report(source="b/乙_2022.html", fmt="html", agency=B, year=2022, format_version="2021",
               flags=(Flag("NARR-CLAIM", "warning", "正文称未发生行政复议，表四 为 3 件",
                           Evidence("本年度未发生行政复议", {"review_litigation.review.total": 3})),)),
        Report(source="c/丙_2021.md", agency=C, year=2021, format_version="2021", items=items22),
        Report(source="d/丁_2023.txt", agency=D, year=2023, format_version="2021",
               warnings=("表二 两格粘连，按合理性拆分", "表三 一行按位置读取")),
        Report(source="e/戊_2019.txt", agency=E, year=2019, format_version="2019",
               flags=(Flag("PARSE-UNCERTAIN", "info", "1 个单元格读取有疑问",
                           Evidence("", {"applications.granted.total": 4})),)),
        Report(source="e/戊_2023.txt", agency=E, year=2023, format_version="2021"),
        Report(source="f/broken.pdf", fmt="pdf", status="failed", reason="PDF 无文字层，需要 OCR"),
        Report(source=long_path, agency=G, year=2024, format_version="2019", flags=(long_flag,)),
    ]
    peer = Flag("BOILERPLATE-PEER", "warning", "五 与其他机关的报告大段相同",
                Evidence("加强培训", {"jaccard": 0.987, "closest": "a/甲_2021.txt",
                                      "peers": ["a/甲_2021.txt", "b/乙_2022.html"], "peer_count": 2}))
    return reports, [("e/戊_2023.txt", peer)]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    reports, corpus = _corpus()
    assert len(reports) == N_REPORTS
    c = ReviewCollector()
    c.add_many(reports)
    return c.write(tmp_path_factory.mktemp("page") / "review.html", corpus_flags=corpus)


def _open(browser, page, width: int, fragment: str = ""):
    browser.viewport(width, 844 if width < 500 else 900, mobile=width < 500)
    browser.open(page.as_uri() + fragment)
    assert browser.evaluate("document.getElementById('js-errors').textContent") == ""


def _choose(browser, select_id: str, value: str) -> None:
    browser.evaluate(f"(function () {{ var e = document.getElementById({json.dumps(select_id)});"
                     f" e.value = {json.dumps(value)}; e.dispatchEvent(new Event('change')); }})()")


def _agencies(browser) -> list[str]:
    return browser.evaluate("Array.from(document.querySelectorAll('#agencies article h3')).map(e => e.textContent)")


def _text(browser, element_id: str) -> str:
    return browser.evaluate(f"document.getElementById({json.dumps(element_id)}).textContent")


def _overflow(browser) -> list[int]:
    return browser.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("width", [1400, 390])
def test_no_sideways_scrolling(browser, page, width, tmp_path):
    _open(browser, page, width)
    # every collapsed part opened, so its width counts too
    browser.evaluate("document.querySelectorAll('details').forEach(function (x) { x.open = true; })")
    scroll, inner = _overflow(browser)
    assert inner == width and scroll <= inner, (scroll, inner)
    browser.evaluate("location.hash = '#agency=' + encodeURIComponent(" + json.dumps(G) + ")")
    browser.evaluate("new Promise(function (r) { setTimeout(r, 100); })")
    assert not browser.evaluate("document.getElementById('agency-view').hidden")
    scroll, inner = _overflow(browser)
    assert scroll <= inner, (scroll, inner)
    shot = browser.screenshot(tmp_path / f"review-{width}.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sorting(browser, page):
    _open(browser, page, 1400)
    assert _agencies(browser) == [A, G, E, B, D]  # errors, then warnings, then flags, then parse warnings
    _choose(browser, "f-sort", "agency")
    assert _agencies(browser) == [D, G, A, E, B]  # 丁 Ding, 己 Ji, 甲 Jia, 戊 Wu, 乙 Yi
    _choose(browser, "f-sort", "year")
    assert _agencies(browser) == [G, E, D, A, B]  # latest flagged year 2024, 2023, 2023, 2022, 2022
    _choose(browser, "f-sort", "flags")
    assert _agencies(browser) == [A, E, G, B, D]  # 4, 2, 1, 1, 0 flags
    _choose(browser, "f-sort", "severity")
    assert _agencies(browser) == [A, G, E, B, D]


@pytest.mark.parametrize("select_id, value, shown, agencies", [
    ("", "", N_REPORTS, [A, G, E, B, D]),
    ("f-year", "2022", 2, [A, B]),
    ("f-sev", "error", 2, [A, G]),
    ("f-sev", "warning", 4, [A, E, B]),
    ("f-sev", "parse", 2, [D, A]),  # parse warnings only: 2 before 1
    ("f-rule", "THEME-GAP", 2, [A]),
])
def test_counts_follow_the_filters(browser, page, select_id, value, shown, agencies):
    _open(browser, page, 1400)
    if select_id:
        _choose(browser, select_id, value)
    assert _text(browser, "f-shown") == f"显示 {shown} / {N_REPORTS} 份报告"
    assert _agencies(browser) == agencies
    assert _text(browser, "flagged-count") == f"（{len(agencies)} 个机关）"


def test_agency_search_counts(browser, page):
    _open(browser, page, 1400)
    browser.evaluate("(function () { var e = document.getElementById('f-q'); e.value = '财政';"
                     " e.dispatchEvent(new Event('input')); })()")
    browser.evaluate("new Promise(function (r) { setTimeout(r, 400); })")  # the search box waits for typing to pause
    assert _text(browser, "f-shown") == f"显示 2 / {N_REPORTS} 份报告"
    assert _agencies(browser) == [E]


def test_reports_with_parse_warnings_are_flagged(browser, page):
    _open(browser, page, 1400)
    flagged = _text(browser, "agencies")
    assert D in flagged and "表二 两格粘连，按合理性拆分" in flagged
    clean = browser.evaluate("Array.from(document.querySelectorAll('#clean-list tr td:first-child')).map(e => e.textContent)")
    assert clean == [A, C]  # 甲 2020 and 丙 2021: no flag, no parse warning
    assert _text(browser, "clean-count") == "（2 份）"


def test_evidence_reads_as_the_form_and_in_chinese(browser, page):
    _open(browser, page, 1400)
    text = browser.evaluate("document.getElementById('overview').innerText")
    assert f"五 与 {A} 2021年报告的五 99% 相同" in text
    assert "同样的文字还见于另外 2 份报告" in text
    assert f"{A} 2021年报告、{B} 2022年报告" in text
    assert "表三 一 本年新收 · 总计" in text and "2021年报告 表三 四 结转下年度继续办理 · 总计" in text
    for raw in ("jaccard", "closest", "peers", "peer_count", "applications.", "review_litigation.", "failed", "partial"):
        assert raw not in text, raw
    marks = browser.evaluate("Array.from(document.querySelectorAll('#agencies mark')).map(e => e.textContent)")
    assert "60" in marks and "三" not in marks and "一" not in marks  # 三个方面, 一是: words, not figures


def test_one_agency_across_the_years(browser, page):
    _open(browser, page, 390, "#agency=" + A)
    view = "document.getElementById('agency-view')"
    assert browser.evaluate(f"{view}.hidden") is False and browser.evaluate("document.getElementById('overview').hidden")
    years = browser.evaluate(f"Array.from({view}.querySelectorAll('table.list tr td:first-child')).map(e => e.textContent)")
    assert years == ["2022 年", "2021 年", "2020 年"]
    rows = browser.evaluate(f"Array.from({view}.querySelectorAll('table.list tr')).slice(1)"
                            ".map(tr => Array.from(tr.children).slice(1, 5).map(td => td.textContent))")
    assert rows == [["2", "1", "0", "1"], ["0", "1", "0", "0"], ["0", "0", "0", "0"]]
    profile = browser.evaluate(f"Array.from({view}.querySelectorAll('table.heat tr')).map(tr => Array.from(tr.children)"
                               ".map(td => td.textContent + (td.classList.contains('open') ? '!' : '')))")
    assert profile[0] == ["主题", "2020 年", "2021 年", "2022 年"]
    # 2021: a problem on 公开时效 and 队伍 whose 队伍 a measure shares is answered (TAXONOMY.md)
    assert profile[1:] == [["公开时效", "", "1 / 0", "1 / 0!"], ["队伍与培训", "", "1 / 1", "1 / 1"]]
    assert "一是信息更新不够及时" in browser.evaluate(f"{view}.innerText")
    browser.evaluate("location.hash = '#flagged'")
    browser.evaluate("new Promise(function (r) { setTimeout(r, 100); })")
    assert browser.evaluate(f"{view}.hidden") is True


def test_english_page(page, tmp_path, browser):
    from disclosure_nlp.i18n import get_lang, set_lang

    reports, corpus = _corpus()
    before = get_lang()
    set_lang("en")
    try:
        c = ReviewCollector()
        c.add_many(reports)
        en = c.write(tmp_path / "review.html", corpus_flags=corpus)
    finally:
        set_lang(before)
    _open(browser, en, 1400)
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert _text(browser, "f-shown") == f"showing {N_REPORTS} / {N_REPORTS} reports"
    text = browser.evaluate("document.getElementById('overview').innerText")
    assert "Flagged agencies" in text and f"Part 5 is 99% the same as Part 5 of {A} 2021 report" in text
    assert "有标记的机关" not in text and "Table 3 1 new applications · total" in text
