"""Split section 五 (存在的主要问题及改进情况) into problem and improvement items.

The text is cut at enumerators (一是, （一）, 一、, 1. 1、, (1), 第一，, 首先/其次), each accepted only
after a sentence boundary or when it continues the numbering of its style. Text outside
enumerations is cut into sentences, ；-clauses and lists inside a sentence (主要是：A，B，C。/
A，B，C等。/ 进一步规范…，着力加强…，逐步完善…), cut only where each part stands on its own: a
shortfall of its own (不够, 不足, 有待, 滞后 …) or a verb of action heading it (规范, 加强, 完善 …).
A clause stating what the measure before it is for (…，确保…; …，提高…水平) stays with it, and a
list of objects (加强政策解读、回应关切和平台建设) is one measure. Headings and lead-ins (（一）存在的主要问题：,
针对上述问题，下一步我局将…：, 仍存在一些不足。) are not items; they set the kind of what follows.
Items before any such cue get ``kind_from="model"``: the classifier decides their kind.
Every item keeps its offsets: ``text[item.start:item.end] == item.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from ..numerals import ONE_TO_TEN, enumerator_value
from ..schema import Item
from .sentences import sentence_spans, strip_span

_CN = f"[{ONE_TO_TEN}]{{1,3}}"
_MARKER = re.compile(
    rf"(?P<shi>{_CN})\s*是"
    rf"|[（(]\s*(?P<pcn>{_CN})\s*[）)]"
    rf"|(?P<dcn>{_CN})\s*、"
    rf"|(?<![\d.])(?P<ar>\d{{1,2}})\s*[、．.](?!\d)"
    rf"|[（(]\s*(?P<par>\d{{1,2}})\s*[）)]"
    rf"|第(?P<di>{_CN})\s*[，,、：:]"
    r"|(?P<seq>首先|其次|再次|最后)\s*[，,、：:]"
)
_SEQ = {"首先": 1, "其次": 2, "再次": 3, "最后": 9}
_BOUNDARY = set("。；;：:！？!?，,）)\n")

# what ends a problem statement (the clause states a shortfall)
PROBLEM_PRED = re.compile(
    r"有待|不够|不足|不强|不高|不到位|不及时|不规范|不完善|不全面|不充分|不均衡|不精确|不准确|不明确|不统一"
    r"|不深入|不细|不畅|较少|较弱|较低|偏少|偏低|有限|欠缺|缺乏|滞后|薄弱|单一|参差不齐|差距|短板|难以|仍需"
    r"|尚需|尚未|尚不|还需|亟需|亟待|不一|流于形式|未能|没有|偏浅|偏弱|落差|风险|存在.{0,12}(?:问题|现象|情况)"
    r"|淡薄|单调|陈旧|缓慢|迟缓|匮乏|落后|较慢|较差|不尽|不健全|不严|不便|不灵活|不平衡|粗放"
    r"|待(?:加强|提高|提升|完善|改进|规范|优化)|需(?:要)?(?:进一步|加强|提高|提升|完善)")
IMPROVE_CUE = re.compile(
    r"改进措施|改进情况|改进方向|整改措施|改进举措|下一步|针对(?:上述|以上|存在|这些|此类|前述|以下|这一|这个|该|此|这类|有关)|采取(?:以下|如下)"
    r"|(?:以下|如下)(?:几个方面|几项)?(?:的)?(?:改进|工作|措施)|\d{4}\s*年\s*[，,]?\s*(?:我|本|全)\S{0,10}将"
    r"|明年|今后|改进计划|工作打算|工作计划|从以下.{0,8}改进|我们考虑|加以改进|将从以下|拟采取")
PROBLEM_CUE = re.compile(
    r"存在的?(?:主要)?问题|主要问题|存在(?:以下|如下|一些|一定|许多|不少|的)?(?:的)?(?:问题|不足|差距|短板)"
    r"|不足之处|薄弱环节|主要表现|还有差距|仍有差距")
_HEADING = re.compile(
    r"^(?:政府信息公开|政务公开)?(?:工作)?(?:中)?(?:存在的?|当前|目前)?(?:主要)?(?:问题|不足)(?:和|与|及)?(?:不足|原因|改进情况|改进措施)?$"
    r"|^(?:下一步)?(?:的)?(?:改进|整改|工作)?(?:措施|情况|计划|打算|安排|方向|思路|举措)$")
_SWITCH_START = re.compile(
    r"^(?:下一步|今后|明年|为此|对此|因此|针对|\d{4}\s*年\s*[，,]?\s*(?:我|本|全))")
_LEAD_PREFIX = re.compile(
    r"^(?:下一步|今后|明年|为此|对此|\d{4}\s*年)\s*[，,]?\s*(?:[我本全][^，,。；\s]{0,8}?将|将)?\s*[，,]?")
_ACHIEVEMENT = re.compile(r"取得(?:了)?(?:一定|显著|明显|较好|积极)?(?:的)?(?:成效|成绩|进展)|得到(?:了)?(?:有效|明显)?提升|飞跃|明显提高")
_STATUS = re.compile(r"^(?:目前|截至|截止|当前)[^。]*(?:已|正在)")
_ADVERB = (r"(?:不断|进一步|持续|继续|切实|全面|着力|大力|积极|努力|认真|逐步|深入|扎实|主动|及时|加快|更加|严格|稳步|"
           r"有序|统筹|重点|定期|同时|还将|并|将|要)")
_ACTION = re.compile(
    rf"^{_ADVERB}{{0,2}}"
    r"(?:加强|提升|提高|丰富|完善|推动|推进|健全|建立|强化|优化|拓宽|拓展|深化|做好|加大|规范|落实|坚持|扩大|创新|开展|组织|"
    r"开设|建设|抓好|狠抓|用好|发挥|提供|增强|细化|压实|严格|探索|整合|畅通|改进|调整|更新|做实|夯实|构建|打造|梳理|"
    r"编制|修订|制定|明确|筑牢|加快)(?!性)")  # not 规范性文件, 建设性
# a clause that states what the measure before it is for ("…，确保…", "…，做到…", "…，提高…水平"):
# part of that measure, not a measure of its own
_PURPOSE = re.compile(r"^(?:以便|以期|以(?=[提增促推确进更])|从而|进而|确保|保证|保障|切实做到|真正做到|做到|力争|力求|使|让|便于|方便|助力|为)")
_OUTCOME = re.compile(
    r"^(?:充分|有效|切实|不断|进一步|持续|全面|努力|着力|逐步|大力)?(?:提高|提升|增强|促进|推动|发挥|实现|营造)[^，,]*(?:水平|能力|素质|质量|效率|效能|实效|成效|效果|意识|"
    r"性|度|率|力|感|覆盖面|作用|氛围|合力|提质增效|高质量发展|新台阶|新水平|走深走实|落到实处)$")
_GOAL = re.compile(r"新台阶|新水平|新成效|更好(?:地)?满足|推动.{0,12}(?:高质量)?发展$")
_LIST_HEAD = re.compile(r"(?:存在|如|例如|比如|主要是|表现在|表现为|包括)")
# a lead-in before a colon inside a sentence ("主要是：", "重点做好以下工作：")
_COLON_LEAD = re.compile(r"(?:存在|主要|表现|包括|具体|以下|如下|问题|不足|措施|工作|方面|有|是|为)[^，,。；;]{0,6}\s*[：:]")
_GENERIC = re.compile(r"^(?:存在)?(?:着)?(?:一些|一定|许多|不少|诸多|以下|如下|下列)(?:的)?(?:不足|问题|差距|短板)")
_GENERIC_PART = re.compile(r"存在(?:着)?(?:一些|一定|许多|不少|诸多|以下|如下|下列)(?:的)?(?:不足|问题|差距|短板)")
_SUBJECT = re.compile(r"[我本全][^，,。；;：:\s]{0,8}?(?:将|拟|要)")  # 我局将… before the first measure
_ETC = re.compile(r"等(?:方面的?)?(?:问题|不足|情况|方面|现象)?$")
_LIST_TAIL = re.compile(r"等(?:方面的?)?(?:问题|不足|情况|方面)?\s*[。；;]?$|[。；;]$")
_CONT_START = re.compile(r"^(?:未|没有|导致|造成|致使|影响|尤其|特别|主要|如|例如|比如|即|从而|以致|且|并|而且)")
_SECTION_HEAD = re.compile(
    rf"^\s*(?:{_CN}\s*[、.．]\s*)?(?:政府信息公开|政务公开)?(?:工作)?(?:存在的?)?(?:主要)?问题\s*(?:和|及|与)\s*"
    r"(?:改进|整改)(?:情况|措施)\s*[:：]?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class _Span:
    start: int
    end: int
    enumerated: bool


# a sub-heading at the start of a line: "存在的问题", "（二）改进措施：", "下一步工作打算" …
_HEAD_LINE = re.compile(
    rf"^[ \t\u3000]*(?:#+\s*)?(?:[（(]?(?:{_CN}|\d{{1,2}})[）)]?\s*[、.．]?\s*)?"
    r"(?P<head>(?:存在的?(?:主要)?|当前|目前)?(?:主要)?(?:问题|不足)(?:和不足)?|改进(?:措施|情况|方向|举措)|整改(?:措施|情况)"
    r"|下一步(?:工作)?(?:计划|打算|措施|安排)?|(?:下一步|今后)?工作(?:打算|计划|安排))"
    r"[ \t\u3000]*(?:[:：][ \t\u3000]*|$)", re.M)
_IMPROVE_HEAD = re.compile(r"改进|整改|下一步|打算|计划|安排")


# the same sub-headings inside a line of crawler text: after a full stop, before an enumerator
_HEAD_INLINE = re.compile(
    rf"(?<=[。；;])[ \t\u3000]*(?:[（(]?[{ONE_TO_TEN}][）)]?\s*[、.．]?\s*)?"
    r"(?P<head>存在的?(?:主要)?问题|改进(?:措施|情况|举措)|整改措施|下一步(?:工作)?(?:计划|打算|措施))"
    rf"[ \t\u3000]*[:：]?[ \t\u3000]*(?=[（(][{ONE_TO_TEN}\d]|[{ONE_TO_TEN}]是|\d[、.．])")


def split_items(text: str, section: str = "problems") -> list[Item]:
    """The problem and improvement items of a 五 section (or an old-format section).

    ``section`` is ``"problems"`` for 五 as a whole or the old format's problems section, and
    ``"improvements"`` for an old-format 改进措施 section (every item is then an improvement).
    Sub-headings on their own line ("存在的问题", "改进措施：") part the text into blocks whose
    kind they set; the text before the first one is split as a whole.
    """
    if not text or not text.strip():
        return []
    heads = sorted((m for rx in (_HEAD_LINE, _HEAD_INLINE) for m in rx.finditer(text) if m.group("head")),
                   key=lambda m: m.start())
    heads = [m for k, m in enumerate(heads) if k == 0 or m.start() >= heads[k - 1].end()]
    if not heads:
        return _split(text, section)
    items: list[Item] = []
    first = heads[0].start()
    if text[:first].strip():
        lead = text[:first].rstrip()
        # a lead-in announcing what follows ("梳理存在的问题和改进措施如下。") is not an item
        if not re.search(r"(?:如下|以下)[^。]{0,6}[。：:]?$|[:：]$", lead):
            items.extend(_split(text[:first], section))
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        kind = "improvements" if _IMPROVE_HEAD.search(m.group("head")) else "problems_only"
        for it in _split(text[m.end():end], kind):
            items.append(replace(it, start=it.start + m.end(), end=it.end + m.end(), section=section))
    return items


def _split(text: str, section: str = "problems") -> list[Item]:
    if not text or not text.strip():
        return []
    kind: Optional[str] = {"improvements": "improvement", "improvement": "improvement",
                           "problems_only": "problem"}.get(section)
    items: list[Item] = []
    head = _SECTION_HEAD.match(text)
    segments = _segments(text, head.end() if head else 0)
    for i, (s, e, marker_end) in enumerate(segments):
        if marker_end is None:  # unenumerated text
            kind = _plain(text, s, e, kind, items, section, followed=i + 1 < len(segments))
            continue
        label_end = _label_end(text, marker_end, e)
        label = text[marker_end:label_end].strip()
        if _HEADING.match(label):
            if not (re.search(r"问题|不足", label) and re.search(r"改进|整改|措施", label)):
                kind = _cue_kind(label, kind)
            kind = _plain(text, label_end + 1, e, kind, items, section, followed=i + 1 < len(segments))
            continue
        # an enumerated item runs until a sentence that switches kind or reports status
        cut = e
        for ss, se in sentence_spans(text, s, e)[1:]:
            sent = text[ss:se]
            if _is_switch(sent) or _STATUS.match(sent) or sent.endswith((":", "：")):
                cut = ss
                break
        _emit(text, s, cut, _own_kind(text[s:cut], kind) if section == "problems" else kind, items, section)
        if cut < e:
            kind = _plain(text, cut, e, kind, items, section, followed=i + 1 < len(segments))
    return items


def _segments(text: str, pos: int = 0) -> list[tuple[int, int, Optional[int]]]:
    """``(start, end, marker_end)`` pieces: enumerated ones carry the end of their marker."""
    accepted: list[tuple[int, int]] = []
    last: dict[str, int] = {}
    cands = list(_MARKER.finditer(text, pos))
    for k, m in enumerate(cands):
        style, num = _style_num(m)
        if num < 0:
            continue
        j = m.start() - 1
        while j >= pos and text[j] in " \t\u3000":
            j -= 1
        ok = j < pos or text[j] in _BOUNDARY
        if not ok and num > 1:
            ok = num == last.get(style, 0) + 1
        elif not ok and num == 1 and style in ("ar", "par", "pcn"):
            ok = any(_style_num(n) == (style, 2) for n in cands[k + 1:])
        if ok:
            accepted.append((m.start(), m.end()))
            last[style] = num
    out: list[tuple[int, int, Optional[int]]] = []
    for idx, (ms, me) in enumerate(accepted):
        if ms > pos:
            out.append((pos, ms, None))
        nxt = accepted[idx + 1][0] if idx + 1 < len(accepted) else len(text)
        out.append((ms, nxt, me))
        pos = nxt
    if pos < len(text):
        out.append((pos, len(text), None))
    return [o for o in out if text[o[0]:o[1]].strip()]


def _style_num(m: re.Match) -> tuple[str, int]:
    style = m.lastgroup
    assert style is not None  # every alternative of the enumerator pattern is a named group
    val = m.group(style)
    if style == "seq":
        return style, _SEQ[val]
    if val.isdigit():
        return style, int(val)
    try:
        return style, enumerator_value(val)
    except ValueError:  # 二一十是: numerals, but no number: not an enumerator
        return style, -1


def _label_end(text: str, start: int, end: int) -> int:
    """End of an enumerator's label: the first colon, full stop or line break."""
    m = re.compile(r"[:：。；;\n]").search(text, start, end)
    return m.start() if m else end


