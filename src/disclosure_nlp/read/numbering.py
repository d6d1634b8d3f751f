"""Word automatic list numbers, rendered as text.

Reports typed in Word often number their headings and table rows automatically (一、 （一） 1.),
so the numbers are not in the runs' text. The parser needs them (``五、存在的主要问题…``), so the
DOCX reader asks this class for each paragraph's label. Counters are kept per abstract numbering
definition, as Word does; deeper levels restart when a shallower one advances.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..numerals import chinese, ideographic

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_PLACEHOLDER = re.compile(r"%([1-9])")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, path: str, default=None):
    found = el.find(path) if el is not None else None
    return default if found is None else found.get(_q("val"), default)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word ``numFmt``."""
    if fmt in ("bullet", "none"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):
        return chinese(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return chinese(n, legal=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return ideographic(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1


class Numbering:
    def __init__(self, levels: dict[str, dict[int, Level]], nums: dict[str, str],
                 starts: dict[str, dict[int, int]], styles: dict[str, tuple[str, int]]) -> None:
        self._levels = levels  # abstractNumId -> ilvl -> Level
        self._nums = nums  # numId -> abstractNumId
        self._starts = starts  # numId -> ilvl -> startOverride
        self._styles = styles  # paragraph style id -> (numId, ilvl)
        self._counters: dict[str, dict[int, int]] = {}
        self._seen_nums: set[str] = set()

    @classmethod
    def from_document(cls, document) -> "Numbering":
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        levels: dict[str, dict[int, Level]] = {}
        nums: dict[str, str] = {}
        starts: dict[str, dict[int, int]] = {}
        if root is not None:
            for ab in root.iterchildren(_q("abstractNum")):
                levels[ab.get(_q("abstractNumId"))] = {
                    int(lvl.get(_q("ilvl"), "0")): Level(
                        fmt=_val(lvl, _q("numFmt"), "decimal"),
                        text=_val(lvl, _q("lvlText"), ""),
                        start=int(_val(lvl, _q("start"), "1") or 1))
                    for lvl in ab.iterchildren(_q("lvl"))}
            for num in root.iterchildren(_q("num")):
                num_id = num.get(_q("numId"))
                nums[num_id] = _val(num, _q("abstractNumId"))
                starts[num_id] = {
                    int(o.get(_q("ilvl"), "0")): int(_val(o, _q("startOverride"), "1") or 1)
                    for o in num.iterchildren(_q("lvlOverride"))
                    if o.find(_q("startOverride")) is not None}
        styles: dict[str, tuple[str, int]] = {}
        try:
            style_root = document.styles.element
        except (NotImplementedError, KeyError, AttributeError):
            style_root = None
        if style_root is not None:
            for st in style_root.iterchildren(_q("style")):
                num_pr = st.find(f"{_q('pPr')}/{_q('numPr')}")
                if num_pr is not None and (num_id := _val(num_pr, _q("numId"))):
                    styles[st.get(_q("styleId"))] = (num_id, int(_val(num_pr, _q("ilvl"), "0") or 0))
        return cls(levels, nums, starts, styles)

    def label(self, p) -> str:
        """The rendered list number of paragraph ``p`` ("" when it has none); advances the counters."""
        ppr = p.find(_q("pPr"))
        num_pr = ppr.find(_q("numPr")) if ppr is not None else None
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id = _val(num_pr, _q("numId"))
            ilvl = int(_val(num_pr, _q("ilvl"), "0") or 0)
        elif (style := _val(ppr, _q("pStyle"))) in self._styles:
            num_id, ilvl = self._styles[style]
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract = self._nums[num_id]
        levels = self._levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if num_id not in self._seen_nums:
            self._seen_nums.add(num_id)
            for lvl, start in self._starts.get(num_id, {}).items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, Level())
            return format_number(counters.get(k, lv.start), lv.fmt)

        out = _PLACEHOLDER.sub(sub, level.text)
        return out + " " if out[-1:].isascii() and out[-1:].isalnum() else out
