"""The parser on tiny inline reports written for the test (form labels only)."""
from builders import report_text as make_report
from disclosure_nlp.parse import parse_text
from disclosure_nlp.parse.cells import Token, zone_tokens

def test_spaced_report():
    r = parse_text(make_report())
    assert r.format_version == "2021"
    assert r.year == 2023 and r.agency == "某某县教育局"
    assert r.applications["new_received"] == dict(natural_person=5, commercial=1, research=0, social_welfare=0,
                                                  legal_services=0, other_org=0, total=6)
    assert r.applications["carried_forward"]["total"] == 1
    assert r.active_disclosure["normative_documents"] == {"issued": 3, "repealed": 1, "in_force": 20}
    assert r.active_disclosure["fees"]["amount_10k_yuan"] is None
    assert r.review_litigation["review"] == dict(upheld=1, corrected=0, other=0, pending=1, total=2)
    assert "一是公开内容不够全面" in r.sections["problems"]
    assert r.sections["other_matters"].startswith("无")


def test_glued_report_equals_spaced():
    a, b = parse_text(make_report()), parse_text(make_report(glue=True))
    assert b.applications == a.applications
    assert b.review_litigation == a.review_litigation


def test_one_cell_per_line_with_blank_cell():
    text = make_report(sep="\n\t").replace("四、结转下年度继续办理\n\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1",
                                            "四、结转下年度继续办理\n\t1\n\t0\n\t0\n\t0\n\t0\n\t\n\t1")
    r = parse_text(text)
    assert r.applications["carried_forward"]["other_org"] is None
    assert r.applications["carried_forward"]["total"] == 1
    assert r.applications["granted"]["natural_person"] == 3


def test_ambiguous_glued_row_is_warned_not_guessed_silently():
    # 予以公开 "220000022" splits as 22|0… or 2|20|…; with no other rows to decide, both survive
    text = "三、收到和处理政府信息公开申请情况\n申请人情况\n（一）予以公开220000022\n四、政府信息公开行政复议、行政诉讼情况\n"
    r = parse_text(text)
    assert any(w.startswith("表三 三（一）予以公开：连写数字的拆分有歧义，可能为 ") for w in r.warnings)
    assert "applications.granted.natural_person" in r.uncertain_cells


def test_zone_tokens_blank_and_null():
    assert zone_tokens("\t1\t\t3") == [Token("1"), Token(""), Token("3")]
    assert zone_tokens("无") == [Token("无")]


def test_not_a_report_fails():
    r = parse_text("这是一段与年度报告无关的文字。")
    assert r.status == "failed" and r.reason.startswith("不是政府信息公开工作年度报告")


def test_annual_report_titles():
    from disclosure_nlp.parse import is_annual_report_title
    for title in ("青石县农机局2023年政府信息公开工作年度报告", "白沙镇2022年度政府信息公开年度报告",
                  "青石县水务局信息公开年度报告（2020年）", "青石县2012年政府信息公开工作报告",
                  "白沙镇政务公开工作年度报告"):
        assert is_annual_report_title("\n" + title + "\n正文"), title
    for text in ("关于做好2023年政府信息公开工作年度报告编制工作的通知", "青石县农机局秋收工作总结",
                 "白沙镇人民政府工作报告"):
        assert not is_annual_report_title(text), text


def test_page_footers_are_blanked_offsets_kept():
    from disclosure_nlp.parse import blank_footers
    text = "表内\n— 5 —\n1\n- 12 -\n第 3 页 共 9 页\n2/9\n-\n5 - 3"
    out = blank_footers(text)
    assert len(out) == len(text)
    assert out.split("\n") == ["表内", "     ", "1", "      ", " " * 11, "   ", "-", "5 - 3"]
