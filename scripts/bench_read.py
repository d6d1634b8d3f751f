"""Time the readers: every file of the real corpus, a few generated reports in every format,
and on PDFs pypdfium2 (the default path) against pdfplumber.

    python scripts/bench_read.py [--corpus ../shared/corpus/real] [--agencies 2] [--repeat 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from disclosure_nlp.errors import ReadError
from disclosure_nlp.read import SUFFIXES, read_file

REPO = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median wall time in ms of ``fn()`` over ``repeat`` runs, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def plumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def bench_files(paths: list[Path], repeat: int) -> list[tuple]:
    rows = []
    for p in paths:
        try:
            ms, doc = timed(lambda: read_file(p), repeat)
        except ReadError as exc:
            rows.append((p.name, "-", p.stat().st_size / 1024, 0, float("nan"), f"ReadError: {exc.reason}"))
            continue
        note = "; ".join(doc.warnings)
        rows.append((p.name, doc.fmt, p.stat().st_size / 1024, len(doc.text), ms, note))
    return rows


def bench_pdfs(paths: list[Path], repeat: int) -> list[tuple]:
    rows = []
    for p in paths:
        fast_ms, fast = timed(lambda: read_file(p), repeat)
        tables_ms, _ = timed(lambda: read_file(p, tables=True), repeat)
        plumber_ms, plumber = timed(lambda: plumber_text(p), repeat)
        rows.append((p.name, fast_ms, tables_ms, plumber_ms, plumber_ms / fast_ms,
                     len(fast.text), len(plumber)))
    return rows


def generated_files(out: Path, agencies: int) -> list[Path]:
    try:
        from disclosure_nlp.generate import draw_corpus
        from disclosure_nlp.generate.render import EXTENSIONS, FORMATS, render
    except ImportError:
        return []
    paths = []
    for i, report in enumerate(draw_corpus(agencies, [2020, 2023], seed=11)):
        for fmt in FORMATS:
            p = out / f"gen{i:02d}_{report.year}{EXTENSIONS[fmt]}"
            p.write_bytes(render(report, fmt))
            paths.append(p)
    return paths


def print_table(title: str, header: tuple[str, ...], rows: list[tuple]) -> None:
    def fmt(v) -> str:
        return f"{v:.1f}" if isinstance(v, float) else str(v)

    cells = [header] + [tuple(fmt(v) for v in r) for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "real")
    ap.add_argument("--agencies", type=int, default=2, help="generated agencies (two years each)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    header = ("file", "fmt", "KB", "chars", "ms", "warnings")

    read_file(Path(__file__))  # warm imports outside the timings (a .py is sniffed as text)
    real = sorted(p for p in args.corpus.glob("*") if p.suffix.lower() in SUFFIXES
                  and p.name != "README.md") if args.corpus.is_dir() else []
    if real:
        print_table(f"real corpus ({args.corpus})", header, bench_files(real, args.repeat))
    else:
        print(f"no real corpus at {args.corpus}", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        gen = generated_files(Path(tmp), args.agencies)
        if gen:
            rows = bench_files(gen, args.repeat)
            print_table("generated reports", header, rows)
            by_fmt: dict[str, list[float]] = {}
            for r in rows:
                by_fmt.setdefault(r[1], []).append(r[4])
            print_table("generated, mean ms per format", ("fmt", "files", "mean ms"),
                        [(f, len(v), statistics.mean(v)) for f, v in sorted(by_fmt.items())])
        pdfs = [p for p in real + gen if p.suffix.lower() == ".pdf"]
        if pdfs:
            print_table("PDF: pypdfium2 text (default) vs tables=True vs pdfplumber extract_text",
                        ("file", "pdfium ms", "tables=True ms", "plumber ms", "plumber/pdfium",
                         "pdfium chars", "plumber chars"), bench_pdfs(pdfs, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
