"""Figures and claims stated in the narrative, mapped to the table fields they concern.

``extract_figures(text)`` finds counted figures (``收到申请60件``, ``一万二千条``, ``1.2万条``,
``20余件``, ``20-30件``) and claims (``全部按时答复``, ``未发生行政复议``) and returns one
:class:`~disclosure_nlp.schema.StatedFigure` per finding. ``field`` is a *field expression*:
schema paths joined by ``+`` with ``*`` as a wildcard over sub-rows, e.g.
``applications.denied.*.total`` or ``applications.granted.total+applications.partially_granted.total``;
``evaluate_field(report, expr)`` computes one against a report's tables. Fields under
``narrative.`` (主动公开条数, 信息处理费) have no table cell: they are recorded, never checked.

How a figure is tied to a field: the text is cut into clauses (，；。：); for each number with a
count unit the *segment* of the clause before it (back to the previous figure) is searched for
keywords. A specific keyword (予以公开, 不予公开, 上年结转, 行政复议 …) beats a generic one (收到,
受理, 办结, 答复); among equals the one nearest the number wins. Where the segment has none, a
few keywords may follow the number (``1件结转下年度继续办理``, ``1件…行政复议``).

Approximate figures (``20余件``, ``约300条``) and ranges (``20-30件``) carry no ``value``; their
``claim`` is ``range:LO-HI`` (a closed interval; HI may be ``inf``), which NARR-NUMBER checks.

A figure is what it names: a column figure (涉及自然人72件) keeps the 收到 ambiguity of the total
(新收, or 新收 + 上年结转); 办理 / 处理 N 件 may be （七）总计, 新收 or 新收 + 上年结转; a compound
(予以公开及部分公开, 无法提供) is the sum of its rows; a 表四 result (其中结果维持N件) belongs to the
group the sentence names last before it (行政复议; 行政诉讼 = both 诉讼 groups); 行政复议、行政诉讼
案件共N件 is the three totals together; a bare 规章 / 规范性文件 figure may be any count of its 表二
row. A share right after a figure (占51.85%) is recorded as ``share:51.85``. A period (第一季度,
上半年) or a 其中-part of the applications is not the year's count and is not recorded.

Claims and what contradicts them (see ``CLAIMS``):
- ``all_answered`` (全部/均已办结, 所有申请均已办理完成, 全部予以答复): 结转下年度 > 0.
- ``answered_on_time`` (均在法定期限内答复, 全部按时答复, 答复率100%): recorded, never contradicted:
  a pending application is not a late one, and the form records no late reply.
- ``all_upheld`` (行政复议7件，诉讼9件，均获维持): 结果纠正 or 尚未审结 > 0 in the groups the sentence
  names before the claim (its ``field``); 其中N件均获维持 / 其余均获维持 are about a part and skipped.
- An aim (确保…均已办结, 力争…) is no claim.
- ``no_review`` / ``no_litigation`` (未发生/无/没有 行政复议 / 行政诉讼): 表四 总计 > 0.
- ``no_review_corrected`` / ``no_litigation_corrected`` (未被纠错/纠正): 表四 结果纠正 > 0.
- ``no_requests`` (未收到/无 依申请公开申请): 表三 新收 > 0.
- ``no_fee`` (未收取信息处理费, 未发生收费事项): recorded only. 表三 ``other.unpaid_fee`` counts
  applications dropped because the applicant did *not* pay a fee notice, so a positive count is
  consistent with "no fee collected"; 表二 行政事业性收费 is a different quantity. No cell
  contradicts the claim (FEE-UNREPORTED covers the opposite case: 六 silent while fees were noticed).
"""
from __future__ import annotations

import bisect
import fnmatch
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..numerals import NUMERAL_CHARS, ONE_TO_TEN, parse_number
# the numerals' readers lived here; tests/narrative/test_chinese_numerals.py still reads them here
from ..numerals import standard_forms as _chinese_forms, standard_value as _standard_chinese  # noqa: F401
from ..schema import Cell, Report, StatedFigure, get_cell

# --------------------------------------------------------------------------- numbers

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = rf"[{NUMERAL_CHARS}]+"
_NUM = rf"(?:{_ARABIC}|{_CN})"
# the look-aheads below name the characters a match can start with: they change no match, they let
# the search skip every other position at once
_FIGURE = re.compile(
    rf"(?=[约近超逾达\d零〇一二两三四五六七八九十百千万亿])(?P<pre>约|近|超过|逾|达)?(?<![\d.,A-Za-z])(?P<num>{_NUM})"
    rf"(?:(?P<sep>-|－|—|~|～|至|到)(?P<num2>{_NUM}))?"
    rf"(?P<mult>万|千)?(?P<approx>余|多)?(?P<unit>件|条|起|宗|例|篇|个|份|元)"
)
# a Chinese numeral after these is not a count (每一件, 第三条, 同一件)
_CN_BLOCKERS = "每逐第同这那哪任唯统之某"


# --------------------------------------------------------------------------- keywords

