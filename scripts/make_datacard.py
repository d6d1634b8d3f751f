"""Write corpora/items/DATACARD.md (counts per theme × kind, lengths) and GUIDE.md (labelling guide).

    python scripts/make_datacard.py [--corpus corpora/items]

GUIDE.md is the general rules below followed by each author's notes (``*_NOTES.md``) as written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from disclosure_nlp.themes.evaluate import datacard
from disclosure_nlp.themes.model import load_corpus

REPO = Path(__file__).resolve().parents[1]

GENERAL = """# Labelling guide: problem and improvement items

How the items in this folder were written and labelled. The themes are those of
`../shared/TAXONOMY.md` (15 ids, one list for both kinds); this guide says how ambiguous cases
were decided. Authors' own notes follow the general rules.

## General rules
- **One item** is one statement a report would number or separate by ；: a problem (问题, 不足)
  or a measure (改进措施, 下一步). A heading followed by its detail is one item.
- **kind**: `problem` when the text states a shortfall (有待/不够/不足/存在…问题); `improvement`
  when it promises or describes a measure (下一步/将/加强/完善/建立…), even if it names the
  problem it answers ("针对解读滞后的问题，建立同步解读机制" is an improvement).
- **themes**: every theme the text is clearly about, most often one or two. A theme is given for
  what the statement is *about*, not for every word: "加强培训，提高答复质量" is staffing +
  requests; "按期答复" alone is requests, not timeliness, unless the delay of publication is meant.
- **generic** only when no theme can be named ("仍存在一些不足", "推动工作再上新台阶"); it never
  stands beside another theme.
- Boundaries used throughout: website columns and search → `platform`; WeChat/Weibo/short
  video accounts → `new_media`; form and means (图解, 视频, 智能, 无障碍) → `digital`, plus
  `interpretation` when 解读 is named; people and training → `staffing`; attitude and leaders'
  attention → `awareness`; written rules, assessment, inspection, accountability → `mechanism`;
  catalogues, guides, formats, procedures → `standardization`; 属性认定, 保密审查, 文件清理,
  personal data → `info_management`; 乡镇/街道/村/社区 → `grassroots`.
- No sentence was copied from a real report; every item is the team's own writing. The files
  `n_*.jsonl` add registers the other files lacked (older wording such as 查阅点/公开渠道/宣传,
  and compound items naming a second theme in a short clause).
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "corpora" / "items")
    args = ap.parse_args(argv)
    records = load_corpus(args.corpus)
    (args.corpus / "DATACARD.md").write_text(datacard(records), encoding="utf-8")
    parts = [GENERAL]
    for notes in sorted(args.corpus.glob("*_NOTES.md")):
        body = notes.read_text(encoding="utf-8").strip()
        parts.append(f"\n## Notes of {notes.name[:-len('_NOTES.md')]}\n\n" + body.lstrip("# ").split("\n", 1)[-1].strip()
                     if body.startswith("#") else f"\n## Notes of {notes.stem}\n\n{body}")
    (args.corpus / "GUIDE.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
    print(f"{len(records)} items: wrote {args.corpus / 'DATACARD.md'} and {args.corpus / 'GUIDE.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
