import json
import re

from disclosure_nlp.export import ReviewCollector, write_review_html
from disclosure_nlp.export.summary import summarize
from disclosure_nlp.schema import Evidence, Flag, Report

from .conftest import XSS


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_report_text_never_appears_raw(tmp_path, reports):
    breakout = reports[2].evolve(agency="丙区</script><script>alert(2)</script>",
                                 flags=(Flag("NARR-CLAIM", "info", "m", Evidence("a & b </script> <!--")),))
    page = write_review_html(reports[:2] + [breakout], tmp_path / "review.html").read_text(encoding="utf-8")
    assert XSS not in page and "alert(2)</script>" not in page and "<!--" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    # only the template's own scripts: the data cannot close its <script> element
    assert page.count("</script>") == 3
    data = _data(page)
    assert data["reports"][1]["agency"] == "乙县人民政府" + XSS  # the data still holds the text intact
    assert data["reports"][2]["flags"][0]["quote"] == "a & b </script> <!--"


def test_title_is_escaped(tmp_path, reports):
    page = write_review_html(reports, tmp_path / "r.html", title="审查 <b>2024</b>").read_text(encoding="utf-8")
    assert "<title>审查 &lt;b&gt;2024&lt;/b&gt;</title>" in page


def test_page_is_self_contained(tmp_path, reports):
    page = write_review_html(reports, tmp_path / "r.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "<link" not in page


def test_embedded_summaries_and_stats(tmp_path, reports):
    data = _data(write_review_html(reports, tmp_path / "r.html").read_text(encoding="utf-8"))
    assert [r["source"] for r in data["reports"]] == [r.source for r in reports]
    assert data["meta"]["stats"] == {"reports": 4, "status_ok": 3, "status_failed": 1, "agencies": 3,
                                     "flagged": 2, "flagged_agencies": 2, "error": 2, "warning": 2, "info": 0,
                                     "skipped": 0}
    assert len(data["meta"]["themes"]) == 15 and data["meta"]["themes"][0] == ["scope", "公开范围与深度"]
    assert "sections" not in data["reports"][0]  # compact: no report text beyond evidence


def test_skipped_files_are_counted_not_listed_as_reports(tmp_path, reports):
    side = Report(source="README.md", status="skipped", reason="不是年度报告")
    page = write_review_html(list(reports) + [side], tmp_path / "r.html").read_text(encoding="utf-8")
    data = _data(page)
    assert "README.md" not in [r["source"] for r in data["reports"]]
    assert data["meta"]["stats"]["reports"] == 4 and data["meta"]["stats"]["skipped"] == 1
    assert "个非报告文件已跳过" in page


def test_corpus_flags_are_merged_and_sorted(tmp_path, reports):
    c = ReviewCollector()
    c.add_many(reports)
    c.add(reports[2])  # the same source again replaces, not duplicates
    yoy = Flag("YOY-CARRY", "error", "上年结转 5 ≠ 去年结转下年度 4", Evidence("", {"applications.carried_over.total": 5}))
    boiler = Flag("BOILERPLATE-YOY", "warning", "五 copied")
    data = _data(c.write(tmp_path / "r.html", corpus_flags=[(reports[2].source, boiler), (reports[2].source, yoy),
                                                             ("not/a/report.txt", yoy)]).read_text(encoding="utf-8"))
    assert len(data["reports"]) == 4
    r = data["reports"][2]
    assert [f["rule"] for f in r["flags"]] == ["YOY-CARRY", "BOILERPLATE-YOY"]
    assert r["n"] == {"error": 1, "warning": 1, "info": 0}
    assert data["meta"]["stats"]["flagged"] == 3


def test_a_collector_spooled_to_a_file_writes_the_same_page(tmp_path, reports):
    yoy = Flag("YOY-CARRY", "error", "上年结转 5 ≠ 去年结转下年度 4", Evidence("", {"carried_over": 5}))
    pages = []
    for path in (None, tmp_path / "review.sqlite"):
        c = ReviewCollector(path=path)
        c.add_many(reports)
        c.add(reports[0].evolve(agency="甲市住房和城乡建设局（改）"))  # replaces, in its place
        assert c.meta(reports[0].source) == ("甲市住房和城乡建设局（改）", 2022) and c.meta("nope") is None
        c.merge(reports[2].source, [yoy])
        pages.append(c.write(tmp_path / f"r{len(pages)}.html").read_bytes())
        c.close()
    assert pages[0] == pages[1]
    assert (tmp_path / "review.sqlite").exists()
    data = _data(pages[0].decode("utf-8"))
    assert [r["source"] for r in data["reports"]] == [r.source for r in reports]
    assert data["reports"][0]["agency"] == "甲市住房和城乡建设局（改）" and data["reports"][2]["n"]["error"] == 1


def test_summaries_can_be_passed_instead_of_reports(tmp_path, reports):
    page = write_review_html([summarize(r) for r in reports], tmp_path / "r.html").read_text(encoding="utf-8")
    assert len(_data(page)["reports"]) == 4


def test_every_schema_cell_is_shown_by_the_forms_label():
    import disclosure_nlp.export.html as page_module
    from disclosure_nlp.export.summary import evidence_label
    from disclosure_nlp.schema import T2_2019, T2_2021, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS

    assert not hasattr(page_module, "_LABELS")  # the labels live in form.py only
    paths = [f"applications.{r}.{c}" for r in T3_ROWS for c in T3_COLUMNS]
    paths += [f"review_litigation.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS]
    paths += [f"active_disclosure.{r}.{f}" for spec in (T2_2021, T2_2019) for r, fs in spec.items() for f in fs]
    for path in paths:
        label = evidence_label(path)
        assert label.startswith(("表二 ", "表三 ", "表四 ")) and not re.search(r"[A-Za-z_]", label), (path, label)
    assert evidence_label("2021:applications.carried_forward.total") == "2021年报告 表三 四 结转下年度继续办理 · 总计"
    assert evidence_label("sections.problems") == "五 存在的主要问题及改进情况"


def test_corpus_flag_evidence_names_the_other_reports(tmp_path, reports):
    peer = Flag("BOILERPLATE-PEER", "warning", "五 大段相同",
                Evidence("", {"jaccard": 0.987, "closest": reports[0].source, "peers": [reports[0].source, "x/不在本次.txt"],
                              "peer_count": 2}))
    yoy = Flag("BOILERPLATE-YOY", "warning", "五 与上年相同",
               Evidence("", {"jaccard": 0.71, "previous": "x/戊_2020.txt", "previous_year": 2020}))
    c = ReviewCollector()
    c.add_many(reports)
    r = _data(c.write(tmp_path / "r.html", corpus_flags={reports[2].source: [peer, yoy]})
              .read_text(encoding="utf-8"))["reports"][2]
    by_rule = {f["rule"]: f for f in r["flags"]}
    assert by_rule["BOILERPLATE-PEER"]["notes"] == ["五 与 甲市住房和城乡建设局 2022年报告的五 99% 相同",
                                                    "同样的文字还见于另外 2 份报告"]
    assert by_rule["BOILERPLATE-PEER"]["cells"] == [["peers", "相同文字的其他报告",
                                                     "甲市住房和城乡建设局 2022年报告、不在本次.txt 报告"]]
    assert by_rule["BOILERPLATE-YOY"]["notes"] == ["五 与本机关 戊_2020.txt 报告的五 71% 相同"]
    assert by_rule["BOILERPLATE-YOY"]["cells"] == []


def test_reports_with_parse_warnings_count_as_flagged(tmp_path, reports):
    quiet = reports[2].evolve(source="c/丙区教育局_2020.md", year=2020, warnings=("表三 一行按位置读取",))
    data = _data(write_review_html(reports + [quiet], tmp_path / "r.html").read_text(encoding="utf-8"))
    assert data["meta"]["stats"]["flagged"] == 3 and data["meta"]["stats"]["flagged_agencies"] == 3
    assert data["reports"][4]["warnings"] == ["表三 一行按位置读取"]
    assert data["reports"][0]["open"] == ["timeliness"]  # the page's unanswered themes: one definition