@dataclass(frozen=True)
class _Keyword:
    name: str
    pattern: str
    field: str
    ambiguous: tuple[str, ...] = ()
    units: str = "件"
    tier: int = 0  # 0 specific, 1 generic (loses to any specific keyword in the segment)
    max_gap: int = 20
    after: bool = False  # may follow the number: "1件结转下年度"
    needs_request: bool = False  # the sentence must speak of 申请
    gap_forbidden: str = ""  # regex the text between keyword and number must not match


_A = "applications."
_RL = "review_litigation."
_AD = "active_disclosure."
_NOT_REQUESTS = r"诉求|来信|来电|信访|咨询|留言|建议|提案|举报|投诉|热线|议案|事项|业务|案件数|许可|审批"
_APPLICANTS = ("commercial", "research", "social_welfare", "legal_services", "other_org")


def _column(*cols: str) -> str:
    """新收 in these applicant columns."""
    return "+".join(f"{_A}new_received.{c}" for c in cols)


def _column_ambiguous(*cols: str) -> tuple[str, ...]:
    """收到 may count 新收 + 上年结转 in a column as in the total: both readings stay open."""
    return (_column(*cols) + "+" + "+".join(f"{_A}carried_over.{c}" for c in cols),)


_REVIEW_AND_LITIGATION = "+".join(f"review_litigation.{g}.total"
                                  for g in ("review", "litigation_direct", "litigation_after_review"))
# 表四 results of the group the sentence names last (see _t4_group); "{g}" is filled in
_T4_RESULT = "review_litigation.{g}."
# the 表二 counts a bare 规章 / 规范性文件 figure may mean, in either layout
_T2_ANY = ("issued", "in_force", "made", "published", "total_published")


def _t2_readings(row: str) -> tuple[str, ...]:
    return tuple(f"{_AD}{row}.{c}" for c in _T2_ANY[1:])


