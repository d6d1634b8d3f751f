"""narrative/figures.py on tiny inline texts (our own wording)."""
from __future__ import annotations

import pytest

from disclosure_nlp.narrative.figures import (applicable, evaluate_field, extract_figures, field_cells, field_readings,
                                              parse_number, parse_range, parse_share)
from disclosure_nlp.schema import Report, empty_applications, empty_review

NEW = "applications.new_received.total"


def one(text: str, field: str):
    hits = [f for f in extract_figures(text) if f.field == field]
    assert len(hits) == 1, [(f.field, f.value, f.claim) for f in extract_figures(text)]
    return hits[0]


@pytest.mark.parametrize("text, value", [
    ("全年共收到政府信息公开申请60件。", 60),
    ("全年共收到政府信息公开申请1,250件。", 1250),
    ("全年受理政府信息公开申请二十一件。", 21),
    ("全年受理政府信息公开申请两件。", 2),
    ("本年度共收到70件申请。", 70),
    ("全年收到政府信息\n公开申请 34\n件。", 34),  # a PDF line break inside the sentence
    ("全年收到政府信息公开申请３４件。", 34),  # full-width digits
])
def test_numbers(text, value):
    assert one(text, NEW).value == value


def test_wan_and_qian_multipliers():
    assert one("全年主动公开政府信息1.2万条。", "narrative.active_items").value == 12000
    assert one("办理行政许可3千件。", "active_disclosure.licensing.decisions").value == 3000
    assert one("全年主动公开政府信息一万二千条。", "narrative.active_items").value == 12000


def test_ranges_and_approximations():
    assert one("收到政府信息公开申请20-30件。", NEW).claim == "range:20-30"
    assert one("收到政府信息公开申请20余件。", NEW).claim == "range:20-30"
    assert one("收到政府信息公开申请100多件。", NEW).claim == "range:100-200"
    assert one("收到政府信息公开申请超过50件。", NEW).claim == "range:50-inf"
    assert parse_range("range:100-inf") == (100.0, float("inf"))
    assert one("收到政府信息公开申请20余件。", NEW).value is None


def test_received_is_ambiguous_new_is_not():
    received = one("收到政府信息公开申请13件。", NEW)
    assert received.ambiguous_with == (f"{NEW}+applications.carried_over.total",)
    assert one("本年新收政府信息公开申请13件。", NEW).ambiguous_with == ()


def test_results_and_tables_fields():
    text = ("办结申请20件，其中予以公开及部分公开9件，不予公开3件、无法提供5件，不予处理1件，其他处理2件，"
            "上年结转2件，1件结转下年度继续办理。自然人申请18件、商业企业2件。")
    got = {f.field: f.value for f in extract_figures(text)}
    assert got == {
        "applications.total_processed.total": 20,
        "applications.granted.total+applications.partially_granted.total": 9,
        "applications.denied.*.total": 3, "applications.unable.*.total": 5,
        "applications.not_processed.*.total": 1, "applications.other.*.total": 2,
        "applications.carried_over.total": 2, "applications.carried_forward.total": 1,
        "applications.new_received.natural_person": 18, "applications.new_received.commercial": 2,
    }


def test_review_litigation_and_documents():
    figs = extract_figures(
        "发生行政复议案件2件、行政诉讼案件7件。有1件涉及本机关的行政复议。本年制发规范性文件8件，现行有效规范性文件40件。")
    got = {f.field: f.value for f in figs}
    assert [f.value for f in figs if f.field == "review_litigation.review.total"] == [2, 1]
    assert got["review_litigation.litigation_direct.total+review_litigation.litigation_after_review.total"] == 7
    assert got["active_disclosure.normative_documents.issued"] == 8
    assert got["active_disclosure.normative_documents.in_force"] == 40


@pytest.mark.parametrize("text", [
    "收到群众诉求348件，现场解决162件。",  # not information-disclosure applications
    "其中行政许可类信息40条。",  # a category of published items, not 行政许可 decisions
    "坚持“三个一”工作机制。",  # a slogan, not a count
    "办理人大代表建议50件。",
    "每一件申请都认真办理。",
    "同比增长12%。",
])
def test_no_false_figures(text):
    assert [f for f in extract_figures(text) if f.field.startswith(("applications", "active", "review"))] == []


