"""Throughput, memory and backends of the scan, on generated corpora (issue 5).

    python scripts/bench.py [--n 300] [--few 40] [--formats txt,glued,html,md,docx,pdf]
                            [--rss 10000] [--replay 10000,100000] [--pool 2000] [--compare 2000]
                            [--workers 2] [--seed 1] [--repeat 3] [--only throughput,rss,replay,backends]
                            [--keep DIR]

Three tables, nothing asserted:

1. ``throughput``: per input format, ``--n`` generated reports (``--few`` for docx and pdf), one
   process, one core. Reports/s of the whole pipeline as a scan worker runs it (``process_chunk``
   on chunks of ``--chunk-size`` files: read, parse, every stage), of read + parse
   alone, and of word segmentation alone (jieba and rjieba) on the same documents' text; the
   pipeline/segmentation cost ratio is pipeline seconds ÷ rjieba seconds. Each is the best of
   ``--repeat`` runs. A second table splits the pipeline's time by stage (read, parse, items,
   themes, figures, checks; ``Pipeline.process_files(timings=...)``).
2. ``rss``: for each size in ``--rss``, a corpus of txt and html reports is generated (streamed
   to a temporary folder), then scanned by a fresh process with ``--workers`` workers; its peak
   RSS (``VmHWM``) and the peak RSS of the whole process tree (sampled with psutil) are
   printed, with the bytes per report the scan retains (the growth from the smallest to the
   largest size) and the peak size of the scan's spool (the SQLite files in ``OUT/.spool-*``
   where review summaries and corpus-rule signatures wait instead of memory).
3. ``replay``: what grows with the corpus is the client process (workers hold one chunk each),
   so, for sizes too large to run the pipeline on here, a fresh process runs ``scan`` with the
   pipeline replaced by a replay: ``--pool`` generated reports, processed once, come back under
   new paths and agency names, each 五 text spliced with another report's (so the corpus rules
   see distinct texts, not ``N / pool`` copies). Everything the client does (outputs, review
   summaries, signatures, corpus rules) runs as in a real scan; its peak RSS is printed.
4. ``backends``: one corpus of ``--compare`` reports scanned serially, with ``--workers`` local
   processes and with a Dask LocalCluster of ``--workers`` workers; seconds and whether the
   outputs are byte-identical to the serial run.

The theme stage runs when the packaged model (``disclosure_nlp/data/themes.skops``) exists; otherwise every other stage runs (said
in the header).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from disclosure_nlp.batch import BatchOptions, chunked, find_inputs, process_chunk
from disclosure_nlp.scanner import scan
from disclosure_nlp.export.spool import SPOOL_PREFIX
from disclosure_nlp.generate import generate_corpus
from disclosure_nlp.narrative.segment import available_backends, tokenize
from disclosure_nlp.paths import default_model
from disclosure_nlp.pipeline import Pipeline, Settings, parse_file
from disclosure_nlp.read import read_file

FORMATS = ("txt", "glued", "html", "md", "docx", "pdf")
SLOW_FORMATS = ("docx", "pdf")
OUTPUTS = ("flags.csv", "themes.csv", "unanswered.csv", "status.csv", "reports.jsonl", "review.html")


def pipeline_settings() -> Settings:
    return Settings() if default_model().exists() else Settings(stages=("items", "figures", "checks"))


def _timed(fn, items, repeat: int = 1) -> float:
    """Seconds to apply ``fn`` to every item; with ``repeat`` > 1 the best of that many runs
    (as timeit does: the other runs measure the machine's other load, not the code)."""
    items = list(items)
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        for x in items:
            fn(x)
        best = min(best, time.perf_counter() - t)
    return best


# ------------------------------------------------------------------ 1. throughput per format

def throughput(args, work: Path) -> list[dict]:
    settings = pipeline_settings()
    backends = [b for b in ("jieba", "rjieba") if b in available_backends()]
    rows = []
    for fmt in args.formats:
        n = args.few if fmt in SLOW_FORMATS else args.n
        folder = work / f"fmt_{fmt}"
        generate_corpus(folder, n=n, seed=args.seed, formats=(fmt,), defect_rate=0.2)
        paths = find_inputs(folder)
        strs = [str(p) for p in paths]
        process_chunk(strs[:2], settings)  # warm-up: dictionaries and models load once per process
        texts = [read_file(p).text for p in paths]
        row = {"format": fmt, "n": len(paths),
               "pipeline_s": _timed(lambda ch: process_chunk(ch, settings), chunked(strs, args.chunk_size),
                                    args.repeat),
               "parse_s": _timed(parse_file, paths, args.repeat),
               "chars": sum(map(len, texts)) / len(texts)}
        for b in backends:
            tokenize(texts[0], backend=b)
            row[f"{b}_s"] = _timed(lambda t: tokenize(t, backend=b), texts, args.repeat)
        pipe = Pipeline(settings)
        runs = []
        for _ in range(max(1, args.repeat)):  # one more pass, a clock around each stage; the best
            stages: dict[str, float] = {}
            for ch in chunked(strs, args.chunk_size):
                pipe.process_files(ch, timings=stages)
            runs.append(stages)
        row["stages"] = min(runs, key=lambda st: sum(st.values()))
        rows.append(row)
        print(f"  {fmt}: {len(paths)} reports done", file=sys.stderr)

    def rate(n, s):
        return f"{n / s:10.1f}" if s else f"{'-':>10}"

    print(f"\n## throughput: one process, one core, best of {args.repeat} runs (stages: {', '.join(settings.stages)})")
    print(f"{'format':<7} {'n':>5} {'chars':>7} {'pipeline/s':>10} {'parse/s':>10} {'jieba/s':>10} "
          f"{'rjieba/s':>10} {'pipe/rjieba':>11} {'pipe/jieba':>10}")
    for r in rows:
        n = r["n"]
        rj, jb = r.get("rjieba_s"), r.get("jieba_s")
        print(f"{r['format']:<7} {n:>5} {r['chars']:>7.0f} {rate(n, r['pipeline_s'])} {rate(n, r['parse_s'])} "
              f"{rate(n, jb)} {rate(n, rj)} "
              f"{(r['pipeline_s'] / rj if rj else float('nan')):>11.2f} "
              f"{(r['pipeline_s'] / jb if jb else float('nan')):>10.2f}")
    names = list(dict.fromkeys(k for r in rows for k in r["stages"]))
    print("\n## where the time goes: ms per report, by stage (second pass, one clock per stage)")
    print(f"{'format':<7} " + " ".join(f"{k:>8}" for k in names) + f" {'total':>8} {'rjieba':>8}")
    for r in rows:
        n, st = r["n"], r["stages"]
        rj = r.get("rjieba_s")
        print(f"{r['format']:<7} " + " ".join(f"{1000 * st.get(k, 0) / n:>8.2f}" for k in names)
              + f" {1000 * sum(st.values()) / n:>8.2f} {(1000 * rj / n if rj else float('nan')):>8.2f}")
    return rows


# ------------------------------------------------------------------ 2. peak RSS by corpus size

def peak_rss_mb() -> float:
    """This process's peak RSS. Linux's ``ru_maxrss`` keeps the parent's RSS at fork across exec,
    so a child of a big bench process would report the parent's size: read ``VmHWM`` instead."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _spool_bytes(out: Path) -> int:
    total = 0
    for folder in out.glob(SPOOL_PREFIX + "*"):
        try:
            total += sum(f.stat().st_size for f in folder.iterdir())
        except OSError:  # removed while we looked
            pass
    return total


def scan_child(root: str, out: str, workers: int, chunk_size: int) -> None:
    """Run in a fresh process: scan ``root`` and print one JSON line of timings, peak RSS and
    the spool's peak size on disk."""
    peak = {"tree": 0, "spool": 0}
    stop = threading.Event()

    def sample():
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not stop.is_set():
            peak["tree"] = max(peak["tree"], _tree_rss(me))
            peak["spool"] = max(peak["spool"], _spool_bytes(Path(out)))
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t = time.perf_counter()
    result = scan(root, out, pipeline_settings(), BatchOptions(workers=workers, chunk_size=chunk_size))
    seconds = time.perf_counter() - t
    stop.set()
    sampler.join()
    print(json.dumps({"n": result.n_inputs, "seconds": seconds, "by_status": result.by_status,
                      "main_peak_mb": peak_rss_mb(),
                      "tree_peak_mb": peak["tree"] / 2**20, "spool_peak_mb": peak["spool"] / 2**20}))


def _generate_mixed(folder: Path, n: int, seed: int) -> float:
    t = time.perf_counter()
    generate_corpus(folder, n=n, seed=seed, formats=("txt", "html"), defect_rate=0.2, mix=True)
    return time.perf_counter() - t


def rss(args, work: Path) -> list[dict]:
    rows = []
    for n in args.rss:
        folder, out = work / f"rss_{n}", work / f"rss_{n}_out"
        gen_s = _generate_mixed(folder, n, args.seed)
        print(f"  generated {n} reports in {gen_s:.0f} s; scanning", file=sys.stderr)
        proc = subprocess.run([sys.executable, __file__, "_scan", str(folder), str(out), str(args.workers),
                               str(args.chunk_size)], capture_output=True, text=True, check=True)
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["out_mb"] = sum(f.stat().st_size for f in out.iterdir()) / 2**20
        rows.append(row)
        print(f"  {n}: {row}", file=sys.stderr)
        if not args.keep:
            _remove(folder)
    print(f"\n## peak RSS of a scan ({args.workers} workers, chunks of {args.chunk_size}; txt and html)")
    print(f"{'reports':>8} {'seconds':>8} {'reports/s':>9} {'main MB':>8} {'tree MB':>8} {'outputs MB':>10} "
          f"{'spool MB':>8}")
    for r in rows:
        print(f"{r['n']:>8} {r['seconds']:>8.0f} {r['n'] / r['seconds']:>9.1f} {r['main_peak_mb']:>8.0f} "
              f"{r['tree_peak_mb']:>8.0f} {r['out_mb']:>10.1f} {r.get('spool_peak_mb', 0):>8.0f}")
    if len(rows) > 1:
        lo, hi = rows[0], rows[-1]
        per = (hi["main_peak_mb"] - lo["main_peak_mb"]) * 2**20 / max(1, hi["n"] - lo["n"])
        print(f"main process growth: {per:.0f} bytes per report retained")
    return rows


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ 3. client memory by replay

def replay_child(pool_jsonl: str, n: int, out: str, chunk_size: int) -> None:
    """Run in a fresh process: ``scan`` of ``n`` reports replayed from a pool (see the docstring)."""
    from disclosure_nlp import batch, scanner
    from disclosure_nlp.export.jsonl import read_reports

    pool = list(read_reports(pool_jsonl))
    size = len(pool)

    def variant(i: int):
        k, r = divmod(i, size)
        base, other = pool[r], pool[(r + 7 * k + 1) % size]
        a, b = base.sections.get("problems", ""), other.sections.get("problems", "")
        source = f"replay/{k:03d}/{Path(base.source).name}"
        return base.evolve(source=source, agency=f"{k:03d}组{base.agency}" if base.agency else None,
                           sha256=hashlib.sha256(source.encode()).hexdigest(),
                           sections={**base.sections, "problems": a[: len(a) // 2] + b[len(b) // 2:]})

    names = [f"replay/{i // size:03d}/{Path(pool[i % size].source).name}" for i in range(n)]
    scanner._input_files = lambda root, skip=(): names  # the scan's own references
    scanner.iter_chunks = lambda paths, settings, options: (
        [variant(i) for i in ch] for ch in batch.chunked(range(n), chunk_size))
    base_mb = peak_rss_mb()
    t = time.perf_counter()
    result = scan(".", out, pipeline_settings(), BatchOptions(workers=1, chunk_size=chunk_size))
    print(json.dumps({"n": result.n_inputs, "seconds": time.perf_counter() - t, "pool_mb": base_mb,
                      "flags": result.by_severity,
                      "main_peak_mb": peak_rss_mb()}))


def replay(args, work: Path) -> list[dict]:
    pool_dir, pool_out = work / "pool", work / "pool_out"
    _generate_mixed(pool_dir, args.pool, args.seed)
    scan(pool_dir, pool_out, pipeline_settings(), BatchOptions(workers=args.workers, chunk_size=args.chunk_size))
    rows = []
    for n in args.replay:
        out = work / f"replay_{n}_out"
        proc = subprocess.run([sys.executable, __file__, "_replay", str(pool_out / "reports.jsonl"), str(n),
                               str(out), str(args.chunk_size)], capture_output=True, text=True, check=True)
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["out_mb"] = sum(f.stat().st_size for f in out.iterdir()) / 2**20
        rows.append(row)
        print(f"  replay {n}: {row}", file=sys.stderr)
        if not args.keep:
            _remove(out)
    print(f"\n## client peak RSS, pipeline replayed from {args.pool} generated reports (txt and html)")
    print(f"{'reports':>8} {'seconds':>8} {'pool MB':>8} {'main MB':>8} {'outputs MB':>10}  flags")
    for r in rows:
        print(f"{r['n']:>8} {r['seconds']:>8.0f} {r['pool_mb']:>8.0f} {r['main_peak_mb']:>8.0f} "
              f"{r['out_mb']:>10.1f}  {r['flags']}")
    if len(rows) > 1:
        lo, hi = rows[0], rows[-1]
        per = (hi["main_peak_mb"] - lo["main_peak_mb"]) * 2**20 / max(1, hi["n"] - lo["n"])
        print(f"client growth: {per:.0f} bytes per report")
    return rows


# ------------------------------------------------------------------ 4. local workers vs Dask

def backends(args, work: Path) -> list[dict]:
    folder = work / "backends"
    _generate_mixed(folder, args.compare, args.seed)
    settings = pipeline_settings()
    runs = [("serial", BatchOptions(workers=1, chunk_size=args.chunk_size)),
            (f"loky x{args.workers}", BatchOptions(workers=args.workers, chunk_size=args.chunk_size)),
            (f"dask local x{args.workers}", BatchOptions(workers=args.workers, chunk_size=args.chunk_size,
                                                         dask="local"))]
    rows, reference = [], None
    for name, options in runs:
        out = work / f"backends_{name.replace(' ', '_')}"
        t = time.perf_counter()
        result = scan(folder, out, settings, options)
        seconds = time.perf_counter() - t
        data = {f: (out / f).read_bytes() for f in OUTPUTS}
        reference = reference or data
        rows.append({"backend": name, "n": result.n_inputs, "seconds": seconds,
                     "differ": [f for f in OUTPUTS if data[f] != reference[f]]})
        print(f"  {name}: {seconds:.1f} s", file=sys.stderr)
    print(f"\n## backends: {args.compare} reports (txt and html), chunks of {args.chunk_size}")
    print(f"{'backend':<16} {'seconds':>8} {'reports/s':>9} {'identical to serial':>20}")
    for r in rows:
        print(f"{r['backend']:<16} {r['seconds']:>8.1f} {r['n'] / r['seconds']:>9.1f} "
              f"{'yes' if not r['differ'] else 'NO: ' + ', '.join(r['differ']):>20}")
    return rows


def main(argv=None) -> None:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] in ("_scan", "_replay"):
        a, b, c, d = sys.argv[2:6]
        if sys.argv[1] == "_scan":
            scan_child(a, b, int(c), int(d))
        else:
            replay_child(a, int(b), c, int(d))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300, help="reports per text format (throughput)")
    ap.add_argument("--few", type=int, default=40, help="reports for docx and pdf (throughput)")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--rss", default="10000", help="corpus sizes scanned for real (peak RSS table)")
    ap.add_argument("--replay", default="10000,100000", help="corpus sizes for the client's replayed scan")
    ap.add_argument("--pool", type=int, default=2000, help="generated reports the replay draws from")
    ap.add_argument("--compare", type=int, default=2000, help="reports for the backends table")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--chunk-size", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=3, help="throughput: best of this many timed runs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", default="throughput,rss,replay,backends")
    ap.add_argument("--keep", help="write the corpora and outputs here and keep them")
    args = ap.parse_args(argv)
    args.formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    args.rss = [int(x) for x in args.rss.split(",") if x.strip()]
    args.replay = [int(x) for x in args.replay.split(",") if x.strip()]
    only = {x.strip() for x in args.only.split(",")}
    print(f"bench: python {sys.version.split()[0]}, {os.cpu_count()} cores; n={args.n} few={args.few} "
          f"rss={args.rss} replay={args.replay} pool={args.pool} compare={args.compare} workers={args.workers}; stages: "
          f"{', '.join(pipeline_settings().stages)}")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if "throughput" in only:
            throughput(args, work)
        if "rss" in only:
            rss(args, work)
        if "replay" in only:
            replay(args, work)
        if "backends" in only:
            backends(args, work)


if __name__ == "__main__":
    main()