# order matters: at one position the first pattern that matches wins (longest wording first)
_KEYWORDS = (
    _Keyword("granted_partial", r"予以公开(?:及|和|与|、|或)部分公开(?:答复)?",
             f"{_A}granted.total+{_A}partially_granted.total"),
    _Keyword("granted", r"(?:予以|同意|准予)公开(?:答复)?(?:的)?", f"{_A}granted.total"),
    _Keyword("partially", r"部分公开(?:答复)?(?:的)?", f"{_A}partially_granted.total"),
    _Keyword("denied", r"不予(?:以)?公开(?:答复)?(?:的)?", f"{_A}denied.*.total"),
    _Keyword("unable", r"无法提供(?:答复)?(?:的)?", f"{_A}unable.*.total"),
    _Keyword("not_processed", r"不予(?:以)?处理(?:的)?", f"{_A}not_processed.*.total"),
    _Keyword("unpaid_fee", r"逾期未(?:按收费通知(?:要求)?)?缴(?:纳)?(?:费用|信息处理费)?[^，。；\d]{0,16}(?:不再处理|终止处理)?(?:的)?(?:申请)?",
             f"{_A}other.unpaid_fee.total", max_gap=6),
    _Keyword("no_correction", r"逾期(?:未|不)补正[^，。；\d]{0,16}(?:不再处理|终止处理)?(?:的)?(?:申请)?",
             f"{_A}other.no_correction.total", max_gap=6),
    _Keyword("other", r"其他(?:方式)?处理(?:的)?", f"{_A}other.*.total"),
    _Keyword("carried_forward",
             r"(?:结转|转入|转至|转到|顺延|延续|延期|转)(?:到|至)?下(?:一)?(?:个)?年度?(?:继续)?(?:办理)?(?:答复)?(?:的)?",
             f"{_A}carried_forward.total", after=True, max_gap=8),
    _Keyword("carried_over", r"上(?:一)?年(?:度)?结转(?:的)?", f"{_A}carried_over.total", max_gap=15),
    _Keyword("after_review", r"复议后(?:提起)?(?:行政)?(?:诉讼|起诉)", f"{_RL}litigation_after_review.total",
             units="件起宗例个", max_gap=6),
    _Keyword("direct", r"(?:未经复议)?直接(?:提起)?(?:行政)?(?:诉讼|起诉)", f"{_RL}litigation_direct.total",
             units="件起宗例个", max_gap=6),
    _Keyword("t4_upheld", r"(?:结果)?维持(?:原(?:具体)?(?:行政行为|决定|判决))?(?:的)?", _T4_RESULT + "upheld",
             units="件起宗例个", max_gap=2),
    _Keyword("t4_corrected", r"(?:结果)?(?:被)?(?:纠正|纠错)(?:的)?", _T4_RESULT + "corrected",
             units="件起宗例个", max_gap=2),
    _Keyword("t4_other", r"其他结果(?:的)?", _T4_RESULT + "other", units="件起宗例个", max_gap=2),
    _Keyword("t4_pending", r"(?:尚未审结|未审结|尚在审理|正在审理|审理中)(?:的)?", _T4_RESULT + "pending",
             units="件起宗例个", max_gap=2),
    _Keyword("review", r"行政复议", f"{_RL}review.total", units="件起宗例个", after=True, max_gap=10),
    _Keyword("litigation", r"行政诉讼",
             f"{_RL}litigation_direct.total+{_RL}litigation_after_review.total",
             units="件起宗例个", after=True, max_gap=10),
    _Keyword("litigation_bare", r"(?<![行政])诉讼", f"{_RL}litigation_direct.total+{_RL}litigation_after_review.total",
             units="件起宗例个", max_gap=4),
    _Keyword("natural_person", r"自然人", _column("natural_person"), _column_ambiguous("natural_person"),
             max_gap=6, needs_request=True),
    _Keyword("legal_persons", r"法人(?:或|和|及)其他组织", _column(*_APPLICANTS), _column_ambiguous(*_APPLICANTS),
             max_gap=6, needs_request=True),
    _Keyword("commercial", r"商业企业", _column("commercial"), _column_ambiguous("commercial"), max_gap=6,
             needs_request=True),
    _Keyword("research", r"科研机构", _column("research"), _column_ambiguous("research"), max_gap=6,
             needs_request=True),
    _Keyword("social_welfare", r"社会公益组织", _column("social_welfare"), _column_ambiguous("social_welfare"),
             max_gap=6, needs_request=True),
    _Keyword("legal_services", r"法律服务机构", _column("legal_services"), _column_ambiguous("legal_services"),
             max_gap=6, needs_request=True),
    _Keyword("nd_in_force", r"现行有效(?:的)?(?:行政)?规范性文件", f"{_AD}normative_documents.in_force",
             units="件个份", max_gap=6),
    _Keyword("nd_repealed", r"(?:废止|宣布废止)(?:了)?(?:行政)?规范性文件", f"{_AD}normative_documents.repealed",
             units="件个份", max_gap=6),
    _Keyword("nd_issued", r"(?:制发|出台|印发|制定|发布)(?:了)?(?:的)?(?:行政)?规范性文件",
             f"{_AD}normative_documents.issued", units="件个份", max_gap=6),
    _Keyword("nd_bare", r"(?:行政)?规范性文件", f"{_AD}normative_documents.issued",
             ambiguous=_t2_readings("normative_documents"), units="件个份", max_gap=3),
    _Keyword("reg_in_force", r"现行有效(?:的)?(?:政府)?规章", f"{_AD}regulations.in_force", max_gap=6),
    _Keyword("reg_issued", r"(?:制发|出台|制定)(?:了)?(?:政府)?规章", f"{_AD}regulations.issued", max_gap=6),
    _Keyword("reg_bare", r"(?:政府)?规章", f"{_AD}regulations.issued", ambiguous=_t2_readings("regulations"),
             units="件个份", max_gap=3),
    _Keyword("licensing", r"行政许可(?:决定)?", f"{_AD}licensing.decisions", max_gap=4,
             gap_forbidden=r"类|信息|事项|清单|目录"),
    _Keyword("punishment", r"行政处罚(?:决定)?", f"{_AD}punishment.decisions", max_gap=4,
             gap_forbidden=r"类|信息|事项|清单|目录"),
    _Keyword("coercion", r"行政强制(?:决定)?", f"{_AD}coercion.decisions", max_gap=4,
             gap_forbidden=r"类|信息|事项|清单|目录"),
    _Keyword("fee", r"信息处理费", "narrative.info_processing_fee_yuan", units="元", max_gap=6),
    _Keyword("active_items", r"主动(?:公开|发布|公布)|(?:发布|公布|公开)(?:了)?(?:各类)?政府信息",
             "narrative.active_items", units="条件", max_gap=25, gap_forbidden=r"申请|规范性文件|规章"),
    _Keyword("new_received", r"新收", f"{_A}new_received.total", tier=1, max_gap=30, needs_request=True,
             gap_forbidden=_NOT_REQUESTS),
    _Keyword("received", r"收到|受理|接收|接到|共收|登记", f"{_A}new_received.total",
             ambiguous=(f"{_A}new_received.total+{_A}carried_over.total",), tier=1, max_gap=30,
             needs_request=True, gap_forbidden=_NOT_REQUESTS),
    _Keyword("pending", r"(?:正在|尚在|仍在)(?:办理|处理)(?:中)?(?:的)?|尚未办结(?:的)?|未办结(?:的)?",
             f"{_A}carried_forward.total", max_gap=8, needs_request=True),
    _Keyword("processed", r"办结|答复|办理完毕|处理完毕", f"{_A}total_processed.total", tier=1,
             max_gap=15, needs_request=True, gap_forbidden=_NOT_REQUESTS),
    # 办理 / 处理 N 件 may be what was handled this year (（七）总计), or what came in (新收, 新收 + 上年结转)
    _Keyword("handled", r"办理|处理", f"{_A}total_processed.total",
             ambiguous=(f"{_A}new_received.total", f"{_A}new_received.total+{_A}carried_over.total",
                        f"{_A}total_processed.total+{_A}carried_forward.total"),
             tier=1, max_gap=15, needs_request=True, gap_forbidden=_NOT_REQUESTS),
)
_KEYWORD_RE = re.compile("|".join(f"(?P<{k.name}>{k.pattern})" for k in _KEYWORDS))
_BY_NAME = {k.name: k for k in _KEYWORDS}

# --------------------------------------------------------------------------- claims

