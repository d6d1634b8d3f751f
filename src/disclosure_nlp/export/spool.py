"""Scratch space of a scan: what it must keep for every report until the end (the review page's
rows, the corpus rules' signatures) goes to SQLite files in a hidden folder of the output
directory, not to memory, and the folder is removed when the scan ends, whatever the ending.

>>> with Spool(out_dir) as spool:
...     db = connect(spool.path("review.sqlite"))
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Optional

SPOOL_PREFIX = ".spool-"


class Spool:
    """A hidden folder ``.spool-XXXX`` in ``parent``, made on the first :meth:`path` and removed by
    :meth:`close` (the context manager closes it on error and Ctrl-C too)."""

    def __init__(self, parent):
        self.parent = Path(parent)
        self.dir: Optional[Path] = None

    def path(self, name: str) -> Path:
        """``name`` inside the folder (made, with ``parent``, if need be)."""
        if self.dir is None:
            self.parent.mkdir(parents=True, exist_ok=True)
            self.dir = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, dir=self.parent)).absolute()
        return self.dir / name

    def close(self) -> None:
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> "Spool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def connect(path=":memory:") -> sqlite3.Connection:
    """A SQLite connection for scratch data: no journal, no fsync, one process."""
    db = sqlite3.connect(str(path))
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "locking_mode=EXCLUSIVE"):
        db.execute(f"PRAGMA {pragma}")
    return db
