"""The national form (国办公开办函〔2021〕30号, 〔2019〕60号 before it): one home for its labels.

The schema (``schema.py``) fixes the machine names of every cell; this module says how the form
itself names them, in the form's own words, for everyone who shows a cell to a person: the
checks' messages, the review page, the xlsx headers and the generator. ``cell_label`` turns a
schema path into the label a civil servant recognises::

    >>> cell_label("applications.partially_granted.natural_person")
    '表三 三（二）部分公开 · 自然人'
    >>> cell_label("review_litigation.review.corrected")
    '表四 行政复议 · 结果纠正'

English names (``lang="en"``) serve ``--lang en``.

The parser finds rows, columns and fields by the words listed here too (``*_WORDS``: the form's
own words first, then the variants real reports print, ``FORM_VARIANTS``); ``parse/labels.py``
only turns them into patterns (stray spaces, optional numbering, look-behinds). Which rows and
fields each layout has is the schema's (``schema.T3_ROWS``, ``T3_ROWS_2019``, ``T2_2021``,
``T2_2019``); the tables here are keyed by its names.
"""
from __future__ import annotations

from typing import Optional

from .i18n import get_lang
from .schema import T2_2019, T2_2021, T3_ROWS, T3_ROWS_2019

__all__ = [
    "SECTION_HEADINGS", "SECTION_NAMES", "TABLE_NAMES", "T3_ROW_LABELS", "T3_ROW_FORM_TEXT",
    "T3_ROW_FORM_TEXT_2019", "T3_GROUP_LABELS", "T3_COLUMN_LABELS", "T3_APPLICANTS_HEADING",
    "T3_ORGANISATIONS_HEADING", "T4_GROUP_LABELS", "T4_COLUMN_LABELS", "T4_FORM_HEADINGS",
    "T2_ROW_LABELS", "T2_FIELD_LABELS", "T2_ROW_FORM_TEXT", "T2_FIELD_FORM_TEXT", "T2_FORM_BLOCKS",
    "T2_HEADER", "T3_ROW_WORDS", "T3_ROW_LEAD", "T2_ROW_WORDS", "T2_ROW_LEAD", "T2_FIELD_WORDS",
    "COLUMN_HEADER_VARIANTS", "LAYOUT_2021_WORDS", "LAYOUT_2019_WORDS", "FORM_VARIANTS",
    "cell_label", "row_label", "column_label", "field_label", "section_label",
]

# The six headings of the form, by the schema's section name (一…六).
SECTION_HEADINGS = {
    "overview": "一、总体情况",
    "active_disclosure": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}
SECTION_NAMES = {  # short form, as a reader refers to a section
    "overview": ("一 总体情况", "Part 1 (overview)"),
    "active_disclosure": ("表二 主动公开", "Table 2 (proactive disclosure)"),
    "applications": ("表三 收到和处理申请", "Table 3 (applications)"),
    "review_litigation": ("表四 行政复议、行政诉讼", "Table 4 (review and litigation)"),
    "problems": ("五 存在的主要问题及改进情况", "Part 5 (problems and improvements)"),
    "other_matters": ("六 其他需要报告的事项", "Part 6 (other matters)"),
}
TABLE_NAMES = {
    "active_disclosure": ("表二", "Table 2"),
    "applications": ("表三", "Table 3"),
    "review_litigation": ("表四", "Table 4"),
}