_TIMELY = r"(?:按时|按期|及时|依法|依规|按要求|按规定|在法定期限内?|在法定时限内?|在规定时限内?|在规定期限内?)"
_NEG = r"(?:未发生|未出现|没有发生|未有|没有|未收到|未被|无)"
_CASE_GAP = r"[^，。；：,;:]{0,16}?"
CLAIMS: dict[str, tuple[str, str]] = {
    # claim: (field it concerns, what contradicts it)
    "all_answered": (f"{_A}carried_forward.total", "> 0"),
    # 在法定期限内 / 按时 答复: a pending application (结转下年度) is not a late one, and the form
    # records no late reply: recorded, never contradicted
    "answered_on_time": (f"{_A}carried_forward.total", "never (a pending application is not late)"),
    # 复议N件、诉讼M件，均获维持: 结果纠正 or 尚未审结 of the groups the sentence names
    "all_upheld": (f"{_RL}review.corrected+{_RL}review.pending", "> 0 in the groups named"),
    "no_review": (f"{_RL}review.total", "> 0"),
    "no_litigation": (f"{_RL}litigation_direct.total+{_RL}litigation_after_review.total", "> 0"),
    "no_review_corrected": (f"{_RL}review.corrected", "> 0"),
    "no_litigation_corrected": (f"{_RL}litigation_direct.corrected+{_RL}litigation_after_review.corrected",
                                "> 0"),
    "no_requests": (f"{_A}new_received.total", "> 0"),
    "no_fee": ("narrative.info_processing_fee_yuan", "never (see module doc)"),
}
_CLAIM_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("all_answered", re.compile(
        rf"(?:全部|均|都|一律|全都)(?:已|已经)?(?:{_TIMELY}|、)*(?:予以|进行|作出|给予)?"
        rf"(?:答复|回复|办结|办理完毕|办理完成|处理完毕)(?![\d零〇一二两三四五六七八九十])")),
    ("all_answered", re.compile(r"所有[^，。；]{0,12}申请[^，。；]{0,4}(?:均|都|全部)?(?:已|已经)?[^，。；]{0,8}?"
                                r"(?:办理完成|办理完毕|办结|答复|完成)(?=[，,]|$)")),
    ("all_answered", re.compile(rf"已(?:{_TIMELY})+(?:予以|作出)?(?:答复|办结)")),
    ("answered_on_time", re.compile(r"(?=[按答办])(?:按时|按期)?(?:答复|办结)率(?:达到?|为)?100(?:\.0+)?[%％]")),
    ("all_upheld", re.compile(r"(?:均|全部|全都|都)(?:已|已经)?(?:获得?|被|得到|予以)?(?:人民法院|法院|复议机关|上级机关)?(?:依法)?(?:判决|决定)?维持")),
    ("no_review_corrected", re.compile(r"行政复议[^，。；]{0,6}?(?:均)?(?:未被|没有被|无一被|未)[^，。；]{0,8}?(?:纠错|纠正|撤销)")),
    ("no_litigation_corrected", re.compile(r"行政诉讼[^，。；]{0,6}?(?:均)?(?:未被|没有被|无一被|未)[^，。；]{0,8}?(?:纠错|纠正|撤销|败诉)")),
    ("no_review", re.compile(rf"{_NEG}{_CASE_GAP}行政复议")),
    ("no_litigation", re.compile(rf"{_NEG}{_CASE_GAP}(?:行政复议(?:、|和|及|或|与))?行政诉讼")),
    ("no_requests", re.compile(r"(?=[未没无])(?:(?:未收到|没有收到|无)(?:任何)?(?:政府信息公开|依申请公开|信息公开)?(?:的)?申请"
                               r"|(?:未收到|没有收到|无)依申请公开)")),
    ("no_fee", re.compile(r"(?:未|没有|无|不)(?:收取|收费|发生)[^，。；]{0,12}?(?:信息处理费|收费事项|费用)"
                          r"|信息处理费[^，。；]{0,6}?为零")),
)
# a negation that concerns a claim but is really about something else
_CLAIM_VETO = {
    "no_review": re.compile(r"(?:被|因)?[^，。；]{0,4}?行政复议(?:纠正|纠错|撤销)"),
    "no_requests": re.compile(r"申请人|逾期|补正|缴费|收费"),
}
# the wordings that make a claim one of timeliness (依法 / 依规 do not: 均已依法办结 says all are done)
_TIMELY_RE = re.compile(r"按时|按期|及时|按要求|按规定|法定期限|法定时限|规定时限|规定期限|时限内|期限内")
# an aim or an undertaking, not a statement of the year's facts
_AIM = re.compile(r"确保|力争|争取|做到|务必|必须|保证|努力|进一步|下一步|今后|将继续|持续|要求各")
# a part of the year's applications: a period (第一季度, 3月份, 上半年); a channel is not a sure sign
# (通过邮寄、网络提交的申请共计81件 may be all of them)
_PART = re.compile(r"季度|月份|上半年|下半年")
# "除1件结转下年度外，其余均已办结": the claim's subject leaves the pending ones out
_ALL_EXCEPT = re.compile(r"其余|其他申请|其它申请|除[^。；]{0,20}外")
# a completion claim whose subject is only some of the applications (上年结转的申请, 其中…, 涉及…的
# 申请, 对于…的, 部分): not a claim about 结转下年度, which counts all of them
_PART_SUBJECT = re.compile(r"上年结转|上一年度?结转|其中|涉及[^，。；]{1,20}的|对于[^，。；]{1,24}的|部分|个别")
# the 表四 group a sentence names, last mention first wins (复议后起诉 before 复议)
_T4_GROUP = re.compile(r"(?P<after_review>复议后(?:提起)?(?:行政)?(?:诉讼|起诉))"
                       r"|(?P<direct>(?:未经复议)?直接(?:提起)?(?:行政)?(?:诉讼|起诉))"
                       r"|(?P<review>复议)|(?P<litigation>诉讼|起诉)")
