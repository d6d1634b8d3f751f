"""Section 五 found by the one finder (parse.sections), and where it ends. Invented texts."""
import pytest

from disclosure_nlp.narrative import find_problems_section, problems_section, split_items
from disclosure_nlp.parse import parse_text

HEAD = "一、总体情况\n青禾县文旅局全年主动公开信息120条。\n五、存在的主要问题及改进情况\n"
BODY = "一是网站栏目更新不够及时。二是将加强业务培训。"


@pytest.mark.parametrize("tail", [
    "\n青禾县文化和旅游局\n2024年1月20日\n",                       # signature, then the date
    "\n\n青禾县文化和旅游局\n",                                     # signature alone at the end
    "\n2024年1月20日\n",                                            # the date alone
    "\n二〇二四年一月二十日\n",                                      # the date in Chinese numerals
    "\n六、青禾县文化和旅游局\n2024年1月20日\n",                    # the next heading holding the signature
    "\n六、其他需要说明的事项\n无。\n",                              # the next heading, in other words
    "\n六、其他需要报告的事项\n本局未收取信息处理费。\n青禾县文化和旅游局\n",
    " 青禾县人民政府 附件1：统计表",                                # crawler text: signature before the appendix
    "\n附件\n政府信息公开情况统计表\n",                              # an appendix heading alone on a line
], ids=["signature-date", "signature", "date", "date-cn", "heading-agency", "heading-other", "heading-six",
        "crawler-signature", "appendix"])
def test_section_ends_before_signature_date_and_next_heading(tail):
    text = HEAD + BODY + tail
    assert problems_section(text) == BODY
    assert [i.text for i in split_items(problems_section(text))] == ["一是网站栏目更新不够及时。", "二是将加强业务培训。"]


def test_same_text_as_the_parser():
    text = HEAD + BODY + "\n六、青禾县文化和旅游局\n2024年1月20日\n"
    assert problems_section(text) == parse_text(text).sections["problems"]


def test_items_numbered_past_the_next_heading_number_stay_in_the_section():
    body = ("一、栏目更新慢。\n二、解读形式单一。\n三、互动回应不及时。\n四、培训不足。\n五、考核不严。\n"
            "六、加强培训。")
    text = HEAD + body + "\n七、其他需要报告的事项\n无。"
    assert problems_section(text) == body


def test_a_date_inside_a_sentence_and_a_wrapped_agency_line_do_not_end_the_section():
    body = ("2024年1月20日，我局召开培训会，但培训覆盖面不足。\n一是与县数据\n管理局\n对接不够。"
            "二是将加强沟通。")
    text = HEAD + body + "\n六、其他需要报告的事项\n无。"
    assert problems_section(text) == body


def test_old_format_improvement_heading_is_part_of_the_section():
    text = ("一、概述\n本县全年公开信息300条。\n四、存在的问题\n栏目更新慢。\n五、改进措施\n加强栏目维护。\n"
            "\n青禾县人民政府办公室\n2013年3月1日\n")
    sec = problems_section(text)
    assert sec == "栏目更新慢。\n五、改进措施\n加强栏目维护。"
    items = split_items(sec)
    assert [(i.kind, i.text) for i in items] == [("problem", "栏目更新慢。"), ("improvement", "加强栏目维护。")]


def test_span_offsets_and_none():
    text = HEAD + BODY + "\n\n青禾县文化和旅游局\n"
    s, e = find_problems_section(text)
    assert text[s:e].strip() == BODY
    assert find_problems_section("一、总体情况\n全年公开信息120条。") is None


def test_real_reports_same_text_as_the_parser(real_corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted(real_corpus.glob("*.txt")) + sorted(real_corpus.glob("*.md"))
             if p.name != "README.md"]
    assert len(texts) >= 5
    for text in texts:
        sec = problems_section(text)
        assert len(sec) > 50
        assert sec == parse_text(text).sections["problems"]


def test_numbered_item_wrapped_after_an_agency_like_word_stays():
    body = "一是培训不足。\n二、加强与县数据局\n的沟通协调。"
    text = HEAD + body + "\n七、其他需要报告的事项\n无。"
    assert problems_section(text) == body