# 表三 rows: (short label as a reader cites it, English)
T3_ROW_LABELS: dict[str, tuple[str, str]] = {
    "new_received": ("一 本年新收", "1 new applications"),
    "carried_over": ("二 上年结转", "2 carried over from last year"),
    "granted": ("三（一）予以公开", "3.1 granted"),
    "partially_granted": ("三（二）部分公开", "3.2 partially granted"),
    "denied.state_secret": ("三（三）1 属于国家秘密", "3.3.1 state secret"),
    "denied.prohibited_by_law": ("三（三）2 其他法律行政法规禁止公开", "3.3.2 prohibited by other laws"),
    "denied.security_stability": ("三（三）3 危及“三安全一稳定”", "3.3.3 security and stability"),
    "denied.third_party": ("三（三）4 保护第三方合法权益", "3.3.4 third-party interests"),
    "denied.internal_affairs": ("三（三）5 属于三类内部事务信息", "3.3.5 internal affairs"),
    "denied.process_info": ("三（三）6 属于四类过程性信息", "3.3.6 process information"),
    "denied.enforcement_file": ("三（三）7 属于行政执法案卷", "3.3.7 enforcement files"),
    "denied.admin_query": ("三（三）8 属于行政查询事项", "3.3.8 administrative queries"),
    "unable.not_held": ("三（四）1 本机关不掌握相关政府信息", "3.4.1 not held"),
    "unable.needs_creation": ("三（四）2 没有现成信息需要另行制作", "3.4.2 would need to be created"),
    "unable.unclear": ("三（四）3 补正后申请内容仍不明确", "3.4.3 unclear after correction"),
    "not_processed.complaint": ("三（五）1 信访举报投诉类申请", "3.5.1 complaints"),
    "not_processed.repeated": ("三（五）2 重复申请", "3.5.2 repeated"),
    "not_processed.publication": ("三（五）3 要求提供公开出版物", "3.5.3 publications"),
    "not_processed.excessive": ("三（五）4 无正当理由大量反复申请", "3.5.4 excessive"),
    "not_processed.confirmation": ("三（五）5 要求行政机关确认或重新出具已获取信息", "3.5.5 confirmation"),
    "other.no_correction": ("三（六）1 逾期不补正", "3.6.1 no correction in time"),
    "other.unpaid_fee": ("三（六）2 逾期未缴费", "3.6.2 fee unpaid"),
    "other.other": ("三（六）其他处理", "3.6 other handling"),
    "total_processed": ("三（七）总计", "3.7 total processed"),
    "carried_forward": ("四 结转下年度继续办理", "4 carried forward"),
}
# The row labels as the 2021 form prints them (the generator draws these).
T3_ROW_FORM_TEXT: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "results": "三、本年度办理结果",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied": "（三）不予公开",
    "denied.state_secret": "1.属于国家秘密",
    "denied.prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied.security_stability": "3.危及“三安全一稳定”",
    "denied.third_party": "4.保护第三方合法权益",
    "denied.internal_affairs": "5.属于三类内部事务信息",
    "denied.process_info": "6.属于四类过程性信息",
    "denied.enforcement_file": "7.属于行政执法案卷",
    "denied.admin_query": "8.属于行政查询事项",
    "unable": "（四）无法提供",
    "unable.not_held": "1.本机关不掌握相关政府信息",
    "unable.needs_creation": "2.没有现成信息需要另行制作",
    "unable.unclear": "3.补正后申请内容仍不明确",
    "not_processed": "（五）不予处理",
    "not_processed.complaint": "1.信访举报投诉类申请",
    "not_processed.repeated": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.excessive": "4.无正当理由大量反复申请",
    "not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
