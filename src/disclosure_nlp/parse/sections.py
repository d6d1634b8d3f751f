"""Find the six parts of a report (一 … 六) and the regions of its three tables.

Headings are found by their words, not their numbers: real reports renumber them (narrative
topics 一…六 before tables that restart at 一), misspell them (行政法复议), mark them up (## …)
or lose them in crawler text where everything runs together.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..form import T2_HEADER, T3_APPLICANTS_HEADING, T3_COLUMN_LABELS, T3_ROW_WORDS
from ..numerals import ONE_TO_NINE, ONE_TO_TEN, chinese, enumerator_value
from .labels import fuzzy

NUM = rf"(?:[{ONE_TO_TEN}]+\s*[、.．]|\d\s*[、.．])"
LINE_START = r"(?:^|(?<=[\n。；;\s>#]))"

_H_OVERVIEW = re.compile(LINE_START + r"\s*(?:#+\s*)?" + NUM + r"?\s*(?:总体情况|概\s*述|概\s*况)")
_H_T2 = re.compile(r"(?:" + NUM + r"\s*)?主动公开政府信息(?:的)?情况")
_H_T3 = re.compile(r"(?:" + NUM + r"\s*)?收到和处理政府信息公开申请(?:的)?情况")
_H_T4 = re.compile(r"(?:" + NUM + r"\s*)?(?:政府信息公开)?行政(?:法)?复议[、和及，,]?\s*行政诉讼(?:的)?情况")
_H_PROBLEMS = re.compile(r"(?:" + NUM + r"\s*)?(?:政府信息公开工作)?存在的?主要?问题(?:及|和|与)?(?:改进情况|改进措施|整改措施|改进)?")
_H_PROBLEMS_BARE = re.compile(LINE_START + r"\s*(?:[（(]?[一1][)）]?\s*[、.．]?\s*)?(?:主要问题|存在问题|存在的问题|问题及改进)")
_H_PROBLEMS_NUMBERED = re.compile(NUM + r"\s*(?:政府信息公开|政务公开)?(?:工作)?(?:存在的?(?:主要)?问题|主要问题)(?:及|和|与)?(?:改进情况|改进措施|整改措施|改进)?")
_DATE = (rf"(?:二[○〇零O0][{ONE_TO_NINE}○〇零O0]{{2}}|20\d\d)\s*年\s*[{ONE_TO_TEN}\d]{{1,2}}\s*月"
         rf"\s*[{ONE_TO_TEN}\d]{{1,3}}\s*日")
# where section 五 runs out: an appendix, or the signature date (二○一二年二月二十日 / 2012年2月20日) on
# its own (not "2024年1月20日，我局召开……")
_SECTION_END = re.compile(r"附\s*件\s*\d*\s*[:：]|附件下载|^[ \t]*附\s*件\s*\d*[ \t]*$"
                          r"|(?:^|\s)" + _DATE + r"[ \t]*(?:$|\s)", re.M)
# a signature: the agency's name alone, ending in what agencies' names end in
_AGENCY = re.compile(r"[\u4e00-\u9fff()（）]{2,30}?(?:人民政府|政府|委员会|管委会|办公室|办公厅|局|厅|委|办|中心|院|署)"
                     r"(?:[(（][\u4e00-\u9fff]{1,4}[)）])?")
# a word standing alone: after a sentence end or a blank line, before a line end or the end
_ALONE = re.compile(r"(?:(?<=[。！？!?；;])|(?<=\n)|^)[ \t]*\n?[ \t]*(?P<word>[^\s，,。；;：:！!？?、]{2,40})[ \t]*(?=\n|$|[ \t]+\S)")
# a numbered heading at the start of a line (or after a sentence end, in crawler text)
_NEXT_HEAD = re.compile(rf"(?:^|(?<=[。！？!?；;]))[ \t]*(?:#+[ \t]*)?(?P<num>[{ONE_TO_TEN}]{{1,2}})[ \t]*[、.．][ \t]*"
                        r"(?P<rest>[^\n。；;]{0,40})", re.M)
_OTHER_HEAD = re.compile(r"(?:其他|其它)(?:需要)?(?:报告|说明)?的?事项|政府信息公开(?:情况)?统计表(?![填编报中的])"
                         r"|附\s*件\s*\d*\s*(?:[:：]|$)")
# the form's words that tell where 表二 and 表三 start and 表三 ends when their headings are lost
_T2_ANCHOR = fuzzy("第二十条") + "|" + fuzzy(T2_HEADER) + r"|本年(?:新)?制"
_FIRST_T3_ROW = fuzzy(T3_ROW_WORDS["new_received"][0])  # 本年新收
_T3_ANCHOR = fuzzy(T3_APPLICANTS_HEADING.removesuffix("情况")) + "|" + _FIRST_T3_ROW + "|" + fuzzy(T3_COLUMN_LABELS["natural_person"][0])
_LAST_T3_ROW = re.compile(fuzzy(T3_ROW_WORDS["carried_forward"][0]))  # 结转下年度
_H_OTHER = re.compile(r"(?:" + NUM + r"\s*)?其他需要报告的事项")
_H_LEGACY_STATS = re.compile(r"(?:" + NUM + r"\s*)?(?:政府信息公开(?:情况)?统计表|统\s*计\s*指\s*标)")


def _numeral(heading: str) -> Optional[int]:
    m = re.match(rf"\s*(?:#+\s*)?([{ONE_TO_TEN}])\s*[、.．]", heading)
    return enumerator_value(m.group(1)) if m else None


def _is_signature(word: str) -> bool:
    """An agency's name, perhaps followed by the date: 某某市某某局 / 某某局2024年1月20日."""
    word = re.sub(_DATE + r"$", "", word)
    return bool(_AGENCY.fullmatch(word))


