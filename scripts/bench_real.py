"""The scan on real-like text, as a user runs it (issue 13): whole process, startup and outputs in.

    python scripts/bench_real.py [--n 3000] [--formats txt,html,pdf] [--template-share 0.33]
                                 [--only throughput,template] [--keep DIR]

Real reports are read from ``../shared/corpus/real`` at run time (they are not ours: nothing of
them is written anywhere but a temporary folder, removed at the end) and turned into ``--n``
real-like reports per format: each gets an invented agency name, and every figure its narrative
states (a number before 件/条/个/次/项/人/家/场/期/余) moves by a small amount, so no two files are
byte copies. Tables are kept as printed (a glued row stays glued).

Tables printed, nothing asserted (timings are noisy: read the ratios, measured in one run):

1. ``throughput``, per format: the whole process ``disclosure-nlp scan DIR --workers 1``
   (startup, reading, every stage, the corpus rules, every output) in seconds and reports/s; rjieba
   (or jieba) segmenting the same documents' text in one process; the ratio scan ÷ segmentation;
   and the milliseconds per report by stage, from the pipeline run in process on the same files
   (``Pipeline.process_files(timings=...)``, after ``gc.freeze()`` as a scan worker does);
   ``startup`` is the same scan of a folder holding one of the files (imports, model, segmenter),
   and ``rest`` the milliseconds per report the scan spends outside startup and the stages
   (corpus rules, their signatures, the outputs).
2. ``template``: the same scan on a corpus where ``--template-share`` of the reports carry another
   report's section 五 (county departments copy each other), beside the plain corpus: the ratio
   of the two times tells what template text costs the corpus rules (BOILERPLATE-PEER).
"""
from __future__ import annotations

import argparse
import gc
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from disclosure_nlp.narrative.segment import default_backend, tokenize
from disclosure_nlp.pipeline import Pipeline, Settings
from disclosure_nlp.read import read_file

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
FIGURE = re.compile(r"(?<![\d.])(\d{1,5})(?=\s*[件条个次项人家场期余])")
FIVE = re.compile(r"五\s*[、.．]\s*存在的主要问题及改进情况(.*?)(?=六\s*[、.．]\s*其他需要报告的事项)", re.S)
PLACES = "东南西北中"
NAME_CHARS = "青松翠柏金银铜铁江河湖海云雨风雷花草树木"
KINDS = ("人民政府", "教育局", "卫生健康委员会", "住房和城乡建设局", "交通运输局", "自然资源局", "财政局")


def _sources(formats: tuple[str, ...]) -> dict[str, list[tuple[Path, str]]]:
    """Real files by format, each with the agency name it prints (MANIFEST.csv)."""
    import csv

    manifest = {row["file"]: row["agency"] for row in csv.DictReader(open(REAL / "MANIFEST.csv", encoding="utf-8"))}
    out: dict[str, list[tuple[Path, str]]] = {f: [] for f in formats}
    for name, agency in sorted(manifest.items()):
        fmt = Path(name).suffix.lstrip(".")
        if fmt in out and "pre2019" not in name:
            out[fmt].append((REAL / name, agency))
    return {f: v for f, v in out.items() if v}


def _agency(i: int) -> str:
    """An invented agency name, one per ``i`` below 14,000, that the parser reads whole (no digit:
    ``东山市第1区教育局`` was read as ``区教育局``, so every copy of a source shared one agency and
    the corpus rules compared them all pairwise, which a real corpus never asks)."""
    return f"{PLACES[i % 5]}{NAME_CHARS[i // 5 % 20]}{NAME_CHARS[i // 100 % 20]}市{KINDS[i % len(KINDS)]}"


def _vary(text: str, agency: str, i: int) -> str:
    rng = random.Random(i)
    for name in dict.fromkeys((agency, agency.removesuffix("管委会"), agency.removesuffix("人民政府"))):
        text = text.replace(name, _agency(i))  # the full name first, then a shorter one left over
    return FIGURE.sub(lambda m: str(max(0, int(m.group(1)) + rng.randint(-2, 3))), text)


