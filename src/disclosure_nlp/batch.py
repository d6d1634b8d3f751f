"""Map the pipeline over many files in chunks (serial, local processes or a Dask cluster),
record every failure and continue, and stream the results to the outputs in input order."""
from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .pipeline import Pipeline, Settings, failed_report
from .schema import Report

log = logging.getLogger(__name__)

# files beside the reports that are not reports (truth files, manifests, our own outputs)
SIDE_FILES = (".json", ".jsonl", ".csv", ".tsv")

_PIPELINE: Optional[Pipeline] = None
_PIPELINE_SETTINGS: Optional[Settings] = None


def find_inputs(root: Path, skip: Iterable[str] = SIDE_FILES) -> list[Path]:
    """Every file below ``root`` (or ``root`` itself), sorted for a deterministic order. Every
    file is an input, whatever its suffix (a .doc or an image gets a status and a reason), except
    hidden files and data side files (``skip`` suffixes, README/MANIFEST)."""
    root = Path(root)
    if root.is_file():
        return [root]
    skip = tuple(skip)
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or name.lower().endswith(skip) or name.upper().startswith(("README", "MANIFEST")):
                continue
            out.append(Path(dirpath) / name)
    return sorted(out, key=lambda p: str(p))


def _worker_pipeline(settings: Settings) -> Pipeline:
    global _PIPELINE, _PIPELINE_SETTINGS
    if _PIPELINE is None or _PIPELINE_SETTINGS != settings:
        _PIPELINE = Pipeline(settings)
        _PIPELINE_SETTINGS = settings
    return _PIPELINE


def process_chunk(paths: Sequence[str], settings: Settings) -> list[Report]:
    """Run the pipeline on a chunk of files; a crash on one file becomes a failed report."""
    pipe = _worker_pipeline(settings)
    out = []
    for p in paths:
        try:
            out.append(pipe.process_file(p))
        except Exception as exc:  # noqa: BLE001 - one file never stops the batch
            log.exception("processing %s", p)
            out.append(failed_report(p, f"crashed: {type(exc).__name__}: {exc}"))
    return out


def chunked(seq: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 1
    chunk_size: int = 64
    dask: Optional[str] = None  # scheduler address or "local"


def run_batch(paths: Sequence[Path], settings: Settings, options: BatchOptions) -> Iterator[Report]:
    """Yield reports in input order, whatever the backend."""
    for chunk in iter_chunks(paths, settings, options):
        yield from chunk


def iter_chunks(paths: Sequence[Path], settings: Settings, options: BatchOptions) -> Iterator[list[Report]]:
    """Yield lists of reports, one per chunk of input files, in input order."""
    strs = [str(p) for p in paths]
    chunks = list(chunked(strs, max(1, options.chunk_size)))
    if options.dask:
        yield from _run_dask(chunks, settings, options)
    elif options.workers <= 1 or len(chunks) <= 1:
        for ch in chunks:
            yield process_chunk(ch, settings)
    else:
        from joblib import Parallel, delayed
        par = Parallel(n_jobs=options.workers, backend="loky", return_as="generator")
        yield from par(delayed(process_chunk)(ch, settings) for ch in chunks)


def _run_dask(chunks, settings: Settings, options: BatchOptions) -> Iterator[list[Report]]:
    """Chunks as futures on a Dask cluster (per-document tasks cost far more in scheduling),
    a bounded number in flight, results yielded in input order."""
    from dask.distributed import Client, LocalCluster
    cluster = None
    if options.dask == "local":
        cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(options.dask)
    try:
        n_workers = len(client.scheduler_info().get("workers", {})) or 1
        window = max(4, 3 * n_workers)
        futures = []
        for ch in chunks:
            futures.append(client.submit(process_chunk, list(ch), settings, pure=False))
            if len(futures) >= window:
                yield futures.pop(0).result()
        for f in futures:
            yield f.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass
class ScanResult:
    out_dir: Path
    n_inputs: int = 0
    n_skipped: int = 0
    by_status: dict = field(default_factory=dict)
    by_severity: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)
    interrupted: bool = False


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def scan(root, out_dir, settings: Optional[Settings] = None, options: Optional[BatchOptions] = None,
         resume: bool = False, xlsx: bool = False,
         on_progress: Optional[Callable[[int, int], None]] = None) -> ScanResult:
    """Run the pipeline over every report below ``root`` and write the outputs to ``out_dir``:
    ``reports.jsonl``, ``flags.csv``, ``themes.csv``, ``unanswered.csv``, ``status.csv`` and
    ``review.html``. Results are streamed chunk by chunk; the corpus rules (year over year,
    boilerplate) run at the end on compact signatures. ``resume`` skips files whose content
    hash is already in ``reports.jsonl``. On Ctrl-C the outputs written so far are completed
    (valid files) and ``interrupted`` is set."""
    from .checks.base import CheckSettings
    from .checks.corpus import corpus_flags, normalize_agency, signature
    from .export.jsonl import read_reports
    from .export.outputs import ScanOutputs

    settings = settings or Settings()
    options = options or BatchOptions()
    overrides = dict(settings.check_overrides)
    if settings.rules:
        overrides["rules"] = tuple(settings.rules)
    check_settings = CheckSettings().with_overrides(overrides)
    paths = find_inputs(Path(root))
    result = ScanResult(out_dir=Path(out_dir), n_inputs=len(paths))
    sigs = []
    status: Counter = Counter()
    severity: Counter = Counter()

    def account(chunk: list[Report]) -> None:
        for r in chunk:
            status[r.status] += 1
            for f in r.flags:
                severity[f.severity] += 1
            if r.status != "failed":
                sigs.append(signature(r, check_settings))

    with ScanOutputs(out_dir, resume=resume, xlsx=xlsx, agency_key=normalize_agency) as outputs:
        if resume and outputs.done_hashes:
            for chunk in chunked(list(read_reports(outputs.reports.path)), 500):
                account(list(chunk))
            todo = [p for p in paths if file_sha256(p) not in outputs.done_hashes]
            result.n_skipped = len(paths) - len(todo)
        else:
            todo = paths
        done = result.n_skipped
        if on_progress:
            on_progress(done, len(paths))
        try:
            for chunk in iter_chunks(todo, settings, options):
                outputs.add(chunk)
                account(chunk)
                done += len(chunk)
                if on_progress:
                    on_progress(done, len(paths))
        except KeyboardInterrupt:
            result.interrupted = True
        cflags = corpus_flags(sigs, check_settings)
        for flags in cflags.values():
            for f in flags:
                severity[f.severity] += 1
        result.paths = outputs.finish(cflags)
    result.by_status = dict(status)
    result.by_severity = dict(severity)
    return result
