"""Map the pipeline over many files in chunks (serial, local processes or a Dask cluster),
record every failure and continue, and stream the results to the outputs in input order."""
from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import os
import signal
import threading
import time
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Generator, Iterable, Iterator, Optional, Sequence

from .errors import BatchError, DisclosureError
from .iterate import chunked
from .i18n import t
from .pipeline import Pipeline, Settings, failed_report
from .schema import NOT_ANALYSED, Report

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


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: valid outputs of what was done, then exit 143."""


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While the scan runs in the main thread, SIGTERM raises :class:`Terminated`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated()
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


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


@dataclass
class ScanResult:
    out_dir: Path
    n_inputs: int = 0
    n_skipped: int = 0
    by_status: dict = field(default_factory=dict)
    by_severity: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)
    interrupted: bool = False
    terminated: bool = False  # the interruption was SIGTERM


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def scan(root, out_dir, settings: Optional[Settings] = None, options: Optional[BatchOptions] = None,
         resume: bool = False, xlsx: bool = False,
         on_progress: Optional[Callable[[int, int], None]] = None, agencies=None) -> ScanResult:
    """:func:`_scan`, with SIGTERM handled as Ctrl-C is (``terminated`` is set too)."""
    with sigterm_as_interrupt():
        return _scan(root, out_dir, settings, options, resume, xlsx, on_progress, agencies)


def _scan(root, out_dir, settings: Optional[Settings] = None, options: Optional[BatchOptions] = None,
          resume: bool = False, xlsx: bool = False,
          on_progress: Optional[Callable[[int, int], None]] = None, agencies=None) -> ScanResult:
    """Run the pipeline over every report below ``root`` and write the outputs to ``out_dir``:
    ``reports.jsonl``, ``flags.csv``, ``themes.csv``, ``unanswered.csv``, ``status.csv`` and
    ``review.html``. Results are streamed chunk by chunk in input order; what is needed of every
    report at the end (a review summary, a signature for the corpus rules) is spooled to SQLite
    files in a hidden folder of ``out_dir``, removed when the scan ends, so the memory holds one
    chunk per worker whatever the corpus size. The corpus rules (year over year, boilerplate) run
    at the end on the spooled signatures. The outputs are byte-identical whatever the backend and
    the number of workers.

    ``resume`` skips every file whose path and content hash are already in ``reports.jsonl``
    (``n_skipped``). On Ctrl-C (``KeyboardInterrupt``) the chunk being written is completed, the
    outputs are closed as valid files and ``interrupted`` is set; a later ``resume`` finishes them.
    SIGTERM does the same and sets ``terminated``. Worker processes watch the scan's process and
    exit when it is gone, however it ended (:func:`watch_parent`).

    ``agencies``: an office's agency alias table (CSV ``name,canonical``) for the corpus rules."""
    from .agencies import load_aliases
    from .checks.base import CheckSettings
    from .checks.corpus import SignatureStore, normalize_agency, signature
    from .checks.resolve import write_resolved
    from .export.jsonl import read_reports
    from .export.outputs import REPORTS_FILE, ScanOutputs
    from .export.spool import Spool

    from .i18n import set_lang

    settings = settings or Settings()
    options = options or BatchOptions()
    set_lang(settings.lang)  # the corpus rules write their messages here, not in a worker
    overrides = dict(settings.check_overrides)
    if settings.rules:
        overrides["rules"] = tuple(settings.rules)
    check_settings = CheckSettings().with_overrides(overrides)
    aliases = load_aliases(agencies) if agencies else None  # a bad table fails before any output
    paths = _input_files(root)
    result = ScanResult(out_dir=Path(out_dir), n_inputs=len(paths))
    status: Counter = Counter()
    severity: Counter = Counter()
    spool = Spool(out_dir)  # made on first use: a scan that cannot start touches no output
    store: Optional[SignatureStore] = None

    def account(chunk: list[Report]) -> None:
        nonlocal store
        sigs = []
        for r in chunk:
            status[r.status] += 1
            for f in r.flags:
                severity[f.severity] += 1
            if r.status not in NOT_ANALYSED:
                sigs.append(signature(r, check_settings))
        if sigs:
            if store is None:
                store = SignatureStore(spool.path("signatures.sqlite"), aliases=aliases)
            store.add_many(sigs)

    try:
        todo = paths
        previous = Path(out_dir) / REPORTS_FILE
        if resume and previous.exists():
            done = _Done(spool.path("done.sqlite"))
            for chunk in chunked(read_reports(previous), 500):  # streamed: one chunk at a time
                done.add(chunk)
                account(chunk)
            todo = [p for p in paths if not _already_done(p, done)]
            result.n_skipped = len(paths) - len(todo)
            done.close()
        n_done = result.n_skipped
        chunks = iter_chunks(todo, settings, options)
        try:
            first = next(chunks, None)  # a Dask scheduler out of reach fails here, before any output is touched
        except KeyboardInterrupt as exc:
            first, result.interrupted = None, True
            result.terminated |= isinstance(exc, Terminated)
        with ScanOutputs(out_dir, resume=resume, xlsx=xlsx, agency_key=normalize_agency, spool=spool,
                         remember_done=False) as outputs:
            try:
                if on_progress:
                    on_progress(n_done, len(paths))
                for chunk in itertools.chain([first] if first is not None else [], chunks):
                    with _interrupt_after():
                        outputs.add(chunk)
                        account(chunk)
                    n_done += len(chunk)
                    if on_progress:
                        on_progress(n_done, len(paths))
            except KeyboardInterrupt as exc:
                result.interrupted = True
                result.terminated |= isinstance(exc, Terminated)
                log.warning("interrupted after %d of %d files: the outputs hold them; rerun with resume",
                            n_done, len(paths))
            finally:
                chunks.close()
            cflags: Iterable = ()
            resolved: list = []
            try:
                if store is not None:
                    store.run_rules(check_settings)  # their flags are spooled too
                    cflags = store.flags()
                    resolved = store.resolved()  # the second pass: glued cells by neighbouring years
            except KeyboardInterrupt as exc:  # Ctrl-C again: the outputs without the corpus rules' flags
                cflags, result.interrupted = (), True
                result.terminated |= isinstance(exc, Terminated)
                log.warning("interrupted: the corpus rules did not run")
            with _interrupt_after():
                outputs.add_corpus_flags(_counted(cflags, severity))
                result.paths = outputs.finish()
                result.paths["resolved"] = write_resolved(Path(out_dir) / "resolved.csv", resolved)
    finally:
        if store is not None:
            store.close()
        spool.close()
    result.by_status = dict(status)
    result.by_severity = dict(severity)
    return result


