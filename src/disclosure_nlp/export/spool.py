"""Scratch space of a scan: what it must keep for every report until the end (the review page's
rows, the corpus rules' signatures) goes to SQLite files in a hidden folder of the output
directory, not to memory, and the folder is removed when the scan ends, whatever the ending.

>>> with Spool(out_dir) as spool:
...     db = connect(spool.path("review.sqlite"))
"""
from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import tempfile
from pathlib import Path
from typing import Optional

SPOOL_PREFIX = ".spool-"
OWNER_FILE = "owner"  # "<hostname> <pid>" of the scan that made the folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: alive as far as we can tell
    return True


def remove_stale(parent) -> list[Path]:
    """Remove the spool folders in ``parent`` whose owner ran on this host and is gone; a folder
    of a running scan, of another host (a shared file system) or without an owner file is kept.
    Returns the folders removed."""
    removed = []
    host = socket.gethostname()
    for folder in Path(parent).glob(SPOOL_PREFIX + "*"):
        try:
            owner_host, pid = (folder / OWNER_FILE).read_text(encoding="utf-8").split()
            stale = owner_host == host and int(pid) != os.getpid() and not _alive(int(pid))
        except (OSError, ValueError):
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class Spool:
    """A hidden folder ``.spool-XXXX`` in ``parent``, made on the first :meth:`path` and removed by
    :meth:`close` (the context manager closes it on error and Ctrl-C too)."""

    def __init__(self, parent):
        self.parent = Path(parent)
        self.dir: Optional[Path] = None

    def path(self, name: str) -> Path:
        """``name`` inside the folder (made, with ``parent``, if need be). Making it also removes
        the folders that scans killed outright (``kill -9``, power loss) left behind: those whose
        owner file names this host and a process that no longer runs."""
        if self.dir is None:
            self.parent.mkdir(parents=True, exist_ok=True)
            remove_stale(self.parent)
            self.dir = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, dir=self.parent)).absolute()
            (self.dir / OWNER_FILE).write_text(f"{socket.gethostname()} {os.getpid()}\n", encoding="utf-8")
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
