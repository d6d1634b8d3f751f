"""disclosure_nlp.numerals: the tables, the readers each caller uses, and the writers."""
from __future__ import annotations

import itertools
import subprocess
import sys

import cn2an

from disclosure_nlp import numerals as N
from disclosure_nlp.read.numbering import format_number


def test_tables_and_character_classes():
    assert N.NUMERAL_CHARS == "零〇一二两三四五六七八九十百千万亿"
    assert set(N.DIGIT_VALUES) == set(N.DIGIT_CHARS)
    assert all(N.DIGIT_VALUES[N.DIGITS[d]] == d for d in range(10))
    assert N.DIGIT_VALUES["两"] == 2 and N.DIGIT_VALUES["〇"] == 0
    assert N.ONE_TO_TEN[6] == "七" and N.ONE_TO_NINE == "一二三四五六七八九"


# --------------------------------------------------------------------------- the narrative's figures

def test_parse_number_reads_arabic_and_chinese_figures():
    assert N.parse_number("1,136") == 1136 and N.parse_number("1.5") == 1.5
    assert [N.parse_number(s) for s in ("二十一", "两", "〇", "一百零五", "两千零五", "十四", "一十四")] == [
        21, 2, 0, 105, 2005, 14, 14]
    # non-standard numerals as cn2an reads them
    assert N.parse_number("一百二") == 120 and N.parse_number("一万二") == 12000 and N.parse_number("二零二三") == 2023
    assert [N.parse_number(s) for s in ("万", "百", "十十", "abc", "")] == [None] * 5


def test_chinese_value_is_cn2ans_reading_of_every_standard_form():
    for n in range(0, 10_000, 7):
        for s in N.standard_forms(n):
            assert N.standard_value(s) == n and N.chinese_value(s) == cn2an.cn2an(s, "smart") == n, s


# --------------------------------------------------------------------------- narrative.items: enumerators

def test_enumerator_value_reads_the_standard_forms_of_1_to_99():
    for n in range(1, 100):
        forms = [s for s in N.standard_forms(n) if set(s) <= set(N.ONE_TO_TEN)]
        assert forms, n
        for s in forms:
            assert N.enumerator_value(s) == n, s
    assert [N.enumerator_value(s) for s in ("一", "十", "十二", "二十一", "九十九")] == [1, 10, 12, 21, 99]


def test_enumerator_value_keeps_its_reading_of_other_runs():
    # the last digit without 十; each side of the first 十 by its first numeral; "" is 0
    assert N.enumerator_value("一二") == 2 and N.enumerator_value("三四五") == 5
    assert N.enumerator_value("十十") == 20 and N.enumerator_value("十二三") == 12
    assert N.enumerator_value("") == 0


# --------------------------------------------------------------------------- export.summary: figure spans

def test_loose_value_agrees_with_cn2an_on_the_standard_forms():
    for n in range(10_000):
        for s in N.standard_forms(n):
            assert N.loose_value(s) == n, s
    assert N.loose_value("一万二千") == N.chinese_value("一万二千") == 12000
    assert N.loose_value("三万零五十") == 30050


def test_loose_value_keeps_its_reading_of_other_numerals():
    # digit by digit, no check of the form: where it parts from parse_number
    assert N.loose_value("一百二") == 102 and N.parse_number("一百二") == 120
    assert N.loose_value("二零二三") == 3 and N.parse_number("二零二三") == 2023
    assert N.loose_value("十十") == 20 and N.parse_number("十十") is None
    assert N.loose_value("万") == 0 and N.loose_value("") == 0
    assert N.loose_value("一亿") is None and N.loose_value("三件") is None


# --------------------------------------------------------------------------- writing

def test_chinese_writes_plain_numerals():
    assert [N.chinese(n) for n in (-1, 0, 3, 10, 12, 20, 21, 99)] == ["零", "零", "三", "十", "十二", "二十", "二十一",
                                                                      "九十九"]
    assert [N.chinese(n) for n in range(1, 11)] == list(N.ONE_TO_TEN)
    for n in range(100, 10_000):
        assert N.chinese(n) == cn2an.an2cn(n), n
    assert N.chinese(12_000) == "一万二千" and N.chinese(100_000_005) == cn2an.an2cn(100_000_005)
    for n in range(0, 10_000, 3):
        assert N.chinese_value(N.chinese(n)) == n


def test_chinese_writes_legal_digits_below_100():
    assert [N.chinese(n, legal=True) for n in (0, 3, 10, 12, 40, 99)] == ["零", "叁", "壹拾", "壹拾贰", "肆拾", "玖拾玖"]
    assert N.chinese(105, legal=True) == "一百零五"  # plain from 100 on, as Word numbering always got here
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰" and format_number(12, "chineseCounting") == "十二"


def test_ideographic_writes_digit_by_digit():
    assert N.ideographic(2024) == "二〇二四" and N.ideographic(7) == "七"
    assert format_number(2005, "ideographDigital") == "二〇〇五"


def test_standard_numerals_neither_read_nor_written_through_cn2an():
    code = ("import sys\n"
            "from disclosure_nlp import numerals as N\n"
            "assert [N.parse_number(s) for s in ('二十', '一百零五', '两千')] == [20, 105, 2000]\n"
            "assert N.chinese(9999) == '九千九百九十九' and N.loose_value('一万二千') == 12000\n"
            "assert 'cn2an' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_short_numeral_reads_the_same_through_parse_number_and_chinese_value():
    for s in ("".join(p) for k in (1, 2) for p in itertools.product(N.NUMERAL_CHARS, repeat=k)):
        assert N.parse_number(s) == N.chinese_value(s), s
