"""Segmentation throughput, jieba vs rjieba, on the same text (chars/s and their ratio).

    python scripts/bench_segment.py [FILE ...] [--repeat N]

Without files it uses the text reports of ../shared/corpus/real (or, when that folder is
absent, the labelled items of corpora/items). Dictionary loading is excluded (warm-up first).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from disclosure_nlp.narrative.segment import available_backends, tokenize

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / ".." / "shared" / "corpus" / "real"


def sample_text(files: list[Path]) -> str:
    if not files:
        files = sorted(p for p in REAL.glob("*") if p.suffix in (".txt", ".md")) if REAL.is_dir() else []
    if files:
        return "\n".join(p.read_text(encoding="utf-8") for p in files)
    return "\n".join(line for p in sorted((REPO / "corpora" / "items").glob("*.jsonl"))
                     for line in p.read_text(encoding="utf-8").splitlines())


def bench(text: str, backend: str, repeat: int) -> float:
    tokenize(text[:200], backend)  # load the dictionary first
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        tokenize(text, backend)
        best = min(best, time.perf_counter() - t)
    return len(text) / best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5, help="runs per backend; the best is kept")
    args = ap.parse_args(argv)
    text = sample_text(args.files)
    speeds = {}
    for backend in available_backends():
        speeds[backend] = bench(text, backend, args.repeat)
        print(f"{backend:7} {speeds[backend]:>12,.0f} chars/s")
    if len(speeds) == 2:
        same = tokenize(text, "jieba") == tokenize(text, "rjieba")
        print(f"rjieba / jieba: {speeds['rjieba'] / speeds['jieba']:.1f}x on {len(text):,} chars; "
              f"identical tokens: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
