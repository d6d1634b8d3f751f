"""Tables as sites and converters publish them (invented reports, see forms.py): each value is
read from its own column, whatever the markup around it."""
from __future__ import annotations

import pytest

from disclosure_nlp.parse import parse_doc
from disclosure_nlp.read import read_bytes

from . import forms


def _parse_html(**kw):
    return parse_doc(read_bytes(forms.html_page(**kw).encode("utf-8"), "site.html", "html"))


def test_blank_total_column_keeps_every_value_in_its_column():
    # label cells span rows (rowspan) and the 总计 column is left blank (&nbsp;): before, every
    # value of such a row moved one column to the right
    r = _parse_html(blank_total=True, split=False, spans=False)
    assert r.applications == forms.t3_expected(blank_total=True)
    assert r.status == "ok", r.reason


def test_table_split_over_two_tables_with_repeated_header():
    r = _parse_html(blank_total=True, split=True, spans=False)
    assert r.applications == forms.t3_expected(blank_total=True)
    assert r.review_litigation == forms.t4_expected()


def test_numbers_split_over_spans():
    r = _parse_html(blank_total=False, split=False, spans=True)
    assert r.applications == forms.t3_expected(blank_total=False)
    assert r.review_litigation == forms.t4_expected()
    assert r.active_disclosure["licensing"]["decisions"] == 1316
    assert r.active_disclosure["normative_documents"] == {"issued": 7, "repealed": 2, "in_force": 58}


@pytest.mark.parametrize("split", [False, True])
def test_every_failure_class_at_once(split):
    r = _parse_html(blank_total=True, split=split, spans=True)
    assert r.applications == forms.t3_expected(blank_total=True)
    assert r.review_litigation == forms.t4_expected()
    assert r.active_disclosure["fees"]["amount_10k_yuan"] == 12.5
    assert not r.uncertain_cells


def _parse(text: str, fmt: str):
    return parse_doc(read_bytes(text.encode("utf-8"), f"report.{fmt}", fmt))


@pytest.mark.parametrize("footer", ["— {n} —", "- {n} -", "第 {n} 页", "第{n}页 共4页"])
def test_pdf_text_page_footers_and_a_row_split_over_pages(footer):
    r = _parse(forms.pdf_text(footer), "txt")
    assert r.applications == forms.t3_expected()
    assert r.review_litigation == forms.t4_expected()
    assert r.active_disclosure["fees"]["amount_10k_yuan"] == 12.5
    assert r.status == "ok", r.reason
    assert "—" not in r.sections["other_matters"]


def test_markdown_numbers_apart_from_their_labels_are_placed_by_row_order():
    r = _parse(forms.pdf_markdown(), "md")
    assert r.applications == forms.t3_expected()
    assert any(w.endswith("行未按行名找到，各行数字按表格中的行序对应") for w in r.warnings)


def test_markdown_page_number_after_table_four_is_dropped():
    r = _parse(forms.pdf_markdown(page=6), "md")
    assert r.review_litigation == forms.t4_expected()
    assert any(w.startswith("表四：表中多出数字 6") for w in r.warnings)
    assert r.status == "ok", r.reason


def test_markdown_page_number_run_into_table_four_last_cell():
    # 表四's last 总计 is 1; the page number 6 runs into it: "16"
    r = _parse(forms.pdf_markdown(page=6, glued_page=True), "md")
    assert r.review_litigation == forms.t4_expected()
    path = "review_litigation.litigation_after_review.total"
    assert r.cell_alternatives[path] == (1, 16)
    assert path in r.uncertain_cells
    assert any(w.startswith("表四 行政诉讼 · 复议后起诉 · 总计：“16”末尾的“6”疑为页码") for w in r.warnings)


def test_an_unbalanced_table_four_without_a_page_number_is_read_as_printed():
    # 总计 9 of a group whose results sum to 1: the report's own error, not a page number (no
    # shorter reading balances), kept for the rules to flag
    text = forms.pdf_markdown(page=6).replace("| 1 | 0 | 0 | 0 | 1 | 6 |", "| 1 | 0 | 0 | 0 | 9 |")
    r = _parse(text, "md")
    assert r.review_litigation["litigation_after_review"]["total"] == 9
    assert "review_litigation.litigation_after_review.total" not in r.uncertain_cells


