"""Audit the labelled items (corpora/items) against the conventions of corpora/items/GUIDE.md.

Lists every item that breaks a convention, with the relabelling proposed; ``--write`` applies
the proposals (minus the decisions recorded in ``KEEP``) to the files in place and prints the
number of items changed per rule. Rules:

- ``generic-alone``: ``generic`` beside another theme → drop ``generic``.
- ``passing``: a theme whose only cue in the text is a word used in passing (基层群众 → not
  grassroots; 全面/参与/回应/思想认识 without anything else of their theme) → drop the theme
  (each candidate was read; those that are about the theme are in ``KEEP``).
- ``inspection``: inspection and rectification (巡查, 督导, 督查, 抽查, 督促整改, 通报) → add ``mechanism``.
- ``named-mechanism``: a mechanism or system named for a theme (同步解读机制, 三审三校制度, 依申请公开
  会商机制) → that theme and ``mechanism`` (as 依申请公开工作机制 → requests + mechanism).
- ``offline``: offline channels (查阅点, 查阅场所, 查询窗口, 政务公开专区, 档案馆/图书馆/服务中心查阅)
  and scattered platforms → add ``platform``; ``grassroots`` stays only where 乡镇/街道/村/社区 is named.
- ``egov``: e-government (电子政务, 网上办事, 协同办公) → add ``digital``.
- ``form-only``: ``digital`` on a text that names a form (丰富形式, 方式创新) and no digital means →
  drop ``digital``; what is left empty becomes ``platform`` where the text is about channels
  (渠道, 载体), else ``generic``.

    python scripts/audit_items.py [corpora/items] [--write]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

INSPECTION = re.compile(r"巡查|巡检|督导|督查|抽查|督促整改|通报")
INSPECTION_NOT = re.compile(r"被通报|公开督查|通报村务|双随机|经.{0,12}抽查|抽查中被")
# being reported, disclosing inspection results (双随机、一公开), telling villagers, a finding (经抽查，…)
MECHANISM = re.compile(r"机制|制度")
MECHANISM_NOT = re.compile(r"三项制度|配套制度|张贴制度")  # a programme's name, the regulations studied, rules on a wall
OFFLINE = re.compile(r"查阅点|查阅场所|查阅室|查询窗口|政务公开专区|公开专区|(?:档案馆|图书馆|服务中心).{0,12}查阅"
                     r"|平台.{0,4}分散|分散.{0,6}平台|多个平台|平台林立")
LOCAL = re.compile(r"乡|镇|街道|村|社区|居委|镇街|基层|便民服务中心")
EGOV = re.compile(r"电子政务|网上办事|协同办公|办公自动化")
FORM = re.compile(r"形式|方式")
MEANS = re.compile(
    r"数字|智能|智慧|信息化|图解|图表|图示|图文|一图|长图|漫画|动漫|视频|音频|H5|直播|可视化|无障碍|适老|大数据|一网通办"
    r"|线上|在线|网上|电子|二维码|扫码|一码|小程序|客户端|App|APP|人工智能|AI|大模型|机读|机器可读|数据|融媒|技术|终端"
    r"|触摸屏|显示屏|电子屏|语音|字幕|多语种|外文|少数民族|读屏|沉浸式|互动式|交互|VR|全景|系统|算法|推送|计算器|检索|问答"
    r"|通俗|易懂|喜闻乐见|摘要|简明|可读|明白纸|要点|速览|移动端|手机|指尖|老年|残障|特殊群体|大字|广播|结构化|标签"
    r"|看板|视觉|页面|互联网|体验|免申即享|画像|平台")
CHANNEL = re.compile(r"渠道|载体")
# passing words: the theme, the word, and what else in a text would make it about the theme
PASSING = {
    "grassroots": ("基层", re.compile(r"乡|镇|街道|村|社区|居|基层政务公开|基层公开")),
    "scope": ("全面", re.compile(r"内容|范围|重点领域|深度|广度|主动公开|覆盖|不全|公开到位|全部公开|遗漏|细化|详细|预决算"
                                 r"|项目|信息公开|公开")),
    "participation": ("参与", re.compile(r"意见|征集|征求|听证|互动|开放日|座谈|留言|信箱|民意|调查|建言|议事|协商|列席|评议"
                                         r"|访谈|问卷|反馈|诉求|决策|公众参与|群众参与|参与政务|参与讨论")),
    "interpretation": ("回应", re.compile(r"解读|关切|舆情|热点|疑问|释疑|说明|澄清|诉求|回应不够|回应内容")),
    "awareness": ("思想认识", re.compile(r"思想认识")),  # 思想认识 as the subject is awareness
}
# "基层群众" (ordinary people) names no township or village disclosure
PASSING_PHRASE = {"grassroots": re.compile(r"基层群众")}

# decisions on the listed candidates: (rule, start of the text) kept as they are, and why
KEEP = {
    ("inspection", "1.将公开重点从"): "discloses the results of inspections: scope",
    ("inspection", "二是在全市政务新媒体季度检查中"): "the agency was reported (passive): not its mechanism",
    ("inspection", "定期召开村民代表会议"): "通报 = telling villagers: participation",
    ("offline", "四是对基层的督导考核不够有力"): "专区 named in passing inside an assessment item",
    ("inspection", "对照上级考核评估指标"): "market-inspection results disclosed (scope); assessment is the context",
    ("passing", "政策解读与公众参与结合不够"): "公众参与 is the subject",
    ("passing", "村级重大事项“四议两公开”"): "villagers taking part in decisions: participation",
    ("passing", "二是探索建立公众参与效果评估制度"): "公众参与 is the subject",
    ("passing", "第一，将公众参与工作开展情况"): "公众参与 is the subject",
    ("passing", "树立开放理念"): "inviting deputies and residents into the agency: participation",
    ("passing", "一是强化思想认识，充实工作力量"): "思想认识 and 重视程度 are the subject",
    ("passing", "畅通村民参与渠道"): "villagers' 参与权: participation",
    ("passing", "5.基层公共服务事项"): "township services: grassroots",
    ("passing", "三是基层民生资金发放情况公示不及时"): "township and village payments: grassroots",
    ("offline", "一是基层政务公开工作发展不够均衡"): "专区 one of several grassroots venues named in passing",
    ("offline", "第三，基层政务公开仍存在短板弱项"): "专区 one of several grassroots venues named in passing",
    ("offline", "其一，着力提升政策解读传播效果"): "a website column for interpretation products",
    ("inspection", "丰富村务公开形式"): "通报 = telling villagers at their meeting, not an inspection",
}


def _load(folder: Path) -> dict[Path, list[dict]]:
    return {f: [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
            for f in sorted(folder.glob("*.jsonl"))}


def _kept(rule: str, text: str) -> bool:
    body = re.sub(r"^\s+", "", text)
    return any(rule == r and body.startswith(p) for r, p in KEEP)


def proposals(item: dict) -> list[tuple[str, list[str]]]:
    """``(rule, new themes)`` for each convention the item breaks, applied in order."""
    text, themes = item["text"], list(item["themes"])
    out = []

    def change(rule: str, new: list[str]) -> None:
        nonlocal themes
        if new != themes and not _kept(rule, text):
            out.append((rule, new))
            themes = new

    if "generic" in themes and len(themes) > 1:
        change("generic-alone", [t for t in themes if t != "generic"])
    for theme, (word, cue) in PASSING.items():
        phrase = PASSING_PHRASE.get(theme)
        if theme in themes and len(themes) > 1 and word in text:
            rest = phrase.sub("", text) if phrase else text.replace(word, "")
            if not cue.search(rest):
                change("passing", [t for t in themes if t != theme])
    if INSPECTION.search(text) and not INSPECTION_NOT.search(text) and "mechanism" not in themes:
        change("inspection", [t for t in themes if t != "generic"] + ["mechanism"])
    if MECHANISM.search(MECHANISM_NOT.sub("", text)) and "mechanism" not in themes:
        change("named-mechanism", [t for t in themes if t != "generic"] + ["mechanism"])
    if OFFLINE.search(text) and "platform" not in themes:
        new = [t for t in themes if t != "generic"] + ["platform"]
        if "grassroots" in new and not LOCAL.search(text):
            new.remove("grassroots")
        change("offline", new)
    if EGOV.search(text) and "digital" not in themes:
        change("egov", [t for t in themes if t != "generic"] + ["digital"])
    if "digital" in themes and FORM.search(text) and not MEANS.search(text):
        new = [t for t in themes if t != "digital"] or (["platform"] if CHANNEL.search(text) else ["generic"])
        change("form-only", new)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=REPO / "corpora" / "items")
    ap.add_argument("--write", action="store_true", help="apply the proposals to the files")
    args = ap.parse_args(argv)
    counts: Counter = Counter()
    changed_items = 0
    for f, items in _load(args.folder).items():
        dirty = False
        for n, item in enumerate(items, 1):
            found = proposals(item)
            if not found:
                continue
            changed_items += 1
            for rule, new in found:
                counts[rule] += 1
            new = found[-1][1]
            print(f"{f.name}:{n}\t{'+'.join(r for r, _ in found)}\t{','.join(item['themes'])} → {','.join(new)}"
                  f"\t{item['text'][:80]}")
            if args.write:
                item["themes"] = new
                dirty = True
        if dirty:
            f.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    print(f"\n{changed_items} items; per rule: " + ", ".join(f"{r} {n}" for r, n in sorted(counts.items())),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
