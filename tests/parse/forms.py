"""Invented reports in the national form's layout, in the shapes sites and converters give them.

Agencies, figures and wording are made up for the tests; only the form's own labels appear.
"""
from __future__ import annotations

T3_LABELS = [
    # (group label or None, row label, key)
    ("一、本年新收政府信息公开申请数量", None, "new_received"),
    ("二、上年结转政府信息公开申请数量", None, "carried_over"),
    ("三、本年度办理结果", "（一）予以公开", "granted"),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"),
    ("（三）不予公开", "1.属于国家秘密", "denied.state_secret"),
    (None, "2.其他法律行政法规禁止公开", "denied.prohibited_by_law"),
    (None, "3.危及“三安全一稳定”", "denied.security_stability"),
    (None, "4.保护第三方合法权益", "denied.third_party"),
    (None, "5.属于三类内部事务信息", "denied.internal_affairs"),
    (None, "6.属于四类过程性信息", "denied.process_info"),
    (None, "7.属于行政执法案卷", "denied.enforcement_file"),
    (None, "8.属于行政查询事项", "denied.admin_query"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", "unable.not_held"),
    (None, "2.没有现成信息需要另行制作", "unable.needs_creation"),
    (None, "3.补正后申请内容仍不明确", "unable.unclear"),
    ("（五）不予处理", "1.信访举报投诉类申请", "not_processed.complaint"),
    (None, "2.重复申请", "not_processed.repeated"),
    (None, "3.要求提供公开出版物", "not_processed.publication"),
    (None, "4.无正当理由大量反复申请", "not_processed.excessive"),
    (None, "5.要求行政机关确认或重新出具已获取信息", "not_processed.confirmation"),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_correction"),
    (None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.unpaid_fee"),
    (None, "3.其他", "other.other"),
    ("（七）总计", None, "total_processed"),
    ("四、结转下年度继续办理", None, "carried_forward"),
]
T3_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")

# invented figures: the six applicant columns; 总计 is their sum
_T3_VALUES = {
    "new_received": (12, 3, 0, 1, 0, 2),
    "carried_over": (2, 0, 0, 0, 0, 0),
    "granted": (6, 1, 0, 1, 0, 0),
    "partially_granted": (1, 0, 0, 0, 0, 1),
    "denied.state_secret": (0, 0, 0, 0, 0, 0),
    "denied.prohibited_by_law": (0, 0, 0, 0, 0, 0),
    "denied.security_stability": (0, 0, 0, 0, 0, 0),
    "denied.third_party": (1, 0, 0, 0, 0, 0),
    "denied.internal_affairs": (0, 0, 0, 0, 0, 0),
    "denied.process_info": (0, 0, 0, 0, 0, 0),
    "denied.enforcement_file": (0, 0, 0, 0, 0, 0),
    "denied.admin_query": (0, 0, 0, 0, 0, 0),
    "unable.not_held": (3, 1, 0, 0, 0, 1),
    "unable.needs_creation": (0, 0, 0, 0, 0, 0),
    "unable.unclear": (0, 0, 0, 0, 0, 0),
    "not_processed.complaint": (1, 0, 0, 0, 0, 0),
    "not_processed.repeated": (0, 0, 0, 0, 0, 0),
    "not_processed.publication": (0, 0, 0, 0, 0, 0),
    "not_processed.excessive": (0, 0, 0, 0, 0, 0),
    "not_processed.confirmation": (0, 0, 0, 0, 0, 0),
    "other.no_correction": (0, 0, 0, 0, 0, 0),
    "other.unpaid_fee": (0, 0, 0, 0, 0, 0),
    "other.other": (0, 1, 0, 0, 0, 0),
    "total_processed": (12, 3, 0, 1, 0, 2),
    "carried_forward": (2, 0, 0, 0, 0, 0),
}
T3 = {k: (*v, sum(v)) for k, v in _T3_VALUES.items()}
# 表四: 行政复议, 未经复议直接起诉, 复议后起诉; each 结果维持 结果纠正 其他结果 尚未审结 总计
T4 = (2, 1, 0, 1, 4, 3, 0, 1, 0, 4, 1, 0, 0, 0, 1)
T2 = {"regulations": (0, 0, 0), "normative_documents": (7, 2, 58), "licensing": (1316,),
      "punishment": (245,), "coercion": (9,), "fees": (12.5,)}

OVERVIEW = ("一、总体情况\n"
            "本年度，青石县农机服务中心围绕农机补贴信息公开开展工作，新建公开栏目两个，"
            "举办开放日活动三次。")
PROBLEMS = ("五、存在的主要问题及改进情况\n"
            "存在的问题：补贴信息更新不够及时，栏目分类不够清晰。"
            "改进措施：明年建立补贴信息周更新制度，重新梳理栏目分类。")
OTHER = "六、其他需要报告的事项\n本年度未收取信息处理费。"
TITLE = "青石县农机服务中心2023年政府信息公开工作年度报告"


def t3_expected(blank_total: bool = False) -> dict:
    return {k: dict(zip(T3_COLUMNS, v[:6] + ((None,) if blank_total else v[6:]))) for k, v in T3.items()}


def t4_expected() -> dict:
    groups = ("review", "litigation_direct", "litigation_after_review")
    cols = ("upheld", "corrected", "other", "pending", "total")
    return {g: dict(zip(cols, T4[i * 5:(i + 1) * 5])) for i, g in enumerate(groups)}


# ---------------------------------------------------------------- a site's HTML page

def _num(v, spans: bool) -> str:
    """A number cell as a Word export writes it: in <p><span>, a long number split over spans."""
    if v is None:
        return "<td><p><span>&nbsp;</span></p></td>"
    s = str(v)
    if spans and len(s) > 1:
        inner = "".join(f"<span lang=EN-US>{ch}</span>" for ch in (s[: len(s) // 2], s[len(s) // 2:]))
    else:
        inner = f"<span>{s}</span>"
    return f"<td><p align=center>{inner}</p></td>"


_T3_HEAD = (
    "<tr><td rowspan=3 colspan=3><p>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</p></td>"
    "<td colspan=7><p>申请人情况</p></td></tr>"
    "<tr><td rowspan=2><p>自然人</p></td><td colspan=5><p>法人或其他组织</p></td><td rowspan=2><p>总计</p></td></tr>"
    "<tr><td><p>商业企业</p></td><td><p>科研机构</p></td><td><p>社会公益组织</p></td>"
    "<td><p>法律服务机构</p></td><td><p>其他</p></td></tr>"
)


def _t3_rows(keys, blank_total: bool, spans: bool, continued: bool) -> list[str]:
    """Rows of 表三; label cells span the rows of their group (rowspan)."""
    out = []
    results = [k for _, _, k in T3_LABELS][2:23]
    groups = {"granted": 1, "partially_granted": 1, "denied.state_secret": 8, "unable.not_held": 3,
              "not_processed.complaint": 5, "other.no_correction": 3}
    first_result = True
    for group, label, key in T3_LABELS:
        if key not in keys:
            continue
        vals = T3[key][:6] + ((None,) if blank_total else T3[key][6:])
        cells = "".join(_num(v, spans) for v in vals)
        head = ""
        if key in results:
            if first_result:
                n = sum(1 for k in results if k in keys)
                text = "" if continued else "三、本年度办理结果"
                head += f"<td rowspan={n}><p>{text}</p></td>"
                first_result = False
            if key in groups and groups[key] > 1:
                n = sum(1 for k in results[results.index(key):results.index(key) + groups[key]] if k in keys)
                head += f"<td rowspan={n}><p>{group}</p></td><td><p>{label}</p></td>"
            elif key in groups:
                head += f"<td colspan=2><p>{label}</p></td>"
            else:
                head += f"<td><p>{label}</p></td>"
        else:
            head = f"<td colspan=3><p>{group}</p></td>"
        out.append(f"<tr>{head}{cells}</tr>")
    return out


def html_page(blank_total: bool = True, split: bool = True, spans: bool = True) -> str:
    keys = [k for _, _, k in T3_LABELS]
    if split:  # one table over two <table>s, the header repeated
        parts = [keys[:12], keys[12:]]
    else:
        parts = [keys]
    t3 = "".join(
        "<table border=1>" + _T3_HEAD + "".join(_t3_rows(set(p), blank_total, spans, i > 0)) + "</table>"
        + ("<p>&nbsp;</p>" if i == 0 else "")
        for i, p in enumerate(parts))
    t2 = (
        "<table border=1>"
        "<tr><td colspan=4><p>第二十条第（一）项</p></td></tr>"
        "<tr><td><p>信息内容</p></td><td><p>本年制发件数</p></td><td><p>本年废止件数</p></td><td><p>现行有效件数</p></td></tr>"
        + "".join(f"<tr><td><p>{lab}</p></td>{''.join(_num(v, spans) for v in T2[k])}</tr>"
                  for lab, k in (("规章", "regulations"), ("行政规范性文件", "normative_documents")))
        + "<tr><td colspan=4><p>第二十条第（五）项</p></td></tr>"
        "<tr><td><p>信息内容</p></td><td colspan=3><p>本年处理决定数量</p></td></tr>"
        f"<tr><td><p>行政许可</p></td>{_num(T2['licensing'][0], spans)[:-5]}</td></tr>".replace("<td><p align", "<td colspan=3><p align")
        + "<tr><td colspan=4><p>第二十条第（六）项</p></td></tr>"
        "<tr><td><p>信息内容</p></td><td colspan=3><p>本年处理决定数量</p></td></tr>"
        + "".join(f"<tr><td><p>{lab}</p></td><td colspan=3><p>{T2[k][0]}</p></td></tr>"
                  for lab, k in (("行政处罚", "punishment"), ("行政强制", "coercion")))
        + "<tr><td colspan=4><p>第二十条第（八）项</p></td></tr>"
        "<tr><td><p>信息内容</p></td><td colspan=3><p>本年收费金额（单位：万元）</p></td></tr>"
        f"<tr><td><p>行政事业性收费</p></td><td colspan=3><p>{T2['fees'][0]}</p></td></tr>"
        "</table>")
    t4 = (
        "<table border=1>"
        "<tr><td colspan=5><p>行政复议</p></td><td colspan=10><p>行政诉讼</p></td></tr>"
        "<tr>" + "".join(f"<td rowspan=2><p>{h}</p></td>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
        + "<td colspan=5><p>未经复议直接起诉</p></td><td colspan=5><p>复议后起诉</p></td></tr>"
        "<tr>" + "".join(f"<td><p>{h}</p></td>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2) + "</tr>"
        "<tr>" + "".join(_num(v, spans) for v in T4) + "</tr></table>")
    body = "".join(f"<p>{line}</p>" for line in OVERVIEW.split("\n"))
    body += "<p>二、主动公开政府信息情况</p>" + t2
    body += "<p>三、收到和处理政府信息公开申请情况</p>" + t3
    body += "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + t4
    body += "".join(f"<p>{line}</p>" for line in (PROBLEMS + "\n" + OTHER).split("\n"))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}_青石县人民政府</title></head>"
            f"<body><div class=nav><a href='/'>首页</a> <a href='/x'>政务公开</a></div>"
            f"<div class=article><h1>{TITLE}</h1>{body}</div></body></html>")


# ---------------------------------------------------------------- PDF text and PDF markdown

def _t2_lines() -> list[str]:
    return ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
            "规章 0 0 0", "行政规范性文件 7 2 58", "第二十条第（五）项", "信息内容 本年处理决定数量",
            "行政许可 1316", "第二十条第（六）项", "信息内容 本年处理决定数量", "行政处罚 245", "行政强制 9",
            "第二十条第（八）项", "信息内容 本年收费金额（单位：万元）", "行政事业性收费 12.5"]


def _label(group, label) -> str:
    return " ".join(x for x in (group, label) if x)


def pdf_text(footer: str = "— {n} —") -> str:
    """PDF text: one table row per line, a page footer between pages, 表三's row 三（四）1 split
    over the page break, and the page number after 表四's last row."""
    lines = [TITLE, *OVERVIEW.split("\n"), *_t2_lines(), footer.format(n=1),
             "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人 法人或其他组织 总计",
             "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for group, label, key in T3_LABELS:
        vals = " ".join(map(str, T3[key]))
        if key == "unable.not_held":  # the row breaks over the page
            first, rest = vals[:5], vals[6:]
            lines += [f"{_label(group, label)} {first}", footer.format(n=2), rest]
        else:
            lines.append(f"{_label(group, label)} {vals}")
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼",
              "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
              "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
              " ".join(map(str, T4)), footer.format(n=3),
              *PROBLEMS.split("\n"), *OTHER.split("\n"), footer.format(n=4)]
    return "\n".join(lines) + "\n"


def pdf_markdown(page: int = 6, glued_page: bool = False) -> str:
    """A PDF converter's markdown: 表三's labels as text lines, its numbers in a table of their own
    (the labels land apart from their rows), a row split over two table lines at a page break, and
    表四's last cell followed by the page number (``glued_page``: run into its digits)."""
    head = "| " + " | ".join(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]) + " |"
    out = [f"# {TITLE}", "", *OVERVIEW.split("\n"), "", *_t2_lines(), "",
           "三、收到和处理政府信息公开申请情况", "", "申请人情况", ""]
    out += [_label(g, lab) for g, lab, _ in T3_LABELS]
    out += ["", head, "|---|---|---|---|---|---|---|"]
    for _, _, key in T3_LABELS:
        v = list(map(str, T3[key]))
        if key == "denied.third_party":  # split at a page break
            out += ["| " + " | ".join(v[:3]) + " |", "", f"- {page - 1} -", "", "| " + " | ".join(v[3:]) + " |"]
        else:
            out.append("| " + " | ".join(v) + " |")
    t4 = list(map(str, T4))
    if glued_page:
        t4[-1] += str(page)
    else:
        t4.append(str(page))
    out += ["", "四、政府信息公开行政复议、行政诉讼情况", "",
            "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
            "|" + "---|" * 15,
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
            "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "| " + " | ".join(t4) + " |", "", *PROBLEMS.split("\n"), "", *OTHER.split("\n")]
    return "\n".join(out) + "\n"


def markdown_mixed(before: tuple[str, ...] = ("unable.not_held", "unable.needs_creation", "unable.unclear")) -> str:
    """A converter's markdown table where most rows keep their label, but the rows ``before``
    lost it: their numbers come as label-less rows, ahead of the labels, which follow as text."""
    out = [f"# {TITLE}", "", *OVERVIEW.split("\n"), "", *_t2_lines(), "",
           "三、收到和处理政府信息公开申请情况", "", "申请人情况", "",
           "| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
           "|---|---|---|---|---|---|---|---|"]
    pending: list[str] = []
    for group, label, key in T3_LABELS:
        vals = " | ".join(map(str, T3[key]))
        if key in before:
            out.append(f"| {vals} |")
            pending.append(_label(group, label))
            continue
        if pending:
            out += ["", *pending, "", "| | | | | | | | |", "|---|---|---|---|---|---|---|---|"]
            pending = []
        out.append(f"| {_label(group, label)} | {vals} |")
    out += ["", "四、政府信息公开行政复议、行政诉讼情况", "",
            "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |", "|" + "---|" * 15,
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
            "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "| " + " | ".join(map(str, T4)) + " |", "", *PROBLEMS.split("\n"), "", *OTHER.split("\n")]
    return "\n".join(out) + "\n"