# The 2019 form (国办公开办函〔2019〕60号) prints the same rows but for （六）: one row, no 1./2./3.
T3_ROW_FORM_TEXT_2019: dict[str, str] = {
    k: ("（六）其他处理" if k == "other.other" else v) for k, v in T3_ROW_FORM_TEXT.items()
    if k != "other" and k not in set(T3_ROWS) - set(T3_ROWS_2019)
}
T3_GROUP_LABELS: dict[str, tuple[str, str]] = {  # the result groups, as a sum of their rows
    "denied": ("三（三）不予公开", "3.3 denied"),
    "unable": ("三（四）无法提供", "3.4 unable to provide"),
    "not_processed": ("三（五）不予处理", "3.5 not processed"),
    "other": ("三（六）其他处理", "3.6 other handling"),
}
T3_COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "natural_person": ("自然人", "natural persons"),
    "commercial": ("商业企业", "businesses"),
    "research": ("科研机构", "research institutions"),
    "social_welfare": ("社会公益组织", "public-interest organisations"),
    "legal_services": ("法律服务机构", "legal-service institutions"),
    "other_org": ("其他", "other organisations"),
    "total": ("总计", "total"),
}
T4_GROUP_LABELS: dict[str, tuple[str, str]] = {
    "review": ("行政复议", "administrative review"),
    "litigation_direct": ("行政诉讼 · 未经复议直接起诉", "litigation without review"),
    "litigation_after_review": ("行政诉讼 · 复议后起诉", "litigation after review"),
}
T4_COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "upheld": ("结果维持", "upheld"),
    "corrected": ("结果纠正", "corrected"),
    "other": ("其他结果", "other outcome"),
    "pending": ("尚未审结", "pending"),
    "total": ("总计", "total"),
}
T2_ROW_LABELS: dict[str, tuple[str, str]] = {
    "regulations": ("规章", "regulations"),
    "normative_documents": ("行政规范性文件", "normative documents"),
    "licensing": ("行政许可", "licensing"),
    "other_services": ("其他对外管理服务事项", "other public services"),
    "punishment": ("行政处罚", "penalties"),
    "coercion": ("行政强制", "coercive measures"),
    "fees": ("行政事业性收费", "administrative fees"),
    "procurement": ("政府集中采购", "government procurement"),
}
T2_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "issued": ("本年制发件数", "issued this year"),
    "repealed": ("本年废止件数", "repealed this year"),
    "in_force": ("现行有效件数", "in force"),
    "decisions": ("本年处理决定数量", "decisions this year"),
    "amount_10k_yuan": ("本年收费金额（万元）", "fees (10k yuan)"),
    "made": ("本年新制作数量", "made this year"),
    "published": ("本年新公开数量", "published this year"),
    "total_published": ("对外公开总数量", "published in all"),
    "prior_items": ("上一年项目数量", "items last year"),
    "change": ("本年增/减", "change this year"),
    "items": ("采购项目数", "procurement items"),
    "amount": ("采购总金额", "procurement amount"),
}

