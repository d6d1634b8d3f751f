"""A scan killed from outside: SIGTERM leaves valid outputs, the review page and no spool, and
exits 143; after SIGTERM or SIGKILL no process of the scan (its workers) is alive 10 s later."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from disclosure_nlp.paths import sample_corpus

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to find the scan's processes")

TEXT = ("a001_2020.txt", "a003_2021.txt", "a004_2021.glued.txt", "a002_2021.md", "a003_2020.html")


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """3,000 copies of sample text reports: long enough a scan to be killed in the middle."""
    folder = tmp_path_factory.mktemp("many")
    for i in range(600):
        for name in TEXT:
            shutil.copy(sample_corpus() / name, folder / f"{i:04d}_{name}")
    return folder


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid``."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - out
        out |= frontier
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(many: Path, out: Path) -> tuple[subprocess.Popen, set[int]]:
    proc = subprocess.Popen([sys.executable, "-c", "from disclosure_nlp.cli import main; main()",
                             "scan", str(many), "--out", str(out), "--workers", "2", "--chunk-size", "16", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:  # the two workers are up and working
        time.sleep(0.2)
        workers = _children(proc.pid)
        assert proc.poll() is None, proc.communicate()
    assert len(workers) >= 2, "the scan never started its workers"
    first = out / "reports.jsonl"
    while time.monotonic() < deadline and not (first.exists() and first.stat().st_size):
        time.sleep(0.2)  # the first chunks are written: the scan is in the middle
    assert proc.poll() is None, "the scan ended before it could be killed"
    return proc, _children(proc.pid)


def _none_alive_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = {p for p in pids if _alive(p)}
        if not alive:
            return set()
        time.sleep(0.2)
    return {p for p in pids if _alive(p)}


def test_sigterm_leaves_valid_outputs_and_no_process(many, tmp_path):
    out = tmp_path / "out"
    proc, procs = _start(many, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "已终止" in err
    assert (out / "review.html").stat().st_size > 0
    rows = (out / "status.csv").read_text(encoding="utf-8-sig").splitlines()
    assert 1 < len(rows) < 3001  # a header and the reports finished before the signal
    assert not [p for p in out.iterdir() if p.name.startswith(".spool")]
    assert _none_alive_within(procs, 10) == set()


def test_sigkill_leaves_no_process(many, tmp_path):
    proc, procs = _start(many, tmp_path / "out")
    proc.kill()
    proc.communicate(timeout=30)
    assert _none_alive_within(procs, 10) == set()
