import json
import re

from disclosure_nlp.export import ReviewCollector, write_review_html
from disclosure_nlp.export.summary import summarize
from disclosure_nlp.schema import Evidence, Flag

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
                                     "flagged": 2, "flagged_agencies": 2, "error": 2, "warning": 2, "info": 0}
    assert len(data["meta"]["themes"]) == 15 and data["meta"]["themes"][0] == ["scope", "公开范围与深度"]
    assert "sections" not in data["reports"][0]  # compact: no report text beyond evidence


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


def test_every_schema_path_segment_has_a_chinese_label():
    from disclosure_nlp.export.html import _LABELS
    from disclosure_nlp.schema import T2_2019, T2_2021, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS

    keys = set(T3_COLUMNS) | set(T4_GROUPS) | set(T4_COLUMNS) | set(T2_2021) | set(T2_2019)
    keys |= {f for spec in (T2_2021, T2_2019) for fs in spec.values() for f in fs}
    keys |= {part for row in T3_ROWS for part in row.split(".")}
    assert keys <= set(_LABELS), sorted(keys - set(_LABELS))
