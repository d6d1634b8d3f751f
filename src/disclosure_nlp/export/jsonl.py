"""``reports.jsonl``: one ``Report.to_dict()`` per line, appended as reports come.

A run that dies mid-write leaves at most one truncated last line; readers skip it and a writer
opened with ``resume=True`` cuts it off before appending, so ``--resume`` continues cleanly.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from ..schema import Report, report_from_dict
from .stream import StreamingFile

log = logging.getLogger(__name__)


class ReportsWriter(StreamingFile):
    """Streaming JSON Lines writer; flushes after every chunk.

    >>> with ReportsWriter(out / "reports.jsonl") as w:
    ...     w.write_many(chunk)
    """

    def __init__(self, path, resume: bool = False):
        self.path = Path(path)
        self.resume = resume
        self._fh: Optional[IO[str]] = None
        self.count = 0

    def open(self) -> "ReportsWriter":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.resume and self.path.exists():
            _cut_partial_line(self.path)
            self._fh = open(self.path, "a", encoding="utf-8", newline="\n")
        else:
            self._fh = open(self.path, "w", encoding="utf-8", newline="\n")
        return self

    def write(self, report: Report) -> None:
        self.write_many([report])

    def write_many(self, reports: Iterable[Report]) -> None:
        if self._fh is None:
            self.open()
        assert self._fh is not None  # open() sets it
        lines = [json.dumps(r.to_dict(), ensure_ascii=False, default=str) + "\n" for r in reports]
        self._fh.writelines(lines)
        self._fh.flush()
        self.count += len(lines)


def _cut_partial_line(path: Path) -> None:
    """Truncate ``path`` after its last newline (drops a line a crash left half written)."""
    size = path.stat().st_size
    if not size:
        return
    with open(path, "rb+") as fh:
        pos = size
        while pos > 0:
            step = min(1 << 16, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                end = pos - step + nl + 1
                break
            pos -= step
        else:
            end = 0
        if end < size:
            log.warning("%s: dropping a truncated last line (%d bytes)", path, size - end)
            fh.truncate(end)
            fh.flush()
            os.fsync(fh.fileno())


def _records(path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                if not line.endswith("\n"):  # the half-written last line of an interrupted run
                    log.warning("%s:%d: skipping a truncated last line", path, n)
                    return
                raise


def read_reports(path) -> Iterator[Report]:
    """The reports of a ``reports.jsonl``, in file order (a generator: constant memory)."""
    for d in _records(path):
        yield report_from_dict(d)


def done_hashes(path) -> set[str]:
    """sha256 of every report already in ``path`` (empty when the file does not exist)."""
    if not Path(path).exists():
        return set()
    return {d["sha256"] for d in _records(path) if d.get("sha256")}


def done_sources(path) -> set[str]:
    """Source paths already in ``path``: for inputs without a hash (unreadable files)."""
    if not Path(path).exists():
        return set()
    return {d["source"] for d in _records(path)}
