"""The parser on tiny inline reports written for the test (form labels only)."""
from disclosure_nlp.parse import parse_text
from disclosure_nlp.parse.cells import Token, zone_tokens

T3 = [
    ("一、本年新收政府信息公开申请数量", "5 1 0 0 0 0 6"),
    ("二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1"),
    ("三、本年度办理结果 （一）予以公开", "3 1 0 0 0 0 4"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0 0 0 0 0 0 0"),
    ("（三）不予公开 1.属于国家秘密", "0 0 0 0 0 0 0"),
    ("2.其他法律行政法规禁止公开", "0 0 0 0 0 0 0"),
    ("3.危及“三安全一稳定”", "0 0 0 0 0 0 0"),
    ("4.保护第三方合法权益", "0 0 0 0 0 0 0"),
    ("5.属于三类内部事务信息", "0 0 0 0 0 0 0"),
    ("6.属于四类过程性信息", "0 0 0 0 0 0 0"),
    ("7.属于行政执法案卷", "0 0 0 0 0 0 0"),
    ("8.属于行政查询事项", "0 0 0 0 0 0 0"),
    ("（四）无法提供 1.本机关不掌握相关政府信息", "2 0 0 0 0 0 2"),
    ("2.没有现成信息需要另行制作", "0 0 0 0 0 0 0"),
    ("3.补正后申请内容仍不明确", "0 0 0 0 0 0 0"),
    ("（五）不予处理 1.信访举报投诉类申请", "0 0 0 0 0 0 0"),
    ("2.重复申请", "0 0 0 0 0 0 0"),
    ("3.要求提供公开出版物", "0 0 0 0 0 0 0"),
    ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    ("5.要求行政机关确认或重新出具已获取信息", "0 0 0 0 0 0 0"),
    ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("3.其他", "0 0 0 0 0 0 0"),
    ("（七）总计", "5 1 0 0 0 0 6"),
    ("四、结转下年度继续办理", "1 0 0 0 0 0 1"),
]


def make_report(glue: bool = False, sep: str = " ") -> str:
    rows = []
    for label, vals in T3:
        v = vals.replace(" ", "") if glue else vals.replace(" ", sep)
        rows.append(label + ("" if glue else sep) + v)
    joiner = "" if glue else "\n"
    return (
        "某某县教育局2023年政府信息公开工作年度报告\n一、总体情况\n全年共收到政府信息公开申请6件。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 0 0 0\n行政规范性文件 3 1 20\n第二十条第（五）项\n行政许可 120\n第二十条第（六）项\n行政处罚 7\n"
        "行政强制 0\n第二十条第（八）项\n行政事业性收费 无\n"
        "三、收到和处理政府信息公开申请情况\n申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
        + joiner.join(rows)
        + "\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计\n"
        + ("100120000000000" if glue else "1 0 0 1 2 0 0 0 0 0 0 0 0 0 0")
        + "\n五、存在的主要问题及改进情况\n一是公开内容不够全面。下一步，我局将加强培训。\n六、其他需要报告的事项\n无。\n"
    )


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