def _plain(text: str, start: int, end: int, kind: Optional[str], items: list, section: str,
           followed: bool) -> Optional[str]:
    """Items of unenumerated text; returns the kind in force after it."""
    spans = sentence_spans(text, start, end)
    for k, (s, e) in enumerate(spans):
        sent = text[s:e]
        more = followed or k + 1 < len(spans)
        if _is_lead_in(sent, more):
            kind = _cue_kind(sent, kind)
            continue
        if _is_switch(sent):
            kind = "improvement"
            m = _LEAD_PREFIX.match(sent)
            if m and m.end() < len(sent):
                s += m.end()
        elif kind == "improvement" and _STATUS.match(sent):
            continue
        elif kind is None and section == "problems" and PROBLEM_CUE.search(sent):
            kind = "problem"
        _emit_sentence(text, s, e, kind, items, section)
    return kind


def _emit_sentence(text: str, s: int, e: int, kind, items, section) -> None:
    for ps, pe in _list_parts(text, s, e, kind) or [(s, e)]:
        _emit(text, ps, pe, kind, items, section)


def _list_parts(text: str, s: int, e: int, kind) -> Optional[list[tuple[int, int]]]:
    """A sentence that is a list of problems (A、B、C等问题; 主要是：A，B，C) or of measures
    (加强…，完善…，丰富…). A part is cut off only where it states a problem or a measure of its
    own; a clause that qualifies the measure before it stays with it."""
    sent = text[s:e]
    lead = None
    for m in _COLON_LEAD.finditer(sent):
        lead = m  # the last lead-in: "…主要是：A，B，C。"
    body_s = lead.end() if lead else 0
    if kind != "improvement":
        parts = _problem_parts(sent, body_s)
        if parts:
            return [(s + a, s + b) for a, b in parts]
    if kind != "problem":
        parts = _measure_parts(sent, body_s)
        if parts:
            return [(s + a, s + b) for a, b in parts]
    if lead and kind == "problem" and _LIST_HEAD.search(sent[:lead.end()]) and len(_CJK.findall(sent[body_s:])) >= 4:
        return [(s + body_s, e)]  # "主要是：A。": the lead-in is not part of the item
    return None