# 表二 as each form prints it (the generator draws these): the rows' labels, the value columns'
# headers and the blocks, each under its article of the regulations (第二十条第（一）项 …) with
# the rows under it; which rows and fields a layout has, and their order, are the schema's.
T2_ROW_FORM_TEXT: dict[str, dict[str, str]] = {
    "2021": {k: T2_ROW_LABELS[k][0] for k in T2_2021},
    "2019": {k: "规范性文件" if k == "normative_documents" else T2_ROW_LABELS[k][0] for k in T2_2019},
}
T2_FIELD_FORM_TEXT: dict[str, dict[str, str]] = {
    "2021": {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
             "decisions": "本年处理决定数量", "amount_10k_yuan": "本年收费金额（单位：万元）"},
    "2019": {"made": "本年新制作数量", "published": "本年新公开数量", "total_published": "对外公开总数量",
             "prior_items": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
             "items": "采购项目数量", "amount": "采购总金额"},
}
T2_FORM_BLOCKS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "2021": (("第二十条第（一）项", ("regulations", "normative_documents")),
             ("第二十条第（五）项", ("licensing",)),
             ("第二十条第（六）项", ("punishment", "coercion")),
             ("第二十条第（八）项", ("fees",))),
    "2019": (("第二十条第（一）项", ("regulations", "normative_documents")),
             ("第二十条第（五）项", ("licensing", "other_services")),
             ("第二十条第（六）项", ("punishment", "coercion")),
             ("第二十条第（八）项", ("fees",)),
             ("第二十条第（九）项", ("procurement",))),
}
# the header cell over 表二's row labels, in both layouts
T2_HEADER = "信息内容"
# 表三's column headings over the applicants' columns (T3_COLUMN_LABELS): all of them, then the organisations
T3_APPLICANTS_HEADING = "申请人情况"
T3_ORGANISATIONS_HEADING = "法人或其他组织"
# 表四's headings over its groups (T4_GROUP_LABELS)
T4_FORM_HEADINGS: dict[str, str] = {"review": "行政复议", "litigation": "行政诉讼",
                                    "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}

# ---------------------------------------------------------------- the words the parser finds
# For each row, the words that find its label in a report, tried in this order. A part of the
# printed label is enough (labels wrap across lines and cells); the words a report prints that
# the form does not are listed with their reason in FORM_VARIANTS.
T3_ROW_WORDS: dict[str, tuple[str, ...]] = {
    "new_received": ("本年新收", "本年度新收", "新收政府信息公开申请"),
    "carried_over": ("上年结转", "上年度结转"),
    "granted": ("予以公开",),
    "partially_granted": ("部分公开",),
    "denied.state_secret": ("属于国家秘密", "国家秘密"),
    "denied.prohibited_by_law": ("其他法律", "法规禁止公开", "行政止公开"),
    "denied.security_stability": ("危及", "三安全一稳定"),
    "denied.third_party": ("保护第三方", "第三方合法权益"),
    "denied.internal_affairs": ("三类内部事务", "内部事务信息"),
    "denied.process_info": ("四类过程性", "过程性信息"),
    "denied.enforcement_file": ("行政执法案卷",),
    "denied.admin_query": ("行政查询事项",),
    "unable.not_held": ("本机关不掌握", "不掌握相关"),
    "unable.needs_creation": ("没有现成信息", "另行制作"),
    "unable.unclear": ("补正后申请", "仍不明确"),
    "not_processed.complaint": ("信访举报", "投诉类申请"),
    "not_processed.repeated": ("重复申请",),
    "not_processed.publication": ("公开出版物",),
    "not_processed.excessive": ("大量反复", "无正当理由大量"),
    "not_processed.confirmation": ("确认或重新出具", "重新出具已获取"),
    "other.no_correction": ("无正当理由逾期不补正", "逾期不补正"),
    "other.unpaid_fee": ("逾期未按收费", "逾期未缴", "未按收费通知"),
    # the group's label （六）其他处理 (the row itself in 2019), then the 2021 sub-row 3.其他
    "other.other": ("其他处理", "其他"),
    "total_processed": ("总计",),
    "carried_forward": ("结转下年度", "转下年度", "结转下一年度"),
}
# words the form prints in front of a row's words that a report may leave out
T3_ROW_LEAD: dict[str, str] = {"other.no_correction": "申请人", "other.unpaid_fee": "申请人"}
T2_ROW_WORDS: dict[str, tuple[str, ...]] = {
    "regulations": ("规章",),
    "normative_documents": ("规范性文件",),
    "licensing": ("行政许可",),
    "other_services": ("其他对外管理服务事项", "其他对外管理服务"),
    "punishment": ("行政处罚",),
    "coercion": ("行政强制",),
    "fees": ("行政事业性收费", "事业性收费"),
    "procurement": ("政府集中采购",),
}
T2_ROW_LEAD: dict[str, str] = {"normative_documents": "行政"}
# 表二's value columns by the words of their headers (both layouts); "/" may be written ／、 or left out
T2_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "issued": ("制发",), "repealed": ("废止",), "in_force": ("现行有效",),
    "decisions": ("处理决定",), "amount_10k_yuan": ("收费金额",),
    "made": ("新制作",), "published": ("新公开",), "total_published": ("公开总",),
    "prior_items": ("上一年",), "change": ("增/减",), "items": ("采购项目",),
    "amount": ("采购总金额", "总金额"),
}
# 表三/表四 column headers a report prints in place of the form's (T3/T4_COLUMN_LABELS)
COLUMN_HEADER_VARIANTS: dict[str, str] = {"其它": "其他", "其他组织": "其他", "合计": "总计", "总数": "总计"}
# words only one layout prints: 表二's field headers, then 表三's rows （六）1. and 2. (2021 only)
LAYOUT_2021_WORDS = {"active_disclosure": ("本年制发", "本年废止", "现行有效"),
                     "applications": ("逾期不补正", "逾期未按")}