def _ends_there(text: str, pos: int, end: int) -> bool:
    """Nothing but a signature's date, an appendix or another agency's name follows ``pos``."""
    after = text[pos:end].strip()
    return not after or bool(_SECTION_END.match(text[pos:end].lstrip()) or re.match(_DATE, after)
                             or _is_signature(after.split()[0]))


def problems_end(text: str, start: int, end: int, numeral: Optional[int] = None) -> int:
    """Where section 五, whose body starts at ``start``, stops before ``end``.

    It stops at the first of: an appendix (附件1：, 附件下载, 附件 alone on a line); the date of the
    signature standing alone (2024年1月20日); the agency's name alone on a line or after the last
    sentence (某某市某某局) with nothing, the date, an appendix or a second name after it: the
    signature; the next numbered heading of the report (六、其他需要报告的事项, 六、政府信息公开情况
    统计表, the agency's name numbered as a heading, "六、某某局", before the date or the end; or the
    next number ``numeral + 1`` where 五's own items do not run up to it). Improvement headings
    (六、改进措施 in old reports) are part of the section.
    """
    cut = end
    m = _SECTION_END.search(text, start, end)
    if m:
        cut = m.start()
    for m in _ALONE.finditer(text, start, cut):
        word = m.group("word")
        before = text[start:m.start("word")]
        if not before.strip() or not _is_signature(word):
            continue  # the first words of the section are not a signature
        if before.rstrip()[-1] not in "。！？!?；;”’）)" and not re.search(r"\n[ \t]*\n\s*$", before):
            continue  # a line wrapped inside a sentence
        if _ends_there(text, m.end("word"), cut):
            cut = m.start("word")
            break
    for m in _NEXT_HEAD.finditer(text, start, cut):
        if m.start("num") == start:
            continue
        rest = m.group("rest").strip()
        num = enumerator_value(m.group("num")) if len(m.group("num")) == 1 else 0
        words = rest.split()
        head = bool(_OTHER_HEAD.match(rest)) or bool(words) and _is_signature(words[0]) and (
            len(words) == 1 and _ends_there(text, m.end("rest"), cut) or len(words) == 2 and re.fullmatch(_DATE, words[1]))
        if not head and numeral and num == numeral + 1 and rest and not re.search(r"[，,：:]", rest) \
                and not re.search(r"改进|整改|措施|下一步|今后|打算|计划|安排|要点|重点|思路|方向|举措|对策|问题|不足", rest):
            # the next number: a heading unless 五's own items are numbered up to it
            prev = chinese(numeral)
            head = not re.search(rf"(?:^|(?<=[。！？!?；;]))[ \t]*{prev}[ \t]*[、.．]", text[start:m.start()], re.M)
        if head:
            cut = m.start("num")
            break
    return cut


