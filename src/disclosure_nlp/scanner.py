"""The scan: every file of a folder through the batch, streamed into the outputs in input order,
then the corpus rules, with Ctrl-C and SIGTERM leaving valid outputs. ``batch`` runs the
chunks; ``export`` writes; this module orchestrates them (``disclosure-nlp scan`` calls
:func:`scan`)."""
from __future__ import annotations

import itertools
import logging
import signal
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .batch import BatchOptions, _input_files, _sha_or_empty, iter_chunks
from .iterate import chunked
from .pipeline import Settings
from .schema import NOT_ANALYSED, Report

log = logging.getLogger(__name__)

__all__ = ["scan", "ScanResult", "Terminated", "sigterm_as_interrupt"]


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
    from .export.tables import write_resolved
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
            try:
                for chunk in chunked(read_reports(previous), 500):  # streamed: one chunk at a time
                    done.add(chunk)
                    account(chunk)
                todo = [p for p in paths if not _already_done(p, done)]
            finally:
                done.close()
            result.n_skipped = len(paths) - len(todo)
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
            try:
                with _interrupt_after():  # the last outputs are written whole; a signal then is noted
                    outputs.add_corpus_flags(_counted(cflags, severity))
                    result.paths = outputs.finish()
                    result.paths["resolved"] = write_resolved(Path(out_dir) / "resolved.csv", resolved)
            except KeyboardInterrupt as exc:
                result.interrupted = True
                result.terminated |= isinstance(exc, Terminated)
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
