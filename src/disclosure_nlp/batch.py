"""Map the pipeline over many files in chunks (serial, local processes or a Dask cluster),
record every failure and continue, and stream the results to the outputs in input order."""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generator, Iterable, Iterator, Optional, Sequence

from .errors import BatchError, DisclosureError
from .iterate import chunked
from .i18n import t
from .pipeline import Pipeline, Settings, failed_report
from .schema import Report

log = logging.getLogger(__name__)

_PIPELINE: Optional[Pipeline] = None
_PIPELINE_SETTINGS: Optional[Settings] = None


def find_inputs(root: Path) -> list[Path]:
    """Every file below ``root`` (or ``root`` itself), sorted for a deterministic order. Every
    file is an input and gets a status: a .doc or an image is ``failed`` with its reason, a file
    beside the reports (README, MANIFEST, truth ``.json``, ``.csv``) is ``skipped`` with its
    reason (:func:`pipeline.skip_reason`). Only hidden folders (``.git``, a scan's spool) are
    not walked."""
    return [Path(p) for p in _input_files(root)]


def _input_files(root) -> list[str]:
    """:func:`find_inputs` as strings: a tenth of the memory of Path objects for 100k files."""
    root = Path(root)
    if root.is_file():
        return [str(root)]
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            out.append(os.path.join(dirpath, name))
    out.sort()
    return out


def _worker_pipeline(settings: Settings) -> Pipeline:
    global _PIPELINE, _PIPELINE_SETTINGS
    if _PIPELINE is None or _PIPELINE_SETTINGS != settings:
        _PIPELINE = Pipeline(settings)
        _PIPELINE_SETTINGS = settings
        # the model, dictionaries and modules live as long as the process: out of the cyclic
        # collector's sight, its full collections stop walking them (HTML reports: ~1.6x faster)
        gc.freeze()
    return _PIPELINE


def process_chunk(paths: Sequence[str], settings: Settings, sources: Optional[Sequence[str]] = None) -> list[Report]:
    """Run the pipeline on a chunk of files; a crash on one file becomes a failed report.

    ``sources`` (one per path) are the names the reports carry; the default is the path itself.
    The batch passes absolute paths (a Dask worker has its own working directory) and the paths
    as the user named them, so the outputs do not depend on where or how the scan ran."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # one core per chunk: more BLAS threads only contend (~1.5x slower)
        return _process_chunk(paths, settings, sources)


def _process_chunk(paths: Sequence[str], settings: Settings, sources: Optional[Sequence[str]]) -> list[Report]:
    pipe = _worker_pipeline(settings)
    try:  # the whole chunk through the stages at once (the themes stage classifies it in one call)
        reports = pipe.process_files(paths)
        return [_named(r, p, src) for r, p, src in zip(reports, paths, sources or paths)]
    except Exception:  # noqa: BLE001 - find the file at fault one by one
        log.exception("chunk failed; processing its files one by one")
    out = []
    for p, source in zip(paths, sources or paths):
        try:
            report = pipe.process_file(p)
        except Exception as exc:  # noqa: BLE001 - one file never stops the batch
            log.exception("processing %s", p)
            report = failed_report(source, t(f"处理时程序出错（{type(exc).__name__}: {exc}），请把该文件报告给维护者",
                                             f"crashed: {type(exc).__name__}: {exc}").replace(p, source),
                                   _sha_or_empty(p))
        out.append(_named(report, p, source))
    return out


def _named(report: Report, path: str, source: str) -> Report:
    """``report`` under the name the user gave its file: the absolute path a worker opened is
    replaced in its source, reason and warnings (outputs do not depend on where the scan ran)."""
    if report.source == source and path == source:
        return report
    reason = report.reason.replace(path, source) if report.reason else report.reason
    warnings = tuple(w.replace(path, source) for w in report.warnings)
    return report.evolve(source=source, reason=reason, warnings=warnings)




@dataclass(frozen=True)
class BatchOptions:
    workers: int = 1
    chunk_size: int = 64
    dask: Optional[str] = None  # scheduler address or "local"


def run_batch(paths: Sequence[Path], settings: Settings, options: BatchOptions) -> Iterator[Report]:
    """Yield reports in input order, whatever the backend."""
    for chunk in iter_chunks(paths, settings, options):
        yield from chunk


def iter_chunks(paths: Iterable[str | Path], settings: Settings,
                options: BatchOptions) -> Generator[list[Report], None, None]:
    """Yield lists of reports, one per chunk of input files, in input order, whatever the backend:
    serial, local processes (loky) or a Dask cluster. Workers get absolute paths; each report's
    ``source`` is the path as given. A chunk whose worker dies is redone file by file, so one bad
    file costs only its own report (``status="failed"``); a pipeline that cannot be built (unknown
    stage, no model) raises its DisclosureError with the first chunk. The client never builds the
    pipeline unless it runs the chunks itself (``workers=1``): its memory stays the outputs'."""
    settings = _portable(settings)
    chunks = (([os.path.abspath(str(p)) for p in ch], [str(p) for p in ch])
              for ch in chunked(paths, max(1, options.chunk_size)))
    if options.dask:
        yield from _run_dask(chunks, settings, options)
    elif options.workers <= 1:
        for abs_paths, sources in chunks:
            yield process_chunk(abs_paths, settings, sources)
    else:
        from joblib.externals.loky import get_reusable_executor

        client = os.getpid()

        def submit(*args):
            return get_reusable_executor(max_workers=options.workers, initializer=watch_parent,
                                         initargs=(client,)).submit(process_chunk, *args)
        yield from _in_order(submit, chunks, settings, window=2 * options.workers)


