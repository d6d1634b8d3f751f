"""Item splitting on the real reports: items found vs the labelled items.

Extracts section 五 from each report's raw text (narrative.problems_section), splits it with
narrative.split_items and matches the items one to one against ``*.items.json`` by character
overlap (Dice of the texts without whitespace ≥ 0.5). Prints counts per report and overall.

    python scripts/eval_items.py [--real ../shared/corpus/real]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

from disclosure_nlp.narrative import problems_section, split_items

REPO = Path(__file__).resolve().parents[1]


def read_text(path: Path) -> str:
    try:
        from disclosure_nlp.read import read_file  # the project's reader, once written
        return read_file(path).text
    except ImportError:
        pass
    if path.suffix == ".pdf":
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)
    return path.read_text(encoding="utf-8")


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def dice(a: str, b: str) -> float:
    a, b = _squash(a), _squash(b)
    if not a or not b:
        return 0.0
    m = sum(blk.size for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return 2 * m / (len(a) + len(b))


def match(pred: list[str], gold: list[str], threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching by Dice, best pairs first."""
    pairs = sorted(((dice(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True)
    used_p, used_g, out = set(), set(), []
    for d, i, j in pairs:
        if d < threshold:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i), used_g.add(j), out.append((i, j, d))
    return out


def source_of(items_json: Path) -> Path | None:
    stem = items_json.name[: -len(".items.json")]
    for ext in (".txt", ".md", ".pdf", ".html", ".docx"):
        if (items_json.parent / (stem + ext)).exists():
            return items_json.parent / (stem + ext)
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", type=Path, default=REPO / ".." / "shared" / "corpus" / "real")
    ap.add_argument("--show", action="store_true", help="print unmatched items")
    args = ap.parse_args(argv)
    if not args.real.is_dir():
        print(f"{args.real} not found", file=sys.stderr)
        return 2
    tot = {"gold": 0, "pred": 0, "matched": 0, "kind_ok": 0, "dice": 0.0}
    print(f"{'report':34} {'gold':>4} {'found':>5} {'match':>5} {'kind':>4} {'dice':>5}")
    for ij in sorted(args.real.glob("*.items.json")):
        src = source_of(ij)
        gold = json.loads(ij.read_text(encoding="utf-8"))["items"]
        items = split_items(problems_section(read_text(src))) if src else []
        m = match([i.text for i in items], [g["text"] for g in gold])
        kind_ok = sum(items[i].kind == gold[j]["kind"] for i, j, _ in m)
        d = sum(x for _, _, x in m)
        print(f"{ij.name[:-11]:34} {len(gold):4} {len(items):5} {len(m):5} {kind_ok:4} {d / max(len(m), 1):5.2f}")
        if args.show:
            for i, it in enumerate(items):
                if i not in {a for a, _, _ in m}:
                    print("   + extra:", it.kind, it.text[:70].replace("\n", ""))
            for j, g in enumerate(gold):
                if j not in {b for _, b, _ in m}:
                    print("   - missed:", g["kind"], g["text"][:70])
        for k, v in (("gold", len(gold)), ("pred", len(items)), ("matched", len(m)), ("kind_ok", kind_ok), ("dice", d)):
            tot[k] += v
    p = tot["matched"] / max(tot["pred"], 1)
    r = tot["matched"] / max(tot["gold"], 1)
    print(f"\nitems: labelled {tot['gold']}, found {tot['pred']}, matched {tot['matched']} "
          f"(precision {p:.3f}, recall {r:.3f}, F1 {2 * p * r / max(p + r, 1e-9):.3f}); "
          f"mean Dice of matches {tot['dice'] / max(tot['matched'], 1):.3f}; "
          f"kind correct on matches {tot['kind_ok']}/{tot['matched']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
