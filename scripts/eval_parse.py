"""Compare the parser's cells with the hand-made truth of the real reports in ../shared.

    python scripts/eval_parse.py [--verbose]

Prints cells read / cells total per file and every mismatch.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from disclosure_nlp.pipeline import parse_file

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
TABLES = ("active_disclosure", "applications", "review_litigation")


def compare(report, truth: dict) -> tuple[int, int, list[str]]:
    ok = n = 0
    bad = []
    for tbl in TABLES:
        got = getattr(report, tbl) or {}
        for row, cols in (truth.get(tbl) or {}).items():
            for col, want in cols.items():
                n += 1
                have = (got.get(row) or {}).get(col, "MISSING")
                if have == want:
                    ok += 1
                else:
                    bad.append(f"{tbl}.{row}.{col}: read {have}, truth {want}")
    return ok, n, bad


def main(verbose: bool = False) -> int:
    if not REAL.exists():
        print(f"{REAL} not found")
        return 2
    total_ok = total = 0
    for tj in sorted(REAL.glob("*.tables.json")):
        truth = json.loads(tj.read_text(encoding="utf-8"))
        stem = tj.name[: -len(".tables.json")]
        src = next(p for p in REAL.glob(stem + ".*") if not p.name.endswith(".json"))
        rep = parse_file(src)
        ok, n, bad = compare(rep, truth)
        total_ok += ok
        total += n
        print(f"{src.name:40} {rep.agency or '-':16} {rep.year} {rep.format_version} cells {ok}/{n} status={rep.status}")
        for b in bad:
            print("    ", b)
        if verbose:
            for w in rep.warnings:
                print("    W", w[:240])
    print(f"TOTAL cells {total_ok}/{total} ({100 * total_ok / max(total, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv))
