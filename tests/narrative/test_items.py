import json
import re

import pytest

from disclosure_nlp.narrative import problems_section, split_items


def texts(items):
    return [i.text for i in items]


def check_offsets(text, items):
    for i in items:
        assert text[i.start:i.end] == i.text


def test_yi_shi_enumeration_with_problem_lead_in_and_improvement_switch():
    text = ("存在的问题主要有：一是公开内容不够全面；二是解读形式单一。"
            "2025年，我局将采取以下措施加以改进：一是拓展公开范围。二是丰富解读形式。")
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["一是公开内容不够全面", "二是解读形式单一。", "一是拓展公开范围。", "二是丰富解读形式。"]
    assert [i.kind for i in items] == ["problem", "problem", "improvement", "improvement"]
    assert all(i.kind_from == "splitter" for i in items)


def test_parenthesised_headings_set_kind_and_are_not_items():
    text = ("（一）存在的主要问题：基层公开标准化水平有待提升；部分单位工作开展不够均衡。"
            "（二）改进措施：一是推进基层标准化建设。二是加强统筹指导。")
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["基层公开标准化水平有待提升", "部分单位工作开展不够均衡。",
                            "一是推进基层标准化建设。", "二是加强统筹指导。"]
    assert [i.kind for i in items] == ["problem", "problem", "improvement", "improvement"]


def test_heading_on_its_own_line():
    text = "（一）主要问题\n网站栏目设置不合理。\n（二）改进情况\n根据上述问题，采取以下措施：一是调整栏目。二是更新目录。"
    items = split_items(text)
    assert texts(items) == ["网站栏目设置不合理。", "一是调整栏目。", "二是更新目录。"]
    assert [i.kind for i in items] == ["problem", "improvement", "improvement"]


def test_paren_items_span_several_sentences():
    text = ("工作中还存在许多问题，主要表现在以下方面：\n（一）时效性有待增强。部分单位没有及时公开。\n"
            "（二）规范性有待提升。信息格式不规范。")
    items = split_items(text)
    assert texts(items) == ["（一）时效性有待增强。部分单位没有及时公开。", "（二）规范性有待提升。信息格式不规范。"]
    assert {i.kind for i in items} == {"problem"}


def test_nested_arabic_items_under_a_chinese_heading():
    text = ("因此，我们考虑从以下两个方面作进一步的改进：（一）深化公开内容。扩大主动公开范围。"
            "（二）规范公开行为1、加强培训指导工作。2、建立考核制度。")
    items = split_items(text)
    assert texts(items) == ["（一）深化公开内容。扩大主动公开范围。", "（二）规范公开行为", "1、加强培训指导工作。",
                            "2、建立考核制度。"]
    assert {i.kind for i in items} == {"improvement"}


@pytest.mark.parametrize("text, expected", [
    ("一、公开内容不够全面。二、解读形式单一。", ["一、公开内容不够全面。", "二、解读形式单一。"]),
    ("1.公开内容不够全面。2.解读形式单一。", ["1.公开内容不够全面。", "2.解读形式单一。"]),
    ("1、公开内容不够全面。\n2、解读形式单一。", ["1、公开内容不够全面。", "2、解读形式单一。"]),
    ("(1)公开内容不够全面；(2)解读形式单一。", ["(1)公开内容不够全面", "(2)解读形式单一。"]),
    ("第一，公开内容不够全面。第二，解读形式单一。", ["第一，公开内容不够全面。", "第二，解读形式单一。"]),
    ("首先，公开内容不够全面。其次，解读形式单一。", ["首先，公开内容不够全面。", "其次，解读形式单一。"]),
])
def test_enumeration_styles(text, expected):
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == expected


def test_numbers_in_prose_are_not_enumerators():
    text = "全年发布信息1.5万条，第一平台作用发挥不够，培训2次。"
    assert texts(split_items(text)) == [text]


def test_semicolon_clauses_and_dun_list_after_cun_zai():
    text = ("虽然全年工作取得了一定成效，但还存在个别单位责任意识不强、队伍建设有待加强、便民服务仍有差距等问题。"
            "下一步，我区将加强队伍建设，不断拓宽主动公开领域，丰富信息公开形式，完善运行机制，推动工作再上新台阶。")
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["个别单位责任意识不强", "队伍建设有待加强", "便民服务仍有差距", "加强队伍建设",
                            "不断拓宽主动公开领域", "丰富信息公开形式", "完善运行机制"]
    assert [i.kind for i in items] == ["problem"] * 3 + ["improvement"] * 4