def _problem_parts(sent: str, body_s: int) -> Optional[list[tuple[int, int]]]:
    """Parts of a list of problems, each with its own shortfall, or None."""
    heads = [(body_s, True)] if body_s else []
    heads += [(h.end(), False) for h in reversed(list(_LIST_HEAD.finditer(sent))) if h.end() > body_s]
    for start, colon in heads:
        tail = _LIST_TAIL.search(sent, start)
        end = tail.start() if tail else len(sent)
        if _GENERIC.match(sent[start:end].lstrip("：:，, ")):
            continue
        for seps, least in (("，,", 2), ("、", 2)):
            parts = _cut(sent, start, end, seps)
            if seps == "，," and not colon and len(parts) < 3:
                continue  # "存在A，B": two clauses after a verb may be one statement
            if len(parts) >= least and all(PROBLEM_PRED.search(sent[a:b]) and b - a >= 5 for a, b in parts) \
                    and not any(_CONT_START.match(sent[a:b]) for a, b in parts[1:]):
                return parts
    # a list of self-contained problem clauses: three or more (A，B，C), two when 等 closes it (A，B等。)
    for seps in ("，,", "、"):
        parts = _cut(sent, body_s, len(sent), seps)
        if not parts:
            continue
        a, b = parts[-1]
        etc = _ETC.search(sent, a, b)
        least = 2 if etc else 3
        if seps == "、" and not etc:
            continue
        if len(parts) >= least and all(PROBLEM_PRED.search(sent[x:y]) and y - x >= 5 for x, y in parts) and not any(
                _CONT_START.match(sent[x:y]) for x, y in parts[1:]) and not _GENERIC_PART.search(sent[parts[0][0]:parts[0][1]]):
            if etc and etc.start() - a >= 4:
                parts[-1] = (a, etc.start())
            return parts
    return None


