"""The national form's row labels as search patterns, tolerant of wrapped lines, stray spaces
and the typos real reports carry (e.g. 其他法律行政止公开)."""
from __future__ import annotations

import re

from ..numerals import ONE_TO_NINE


def fuzzy(word: str) -> str:
    """A regex matching ``word`` with optional whitespace between its characters."""
    return r"\s*".join(re.escape(ch) for ch in word)


def alt(*words: str) -> str:
    return "(?:" + "|".join(fuzzy(w) for w in words) + ")"


# optional numbering in front of a sub-row label: 1. 1、 1． (1) （1）
SUB = r"(?:[（(]?\d[)）]?\s*[.．、]\s*)?[\u4e00-\u9fff“”\"]{0,8}?"
GROUP = rf"(?:[（(][{ONE_TO_NINE}][)）]\s*)?"

T3_LABELS: dict[str, str] = {
    "new_received": GROUP + r"(?:[一1]\s*[、.．]\s*)?" + alt("本年新收", "本年度新收", "新收政府信息公开申请"),
    "carried_over": r"(?:[二2]\s*[、.．]\s*)?" + alt("上年结转", "上年度结转"),
    "granted": GROUP + alt("予以公开"),
    "partially_granted": GROUP + alt("部分公开"),
    "denied.state_secret": SUB + alt("属于国家秘密", "国家秘密"),
    "denied.prohibited_by_law": SUB + alt("其他法律", "法规禁止公开", "行政止公开"),
    "denied.security_stability": SUB + alt("危及", "三安全一稳定"),
    "denied.third_party": SUB + alt("保护第三方", "第三方合法权益"),
    "denied.internal_affairs": SUB + alt("三类内部事务", "内部事务信息"),
    "denied.process_info": SUB + alt("四类过程性", "过程性信息"),
    "denied.enforcement_file": SUB + alt("行政执法案卷"),
    "denied.admin_query": SUB + alt("行政查询事项"),
    "unable.not_held": SUB + alt("本机关不掌握", "不掌握相关"),
    "unable.needs_creation": SUB + alt("没有现成信息", "另行制作"),
    "unable.unclear": SUB + alt("补正后申请", "仍不明确"),
    "not_processed.complaint": SUB + alt("信访举报", "投诉类申请"),
    "not_processed.repeated": SUB + alt("重复申请"),
    "not_processed.publication": SUB + alt("公开出版物"),
    "not_processed.excessive": SUB + alt("大量反复", "无正当理由大量"),
    "not_processed.confirmation": SUB + alt("确认或重新出具", "重新出具已获取"),
    "other.no_correction": SUB + r"(?:申请人)?" + alt("无正当理由逾期不补正", "逾期不补正"),
    "other.unpaid_fee": SUB + r"(?:申请人)?" + alt("逾期未按收费", "逾期未缴", "未按收费通知"),
    "other.other": r"(?:[（(]六[)）]\s*" + fuzzy("其他处理") + r"|[3３]\s*[.．、]\s*" + fuzzy("其他") + r"(?!\s*法)|" + fuzzy("其他处理") + ")",
    "total_processed": r"(?:[（(]七[)）]\s*)?" + fuzzy("总计"),
    "carried_forward": r"(?:[四4]\s*[、.．]\s*)?" + alt("结转下年度", "转下年度", "结转下一年度"),
}

T2_LABELS_2021: dict[str, str] = {
    "regulations": r"(?<!行政)" + fuzzy("规章"),
    "normative_documents": r"(?:行政)?" + fuzzy("规范性文件"),
    "licensing": fuzzy("行政许可"),
    "punishment": fuzzy("行政处罚"),
    "coercion": fuzzy("行政强制"),
    "fees": alt("行政事业性收费", "事业性收费"),
}
T2_LABELS_2019: dict[str, str] = {
    "regulations": r"(?<!行政)" + fuzzy("规章"),
    "normative_documents": r"(?:行政)?" + fuzzy("规范性文件"),
    "licensing": fuzzy("行政许可"),
    "other_services": alt("其他对外管理服务事项", "其他对外管理服务"),
    "punishment": fuzzy("行政处罚"),
    "coercion": fuzzy("行政强制"),
    "fees": alt("行政事业性收费", "事业性收费"),
    "procurement": alt("政府集中采购"),
}

# what follows a label and still belongs to it: the rest of its words, up to the first digit
LABEL_TAIL = re.compile(r"[^\d\t\n\-—/无]*")