def test_comma_list_of_problems_is_split_but_continuations_are_not():
    text = ("（一）存在的主要问题：解读形式不够丰富，未能运用图表图解。公开质量有待提高，公开渠道有限，"
            "新媒体宣传难以满足需要。")
    assert texts(split_items(text)) == ["解读形式不够丰富，未能运用图表图解。", "公开质量有待提高", "公开渠道有限",
                                        "新媒体宣传难以满足需要"]


def test_generic_lead_in_and_achievement_sentences_are_not_items():
    text = ("通过全局上下推进，公开水平得到了有效提升。目前，在工作开展中仍存在一些不足。"
            "一是人员兼职。二是培训不足。")
    assert texts(split_items(text)) == ["一是人员兼职。", "二是培训不足。"]


def test_a_lone_generic_problem_is_an_item():
    text = "工作中仍存在一些不足，与群众期待还有差距。"
    items = split_items(text)
    assert texts(items) == [text]


def test_kind_left_to_the_model_without_context():
    items = split_items("一是加强培训。二是网站栏目更新慢。")
    assert [i.kind_from for i in items] == ["model", "model"]


def test_old_format_improvement_section():
    items = split_items("一是加强培训。二是完善考核制度。", section="improvements")
    assert {(i.kind, i.kind_from, i.section) for i in items} == {("improvement", "splitter", "improvements")}


def test_status_sentence_after_measures_is_not_an_item():
    text = "改进措施：一是开设专栏。二是调整目录。\n目前，专栏已开设，目录调整正在进行中。"
    assert texts(split_items(text)) == ["一是开设专栏。", "二是调整目录。"]


def test_empty_and_section_heading_only():
    assert split_items("") == []
    assert split_items("五、存在的主要问题及改进情况\n") == []


def _squash(s):
    return re.sub(r"\s+", "", s)


