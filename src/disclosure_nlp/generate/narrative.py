"""Writing the narrative of a synthetic report: 一 总体情况 (figures from the tables), 五 (problem and
improvement items with their themes) and 六 (信息处理费). Every stated figure and item records
where it sits in its section's text."""
from __future__ import annotations

from random import Random
from typing import Optional

from ..numerals import chinese
from ..schema import StatedFigure, T4_GROUPS
from . import phrases as P
from .model import SyntheticItem

LITIGATION = "review_litigation.litigation_direct.total+review_litigation.litigation_after_review.total"
RECEIVED_WITH_CARRIED = "applications.new_received.total+applications.carried_over.total"
# how often each theme is written as a problem (the common ones of real reports weigh more)
_THEME_WEIGHTS = {"scope": 6, "timeliness": 5, "standardization": 5, "interpretation": 5, "participation": 3,
                  "requests": 4, "platform": 4, "new_media": 3, "staffing": 5, "awareness": 4, "mechanism": 4,
                  "grassroots": 2, "info_management": 3, "digital": 3}


class _Writer:
    """Accumulates a section's text and the offsets of what it states."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.stated: list[StatedFigure] = []
        self.items: list[SyntheticItem] = []

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    def fig(self, quote: str, field: str, value=None, claim=None, ambiguous=(), also=()) -> None:
        self.stated.append(StatedFigure(quote, field, value, claim, self.n, tuple(ambiguous)))
        for f, c in also:  # a second claim made by the same words
            self.stated.append(StatedFigure(quote, f, None, c, self.n))
        self.add(quote)

    def item(self, kind: str, text: str, themes: tuple[str, ...]) -> None:
        self.items.append(SyntheticItem(kind, text, themes, self.n))
        self.add(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------------------------- 一 总体情况

def needs_requests_problem(apps: dict, review: dict) -> bool:
    """True when the numbers call for a problem about application handling (THEME-GAP's trigger):
    a review or lawsuit corrected the agency, or refusals are half or more of ≥10 processed.
    Refusals are counted broadly (everything but 予以公开 and 部分公开, or the sum of the refusal
    rows where a table error makes that larger), from the printed totals and from the applicant
    columns, so that any fair reading of the rule finds a requests item."""
    if any(review[g]["corrected"] > 0 for g in T4_GROUPS):
        return True
    refusal_rows = [r for r in apps if r.split(".")[0] in ("denied", "unable", "not_processed", "other")]
    for get in (lambda row: apps[row]["total"], lambda row: sum(v for c, v in apps[row].items() if c != "total")):
        done = get("total_processed")
        refused = max(done - get("granted") - get("partially_granted"), sum(get(r) for r in refusal_rows))
        if max(done, get("new_received")) >= 10 and refused * 2 >= done:
            return True
    return False


def write_overview(rng: Random, self_ref: str, year: int, layout: str, active: dict, apps: dict,
                   review: dict, *, wrong_received: bool = False, false_claim: Optional[str] = None
                   ) -> tuple[str, tuple[StatedFigure, ...]]:
    """一 总体情况. ``wrong_received`` states a 收到申请 figure that matches no cell (NARR-NUMBER);
    ``false_claim`` is ``"all_answered"`` or ``"no_review"`` to write a claim the tables contradict."""
    w = _Writer()
    heads = rng.choice((("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理", "（四）平台建设",
                         "（五）监督保障"),
                        ("1.主动公开", "2.依申请公开", "3.政府信息管理", "4.政府信息公开平台建设", "5.监督保障"),
                        None))
    sep = "\n"

    def head(i: int) -> None:
        if heads:
            w.add(heads[i] + rng.choice(("", "。", "\n")))

    w.add(f"{year}年，{self_ref}{rng.choice(('认真贯彻', '深入贯彻', '严格落实'))}《中华人民共和国政府信息公开条例》，"
          f"围绕{rng.choice(P.FOCUS)}，{rng.choice(('扎实推进政务公开各项工作', '持续深化政务公开', '稳步推进政府信息公开工作'))}。")
    w.add(sep)
    # 主动公开
    head(0)
    w.add(f"全年通过{rng.choice(P.CHANNELS)}")
    n_items = max(1, int(rng.expovariate(1 / 300.0)))
    w.fig(f"主动公开政府信息{n_items}条", "narrative.active_items", n_items)
    doc = active["normative_documents"]
    issued, issued_field = (doc["issued"], "issued") if layout == "2021" else (doc["made"], "made")
    if rng.random() < 0.6:
        w.add("，")
        verb = "制发行政规范性文件" if layout == "2021" else "新制作规范性文件"
        w.fig(f"{verb}{issued}件", f"active_disclosure.normative_documents.{issued_field}", issued)
    if rng.random() < 0.3 and active["licensing"]["decisions"]:
        w.add("，")
        w.fig(f"公开行政许可决定{active['licensing']['decisions']}件", "active_disclosure.licensing.decisions",
              active["licensing"]["decisions"])
    w.add("。" + sep)
    # 依申请公开
    head(1)
    new, old = apps["new_received"]["total"], apps["carried_over"]["total"]
    done, cf = apps["total_processed"]["total"], apps["carried_forward"]["total"]
    amb = (RECEIVED_WITH_CARRIED,) if old else ()
    if wrong_received:
        bad = new + rng.randint(3, 9)
        while bad in (new, new + old, done, done + cf):
            bad += 1
        w.add(rng.choice(("全年共", "本年度共", "全年")))
        w.fig(f"收到政府信息公开申请{bad}件", "applications.new_received.total", bad, ambiguous=amb)
    elif rng.random() < 0.5:
        w.add(rng.choice(("全年", "本年度")))
        w.fig(f"新收政府信息公开申请{new}件", "applications.new_received.total", new)
        if old:
            w.add("，")
            w.fig(f"上年结转{old}件", "applications.carried_over.total", old)
    else:
        w.add(rng.choice(("全年共", "本年度共")))
        w.fig(f"收到政府信息公开申请{new}件", "applications.new_received.total", new, ambiguous=amb)
    w.add("，")
    w.fig(f"办结{done}件", "applications.total_processed.total", done)
    if cf:
        w.add("，")
        w.fig(f"结转下年度继续办理{cf}件", "applications.carried_forward.total", cf)
    if done and rng.random() < 0.5:
        w.add("。其中")
        w.fig(f"予以公开{apps['granted']['total']}件", "applications.granted.total", apps["granted"]["total"])
        if apps["partially_granted"]["total"]:
            w.add("，")
            w.fig(f"部分公开{apps['partially_granted']['total']}件", "applications.partially_granted.total",
                  apps["partially_granted"]["total"])
        if apps["unable.not_held"]["total"]:
            w.add("，")
            w.fig(f"本机关不掌握相关政府信息{apps['unable.not_held']['total']}件",
                  "applications.unable.not_held.total", apps["unable.not_held"]["total"])
    if false_claim == "all_answered" or (cf == 0 and done and rng.random() < 0.5):
        w.add("，")
        wording = rng.choice(("所有申请均在法定期限内答复", "全部按时答复", "均已按期办结"))
        if false_claim == "all_answered":  # a deadline wording is not contradicted by a pending one
            wording = {"所有申请均在法定期限内答复": "所有申请均已办结", "全部按时答复": "全部办理完毕",
                       "均已按期办结": "均已办结"}[wording]
        w.fig(wording,
              "applications.carried_forward.total", claim="all_answered")
    w.add("。" + sep)
    # 管理, 平台
    head(2)
    w.add(rng.choice(P.MGMT_LINES) + sep)
    head(3)
    w.add(rng.choice(P.PLATFORM_LINES) + sep)
    # 监督保障, 复议诉讼
    head(4)
    w.add(rng.choice(P.OVERSIGHT_LINES))
    rv = review["review"]["total"]
    lit = review["litigation_direct"]["total"] + review["litigation_after_review"]["total"]
    if false_claim == "no_review":
        w.add("本年度")
        w.fig("未发生因政府信息公开引起的行政复议", "review_litigation.review.total", claim="no_review")
        w.add("。")
    elif rv == 0 and lit == 0:
        if rng.random() < 0.6:
            w.add("本年度")
            w.fig("未发生因政府信息公开引起的行政复议、行政诉讼案件", "review_litigation.review.total",
                  claim="no_review", also=((LITIGATION, "no_litigation"),))
            w.add("。")
    else:
        w.add("本年度因政府信息公开")
        w.fig(f"引起行政复议{rv}件", "review_litigation.review.total", rv)
        w.add("，")
        w.fig(f"行政诉讼{lit}件", LITIGATION, lit)
        w.add("。")
    return w.text, tuple(w.stated)


# ---------------------------------------------------------------------------------- 五 问题与改进

def _problem(rng: Random, themes: tuple[str, ...]) -> str:
    if themes == ("generic",):
        return rng.choice(P.GENERIC_PROBLEMS)
    subj, pred, det = (rng.choice(b) for b in P.BANKS[themes[0]][:3])
    text = rng.choice(P.PROBLEM_OPENERS) + subj + pred
    if len(themes) > 1:
        s2, p2 = (rng.choice(b) for b in P.BANKS[themes[1]][:2])
        return text + rng.choice(("，", "，同时", "，加之")) + s2 + p2
    if rng.random() < 0.6:
        text += rng.choice(P.DETAIL_JOIN) + det
    return text


def _improvement(rng: Random, theme: str, self_ref: str, lead: Optional[str] = None) -> str:
    if lead is None:
        lead = rng.choice(P.IMPROVEMENT_LEADS)
    lead = lead.format(self=self_ref)
    if theme == "generic":
        return lead + rng.choice(P.GENERIC_IMPROVEMENTS)
    act, goal = rng.choice(P.BANKS[theme][3]), rng.choice(P.BANKS[theme][4])
    return lead + act + (("，" + goal) if rng.random() < 0.7 else "")


def _plan(rng: Random, need_requests: bool, forbid_requests: bool
          ) -> tuple[list[tuple[str, ...]], list[tuple[int, str]]]:
    """Problems (each a tuple of themes) and improvements (index of the problem answered, or
    -1 for a measure that answers none, and its theme)."""
    pool = [t for t in _THEME_WEIGHTS if not (forbid_requests and t == "requests")]
    n = rng.randint(2, 5)
    chosen: list[str] = []
    if need_requests and not forbid_requests:
        chosen.append("requests")
    weights = [_THEME_WEIGHTS[t] for t in pool]
    while len(chosen) < n:
        t = rng.choices(pool, weights)[0]
        if t not in chosen:
            chosen.append(t)
    rng.shuffle(chosen)
    problems: list[tuple[str, ...]] = [(t,) for t in chosen]
    if n >= 3 and rng.random() < 0.4:  # one problem about two themes
        k = rng.randrange(n - 1)
        problems[k:k + 2] = [tuple(chosen[k:k + 2])]
    if len(problems) < 5 and rng.random() < 0.12:
        problems.insert(rng.randint(0, len(problems)), ("generic",))
    improvements = [(k, rng.choice(themes)) for k, themes in enumerate(problems)
                    if themes == ("generic",) or rng.random() < 0.85]
    extra = [t for t in pool if t not in chosen]
    if extra and rng.random() < 0.3:
        improvements.append((-1, rng.choice(extra)))
    if not improvements or (rng.random() < 0.1 and all(t != "generic" for _, t in improvements)):
        improvements.append((-1, "generic"))
    return problems, improvements


def _enum(style: str, i: int) -> str:
    return {"yishi": f"{chinese(i + 1)}是", "paren": f"（{chinese(i + 1)}）", "num": f"{i + 1}.", "num2": f"{i + 1}、"}[style]


def write_problems(rng: Random, self_ref: str, *, need_requests: bool, forbid_requests: bool = False,
                   improvements: bool = True, blank: bool = False
                   ) -> tuple[str, tuple[SyntheticItem, ...]]:
    """五 存在的主要问题及改进情况: 2–5 problems and (unless ``improvements`` is False) the
    measures answering them, enumerated in one of several styles. ``blank`` writes 无."""
    if blank:
        return rng.choice(("无。", "无", "本年度无。")), ()
    problems, imps = _plan(rng, need_requests, forbid_requests)
    w = _Writer()
    style = rng.choice(("yishi", "paren", "num", "num2", "paired"))
    if rng.random() < 0.3:
        w.add(rng.choice(("对照年度工作要点，梳理存在的问题和改进措施如下。", "现将有关情况报告如下。")) + "\n")
    if style == "paired" and improvements:
        answer = {k: t for k, t in imps if k >= 0}
        for i, themes in enumerate(problems):
            w.add(f"（{chinese(i + 1)}）")
            w.item("problem", _problem(rng, themes), themes)
            w.add("。")
            if i in answer:
                w.item("improvement", _improvement(rng, answer[i], self_ref, rng.choice(P.PAIRED_LEADS)),
                       (answer[i],))
                w.add("。")
            w.add("\n")
        for k, theme in imps:
            if k < 0:
                w.add("此外，")
                w.item("improvement", _improvement(rng, theme, self_ref, "将"), (theme,))
                w.add("。\n")
        return w.text.rstrip("\n"), tuple(w.items)
    style = "paren" if style == "paired" else style
    inline = style == "yishi"
    heads = rng.choice((("（一）存在的问题", "（二）改进措施"), ("存在的主要问题：", "改进情况："),
                        ("存在的问题", "改进措施"), ("", "下一步工作打算")))
    if style == "paren" and heads[0].startswith("（"):
        heads = ("存在的问题：", "改进措施：")
    for kind, entries, head in (("problem", problems, heads[0]), ("improvement", [(t,) for _, t in imps], heads[1])):
        if kind == "improvement" and not improvements:
            break
        if head:
            w.add(head + ("\n" if rng.random() < 0.7 or head.endswith("：") else "："))
        for i, themes in enumerate(entries):
            w.add(_enum(style, i))
            if kind == "problem":
                w.item(kind, _problem(rng, themes), themes)
            else:
                w.item(kind, _improvement(rng, themes[0], self_ref), themes)
            last = i == len(entries) - 1
            w.add(("。\n" if last else "；") if inline else "。\n")
    return w.text.rstrip("\n"), tuple(w.items)


# ---------------------------------------------------------------------------------- 六 其他事项

def write_other(rng: Random, apps: dict, layout: str, fee_yuan: int
                ) -> tuple[str, tuple[StatedFigure, ...]]:
    """六 其他需要报告的事项: the 信息处理费 sentence whenever fees were charged or
    applications lapsed for unpaid fees, else (sometimes) that none were charged."""
    w = _Writer()
    unpaid = apps["other.unpaid_fee"]["total"] if layout == "2021" else 0
    if fee_yuan or unpaid:
        w.add("本年度依据《政府信息公开信息处理费管理办法》")
        w.add(f"收取信息处理费{fee_yuan}元" if fee_yuan else "向申请人发出信息处理费缴费通知")
        if unpaid:
            w.add("，")
            w.fig(f"因申请人逾期未缴纳费用不再处理的申请{unpaid}件", "applications.other.unpaid_fee.total", unpaid)
        w.add("。")
    elif rng.random() < 0.5:
        w.add(rng.choice(("本年度未收取信息处理费。", "本年度未发生收取信息处理费的情况。")))
    tail = rng.random()
    if tail < 0.4:
        w.add(rng.choice(P.OTHER_LINES).format(a=rng.randint(0, 30), b=rng.randint(0, 30)))
    elif tail < 0.8 or not w.parts:
        w.add("无其他需要报告的事项。")
    return w.text, tuple(w.stated)
