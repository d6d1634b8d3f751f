"""Every output of ``scan --out OUT``, written as chunks of reports arrive.

>>> with ScanOutputs(out, resume=resume, xlsx=xlsx) as outputs:
...     skip = outputs.done_hashes
...     for chunk in chunks:
...         outputs.add(chunk)
...     outputs.finish(corpus_flags)      # {source: [Flag]} of the corpus rules

``reports.jsonl`` is the record of the run. With ``resume=True`` its reports are kept (a half
written last line is dropped) and the CSVs and the review page are rebuilt from it before new
chunks are appended, so a resumed scan writes the same files as an uninterrupted one.

The review page is written last, from summaries kept in a spool file (:mod:`.spool`) rather
than in memory; the spool is removed by ``close()`` (also on error or Ctrl-C).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from ..iterate import chunked
from ..schema import Flag, Report
from .html import DEFAULT_TITLE, CorpusFlags, ReviewCollector, flags_by_source
from .jsonl import ReportsWriter, read_reports
from .spool import Spool
from .tables import CSV_WRITERS, FlagsWriter, write_xlsx
from .theme_summaries import ThemeSummaries

log = logging.getLogger(__name__)

REPORTS_FILE = "reports.jsonl"
REVIEW_FILE = "review.html"


class ScanOutputs:
    """``reports.jsonl``, ``flags.csv``, ``status.csv``, ``themes.csv``, ``unanswered.csv``,
    ``review.html`` and, with ``xlsx=True``, ``scan.xlsx`` in ``out_dir``.

    ``spool``: where the review summaries wait for ``finish`` (default: a spool of its own in
    ``out_dir``, removed by ``close``; a given one is the caller's to close).
    ``remember_done``: on resume, collect ``done_hashes`` and ``done_sources`` of the reports
    already written (a scan that keeps its own index says False: they grow with the corpus)."""

    def __init__(self, out_dir, resume: bool = False, xlsx: bool = False,
                 agency_key: Optional[Callable[[str], Optional[str]]] = None, title: str = DEFAULT_TITLE,
                 spool: Optional[Spool] = None, remember_done: bool = True):
        self.out_dir = Path(out_dir)
        self.resume = resume
        self.xlsx = xlsx
        self.agency_key = agency_key
        self.title = title
        self.reports = ReportsWriter(self.out_dir / REPORTS_FILE, resume=resume)
        self.csvs = {name: cls(self.out_dir / name) for name, cls in CSV_WRITERS.items()}
        self.summaries = ThemeSummaries(self.out_dir, agency_key=agency_key)  # theme_by_year.csv, …
        self.review = ReviewCollector(agency_key=agency_key, title=title)  # spooled once open
        self._spool = spool or Spool(self.out_dir)
        self._own_spool = spool is None
        self.remember_done = remember_done
        self.done_hashes: set[str] = set()
        self.done_sources: set[str] = set()
        self._open = False

    def open(self) -> "ScanOutputs":
        if self._open:
            return self
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.review.close()
        self.review = ReviewCollector(agency_key=self.agency_key, title=self.title,
                                      path=self._spool.path(REVIEW_FILE + ".sqlite"))
        self._flags_writer.meta = self.review.meta  # agency and year of corpus flags: from the review store
        self.reports.open()  # on resume: cuts a half-written last line first
        for w in self.csvs.values():
            w.open()
        self._open = True
        if self.resume and self.reports.path.stat().st_size:
            n = 0
            for chunk in chunked(read_reports(self.reports.path), 500):
                self._side_outputs(chunk, remember=self.remember_done)
                n += len(chunk)
            log.info("resume: %d reports already in %s", n, self.reports.path)
        return self

    def __enter__(self) -> "ScanOutputs":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def _flags_writer(self) -> FlagsWriter:
        writer = self.csvs["flags.csv"]
        assert isinstance(writer, FlagsWriter)  # CSV_WRITERS["flags.csv"]
        return writer

    def _close_files(self) -> None:
        self.reports.close()
        for w in self.csvs.values():
            w.close()
        if self._open:
            self.summaries.close()

    def close(self) -> None:
        """Close every file and remove the spool (the review page is written by ``finish``)."""
        self._close_files()
        self.review.close()
        if self._own_spool:
            self._spool.close()
        self._open = False

    def _side_outputs(self, chunk: list[Report], remember: bool = False) -> None:
        for w in self.csvs.values():
            w.add(chunk)
        self.summaries.add(chunk)
        self.review.add_many(chunk)
        if remember:  # only what a resumed run found already written
            for r in chunk:
                if r.sha256:
                    self.done_hashes.add(r.sha256)
                self.done_sources.add(r.source)

    def add(self, reports: Iterable[Report]) -> None:
        """Write one chunk of reports to every output (flushed)."""
        if not self._open:
            self.open()
        chunk = list(reports)
        self.reports.write_many(chunk)
        self._side_outputs(chunk)

    def add_corpus_flags(self, corpus_flags: Iterable[tuple[str, Sequence[Flag]]]) -> None:
        """Append corpus rules' flags as ``(source, [Flag])``, one report at a time in the order to
        write them, to ``flags.csv`` and to the review summaries (streamed: none are kept)."""
        def merged():
            for source, flags in corpus_flags:
                flags = list(flags)
                self.review.merge(source, flags)
                yield source, flags
        self._flags_writer.add_corpus_flags(merged())

    def finish(self, corpus_flags: Optional[CorpusFlags] = None) -> dict[str, Path]:
        """Append the corpus rules' flags (these and any given to ``add_corpus_flags``) to
        ``flags.csv``, write ``review.html`` (and the workbook), close; returns the paths written
        by name."""
        self.add_corpus_flags(flags_by_source(corpus_flags).items())
        self._close_files()
        paths = {"reports": self.reports.path, **{n.split(".")[0]: w.path for n, w in self.csvs.items()},
                 **{n.split(".")[0]: p for n, p in self.summaries.paths.items()}}
        paths["review"] = self.review.write(self.out_dir / REVIEW_FILE)
        if self.xlsx:
            paths["xlsx"] = write_xlsx(self.out_dir)
        self.close()
        return paths