def _dice(a, b):
    from difflib import SequenceMatcher
    a, b = _squash(a), _squash(b)
    m = sum(blk.size for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return 2 * m / max(len(a) + len(b), 1)


def test_real_reports_items_found(real_corpus):
    """Every labelled item of the text reports is found closely (Dice >= 0.8) by an item of its
    own, and few items are found that no label matches."""
    labelled = found = 0
    missed = []
    for ij in sorted(real_corpus.glob("*.items.json")):
        src = next((p for p in real_corpus.glob(ij.name[:-11] + ".*") if p.suffix in (".txt", ".md")), None)
        if src is None:
            continue
        gold = [g["text"] for g in json.loads(ij.read_text(encoding="utf-8"))["items"]]
        items = [i.text for i in split_items(problems_section(src.read_text(encoding="utf-8")))]
        labelled += len(gold)
        found += len(items)
        pairs = sorted(((_dice(i, g), k, j) for k, i in enumerate(items) for j, g in enumerate(gold)), reverse=True)
        used_i, used_g = set(), set()
        for d, k, j in pairs:
            if d >= 0.8 and k not in used_i and j not in used_g:
                used_i.add(k), used_g.add(j)
        missed += [(ij.name, g[:20]) for j, g in enumerate(gold) if j not in used_g]
    assert labelled >= 40
    assert missed == []
    assert found <= labelled * 1.05


# Lists inside one sentence: cut where each part states a problem or a measure of its own.

def test_inline_list_after_zhuyao_shi():
    text = "我办政务公开工作仍存在一些不足，主要是：信息发布时效性不够，政策解读深度不足，公开平台建设滞后，工作人员业务能力有待提升。"
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["信息发布时效性不够", "政策解读深度不足", "公开平台建设滞后", "工作人员业务能力有待提升"]
    assert {i.kind for i in items} == {"problem"}


def test_two_problems_after_a_colon_lead_in():
    text = "存在的问题主要是：解读材料形式单调，互动回应不够及时等。"
    assert texts(split_items(text)) == ["解读材料形式单调", "互动回应不够及时"]


def test_single_problem_after_a_colon_lead_in_drops_the_lead_in():
    text = "工作中存在的问题主要是：基层单位对公开标准的理解参差不齐。"
    assert texts(split_items(text)) == ["基层单位对公开标准的理解参差不齐。"]


def test_comma_list_ending_in_deng():
    text = "（一）存在的主要问题：基层单位公开意识不够强，栏目内容更新滞后，依申请公开答复格式不统一等。"
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["基层单位公开意识不够强", "栏目内容更新滞后", "依申请公开答复格式不统一"]


def test_parallel_measures_in_one_sentence():
    text = ("下一步，我局将进一步规范公开目录管理，着力加强政策解读工作，逐步完善依申请公开办理流程，"
            "继续开展政务公开业务培训。")
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["进一步规范公开目录管理", "着力加强政策解读工作", "逐步完善依申请公开办理流程",
                            "继续开展政务公开业务培训"]
    assert {i.kind for i in items} == {"improvement"}


def test_two_measures_in_one_sentence():
    text = "今后，我局将加强政务新媒体管理，完善依申请公开工作机制。"
    assert texts(split_items(text)) == ["加强政务新媒体管理", "完善依申请公开工作机制"]


def test_measures_after_a_colon_lead_in():
    text = "2025年，我局将重点做好以下工作：规范公开目录，加强解读回应，建立考核台账。"
    assert texts(split_items(text)) == ["规范公开目录", "加强解读回应", "建立考核台账"]


def test_clause_qualifying_a_measure_stays_with_it():
    text = ("下一步，我局将严格规范信息发布审核流程，确保发布内容准确无误，加强政务公开业务培训，"
            "提高工作人员业务水平，健全公开工作台账，做到应公开尽公开。")
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["严格规范信息发布审核流程，确保发布内容准确无误", "加强政务公开业务培训，提高工作人员业务水平",
                            "健全公开工作台账，做到应公开尽公开"]


def test_measure_with_its_purpose_only_is_one_item():
    text = "下一步，我委将加强业务培训，提升工作人员能力素质。"
    assert texts(split_items(text)) == ["加强业务培训，提升工作人员能力素质。"]


def test_list_of_objects_is_one_measure():
    text = "下一步，我委将加强政策解读、回应关切和平台建设，推动政务公开提质增效。"
    assert texts(split_items(text)) == ["加强政策解读、回应关切和平台建设，推动政务公开提质增效。"]


def test_list_of_objects_of_one_shortfall_is_one_problem():
    text = "目前还存在政策解读、回应关切和平台建设不够到位等问题。"
    assert texts(split_items(text)) == [text]


def test_clauses_that_are_not_measures_keep_the_sentence_whole():
    text = "下一步，我局将加强培训，各科室要按时报送信息。"
    assert texts(split_items(text)) == ["加强培训，各科室要按时报送信息。"]


def test_measures_after_the_subject_alone():
    text = "我局将健全公开审核机制，加强网站栏目维护，提升信息发布的准确性。"
    items = split_items(text)
    check_offsets(text, items)
    assert texts(items) == ["健全公开审核机制", "加强网站栏目维护，提升信息发布的准确性"]
    assert {i.kind for i in items} == {"improvement"}


def test_problem_clauses_starting_like_a_verb_are_not_measures():
    text = "规范性文件公开不及时，建设项目批准信息发布滞后。"
    assert texts(split_items(text)) == [text]


@pytest.mark.parametrize("text, expected", [
    ("基层站所信息更新不够及时，部分解读材料质量不高等。", ["基层站所信息更新不够及时", "部分解读材料质量不高"]),
    ("基层站所信息更新不够及时、部分解读材料质量不高、互动回应有待加强等。",
     ["基层站所信息更新不够及时", "部分解读材料质量不高", "互动回应有待加强"]),
    ("工作中仍存在一些不足，与群众期待还有差距等。", ["工作中仍存在一些不足，与群众期待还有差距等。"]),
], ids=["comma-two", "dun-three", "generic-kept"])
def test_short_lists_closed_by_deng(text, expected):
    assert texts(split_items(text)) == expected


def test_outcome_clause_with_an_adverb_still_qualifies_the_measure():
    text = "下一步，我局将丰富政策解读形式，切实提高解读的针对性和可读性，完善公开工作考核办法。"
    assert texts(split_items(text)) == ["丰富政策解读形式，切实提高解读的针对性和可读性", "完善公开工作考核办法"]


def test_numerals_that_make_no_number_are_no_enumerator():
    """二一十是 looks like an enumerator but is no number: the text is read, not crashed on."""
    items = split_items("存在的问题。二一十是公开不及时。二是平台建设不足。")
    assert items and any("平台建设不足" in i.text for i in items)