@pytest.mark.parametrize("text, claim", [
    ("收到的申请全部按时予以答复。", "answered_on_time"),
    ("所有申请均已按要求办理完成，", "answered_on_time"),
    ("受理的申请已按规定在法定期限内予以答复。", "answered_on_time"),
    ("收到的申请均在法定期限内答复。", "answered_on_time"),
    ("本年度收到的申请均已办结。", "all_answered"),
    ("共收到申请9件，全部办理完毕。", "all_answered"),
    ("行政复议3件，诉讼2件，均获维持。", "all_upheld"),
    ("本年度未发生因政府信息公开引起的行政复议。", "no_review"),
    ("本年度未发生行政复议、行政诉讼案件。", "no_litigation"),
    ("该行政复议案件未被复议机关纠错。", "no_review_corrected"),
    ("本年度未收到政府信息公开申请。", "no_requests"),
    ("本年度未收取信息处理费。", "no_fee"),
])
def test_claims(text, claim):
    assert claim in {f.claim for f in extract_figures(text)}


def test_claims_need_the_right_context():
    assert not [f for f in extract_figures("热线全部事项均已办结。") if f.claim]  # no 申请: not about requests
    assert not [f for f in extract_figures("所有办结的申请中同意公开答复9件。") if f.claim == "all_answered"]


def test_quote_and_start_point_into_the_text():
    text = "一、总体情况\n本年度共收到政府信息公开申请60件，均已办结。"
    fig = one(text, NEW)
    assert fig.quote == "本年度共收到政府信息公开申请60件"
    assert text[fig.start:].startswith("本年度")


def _report() -> Report:
    apps = empty_applications()
    for row, total in {"new_received": 12, "carried_over": 1, "denied.third_party": 1, "denied.process_info": 2}.items():
        apps[row]["total"] = total
    for row in apps:
        if row.startswith("denied.") and apps[row]["total"] is None:
            apps[row]["total"] = 0
    return Report(source="x", applications=apps, review_litigation=empty_review())


def test_evaluate_field():
    r = _report()
    assert evaluate_field(r, NEW) == 12
    assert evaluate_field(r, f"{NEW}+applications.carried_over.total") == 13
    assert evaluate_field(r, "applications.denied.*.total") == 3
    assert evaluate_field(r, "sum(applications.denied.*.total)") == 3
    assert evaluate_field(r, "applications.unable.*.total") is None  # blank cells
    assert evaluate_field(r, "review_litigation.review.total") is None
    assert evaluate_field(r, "narrative.active_items") is None
    assert evaluate_field(Report(source="x"), NEW) is None
    assert set(field_cells(r, "applications.denied.*.total")) == {
        f"applications.denied.{k}.total" for k in ("state_secret", "prohibited_by_law", "security_stability",
                                                  "third_party", "internal_affairs", "process_info",
                                                  "enforcement_file", "admin_query")}


def test_parse_number():
    assert parse_number("1,136") == 1136
    assert parse_number("一百零五") == 105
    assert parse_number("〇") == 0
    assert parse_number("abc") is None


def test_containing_span_is_the_linear_definition():
    import random

    from disclosure_nlp.narrative.figures import _SENTENCE, _containing, _spans

    rng = random.Random(5)
    text = "".join(rng.choice(["公开", "。", "；", "\n", "12", "件"]) for _ in range(2000))
    spans = _spans(_SENTENCE, text)
    for pos in range(-1, len(text) + 2):
        linear = next(((s, e) for s, e in spans if s <= pos < e), (pos, pos))
        assert _containing(spans, pos) == linear


def test_figures_of_a_long_text_are_those_of_its_sentences():
    text = "".join(f"第{i}批次收到政府信息公开申请{i}件。" for i in range(1, 5001))  # 100k characters
    figures = extract_figures(text)
    assert [f.value for f in figures] == [float(i) for i in range(1, 5001)]
    assert all(text[f.start:].startswith(f.quote) for f in figures[::250])