def build(folder: Path, fmt: str, sources: list[tuple[Path, str]], n: int, template_share: float = 0.0) -> None:
    """``n`` real-like files of one format in ``folder``; with ``template_share``, that share of the
    text reports take section 五 from another report of the corpus."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {}
    for k in range(n):
        path, agency = sources[k % len(sources)]
        target = folder / f"{k:05d}_{path.stem}.{fmt}"
        if fmt == "pdf":  # a PDF cannot be varied in place: a comment after %%EOF makes it another file
            target.write_bytes(path.read_bytes() + f"\n% copy {k}\n".encode())
            continue
        text = _vary(path.read_text(encoding="utf-8"), agency, k)
        if template_share and k and random.Random(k).random() < template_share:
            donor = texts[random.Random(-k).randrange(k)]
            m, d = FIVE.search(text), FIVE.search(donor)
            if m and d:
                text = text[:m.start(1)] + d.group(1) + text[m.end(1):]
        texts[k] = text
        target.write_text(text, encoding="utf-8")


def scan_seconds(folder: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from disclosure_nlp.cli import main; main()", "scan", str(folder),
                    "--out", str(out), "--workers", "1", "-q"], check=False, capture_output=True)
    return time.perf_counter() - t0


def segment_seconds(folder: Path) -> tuple[float, str]:
    texts = [read_file(p).text for p in sorted(folder.iterdir())]
    backend = default_backend()
    tokenize("预热", backend)
    t0 = time.perf_counter()
    for text in texts:
        tokenize(text, backend)
    return time.perf_counter() - t0, backend


def stage_ms(folder: Path, limit: int = 300) -> dict[str, float]:
    files = sorted(folder.iterdir())[:limit]
    timings: dict[str, float] = {}
    pipeline = Pipeline(Settings())
    gc.freeze()  # as batch._worker_pipeline does: the model out of the collector's sight
    pipeline.process_files(files, timings)
    gc.unfreeze()
    return {k: 1000 * v / len(files) for k, v in timings.items()}


def throughput(args, work: Path) -> None:
    print(f"\n## whole-process scan --workers 1 on real-like reports ({args.n} per format)\n")
    print("| format | scan s | reports/s | segmentation s | scan ÷ segmentation | startup s "
          "| ms per report by stage | rest ms |")
    print("|---|---|---|---|---|---|---|---|")
    for fmt, sources in _sources(tuple(args.formats.split(","))).items():
        folder = work / fmt
        build(folder, fmt, sources, args.n)
        seconds = scan_seconds(folder, work / f"out-{fmt}")
        one = work / f"one-{fmt}"
        one.mkdir()
        shutil.copy(next(iter(sorted(folder.iterdir()))), one)
        startup = scan_seconds(one, work / f"out-one-{fmt}")
        seg, backend = segment_seconds(folder)
        stages = stage_ms(folder)
        split = " / ".join(f"{k} {v:.2f}" for k, v in stages.items())
        rest = 1000 * (seconds - startup) / args.n - sum(stages.values())
        print(f"| {fmt} | {seconds:.1f} | {args.n / seconds:.0f} | {seg:.2f} ({backend}) | {seconds / seg:.1f} "
              f"| {startup:.1f} | {split} | {rest:.2f} |")


def template(args, work: Path) -> None:
    sources = _sources(("txt",))["txt"]
    plain, heavy = work / "plain", work / "template"
    build(plain, "txt", sources, args.n)
    build(heavy, "txt", sources, args.n, template_share=args.template_share)
    a = scan_seconds(plain, work / "out-plain")
    b = scan_seconds(heavy, work / "out-template")
    print(f"\n## template-heavy corpus ({args.n} glued-text reports, {args.template_share:.0%} sharing 五)\n")
    print(f"plain {a:.1f} s · template-heavy {b:.1f} s · ratio {b / a:.2f}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--formats", default="txt,html,pdf")
    ap.add_argument("--template-share", type=float, default=1 / 3)
    ap.add_argument("--only", default="throughput,template")
    ap.add_argument("--keep", help="build the corpora here and keep them")
    args = ap.parse_args(argv)
    if not REAL.is_dir():
        sys.exit(f"{REAL} not found: this benchmark builds its corpus from the shared real reports")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-real-"))
    try:
        for part in args.only.split(","):
            {"throughput": throughput, "template": template}[part](args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