def test_table_two_blank_cell_after_a_merged_label_stays_in_its_column():
    # 信息内容 and the row labels span two columns; 现行有效件数 of 规章 is left blank
    t2 = ("<table border=1><tr><td colspan=5>第二十条第（一）项</td></tr>"
          "<tr><td colspan=2>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
          "<tr><td colspan=2>规章</td><td>3</td><td>1</td><td>&nbsp;</td></tr>"
          "<tr><td colspan=2>行政规范性文件</td><td><span>1</span><span>2</span></td><td>&nbsp;</td><td>40</td></tr>"
          "</table>")
    page = forms.html_page(blank_total=False, split=False, spans=False)
    start = page.index("<table", page.index("二、主动公开政府信息情况"))
    end = page.index("第二十条第（五）项", start)
    page = page[:start] + t2 + "<table border=1><tr><td colspan=4><p>" + page[end:]
    r = parse_doc(read_bytes(page.encode("utf-8"), "site.html", "html"))
    assert r.active_disclosure["regulations"] == {"issued": 3, "repealed": 1, "in_force": None}
    assert r.active_disclosure["normative_documents"] == {"issued": 12, "repealed": None, "in_force": 40}
    assert r.active_disclosure["licensing"]["decisions"] == 1316
    assert r.applications == forms.t3_expected()


@pytest.mark.parametrize("before", [("unable.not_held", "unable.needs_creation", "unable.unclear"),
                                    ("granted",), ("total_processed",)])
def test_markdown_rows_whose_numbers_stand_apart_from_their_labels(before):
    # most rows keep their label; the rows ``before`` come as label-less numbers ahead of them
    r = _parse(forms.markdown_mixed(before), "md")
    assert r.applications == forms.t3_expected()
    assert any(w.startswith("表三：") and w.endswith("的数字与行名分离，按表格的行序和勾稽关系对应") for w in r.warnings)
    assert r.status == "ok", r.reason


def test_rows_apart_from_labels_are_not_placed_when_the_table_would_not_balance():
    # the label-less row's numbers do not fit the table's arithmetic (三（四）1 would make 总计
    # off by one): nothing is placed by row order, the row is reported as not read
    text = forms.markdown_mixed(("unable.not_held",))
    text = text.replace("| 3 | 1 | 0 | 0 | 0 | 1 | 5 |", "| 4 | 1 | 0 | 0 | 0 | 1 | 6 |")
    r = _parse(text, "md")
    assert r.applications["unable.not_held"]["total"] is None
    assert not any(w.endswith("的数字与行名分离，按表格的行序和勾稽关系对应") for w in r.warnings)
    assert r.status == "partial" and "三（四）1 本机关不掌握相关政府信息" in r.reason


def test_a_row_left_blank_in_a_web_table_stays_blank_and_the_report_reads():
    page = forms.html_page(blank_total=False, split=False, spans=False)
    row = page.index("<td colspan=2><p>（一）予以公开</p></td>")
    end = page.index("</tr>", row)
    page = page[:row] + "<td colspan=2><p>（一）予以公开</p></td>" + "<td>&nbsp;</td>" * 7 + page[end:]
    r = parse_doc(read_bytes(page.encode("utf-8"), "site.html", "html"))
    assert r.applications["granted"] == dict.fromkeys(forms.T3_COLUMNS)
    assert r.applications["partially_granted"] == forms.t3_expected()["partially_granted"]
    assert r.status == "ok", r.reason


def test_grid_rows_whose_columns_do_not_line_up_with_the_header_are_not_read_by_column():
    from disclosure_nlp.parse import grid
    from disclosure_nlp.parse.labels import T3_LABELS
    from disclosure_nlp.schema import T3_ROWS
    head = "\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其它\t总计"
    good = "（一）予以公开\t\t\t6\t1\t0\t1\t0\t0\t8"
    shifted = "（二）部分公开\t\t1\t0\t0\t0\t0\t1\t2\t"  # one column to the left of its header
    got = grid.t3_rows("\n".join([head, good, shifted]), T3_ROWS, T3_LABELS)
    assert got == {"granted": (6, 1, 0, 1, 0, 0, 8)}


def test_second_part_of_a_split_table_without_its_header():
    page = forms.html_page(blank_total=True, split=True, spans=True)
    second = page.index("<table border=1>" + forms._T3_HEAD, page.index("<p>&nbsp;</p>"))
    page = page[:second] + "<table border=1>" + page[second + len("<table border=1>" + forms._T3_HEAD):]
    r = parse_doc(read_bytes(page.encode("utf-8"), "site.html", "html"))
    assert r.applications == forms.t3_expected(blank_total=True)
    assert r.status == "ok", r.reason


def test_numbers_split_over_spans_on_separate_source_lines():
    # a pretty-printed page: the halves of 12 and 1316 stand on their own lines
    page = forms.html_page(blank_total=False, split=False, spans=True).replace(
        "</span><span lang=EN-US>", "</span>\n    <span lang=EN-US>")
    r = parse_doc(read_bytes(page.encode("utf-8"), "site.html", "html"))
    assert r.applications == forms.t3_expected()
    assert r.review_litigation == forms.t4_expected()
    assert r.active_disclosure["licensing"]["decisions"] == 1316
