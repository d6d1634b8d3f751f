"""Time reading and parsing per report, by input format, on generated reports and the real corpus.

    python scripts/bench_parse.py [--n 200] [--seed 7] [--formats txt,glued,html,docx,pdf,md]
                                  [--pdf-compare 50] [--no-real]

Generated reports are rendered in memory first (not timed); then, for each format, every file's
bytes are read (``read_bytes``) and the RawDoc parsed (``parse_doc``), each timed on its own.
The real reports in ``../shared/corpus/real`` are timed from disk (``read_file``). One process,
one core. A second table compares text extraction by pypdfium2 (the default PDF reader) with
pdfplumber (plain ``extract_text`` and the table-finding reader) on the generated PDFs.
Prints tables; asserts nothing.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from disclosure_nlp.parse import parse_doc
from disclosure_nlp.read import read_bytes, read_file
from disclosure_nlp.schema import Report

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
FORMATS = ("txt", "glued", "html", "docx", "pdf", "md")
READ_AS = {"glued": "txt"}  # the reader format of each rendered format
YEARS = (2020, 2022, 2023)  # the 2019 layout for 2020, the 2021 layout after


@dataclass
class Row:
    name: str
    n: int = 0
    read_s: float = 0.0
    parse_s: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, read_s: float, parse_s: float, report: Report | None) -> None:
        self.n += 1
        self.read_s += read_s
        self.parse_s += parse_s
        status = report.status if report is not None else "failed"
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def line(self) -> str:
        n = max(1, self.n)
        total = self.read_s + self.parse_s
        rate = self.n / total if total else float("inf")
        status = " ".join(f"{k}={v}" for k, v in sorted(self.statuses.items()))
        return (f"{self.name:<14} {self.n:>5} {1000 * self.read_s / n:>10.2f} {1000 * self.parse_s / n:>10.2f}"
                f" {rate:>10.1f}   {status}")


HEADER = f"{'format':<14} {'n':>5} {'read ms':>10} {'parse ms':>10} {'reports/s':>10}   statuses"


def generated(n: int, seed: int):
    from disclosure_nlp.generate.draw import iter_corpus

    agencies = -(-n // len(YEARS))
    return list(islice(iter_corpus(agencies, YEARS, seed), n))


def render_all(reports, formats) -> dict[str, list[tuple[str, bytes]]]:
    from disclosure_nlp.generate.render import render

    out: dict[str, list[tuple[str, bytes]]] = {}
    for fmt in formats:
        t = time.perf_counter()
        out[fmt] = [(f"{r.key}.{fmt}", render(r, fmt)) for r in reports]
        print(f"rendered {len(reports)} {fmt} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return out


def time_one(read) -> tuple[float, float, Report | None]:
    """(read seconds, parse seconds, report) for one ``read()`` call; a file that fails to read
    counts its read time and no parse."""
    t0 = time.perf_counter()
    try:
        raw = read()
    except Exception:  # noqa: BLE001 - a benchmark records failures, it does not stop on them
        return time.perf_counter() - t0, 0.0, None
    t1 = time.perf_counter()
    report = parse_doc(raw)
    return t1 - t0, time.perf_counter() - t1, report


def bench_generated(files: dict[str, list[tuple[str, bytes]]]) -> list[Row]:
    rows = []
    for fmt, items in files.items():
        row = Row(fmt)
        as_fmt = READ_AS.get(fmt, fmt)
        if items:  # warm imports and caches up outside the timing
            time_one(lambda: read_bytes(items[0][1], items[0][0], as_fmt))
        for name, data in items:
            row.add(*time_one(lambda: read_bytes(data, name, as_fmt)))
        rows.append(row)
    return rows


def bench_real(real: Path) -> list[Row]:
    rows: dict[str, Row] = {}
    for path in sorted(real.iterdir()):
        if path.suffix.lower() not in (".txt", ".md", ".pdf", ".html", ".htm", ".docx") or \
                path.name.upper().startswith("README"):
            continue
        fmt = path.suffix.lower().lstrip(".")
        row = rows.setdefault(fmt, Row(f"real-{fmt}"))
        row.add(*time_one(lambda: read_file(path)))
    return list(rows.values())


def pdf_extraction(pdfs: list[tuple[str, bytes]]) -> list[tuple[str, float, int]]:
    """(method, seconds per report, characters extracted) for each PDF text extractor."""
    import pdfplumber
    import pypdfium2 as pdfium

    def pdfium_text(data: bytes) -> str:
        doc = pdfium.PdfDocument(data)
        try:
            return "\n".join(doc[i].get_textpage().get_text_bounded() for i in range(len(doc)))
        finally:
            doc.close()

    def plumber_text(data: bytes) -> str:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            return "\n".join(page.extract_text() or "" for page in doc.pages)

    methods = (
        ("pypdfium2 text", pdfium_text),
        ("pdfplumber text", plumber_text),
        ("read_pdf default", lambda d: read_bytes(d, "x.pdf", "pdf").text),
        ("read_pdf tables", lambda d: read_bytes(d, "x.pdf", "pdf", tables=True).text),
    )
    out = []
    for name, fn in methods:
        chars = 0
        t = time.perf_counter()
        for _, data in pdfs:
            chars += len(fn(data))
        out.append((name, (time.perf_counter() - t) / max(1, len(pdfs)), chars))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="generated reports per format")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: " + ",".join(FORMATS))
    ap.add_argument("--pdf-compare", type=int, default=50, help="generated PDFs for the extractor comparison")
    ap.add_argument("--no-real", action="store_true", help="skip the real corpus")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        print(f"unknown format(s) {unknown}; valid: {', '.join(FORMATS)}", file=sys.stderr)
        return 2

    files = render_all(generated(args.n, args.seed), formats)
    rows = bench_generated(files)
    if not args.no_real and REAL.is_dir():
        rows += bench_real(REAL)
    print(f"\nread and parse, per report (one process), seed {args.seed}")
    print(HEADER)
    for row in rows:
        print(row.line())

    if "pdf" in files and args.pdf_compare > 0:
        pdfs = files["pdf"][: args.pdf_compare]
        results = pdf_extraction(pdfs)
        base = results[0][1]
        print(f"\nPDF text extraction on {len(pdfs)} generated PDFs")
        print(f"{'method':<18} {'ms/report':>10} {'x pypdfium2':>12} {'chars':>10}")
        for name, sec, chars in results:
            print(f"{name:<18} {1000 * sec:>10.2f} {sec / base if base else float('nan'):>12.1f} {chars:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
