"""Map the pipeline over many files in chunks (serial, local processes or a Dask cluster),
record every failure and continue, and stream the results to the outputs in input order."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .pipeline import Pipeline, Settings, failed_report
from .schema import Report

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".text", ".htm", ".html", ".shtml", ".docx", ".pdf", ".md", ".markdown"}

_PIPELINE: Optional[Pipeline] = None
_PIPELINE_SETTINGS: Optional[Settings] = None


def find_inputs(root: Path, suffixes: Iterable[str] = SUFFIXES) -> list[Path]:
    """Every report file below ``root`` (or ``root`` itself), sorted for a deterministic order.
    Files of other kinds are skipped, except files with no suffix, which are sniffed."""
    root = Path(root)
    if root.is_file():
        return [root]
    sfx = set(suffixes)
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            p = Path(dirpath) / name
            if name.startswith(".") or name.endswith((".json", ".jsonl", ".csv")):
                continue
            if p.suffix.lower() in sfx or p.suffix == "":
                out.append(p)
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


def run_batch(paths: Sequence[Path], settings: Settings, options: BatchOptions,
              on_chunk: Optional[Callable[[list[Report]], None]] = None) -> Iterator[Report]:
    """Yield reports in input order, chunk by chunk, whatever the backend."""
    strs = [str(p) for p in paths]
    chunks = list(chunked(strs, max(1, options.chunk_size)))
    if options.dask:
        yield from _run_dask(chunks, settings, options)
        return
    if options.workers <= 1 or len(chunks) <= 1:
        for ch in chunks:
            yield from process_chunk(ch, settings)
        return
    from joblib import Parallel, delayed
    par = Parallel(n_jobs=options.workers, backend="loky", return_as="generator")
    for reports in par(delayed(process_chunk)(ch, settings) for ch in chunks):
        yield from reports


def _run_dask(chunks, settings: Settings, options: BatchOptions) -> Iterator[Report]:
    from dask.distributed import Client, LocalCluster
    cluster = None
    if options.dask == "local":
        cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(options.dask)
    try:
        window = max(2, 2 * len(client.scheduler_info().get("workers", {})) or 4)
        futures = []
        it = iter(chunks)
        for ch in it:  # keep a bounded number of chunks in flight, yield in order
            futures.append(client.submit(process_chunk, list(ch), settings, pure=False))
            if len(futures) >= window:
                yield from futures.pop(0).result()
        for f in futures:
            yield from f.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
