"""Chinese numerals: their characters, reading them and writing them.

The one home of the digit and unit tables, the character classes the patterns of other modules
use, the readers (Chinese numeral → number) and the writers (number → Chinese numeral).

Readers. A numeral stated in the narrative is read as ``cn2an.cn2an(s, "smart")`` reads it
(:func:`chinese_value`, :func:`parse_number`): the standard forms reports write (0–9999:
二十, 一百零五, 两千, 十四) in one pass here, any other through cn2an. cn2an takes 0.3 s to
import, so it is imported only when needed. Two callers read differently on purpose and keep
their own reading, each named for what it reads:

- :func:`enumerator_value` (``narrative.items``): the number of an enumerator (一是, （二）, 三、).
- :func:`loose_value` (``export.summary``): a figure span on the review page, read digit by digit
  without checking its form (一百二 → 102 where cn2an says 120).

Both agree with :func:`chinese_value` on every standard form they can meet (tests/test_numerals.py).
"""
from __future__ import annotations

import re
from typing import Optional

# --------------------------------------------------------------------------- tables

DIGITS = "零一二三四五六七八九"  # DIGITS[d] is the digit d
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"  # 大写: Word's chineseLegalSimplified
IDEOGRAPHIC_DIGITS = "〇一二三四五六七八九"  # digit by digit: 二〇二四 (Word's ideographDigital)
DIGIT_VALUES = {c: d for d, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
POWERS = {"十": 10, "百": 100, "千": 1000}

# --------------------------------------------------------------------------- character classes

DIGIT_CHARS = "零〇一二两三四五六七八九"  # every character standing for a digit
NUMERAL_CHARS = DIGIT_CHARS + "十百千万亿"  # every character of a numeral in a figure
ONE_TO_TEN = "一二三四五六七八九十"  # the numerals of enumerators and headings: ONE_TO_TEN[k - 1] is k
ONE_TO_NINE = ONE_TO_TEN[:-1]

# --------------------------------------------------------------------------- reading

_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_UNITS_ALONE = frozenset("百千万亿")  # not numbers (cn2an refuses them)


def parse_number(s: str) -> Optional[float]:
    """'1,136' → 1136, '1.5' → 1.5, '二十一' → 21, '两' → 2; None if it is not a number.

    A Chinese numeral is read by :func:`chinese_value`."""
    s = s.replace(",", "")
    if _ARABIC.fullmatch(s):
        return float(s)
    return chinese_value(s)


def chinese_value(s: str) -> Optional[float]:
    """A Chinese numeral as ``cn2an.cn2an(s, "smart")`` reads it, or None where cn2an refuses it.

    The standard forms of 0–9999 (:func:`standard_forms`) are read here in one pass; cn2an is
    imported only for any other."""
    if s in _UNITS_ALONE:
        return None
    value = standard_value(s)
    if value is not None:
        return float(value)
    import cn2an

    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def standard_value(s: str) -> Optional[int]:
    """The value of ``s`` when it is a standard form of a number 0–9999 (:func:`standard_forms`),
    else None."""
    total = digit = 0
    for ch in s:
        d = DIGIT_VALUES.get(ch)
        if d is not None:
            digit = d
            continue
        power = POWERS.get(ch)
        if power is None:
            return None
        total += (digit or 1) * power
        digit = 0
    total += digit
    return total if s and s in standard_forms(total) else None


def standard_forms(n: int) -> list[str]:
    """The standard ways to write ``0 <= n <= 9999`` in Chinese numerals: 零 (〇) only for a
    gap before a non-zero digit, 两 for 2 before 千 or 百 and alone, 十X beside 一十X
    (一千零五, 一千〇五, 两百二十, 十四, 一十四, 两); empty for any other ``n``. The first is the
    plain one (零, 二, 一十X after a higher digit): :func:`chinese` writes it."""
    if not 0 <= n <= 9999:
        return []
    if n == 0:
        return ["零", "〇"]
    forms, started, gap = [""], False, False
    for d, unit in zip((n // 1000, n // 100 % 10, n // 10 % 10, n % 10), ("千", "百", "十", "")):
        if d == 0:
            gap = started
            continue
        pieces = [DIGITS[d] + unit]
        if d == 2 and (unit in ("千", "百") or not (unit or started)):
            pieces.append("两" + unit)
        if d == 1 and unit == "十" and not started:
            pieces.append("十")
        zeros = ("零", "〇") if gap else ("",)
        forms = [f + z + p for f in forms for z in zeros for p in pieces]
        started, gap = True, False
    return forms


def enumerator_value(s: str) -> int:
    """The number of an enumerator (一是, （二）, 三、, 第四): 一 → 1, 十 → 10, 十二 → 12, 二十一 → 21.

    Made for the runs of 1–3 characters of :data:`ONE_TO_TEN` that ``narrative.items`` matches, and
    kept as that module has always read them: the standard forms of 1–99 by their value; a run
    without 十 by its last character (一二 → 2); otherwise the parts before and after the first
    十 each by their first character (十十 → 20, 十二三 → 12), and a ValueError where a part is
    not a run of consecutive numerals (二一十). "" → 0."""
    if "十" not in s:
        return ONE_TO_TEN.index(s[-1]) + 1 if s else 0
    tens, _, ones = s.partition("十")
    return (ONE_TO_TEN.index(tens) + 1 if tens else 1) * 10 + (ONE_TO_TEN.index(ones) + 1 if ones else 0)


def loose_value(text: str) -> Optional[float]:
    """A Chinese numeral (三十五, 一百零二, 两千, 一万二千) read digit by digit, or None when a
    character is not a numeral's (亿 included).

    The review page's reading of a figure span (``export.summary.figure_value``), kept as it was:
    a unit multiplies the digit before it (1 without one), 万 everything before it, and a digit
    left at the end is added, so the standard forms read as :func:`chinese_value` reads them, but
    others do not (一百二 → 102, 二零二三 → 3, 十十 → 20, 万 → 0, "" → 0)."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGIT_VALUES:
            digit = DIGIT_VALUES[ch]
        elif ch in POWERS:
            section += (1 if digit is None else digit) * POWERS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


# --------------------------------------------------------------------------- writing


def chinese(n: int, legal: bool = False) -> str:
    """``n`` in Chinese numerals, as Word numbers lists (chineseCounting / chineseLegalSimplified):
    3 → 三, 12 → 十二, 21 → 二十一, 105 → 一百零五, 12000 → 一万二千; ``legal``: 3 → 叁, 12 → 壹拾贰.

    Below 0 → 零. From 100 on the plain digits are written even when ``legal`` (as this has
    always done); 100–9999 in one pass, 10000 on through ``cn2an.an2cn``."""
    digits = LEGAL_DIGITS if legal else DIGITS
    if n < 10:
        return digits[max(n, 0)]
    if n < 100:
        tens, ones = divmod(n, 10)
        ten = "拾" if legal else "十"
        return ("" if tens == 1 and not legal else digits[tens]) + ten + (digits[ones] if ones else "")
    if n < 10000:
        return standard_forms(n)[0]
    import cn2an

    return cn2an.an2cn(n)


def ideographic(n: int) -> str:
    """``n`` digit by digit: 2024 → 二〇二四 (Word's ideographDigital)."""
    return "".join(IDEOGRAPHIC_DIGITS[int(d)] for d in str(n))


__all__ = ["DIGITS", "LEGAL_DIGITS", "IDEOGRAPHIC_DIGITS", "DIGIT_VALUES", "POWERS", "DIGIT_CHARS",
           "NUMERAL_CHARS", "ONE_TO_TEN", "ONE_TO_NINE", "parse_number", "chinese_value", "standard_value",
           "standard_forms", "enumerator_value", "loose_value", "chinese", "ideographic"]