def test_figures_stage_reads_a_bounded_prefix_of_a_huge_section_and_says_so():
    from disclosure_nlp.pipeline import SECTION_MAX_CHARS, STAGES, Settings

    stage = STAGES["figures"](Settings())
    body = "".join(f"收到政府信息公开申请{i}件。" for i in range(1, SECTION_MAX_CHARS // 10))
    assert len(body) > SECTION_MAX_CHARS
    report = stage(Report(source="big.txt", sections={"overview": "收到政府信息公开申请64件。",
                                                       "other_matters": body}))
    assert report.status == "partial" and report.reason == report.warnings[0]
    assert len(report.warnings) == 1 and report.warnings[0].startswith("六 其他需要报告的事项长达")
    assert f"{SECTION_MAX_CHARS:,}" in report.warnings[0]
    read = [f.value for f in report.stated if f.quote.startswith("收到") and f.start < SECTION_MAX_CHARS]
    assert len(read) == len(report.stated)
    last = max(read)
    assert body.index(f"申请{int(last)}件") < SECTION_MAX_CHARS < body.index(f"申请{int(last) + 2}件")
    small = stage(Report(source="s.txt", sections={"overview": "收到政府信息公开申请64件。"}))
    assert small.status == "ok" and not small.warnings and len(small.stated) == 1


RL = "review_litigation."
LIT = f"{RL}litigation_direct.{{c}}+{RL}litigation_after_review.{{c}}"


def test_review_and_litigation_results_are_tied_to_their_group():
    figs = extract_figures("本年度发生行政复议5件，其中结果维持3件、结果纠正1件、其他结果0件、尚未审结1件；"
                           "行政诉讼4件，其中结果维持2件、结果纠正0件、尚未审结2件。")
    got = [(f.field, f.value) for f in figs]
    assert got == [
        (f"{RL}review.total", 5), (f"{RL}review.upheld", 3), (f"{RL}review.corrected", 1),
        (f"{RL}review.other", 0), (f"{RL}review.pending", 1),
        (LIT.format(c="total"), 4), (LIT.format(c="upheld"), 2), (LIT.format(c="corrected"), 0),
        (LIT.format(c="pending"), 2),
    ]
    assert [(f.field, f.value) for f in extract_figures("复议后起诉的案件1件，结果维持1件。")] == [
        (f"{RL}litigation_after_review.total", 1), (f"{RL}litigation_after_review.upheld", 1)]
    assert [f for f in extract_figures("维持原有工作机制3件。") if f.field.startswith(RL)] == []  # no group named


def test_all_upheld_names_only_the_groups_its_subject_names():
    both = one("本年度行政复议7件，诉讼9件，均获维持。", f"{RL}review.corrected+{RL}review.pending+"
               + "+".join(f"{RL}{g}.{c}" for g in ("litigation_direct", "litigation_after_review")
                          for c in ("corrected", "pending")))
    assert both.claim == "all_upheld"
    review = [f for f in extract_figures("本年度行政复议2件，均被维持。") if f.claim == "all_upheld"]
    assert [f.field for f in review] == [f"{RL}review.corrected+{RL}review.pending"]
    direct = [f for f in extract_figures("未经复议直接起诉的行政诉讼1件，均获法院维持。") if f.claim == "all_upheld"]
    assert [f.field for f in direct] == [f"{RL}litigation_direct.corrected+{RL}litigation_direct.pending"]
    assert not [f for f in extract_figures("各项制度均得到维持。") if f.claim]  # no group: no claim


def test_carry_over_figures():
    assert one("另有2件顺延到下年度答复。", "applications.carried_forward.total").value == 2
    assert one("办结申请9件，结转至下一年3件。", "applications.carried_forward.total").value == 3


def test_table_two_figures_keep_every_reading_of_a_bare_noun():
    figs = {f.field: f for f in extract_figures("全年主动公开规章2件、行政规范性文件15件。")}
    reg = figs["active_disclosure.regulations.issued"]
    assert reg.value == 2 and "active_disclosure.regulations.in_force" in reg.ambiguous_with
    assert "active_disclosure.regulations.published" in reg.ambiguous_with  # the 2019 layout
    assert figs["active_disclosure.normative_documents.issued"].value == 15


def test_column_figures_share_the_received_ambiguity():
    fig = one("共收到申请30件，其中自然人申请28件。", "applications.new_received.natural_person")
    assert fig.ambiguous_with == ("applications.new_received.natural_person+applications.carried_over.natural_person",)


def test_a_share_after_a_figure():
    field = "applications.granted.total+applications.partially_granted.total"
    figs = [f for f in extract_figures("办结申请40件，其中予以公开及部分公开18件，占45%。") if f.field == field]
    assert [(f.value, f.claim) for f in figs] == [(18, None), (None, "share:45")]
    assert parse_share("share:45") == (45.0, 0) and parse_share("share:51.85") == (51.85, 2)
    assert [f for f in extract_figures("同比增长12%。") if f.claim] == []


def test_deadline_claims_and_completion_claims_differ():
    assert {f.claim for f in extract_figures("收到的申请均在法定期限内予以答复。")} == {"answered_on_time"}
    assert {f.claim for f in extract_figures("收到的申请均已办结。")} == {"all_answered"}
    assert not [f for f in extract_figures("除1件结转下年度外，其余申请均已办结。") if f.claim]


def test_field_readings_cover_every_surviving_split():
    r = _report()
    doubtful = r.evolve(uncertain_cells=("applications.new_received.total",),
                        cell_alternatives={"applications.new_received.total": (12, 1)})
    assert field_readings(doubtful, f"{NEW}+applications.carried_over.total") == {13.0, 2.0}
    assert field_readings(r.evolve(uncertain_cells=(NEW,)), NEW) is None  # doubtful without alternatives
    assert field_readings(r, "applications.unable.*.total") is None
    assert applicable(r, NEW) and not applicable(r, "active_disclosure.regulations.issued")


def test_pending_and_handled_wordings():
    assert one("收到政府信息公开申请9件，正在办理1件。", "applications.carried_forward.total").value == 1
    handled = one("全年办理政府信息公开申请9件。", "applications.total_processed.total")
    assert "applications.new_received.total" in handled.ambiguous_with
    assert one("全年办结政府信息公开申请9件。", "applications.total_processed.total").ambiguous_with == ()


def test_review_and_litigation_counted_together():
    both = "+".join(f"{RL}{g}.total" for g in ("review", "litigation_direct", "litigation_after_review"))
    assert one("因政府信息公开引起的行政复议、行政诉讼案件共3件。", both).value == 3


@pytest.mark.parametrize("text", [
    "第一季度收到政府信息公开申请9件。",  # a period of the year
    "共收到政府信息公开申请30件，其中通过网上收到申请20件。",  # 其中: a part
    "上半年受理政府信息公开申请12件。",
    "其中本级受理政府信息公开申请8件。",  # 其中: a part
])
def test_a_part_of_the_years_applications_is_not_the_years_count(text):
    assert [f for f in extract_figures(text) if f.value not in (30,) and f.field.startswith("applications")] == []


def test_aims_are_not_claims():
    assert not [f for f in extract_figures("下一步，确保所有申请均已办结。") if f.claim]
    assert not [f for f in extract_figures("力争行政复议案件均获维持。") if f.claim]


def test_channels_listed_before_the_count_do_not_make_it_a_part():
    assert one("全年接收通过信函、网络提交的政府信息公开申请共计40件。", NEW).value == 40


@pytest.mark.parametrize("text, claimed", [
    ("全年共收到政府信息公开申请12件，上年结转申请均已办结。", False),   # last year's only
    ("2021年上年结转的5件申请均已办结。", False),
    ("对于涉及个人隐私的申请，均已依法答复。", False),                   # a kind of application only
    ("其中部分申请均已办结。", False),
    ("全年共收到政府信息公开申请12件，全部办结。", True),               # all of them
    ("本年度收到的申请均已办结。", True),
])
def test_a_completion_claim_about_part_of_the_applications_is_no_claim(text, claimed):
    found = [f for f in extract_figures(text) if f.claim == "all_answered"]
    assert bool(found) is claimed


def test_a_stated_figure_knows_where_its_number_stands_in_its_quote():
    figs = [f for f in extract_figures("全年共收到政府信息公开申请12件，办结10件。") if f.value is not None]
    assert figs and all(f.quote[f.in_quote[0]:f.in_quote[1]] == str(int(f.value)) for f in figs)