def _measure_parts(sent: str, body_s: int) -> Optional[list[tuple[int, int]]]:
    """Measures of one sentence, each headed by a verb of action, with the clauses that only
    qualify a measure (its purpose) kept with it; None unless there are two or more."""
    subject = _SUBJECT.match(sent, body_s)
    parts = _cut(sent, subject.end() if subject else body_s, len(sent), "，,")
    while parts and _GOAL.search(sent[parts[-1][0]:parts[-1][1]]) and len(parts) > 2:
        parts = parts[:-1]
    groups: list[list[int]] = []
    for a, b in parts:
        clause = sent[a:b]
        if groups and (_PURPOSE.match(clause) or _OUTCOME.match(clause)):
            groups[-1][1] = b
        elif _ACTION.match(clause):
            groups.append([a, b])
        else:
            return None  # a clause that is neither: not a list of measures
    if len(groups) >= 2:
        return [(a, b) for a, b in groups]
    return None


def _cut(sent: str, start: int, end: int, seps: str) -> list[tuple[int, int]]:
    parts, pos = [], start
    for i in range(start, end + 1):
        if i == end or sent[i] in seps:
            a, b = strip_span(sent, pos, i, "。；;")
            if b > a:
                parts.append((a, b))
            pos = i + 1
    return parts