def _counted(groups: Iterable[tuple[str, list]], severity: Counter) -> Iterator[tuple[str, list]]:
    """The ``(source, [Flag])`` groups, their flags counted by severity as they pass."""
    for source, flags in groups:
        for f in flags:
            severity[f.severity] += 1
        yield source, flags


class _Done:
    """Path → content hash of the reports a previous run wrote (a spool file, not a dict)."""

    def __init__(self, path):
        from .export.spool import connect

        self._db = connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS done (source PRIMARY KEY, sha256)")

    def add(self, reports: Iterable[Report]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO done VALUES (?, ?)", [(r.source, r.sha256) for r in reports])
        self._db.commit()

    def find(self, source: str) -> Optional[tuple]:
        """``(sha256,)`` of ``source``'s report (the last one), or None when there is none."""
        return self._db.execute("SELECT sha256 FROM done WHERE source = ?", (source,)).fetchone()

    def close(self) -> None:
        self._db.close()


def _already_done(source: str, done: _Done) -> bool:
    """In the previous run's output with the same content (or unhashable then: unreadable)."""
    found = done.find(source)
    if found is None:
        return False
    if not found[0] or found[0] == _sha_or_empty(source):
        return True
    log.warning("%s changed since the interrupted run: processing it again", source)
    return False


@contextmanager
def _interrupt_after():
    """Hold Ctrl-C while a chunk is written, so no output ends mid-row; raise it afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list = []
    try:
        previous = {sig: signal.signal(sig, lambda signum, frame: caught.append(signum))
                    for sig in (signal.SIGINT, signal.SIGTERM)}
    except (ValueError, TypeError):  # no handler can be installed here
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            default = signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL
            signal.signal(sig, handler if handler is not None else default)
    if caught:
        raise Terminated() if signal.SIGTERM in caught else KeyboardInterrupt()
