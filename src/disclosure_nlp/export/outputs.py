"""Every output of ``scan --out OUT``, written as chunks of reports arrive.

>>> with ScanOutputs(out, resume=resume, xlsx=xlsx) as outputs:
...     skip = outputs.done_hashes
...     for chunk in chunks:
...         outputs.add(chunk)
...     outputs.finish(corpus_flags)      # {source: [Flag]} of the corpus rules

``reports.jsonl`` is the record of the run. With ``resume=True`` its reports are kept (a half
written last line is dropped) and the CSVs and the review page are rebuilt from it before new
chunks are appended, so a resumed scan writes the same files as an uninterrupted one.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..schema import Report
from .html import DEFAULT_TITLE, CorpusFlags, ReviewCollector, flags_by_source
from .jsonl import ReportsWriter, read_reports
from .tables import CSV_WRITERS, FlagsWriter, write_xlsx

log = logging.getLogger(__name__)

REPORTS_FILE = "reports.jsonl"
REVIEW_FILE = "review.html"


class ScanOutputs:
    """``reports.jsonl``, ``flags.csv``, ``status.csv``, ``themes.csv``, ``unanswered.csv``,
    ``review.html`` and, with ``xlsx=True``, ``scan.xlsx`` in ``out_dir``."""

    def __init__(self, out_dir, resume: bool = False, xlsx: bool = False,
                 agency_key: Optional[Callable[[str], str]] = None, title: str = DEFAULT_TITLE):
        self.out_dir = Path(out_dir)
        self.resume = resume
        self.xlsx = xlsx
        self.reports = ReportsWriter(self.out_dir / REPORTS_FILE, resume=resume)
        self.csvs = {name: cls(self.out_dir / name) for name, cls in CSV_WRITERS.items()}
        self.review = ReviewCollector(agency_key=agency_key, title=title)
        self.done_hashes: set[str] = set()
        self.done_sources: set[str] = set()
        self._open = False

    def open(self) -> "ScanOutputs":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.reports.open()  # on resume: cuts a half-written last line first
        for w in self.csvs.values():
            w.open()
        self._open = True
        if self.resume and self.reports.path.stat().st_size:
            n = 0
            for chunk in _chunks(read_reports(self.reports.path), 500):
                self._side_outputs(chunk, remember=True)
                n += len(chunk)
            log.info("resume: %d reports already in %s", n, self.reports.path)
        return self

    def __enter__(self) -> "ScanOutputs":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.reports.close()
        for w in self.csvs.values():
            w.close()
        self._open = False

    def _side_outputs(self, chunk: list[Report], remember: bool = False) -> None:
        for w in self.csvs.values():
            w.add(chunk)
        self.review.add_many(chunk)
        if remember:  # only what a resumed run found already written (memory stays per chunk)
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

    def finish(self, corpus_flags: Optional[CorpusFlags] = None) -> dict[str, Path]:
        """Append the corpus rules' flags to ``flags.csv``, write ``review.html`` (and the
        workbook); returns the paths written by name."""
        flags = flags_by_source(corpus_flags)
        flags_writer: FlagsWriter = self.csvs["flags.csv"]  # type: ignore[assignment]
        flags_writer.add_corpus_flags(flags)
        self.close()
        paths = {"reports": self.reports.path, **{n.split(".")[0]: w.path for n, w in self.csvs.items()}}
        paths["review"] = self.review.write(self.out_dir / REVIEW_FILE, corpus_flags=flags)
        if self.xlsx:
            paths["xlsx"] = write_xlsx(self.out_dir)
        return paths


def _chunks(items: Iterable, size: int):
    chunk = []
    for x in items:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