_T4_FIELDS = {"review": ("review",), "direct": ("litigation_direct",),
              "after_review": ("litigation_after_review",),
              "litigation": ("litigation_direct", "litigation_after_review")}
# a share stated right after a figure: "42件，占51.85%", "5件（占比6.2%）"
_SHARE = re.compile(r"[，,（(]?(?:占比|占)(?:总数|全部|办结总数|申请总数)?(?:的)?(?:比(?:例|重)?)?(?:为)?"
                    r"(?P<pct>\d{1,3}(?:\.\d+)?)[%％]")


def _name(m: re.Match[str]) -> str:
    """The name of the alternative that matched (every alternative of _T4_GROUP and _KEYWORD_RE is a named group)."""
    assert m.lastgroup is not None
    return m.lastgroup


def _t4_groups(text: str, last_only: bool = True) -> tuple[str, ...]:
    """The 表四 groups ``text`` names: the last one (a figure's own group), or all of them."""
    found = [g for m in _T4_GROUP.finditer(text) for g in _T4_FIELDS[_name(m)]]
    if not found:
        return ()
    if last_only:
        return _T4_FIELDS[_name(list(_T4_GROUP.finditer(text))[-1])]
    names = {_name(m) for m in _T4_GROUP.finditer(text)}
    if "litigation" in names and names & {"direct", "after_review"}:  # 直接起诉的行政诉讼: the named one only
        found = [g for n in names - {"litigation"} for g in _T4_FIELDS[n]]
    return tuple(dict.fromkeys(found))


def _t4_field(template: str, groups: tuple[str, ...]) -> str:
    return "+".join(template.format(g=g) for g in groups)

# --------------------------------------------------------------------------- text prep

_HEADING = re.compile(rf"^\s*(?:[{ONE_TO_TEN}]+、|（[{ONE_TO_TEN}]+）|\d+[.、．]|第[{ONE_TO_TEN}]+[章节部分])")


def _line_breaks(text: str) -> set[int]:
    """Offsets of the line breaks that end a sentence or a heading (kept as boundaries);
    every other line break is a PDF/markdown wrap inside a sentence and is dropped."""
    keep: set[int] = set()
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if end < len(text) and stripped and (
                stripped[-1] in "。；;：:！？!?" or (_HEADING.match(stripped) and len(stripped) <= 30
                                                   and "，" not in stripped)):
            keep.add(end)
        pos = end + 1
    return keep


_NFKC: dict[str, str] = {}  # per character, learnt on first sight: a report has a few hundred distinct ones
_WHITESPACE = re.compile(r"\s+")
# characters that are their own form (ASCII, CJK unified ideographs, the punctuation of Chinese
# prose; tests check each): only the others are looked up, and a report has few of them
_OTHER = re.compile("[^\x00-\x7f\u4e00-\u9fff，：；（）！？。、“”‘’《》〈〉【】〔〕—·]")


def _nfkc(ch: str) -> str:
    """The NFKC form of one character; full-width punctuation is kept as written. No character's
    form is empty, and a form of more than one character is never whitespace (tests check it)."""
    n = _NFKC.get(ch)
    if n is None:
        n = ch if ch in "，：；（）！？" else unicodedata.normalize("NFKC", ch)
        _NFKC[ch] = n
    return n


def _glue(prev: str, nxt: str) -> bool:
    """A dropped whitespace between these two stays one space: two digits or two Latin letters."""
    return bool(prev and nxt) and ((prev.isdigit() and nxt.isdigit())
                                   or (prev.isascii() and prev.isalpha() and nxt.isascii() and nxt.isalpha()))