def watch_parent(parent: int, interval: float = 0.5) -> None:
    """In a worker process: exit as soon as ``parent`` (the scan) is gone, whatever killed it
    (SIGKILL included), so that no worker outlives its scan. A daemon thread compares the
    worker's parent pid with ``parent`` every ``interval`` seconds (an orphan is re-parented)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _portable(settings: Settings) -> Settings:
    """``settings`` with a relative model path made absolute (workers have their own cwd)."""
    if settings.model_path and not os.path.isabs(settings.model_path):
        return replace(settings, model_path=os.path.abspath(settings.model_path))
    return settings


def _in_order(submit, chunks: Iterator[tuple[list[str], list[str]]], settings: Settings,
              window: int) -> Iterator[list[Report]]:
    """Submit chunks with at most ``window`` in flight and yield their results in input order."""
    pending: deque[tuple[list[str], list[str], Any]] = deque()  # (abs_paths, sources, future)
    try:
        for abs_paths, sources in chunks:
            pending.append((abs_paths, sources, submit(abs_paths, settings, sources)))
            if len(pending) >= window:
                yield _chunk_result(submit, *pending.popleft(), settings)
        while pending:
            yield _chunk_result(submit, *pending.popleft(), settings)
    finally:
        for *_, fut in pending:
            fut.cancel()


def _chunk_result(submit, abs_paths: list[str], sources: list[str], future, settings: Settings) -> list[Report]:
    try:
        return future.result()
    except DisclosureError:
        raise  # the pipeline cannot be built there (unknown stage, no model): no file would do better
    except Exception as exc:  # noqa: BLE001 - a worker died (segfault, memory): redo file by file
        log.warning("a worker failed on the chunk starting with %s (%s): retrying its %d files one by one",
                    sources[0], type(exc).__name__, len(sources))
    out = []
    for path, source in zip(abs_paths, sources):
        try:
            out.extend(submit([path], settings, [source]).result())
        except DisclosureError:
            raise
        except Exception as exc:  # noqa: BLE001
            log.error("%s: the worker died processing it (%s)", source, type(exc).__name__)
            out.append(failed_report(source, t(f"处理该文件的工作进程意外退出（{type(exc).__name__}），文件可能过大或损坏",
                                               f"crashed: the worker processing this file died ({type(exc).__name__})"),
                                     _sha_or_empty(path)))
    return out


def _sha_or_empty(path) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return ""


def _run_dask(chunks, settings: Settings, options: BatchOptions) -> Iterator[list[Report]]:
    """Chunks as futures on a Dask cluster (per-document tasks cost far more in scheduling),
    a bounded number in flight, results yielded in input order."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise BatchError("--dask needs dask.distributed: pip install 'disclosure-nlp[dask]'") from exc
    cluster = None
    try:
        if options.dask == "local":
            cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(options.dask, timeout=30)
    except (OSError, TimeoutError, RuntimeError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise BatchError(f"cannot reach the Dask scheduler {options.dask!r} ({type(exc).__name__}: {exc}); "
                         f"give its address as tcp://HOST:8786, or 'local'") from exc
    try:
        _check_workers(client)
        n_workers = len(client.scheduler_info().get("workers", {})) or 1

        def submit(*args):
            return client.submit(process_chunk, *args, pure=False)
        yield from _in_order(submit, chunks, settings, window=max(4, 3 * n_workers))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _installed_version() -> str:
    from . import __version__
    return __version__


def _check_workers(client) -> None:
    """Every worker must run this package at the client's version (else the outputs could differ)."""
    try:
        versions = client.run(_installed_version)
    except Exception as exc:  # noqa: BLE001 - ModuleNotFoundError on the worker comes back as is
        raise BatchError(f"the Dask workers cannot import disclosure_nlp ({type(exc).__name__}: {exc}): "
                         f"install the same version on every worker") from exc
    mine = _installed_version()
    wrong = {w: v for w, v in versions.items() if v != mine}
    if wrong:
        raise BatchError(f"Dask workers run disclosure_nlp {sorted(set(wrong.values()))}, this client {mine}: "
                         f"install the same version on every worker ({', '.join(sorted(wrong))})")


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