def _emit(text: str, s: int, e: int, kind, items: list, section: str) -> None:
    s, e = strip_span(text, s, e, "；;，,、")
    body = text[s:e]
    if len(_CJK.findall(body)) < 4:
        return
    items.append(Item(kind=kind or "problem", text=body, start=s, end=e, section=section,
                      kind_from="splitter" if kind else "model"))


_WILL_START = re.compile(r"^(?:(?:此外|另外|同时|并且|再者|对此|为此|因此)?[，,]?\s*(?:[我本全][^，,。；\s]{0,8}?)?(?:将|拟)"
                         r"|(?:改进|整改)(?:措施|情况|举措)\s*[:：])")


def _is_switch(sent: str) -> bool:
    if _WILL_START.match(sent):
        return True
    return bool(_SWITCH_START.match(sent)) and bool(IMPROVE_CUE.search(sent) or sent.startswith(("下一步", "今后")))


def _own_kind(body: str, kind: Optional[str]) -> Optional[str]:
    """The kind an enumerated item states itself, where it contradicts the kind in force: a
    shortfall with no measure in it is a problem; a measure with no shortfall is an improvement."""
    body = _MARKER.sub("", body, count=1).strip()
    will = re.search(r"将|拟|计划|力争|确保|下一步|今后|针对", body) or _ACTION.match(body)
    if kind == "improvement" and PROBLEM_PRED.search(body) and not will:
        return "problem"
    if kind == "problem" and will and not PROBLEM_PRED.search(body):
        return "improvement"
    return kind


