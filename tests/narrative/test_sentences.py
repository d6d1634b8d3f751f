from disclosure_nlp.narrative import find_problems_section, problems_section, split_sentences
from disclosure_nlp.narrative.sentences import sentence_spans


def test_sentences_end_at_full_stops_and_semicolons_not_at_wrapped_lines():
    text = "公开内容不够全\n面；解读形式单一。\n  下一步将加强培训！"
    assert split_sentences(text) == ["公开内容不够全\n面；", "解读形式单一。", "下一步将加强培训！"]
    for (s, e), sent in zip(sentence_spans(text), split_sentences(text)):
        assert text[s:e] == sent


def test_heading_line_ending_in_colon_is_its_own_sentence():
    assert split_sentences("存在的问题：\n一是培训不足。") == ["存在的问题：", "一是培训不足。"]


def test_problems_section_between_headings():
    text = ("一、总体情况\n本报告包括存在的主要问题及改进情况等六个部分。\n五、存在的主要问题及改进情况\n"
            "一是培训不足。\n六、其他需要报告的事项\n无。")
    assert problems_section(text) == "一是培训不足。"  # the body: the heading left out


def test_old_format_section_ends_at_statistics_table_and_drops_signature():
    text = ("四、政府信息公开工作存在的主要问题及改进情况当前仍存在一些不足。一是培训不足。 某某县人民政府 "
            "附件1：统计表")
    s, e = find_problems_section(text)
    assert text[s:e].rstrip().endswith("一是培训不足。")


def test_no_section_gives_none():
    assert find_problems_section("一、总体情况\n无。") is None
    assert problems_section("") == ""