@dataclass(frozen=True)
class Layout:
    overview: tuple[int, int]
    problems: Optional[tuple[int, int]]
    other: Optional[tuple[int, int]]
    t2: Optional[tuple[int, int]]
    t3: Optional[tuple[int, int]]
    t4: Optional[tuple[int, int]]
    legacy_stats: Optional[tuple[int, int]]
    missing: tuple[str, ...]


def _first_table_heading(rx: re.Pattern, text: str, probe: str, start: int = 0, window: int = 400) -> Optional[re.Match]:
    """The first heading match followed, within ``window`` chars, by table words ``probe``."""
    for m in rx.finditer(text, start):
        if re.search(probe, text[m.end(): m.end() + window]):
            return m
    return None


def find_layout(text: str) -> Layout:
    n = len(text)
    missing = []
    t2h = _first_table_heading(_H_T2, text, _T2_ANCHOR)
    t3h = _first_table_heading(_H_T3, text, _T3_ANCHOR, t2h.end() if t2h else 0)
    if t3h is None:  # heading lost: the table starts at its first row label
        m = re.search(_FIRST_T3_ROW, text)
        t3_start = m.start() if m else None
    else:
        t3_start = t3h.start()
    t2_start = t2h.start() if t2h else None
    if t2_start is None:
        m = re.search(r"第\s*二\s*十\s*条\s*第\s*[（(]\s*一\s*[)）]\s*项", text)
        t2_start = m.start() if m else None
    after_t3 = t3_start if t3_start is not None else (t2_start or 0)
    t4h = None
    if t3_start is not None:
        cf = _LAST_T3_ROW.search(text, t3_start)
        t4h = _H_T4.search(text, cf.end() if cf else t3_start)
    if t4h is None and t3_start is not None:
        m = re.compile(r"行\s*政\s*(?:法\s*)?复\s*议").search(text, t3_start)
        cf = _LAST_T3_ROW.search(text, t3_start)
        if m and (cf is None or m.start() > cf.start()):
            t4h = m
    tables_end = t4h.end() if t4h else after_t3
    ph = None
    if t2_start is not None or t3_start is not None:
        ph = _H_PROBLEMS.search(text, tables_end)
    if ph is None and tables_end:  # heading lost: a 主要问题 sub-heading after the tables
        ph = _H_PROBLEMS_BARE.search(text, tables_end)
    if ph is None:  # no tables, or heading before them (old free format): the last numbered heading
        cands = [m for m in _H_PROBLEMS_NUMBERED.finditer(text)]
        ph = cands[-1] if cands else None
    if ph is None and not tables_end:  # no tables and the numbered heading lost: （一）存在的主要问题
        cands = [m for m in _H_PROBLEMS_BARE.finditer(text)]
        ph = cands[-1] if cands else None
    oh = _H_OTHER.search(text, ph.end() if ph else tables_end)
    ov = _H_OVERVIEW.search(text)
    ov_start = ov.end() if ov else 0
    first_table = min([p for p in (t2_start, t3_start) if p is not None], default=None)
    ov_end = first_table if first_table is not None else (ph.start() if ph else n)
    if ov_end < ov_start:
        ov_start = 0
    t2 = (t2_start, t3_start if t3_start is not None else (t4h.start() if t4h else ov_end)) if t2_start is not None else None
    t3 = (t3_start, t4h.start() if t4h else (ph.start() if ph else n)) if t3_start is not None else None
    t4 = (t4h.start(), ph.start() if ph and ph.start() > t4h.start() else n) if t4h else None
    problems = (ph.end(), oh.start() if oh else n) if ph else None
    other = (oh.end(), n) if oh else None
    legacy = None
    if t2 is None and t3 is None:
        lm = _H_LEGACY_STATS.search(text, problems[0] if problems else 0)
        if lm:
            legacy = (lm.start(), n)
            if problems and problems[0] < lm.start() < problems[1]:
                problems = (problems[0], lm.start())
    if problems and ph is not None:  # problems is set only where ph matched
        problems = (problems[0], problems_end(text, problems[0], problems[1], _numeral(ph.group(0))))
    if ov is None:
        missing.append("overview")
    if problems is None:
        missing.append("problems")
    if other is None:
        missing.append("other_matters")
    if t2 is None and legacy is None:
        missing.append("active_disclosure")
    if t3 is None and legacy is None:
        missing.append("applications")
    if t4 is None and legacy is None:
        missing.append("review_litigation")
    return Layout((ov_start, ov_end), problems, other, t2, t3, t4, legacy, tuple(missing))