def _is_lead_in(sent: str, more: bool) -> bool:
    """A sentence that announces what follows rather than stating an item."""
    if sent.endswith((":", "：")):
        return True
    body = _LEAD_PREFIX.sub("", sent)
    if len(_CJK.findall(body)) < 4:
        return True
    if not more:
        return False
    if re.search(r"(?:以下|如下)", sent) and len(sent) < 80:
        return True
    if _ACHIEVEMENT.search(sent) and not re.search(r"但|然而|不过", sent):
        return True
    # 仍存在一些不足。 / …，但对照上级要求仍存在一定差距。 followed by the items themselves
    return bool(re.search(r"存在(?:着)?(?:一些|一定|许多|不少|诸多)(?:的)?(?:不足|问题|差距|短板)[。！!]?$|还有差距[。]?$", sent))


def _cue_kind(sent: str, kind: Optional[str]) -> Optional[str]:
    if kind is None and re.search(r"(?:问题|不足)(?:和|及|与|、|以及)(?:改进|整改)", sent):
        return "problem"  # "梳理存在的问题和改进措施如下": the problems come first
    if IMPROVE_CUE.search(sent) or _HEADING.match(sent) and re.search(r"措施|计划|打算|安排|方向|思路|举措|改进|整改", sent):
        return "improvement"
    if PROBLEM_CUE.search(sent) or re.search(r"问题|不足", sent):
        return "problem"
    return kind