def _normalize(text: str) -> tuple[str, list[int]]:
    """NFKC, then drop whitespace (PDF line breaks inside words), keeping one space only between
    two digits or two Latin letters, and a line break where a sentence or heading ends.
    Returns the text and, per character, its offset in ``text``.

    No loop over characters: the few characters whose form is another single character are
    replaced (``str.replace``, offsets stay), and one regex pass copies the text span by span
    between the *events* (runs of whitespace, characters whose form is longer than one).
    Within a run of whitespace ending before offset ``e``, a kept line break is written as is;
    elsewhere in it one space is written, at the first offset ``i`` with ``e - i <= 3``, when the
    character written last and ``text[e]`` are two digits or two Latin letters (the run's other
    characters are dropped)."""
    keep = _line_breaks(text)
    mapped, expanding = text, {}
    for ch in set(_OTHER.findall(text)):
        n = _nfkc(ch)
        if len(n) != 1:
            expanding[ch] = n  # written out of line, with its offset
        elif n != ch:
            mapped = mapped.replace(ch, n)  # same length: offsets stay
    events = _WHITESPACE
    if expanding:
        events = re.compile(r"\s+|[" + re.escape("".join(sorted(expanding))) + "]")
    out: list[str] = []
    index: list[int] = []
    pos, last, size = 0, "", len(text)
    for m in events.finditer(text):
        a, b = m.span()
        if pos < a:
            out.append(mapped[pos:a])
            index.extend(range(pos, a))
            last = mapped[a - 1]
        pos = b
        form = expanding.get(text[a])
        if form is not None:
            out.append(form)
            index.extend([a] * len(form))
            last = form[-1]
            continue
        nxt = text[b] if b < size else ""
        start = a
        while start < b:  # sub-runs between kept line breaks
            brk = text.find("\n", start, b)
            while brk != -1 and brk not in keep:
                brk = text.find("\n", brk + 1, b)
            stop = b if brk == -1 else brk
            at = max(start, b - 3)
            if at < stop and _glue(last, nxt):
                out.append(" ")
                index.append(at)
                last = " "
            if brk == -1:
                break
            out.append("\n")
            index.append(brk)
            last = "\n"
            start = brk + 1
    if pos < size:
        out.append(mapped[pos:])
        index.extend(range(pos, size))
    return "".join(out), index


_CLAUSE = re.compile(r"(?:[^，,；;。！？!?：:\n]|(?<=\d),(?=\d{3}))+")  # 1,250 stays one clause
_SENTENCE = re.compile(r"[^。；;！？!?\n]+")


def _spans(regex: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(text)]


