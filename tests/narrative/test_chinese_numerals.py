"""``parse_number`` reads Chinese numerals as ``cn2an.cn2an(s, "smart")`` does, without importing
cn2an for the standard forms reports write."""
from __future__ import annotations

import itertools
import random
import subprocess
import sys

import cn2an

from disclosure_nlp.narrative.figures import _CN, _chinese_forms, _standard_chinese, parse_number

_ALPHABET = _CN[1:-2]  # the characters of a Chinese numeral in a figure: 零〇一二两三四五六七八九十百千万亿


def _cn2an(s: str):
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def test_alphabet_is_the_figure_pattern_s():
    assert _ALPHABET == "零〇一二两三四五六七八九十百千万亿"


def test_every_standard_form_reads_as_cn2an_reads_it():
    seen = set()
    for n in range(10_000):
        forms = _chinese_forms(n)
        assert forms and len(set(forms)) == len(forms)
        for s in forms:
            assert s not in seen  # one value per form
            seen.add(s)
            assert _standard_chinese(s) == n
            assert cn2an.cn2an(s, "smart") == n, s
    assert len(seen) > 10_000
    assert {"二十", "十四", "一十四", "两", "两百", "两千零五", "一千〇五", "九千九百九十九"} <= seen
    assert not _chinese_forms(10_000) and not _chinese_forms(-1)


def test_every_short_numeral_and_many_long_ones_read_as_cn2an_reads_them():
    """Every string of 1–3 numeral characters, and 3,000 random ones of 4–8: the same value (or
    None) as cn2an, whichever way parse_number took."""
    strings = ["".join(p) for k in (1, 2, 3) for p in itertools.product(_ALPHABET, repeat=k)]
    rng = random.Random(13)
    strings += ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(4, 8))) for _ in range(3000)]
    for s in strings:
        assert parse_number(s) == _cn2an(s), s


def test_non_standard_numerals_still_read_through_cn2an():
    assert _standard_chinese("一百二") is None and parse_number("一百二") == 120  # colloquial 120
    assert _standard_chinese("一万二") is None and parse_number("一万二") == 12000
    assert parse_number("二零二三") == 2023 and parse_number("一亿") == 1e8
    assert parse_number("万") is None and parse_number("十十") is None and parse_number("abc") is None


def test_figures_of_standard_numerals_do_not_import_cn2an():
    code = ("import sys\n"
            "from disclosure_nlp.narrative.figures import extract_figures\n"
            "found = extract_figures('本年度共收到政府信息公开申请二十件，其中予以公开十四件，"
            "不予公开两件，无法提供一百零五件，上年结转万件。')\n"
            "assert [f.value for f in found if f.value is not None] == [20, 14, 2, 105], found\n"
            "assert 'cn2an' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
