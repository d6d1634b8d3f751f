"""Compare the parser's cells with the hand-made truth of the real reports in ../shared.

    python scripts/eval_parse.py [--verbose]

Every source file of every report that has a ``*.tables.json`` is read (one truth serves the
``.txt`` and the ``.html`` of the same report). Prints, per file: cells exact; cells uncertain
with the truth among their alternatives (``Report.cell_alternatives``); cells wrong (neither);
then every wrong or uncertain cell. Acceptance: no cell wrong.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from disclosure_nlp.pipeline import parse_file

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
TABLES = ("active_disclosure", "applications", "review_litigation")


@dataclass
class Score:
    exact: int = 0
    uncertain: int = 0  # not read as the truth, but the truth is among the cell's alternatives
    wrong: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)


def compare(report, truth: dict) -> Score:
    s = Score()
    alts = report.cell_alternatives or {}
    for tbl in TABLES:
        got = getattr(report, tbl) or {}
        for row, cols in (truth.get(tbl) or {}).items():
            for col, want in cols.items():
                s.total += 1
                path = f"{tbl}.{row}.{col}"
                have = (got.get(row) or {}).get(col, "MISSING")
                if have == want:
                    s.exact += 1
                elif path in alts and want in alts[path]:
                    s.uncertain += 1
                    s.lines.append(f"~ {path}: read {have}, truth {want} among {list(alts[path])}")
                else:
                    s.wrong += 1
                    s.lines.append(f"X {path}: read {have}, truth {want}"
                                   + (f" (alternatives {list(alts[path])})" if path in alts else ""))
    return s


def sources(stem: str) -> list[Path]:
    return sorted(p for p in REAL.glob(stem + ".*") if not p.name.endswith(".json"))


def main(verbose: bool = False) -> int:
    if not REAL.exists():
        print(f"{REAL} not found")
        return 2
    grand = Score()
    print(f"{'file':36} {'exact':>6} {'uncert':>6} {'wrong':>6} {'cells':>6}  layout status")
    for tj in sorted(REAL.glob("*.tables.json")):
        truth = json.loads(tj.read_text(encoding="utf-8"))
        stem = tj.name[: -len(".tables.json")]
        for src in sources(stem):
            rep = parse_file(src)
            s = compare(rep, truth)
            for k in ("exact", "uncertain", "wrong", "total"):
                setattr(grand, k, getattr(grand, k) + getattr(s, k))
            print(f"{src.name:36} {s.exact:6} {s.uncertain:6} {s.wrong:6} {s.total:6}  "
                  f"{rep.format_version} {rep.status}")
            for line in s.lines:
                print("    ", line)
            if verbose:
                for w in rep.warnings:
                    print("    W", w[:240])
    pct = 100 * grand.exact / max(grand.total, 1)
    print(f"{'TOTAL':36} {grand.exact:6} {grand.uncertain:6} {grand.wrong:6} {grand.total:6}  "
          f"({pct:.1f}% exact, {grand.wrong} wrong)")
    return 1 if grand.wrong else 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv))