def _containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The span holding ``pos`` (``spans`` sorted and disjoint, as ``finditer`` gives them), else
    ``(pos, pos)``; a binary search: a long text has thousands of sentences."""
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return pos, pos


# --------------------------------------------------------------------------- extraction

def _figure_value(m: re.Match) -> tuple[Optional[float], Optional[str]]:
    """(value, range claim) of one figure match."""
    lo = parse_number(m["num"])
    if lo is None:
        return None, None
    mult = {"万": 10_000, "千": 1_000}.get(m["mult"] or "", 1)
    lo *= mult
    if m["num2"]:
        hi = parse_number(m["num2"])
        if hi is None:
            return None, None
        return None, f"range:{_fmt(lo)}-{_fmt(hi * mult)}"
    if m["approx"]:  # 20余 → 20–30, 100余 → 100–200, 1万余 → 10000–20000
        base = lo / mult
        step = 10 ** (len(str(int(base))) - 1) * mult
        return None, f"range:{_fmt(lo)}-{_fmt(lo + step)}"
    if m["pre"] in ("约", "近"):
        return None, f"range:{_fmt(lo * 0.8)}-{_fmt(lo * 1.2)}"
    if m["pre"] in ("超过", "逾"):
        return None, f"range:{_fmt(lo)}-inf"
    return lo, None


def _fmt(x: float) -> str:
    return "inf" if math.isinf(x) else (str(int(x)) if float(x).is_integer() else f"{x:g}")


def _keyword_for(norm: str, seg_start: int, num_start: int, num_end: int, seg_end: int,
                 unit: str, sentence: str) -> Optional[_Keyword]:
    best: Optional[tuple[tuple, _Keyword]] = None
    for m in _KEYWORD_RE.finditer(norm, seg_start, num_start):
        k = _BY_NAME[_name(m)]
        gap = norm[m.end():num_start]
        if not _fits(k, gap, unit, sentence):
            continue
        rank = (k.tier, len(gap))
        if best is None or rank < best[0]:
            best = (rank, k)
    if best:
        return best[1]
    for m in _KEYWORD_RE.finditer(norm, num_end, seg_end):
        k = _BY_NAME[_name(m)]
        gap = norm[num_end:m.start()]
        if k.after and _fits(k, gap, unit, sentence, after=True) and not _FIGURE.search(gap):
            return k
    return None


def _fits(k: _Keyword, gap: str, unit: str, sentence: str, after: bool = False) -> bool:
    if unit not in k.units or len(gap) > (15 if after else k.max_gap):
        return False
    if k.gap_forbidden and re.search(k.gap_forbidden, gap):
        return False
    return not (k.needs_request and "申请" not in sentence)


def extract_figures(text: str, section: str = "") -> list[StatedFigure]:
    """Figures and claims stated in ``text`` (any section), in text order.

    ``quote`` is the clause (or, for several figures in one clause, the part from the previous
    figure on); ``start`` is its offset in ``text`` as given; ``section`` is recorded on each.
    A share stated right after a figure (``42件，占51.85%``) is a second finding on the same
    field with ``claim`` ``share:51.85`` (checked against the field over the totals it may be
    a share of).
    """
    norm, index = _normalize(text)
    clauses = _spans(_CLAUSE, norm)
    sentences = _spans(_SENTENCE, norm)
    found: list[tuple[int, StatedFigure]] = []

    def emit(pos: int, quote_start: int, quote_end: int, number: Optional[tuple[int, int]] = None, **kw) -> None:
        raw = norm[quote_start:quote_end]
        quote = raw.strip(" 、，")
        start = index[quote_start] if quote_start < len(index) else -1
        in_quote: tuple[int, ...] = ()
        if number is not None:  # where the number stands in the quote (for the evidence's spans)
            lead = quote_start + len(raw) - len(raw.lstrip(" 、，"))
            a, b = number[0] - lead, number[1] - lead
            if 0 <= a < b <= len(quote):
                in_quote = (a, b)
        found.append((pos, StatedFigure(quote=quote, start=start, section=section, in_quote=in_quote, **kw)))

    for c_start, c_end in clauses:
        prev_end = c_start
        s_start, s_end = _containing(sentences, c_start)
        sentence = norm[s_start:s_end]
        for m in _FIGURE.finditer(norm, c_start, c_end):
            num_start = m.start("num")
            if re.fullmatch(_CN, m["num"]) and (
                    (num_start > 0 and norm[num_start - 1] in _CN_BLOCKERS + "“\"‘")
                    or norm[m.end():m.end() + 1] in ("”", "\"", "’")):
                continue  # 每一件, “三个一”: not counts
            unit = m["unit"]
            k = _keyword_for(norm, prev_end, num_start, m.end(), c_end, unit, sentence)
            value, rng = _figure_value(m)
            field = k.field if k is not None else ""
            if k is not None and k.name in ("review", "litigation", "litigation_bare") and \
                    re.search(r"复议[^，。；\d]*(?:诉讼|起诉)|(?:诉讼|起诉)[^，。；\d]*复议", norm[prev_end:num_start]):
                field = _REVIEW_AND_LITIGATION  # 行政复议、行政诉讼案件共3件: the two together
            if "{g}" in field:  # a 表四 result: of the group the sentence names last before it
                groups = _t4_groups(norm[s_start:num_start])
                field = _t4_field(field, groups) if groups else ""
            if k is not None and field.startswith("applications.") and k.tier == 1 and (
                    "其中" in norm[prev_end:num_start] or _PART.search(norm[prev_end:num_start])):
                field = ""  # 其中本级收到申请5件, 第一季度收到申请9件: a part, not the year's count
            if k is not None and field and (value is not None or rng):  # (no keyword, no field)
                seg_start = prev_end if prev_end > c_start else c_start
                quote_end = c_end if k.after and seg_start == c_start else m.end()
                quote_end = max(quote_end, m.end())
                emit(m.start(), seg_start, quote_end, number=m.span("num"), field=field, value=value, claim=rng,
                     ambiguous_with=k.ambiguous)
                share = _SHARE.match(norm, m.end(), min(len(norm), m.end() + 24))
                if share and field.startswith("applications.") and value is not None:
                    emit(m.start() + 1, seg_start, share.end(), field=field, claim=f"share:{share['pct']}")
            prev_end = m.end()

    for s_start, s_end in sentences:
        sentence = norm[s_start:s_end]
        for claim, regex in _CLAIM_PATTERNS:
            for m in regex.finditer(sentence):
                veto = _CLAIM_VETO.get(claim)
                if veto and veto.search(sentence[max(0, m.start() - 2):m.end() + 6]):
                    continue
                if claim != "no_fee" and _AIM.search(sentence[:m.start()]):
                    continue  # 确保申请全部办结: an aim, not a statement of what happened
                # "全部按时答复" speaks of applications when its sentence, or the one before it in
                # the same paragraph, does; never of 建议/提案/信访 replies
                field = CLAIMS[claim][0]
                if claim in ("all_answered", "answered_on_time"):
                    if (re.search(r"建议|提案|信访|来信|留言|咨询", sentence) or "申请" not in
                            norm[max(0, s_start - 120):s_end].split("\n")[-1]):
                        continue
                    if _TIMELY_RE.search(m.group()):
                        claim = "answered_on_time"  # 均在法定期限内答复: not contradicted by a pending one
                    elif _ALL_EXCEPT.search(sentence[:m.start()]):
                        continue
                    elif _PART_SUBJECT.search(_clause_before(sentence, m.start())):
                        continue  # 上年结转申请均已办结 / 涉及个人隐私的申请均已办结: a part only
                if claim == "all_upheld":  # the groups the claim's subject names, back to the sentence start
                    before = sentence[:m.start()]
                    if _ALL_EXCEPT.search(before) or re.search(r"其中[^，。；]*$", before):
                        continue  # 其中4件均获维持 / 其余均获维持: a part of the cases only
                    groups = _t4_groups(before, last_only=False)
                    if not groups:
                        continue
                    field = "+".join(f"{_RL}{g}.{c}" for g in groups for c in ("corrected", "pending"))
                q_start, q_end = _containing(clauses, s_start + m.start())
                if claim == "all_upheld":
                    q_start = s_start
                q_end = max(q_end, s_start + m.end())
                emit(s_start + m.start(), q_start, q_end, field=field, claim=claim,
                     value=0.0 if claim == "no_fee" else None)

    found.sort(key=lambda t: t[0])
    out: list[StatedFigure] = []
    seen: set[tuple] = set()
    for _, f in found:
        key = (f.quote, f.field, f.value, f.claim)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _clause_before(sentence: str, end: int) -> str:
    """The words before ``end`` in its clause and the clause before it (a subject often stands in
    the clause before: 对于涉及隐私的申请，均已答复)."""
    head = sentence[:end]
    cuts = [i for i, c in enumerate(head) if c in "，,；;：:"]
    return head[cuts[-2] + 1:] if len(cuts) >= 2 else head


# --------------------------------------------------------------------------- evaluation

def _term(report: Report, term: str) -> Optional[tuple[str, str, dict, str, str]]:
    """One term of a field expression as ``(path, table, table data, row, column)``: ``sum(…)``
    unwrapped, the row everything between the table and the last dot (表三 rows hold dots); None
    where the report has no such table."""
    term = term.strip()
    if term.startswith("sum(") and term.endswith(")"):
        term = term[4:-1]
    table, _, rest = term.partition(".")
    data = getattr(report, table, None) if table != "narrative" else None
    if not isinstance(data, dict):
        return None
    row, _, col = rest.rpartition(".")
    return term, table, data, row, col


def _term_cells(report: Report, term: str) -> Optional[dict[str, Cell]]:
    """{path: cell} for one term of a field expression, wildcards expanded; None if no table."""
    found = _term(report, term)
    if found is None:
        return None
    path, table, data, row, col = found
    if "*" not in row:
        return {path: get_cell(report, path)} if row in data else None
    rows = [r for r in data if fnmatch.fnmatchcase(r, row)]
    return {f"{table}.{r}.{col}": (data.get(r) or {}).get(col) for r in rows} or None


def field_cells(report: Report, expr: str) -> dict[str, Cell]:
    """Every cell a field expression reads, by path (for evidence)."""
    cells: dict[str, Cell] = {}
    for term in expr.split("+"):
        cells.update(_term_cells(report, term) or {})
    return cells


def evaluate_field(report: Report, expr: str) -> Optional[float]:
    """The value of a field expression, or None where any cell it needs is null, absent, or
    read with doubt (listed in ``report.uncertain_cells``).

    >>> evaluate_field(r, "applications.denied.*.total")                    # sum of 三（三）1–8
    >>> evaluate_field(r, "applications.new_received.total+applications.carried_over.total")
    """
    total = 0.0
    doubtful = set(report.uncertain_cells)
    for term in expr.split("+"):
        cells = _term_cells(report, term)
        if not cells or any(v is None or isinstance(v, bool) for v in cells.values()):
            return None
        if doubtful and doubtful.intersection(cells):  # a guessed split proves nothing
            return None
        total += sum(float(v) for v in cells.values() if v is not None)  # (None was ruled out above)
    return total


def applicable(report: Report, expr: str) -> bool:
    """Whether every cell of a field expression exists in the report's layout (表二 2019 has no
    本年制发件数; a 2019 表三 no 逾期未缴费): a reading of the wording that the form cannot hold."""
    for term in expr.split("+"):
        found = _term(report, term)
        if found is None:
            return False
        _, _, data, row, col = found
        rows = [r for r in data if fnmatch.fnmatchcase(r, row)] if "*" in row else [row]
        if not rows or any(not isinstance(data.get(r), dict) or col not in data[r] for r in rows):
            return False
    return True


def field_readings(report: Report, expr: str, cap: int = 4096) -> Optional[frozenset]:
    """Every value a field expression may have: one for read cells; a cell split from glued
    digits contributes each value its surviving splits give (``report.cell_alternatives``).
    None where a cell is null, absent, doubtful without alternatives, or the readings exceed
    ``cap`` (then nothing can be concluded)."""
    sums = {0.0}
    doubtful = set(report.uncertain_cells)
    for term in expr.split("+"):
        cells = _term_cells(report, term)
        if not cells:
            return None
        for path, v in cells.items():
            if v is None or isinstance(v, bool):
                return None
            if path in doubtful:
                alts = report.cell_alternatives.get(path)
                if not alts:
                    return None
                vals = {float(a) for a in alts}
            else:
                vals = {float(v)}
            sums = {round(a + b, 6) for a in sums for b in vals}
            if len(sums) > cap:
                return None
    return frozenset(sums)


def parse_range(claim: Optional[str]) -> Optional[tuple[float, float]]:
    """'range:20-30' → (20.0, 30.0); 'range:100-inf' → (100.0, inf); anything else → None."""
    if not claim or not claim.startswith("range:"):
        return None
    lo, _, hi = claim[6:].partition("-")
    return float(lo), float(hi)


__all__ = ["extract_figures", "evaluate_field", "field_cells", "field_readings", "applicable", "parse_number",
           "parse_range", "parse_share", "CLAIMS"]


def parse_share(claim: Optional[str]) -> Optional[tuple[float, int]]:
    """'share:51.85' → (51.85, 2): the stated percentage and its decimals; anything else → None."""
    if not claim or not claim.startswith("share:"):
        return None
    pct = claim[6:]
    return float(pct), len(pct.partition(".")[2])
