"""Item splitting on the real reports: items found vs the labelled items.

Extracts section 五 from each report's raw text (narrative.problems_section), splits it with
narrative.split_items and matches the items one to one against ``*.items.json`` by character
overlap (Dice of the texts without whitespace ≥ 0.5). Prints, per report and overall, the
labelled and found items, precision and recall of the matches, the mean Dice of the matches, and
how many labelled items are found closely (Dice ≥ --close, 0.8 by default).

    python scripts/eval_items.py [--real ../shared/corpus/real] [--show] [--json]
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


def _figures(row: dict) -> dict:
    p = row["matched"] / max(row["pred"], 1)
    r = row["matched"] / max(row["gold"], 1)
    return dict(row, precision=round(p, 3), recall=round(r, 3), f1=round(2 * p * r / max(p + r, 1e-9), 3),
                mean_dice=round(row["dice"] / max(row["matched"], 1), 3), dice=round(row["dice"], 3))


def _print_row(r: dict) -> None:
    print(f"{r['report'][:30]:30} {r['gold']:4} {r['pred']:5} {r['matched']:5} {r['precision']:5.2f} "
          f"{r['recall']:5.2f} {r['mean_dice']:5.2f} {r['close']:5} {r['kind_ok']:4}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", type=Path, default=REPO / ".." / "shared" / "corpus" / "real")
    ap.add_argument("--show", action="store_true", help="print unmatched items")
    ap.add_argument("--close", type=float, default=0.8, help="Dice at which a labelled item counts as found closely")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not args.real.is_dir():
        print(f"{args.real} not found", file=sys.stderr)
        return 2
    tot = {"gold": 0, "pred": 0, "matched": 0, "close": 0, "kind_ok": 0, "dice": 0.0}
    rows = []
    if not args.json:
        print(f"{'report':30} {'gold':>4} {'found':>5} {'match':>5} {'P':>5} {'R':>5} {'dice':>5} "
              f"{'R@' + format(args.close, '.1f'):>5} {'kind':>4}")
    for ij in sorted(args.real.glob("*.items.json")):
        src = source_of(ij)
        gold = json.loads(ij.read_text(encoding="utf-8"))["items"]
        items = split_items(problems_section(read_text(src))) if src else []
        m = match([i.text for i in items], [g["text"] for g in gold])
        row = {"report": ij.name[:-11], "gold": len(gold), "pred": len(items), "matched": len(m),
               "close": sum(x >= args.close for _, _, x in m),
               "kind_ok": sum(items[i].kind == gold[j]["kind"] for i, j, _ in m),
               "dice": sum(x for _, _, x in m)}
        rows.append(_figures(row))
        if not args.json:
            _print_row(rows[-1])
        if args.show and not args.json:
            for i, it in enumerate(items):
                if i not in {a for a, _, _ in m}:
                    print("   + extra:", it.kind, it.text[:70].replace("\n", ""))
            for j, g in enumerate(gold):
                if j not in {b for _, b, _ in m}:
                    print("   - missed:", g["kind"], g["text"][:70])
            for i, j, x in m:
                if x < args.close:
                    print(f"   ~ {x:.2f}:", items[i].text[:70].replace("\n", ""))
        for k in tot:
            tot[k] += row[k]
    total = _figures(dict(tot, report="overall"))
    if args.json:
        print(json.dumps({"reports": rows, "overall": total}, ensure_ascii=False, indent=1))
        return 0
    _print_row(total)
    print(f"\nitems: labelled {tot['gold']}, found {tot['pred']}, matched {tot['matched']} "
          f"(precision {total['precision']:.3f}, recall {total['recall']:.3f}, F1 {total['f1']:.3f}); "
          f"mean Dice of matches {total['mean_dice']:.3f}; found at Dice ≥ {args.close} {tot['close']}/{tot['gold']}; "
          f"kind correct on matches {tot['kind_ok']}/{tot['matched']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