LAYOUT_2019_WORDS = {"active_disclosure": ("新制作", "对外公开总数", "上一年项目", "本年增")}
# the words above that the form itself does not print, and why a report prints them
FORM_VARIANTS: dict[str, str] = {
    "本年度新收": "older wording of 本年新收",
    "上年度结转": "older wording of 上年结转",
    "行政止公开": "a typo of 行政法规禁止公开 in real reports",
    "逾期未缴": "shortened 逾期未按收费通知要求缴纳费用",
    "结转下一年度": "wording of 结转下年度",
    "其它": "variant character of 其他",
    "其他组织": "the column 其他 named in full",
    "合计": "synonym of 总计",
    "总数": "synonym of 总计",
}


def _pick(pair: tuple[str, str], lang: Optional[str]) -> str:
    return pair[1] if (lang or get_lang()) == "en" else pair[0]


def section_label(name: str, lang: Optional[str] = None) -> str:
    """``problems`` → 五 存在的主要问题及改进情况."""
    return _pick(SECTION_NAMES[name], lang) if name in SECTION_NAMES else name


def row_label(table: str, row: str, lang: Optional[str] = None) -> str:
    """The label of a row (表三 row, 表三 result group, 表四 group, 表二 row)."""
    for labels in ({"applications": T3_ROW_LABELS, "review_litigation": T4_GROUP_LABELS,
                    "active_disclosure": T2_ROW_LABELS}.get(table, {}), T3_GROUP_LABELS):
        if row in labels:
            return _pick(labels[row], lang)
    return row


def column_label(table: str, col: str, lang: Optional[str] = None) -> str:
    labels = {"applications": T3_COLUMN_LABELS, "review_litigation": T4_COLUMN_LABELS,
              "active_disclosure": T2_FIELD_LABELS}.get(table, {})
    return _pick(labels[col], lang) if col in labels else col


def field_label(path: str, lang: Optional[str] = None) -> str:
    """A schema path without its table's name: ``applications.granted.total`` → 三（一）予以公开 · 总计.

    A path to a whole row or table gives the row's or table's label; an unknown path is
    returned unchanged (a scheme of ours, never a crash on a message)."""
    table, _, rest = path.partition(".")
    if table not in TABLE_NAMES:
        return path
    if not rest:
        return _pick(TABLE_NAMES[table], lang)
    if table == "applications":
        if rest in T3_ROW_LABELS or rest in T3_GROUP_LABELS:  # a whole row or result group
            return row_label(table, rest, lang)
        row, _, col = rest.rpartition(".")
        if not row:
            return row_label(table, rest, lang)
        if row not in T3_ROW_LABELS and row not in T3_GROUP_LABELS:
            return path
        return f"{row_label(table, row, lang)} · {column_label(table, col, lang)}"
    row, _, col = rest.partition(".")
    if not col:
        return row_label(table, row, lang)
    return f"{row_label(table, row, lang)} · {column_label(table, col, lang)}"


def cell_label(path: str, lang: Optional[str] = None) -> str:
    """A schema path as the form names it, table first: ``表三 三（二）部分公开 · 自然人``."""
    table = path.partition(".")[0]
    if table not in TABLE_NAMES:
        return path
    inner = field_label(path, lang)
    if inner == path:  # not a path of the form's
        return path
    name = _pick(TABLE_NAMES[table], lang)
    return name if inner == name else f"{name} {inner}"
