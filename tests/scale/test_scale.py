"""Scans of generated corpora: one status row per input, in input order, whatever happens to a
file or a worker. The 10,000-report scan is marked slow."""
from __future__ import annotations

from concurrent.futures import Future

import pytest

from disclosure_nlp.batch import BatchError, BatchOptions, _check_workers, _in_order, find_inputs
from disclosure_nlp.scanner import scan
from disclosure_nlp.errors import DisclosureError
from disclosure_nlp.export.outputs import ScanOutputs
from disclosure_nlp.generate import generate_corpus
from disclosure_nlp.pipeline import Settings
from disclosure_nlp.schema import Report

from .conftest import CHUNK, assert_valid_outputs, csv_rows, spools


def _scan_generated(n: int, tmp_path, settings, workers: int = 2):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, n=n, seed=17, formats=("txt", "html"), defect_rate=0.2, mix=True)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "garbage.pdf").write_bytes(b"%PDF-1.7\n\x00\xff" * 50)
    out = tmp_path / "out"
    result = scan(corpus, out, settings, BatchOptions(workers=workers, chunk_size=64))
    rows = csv_rows(out / "status.csv")
    inputs = [str(p) for p in find_inputs(corpus)]
    assert result.n_inputs == len(inputs) == n + 3  # + empty.txt, garbage.pdf and truth.jsonl (skipped)
    assert [r["source"] for r in rows] == inputs
    assert sum(result.by_status.values()) == len(rows)
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_name["empty.txt"]["status"] == by_name["garbage.pdf"]["status"] == "failed"
    assert by_name["garbage.pdf"]["reason"]
    assert sum(r["status"] == "ok" for r in rows) >= 0.8 * n
    assert_valid_outputs(out)
    return result


def test_scan_of_200_reports(tmp_path, settings):
    _scan_generated(200, tmp_path, settings)


@pytest.mark.slow
def test_scan_of_10000_reports(tmp_path, settings):
    _scan_generated(10_000, tmp_path, settings)


def test_the_client_spools_what_it_keeps_per_report_and_removes_it(mixed_corpus, settings, tmp_path):
    """Review summaries and corpus-rule signatures wait on disk, not in memory, until the end."""
    out, seen = tmp_path / "out", []
    scan(mixed_corpus, out, settings, BatchOptions(workers=1, chunk_size=CHUNK),
         on_progress=lambda done, total: seen.append(sorted(p.name for d in spools(out) for p in d.iterdir())))
    assert seen[1] == ["owner", "review.html.sqlite", "signatures.sqlite"]
    assert spools(out) == []


def test_a_scan_that_fails_midway_removes_its_spool(mixed_corpus, settings, tmp_path, monkeypatch):
    add = ScanOutputs.add

    def add_then_fail(self, reports):
        add(self, reports)
        if len(self.review) > CHUNK:
            raise OSError("disk full")
    monkeypatch.setattr(ScanOutputs, "add", add_then_fail)
    with pytest.raises(OSError, match="disk full"):
        scan(mixed_corpus, tmp_path, settings, BatchOptions(workers=1, chunk_size=CHUNK))
    assert spools(tmp_path) == [] and (tmp_path / "reports.jsonl").exists()


# ------------------------------------------------------------------ a worker that dies

def _future(value=None, error=None) -> Future:
    f: Future = Future()
    f.set_exception(error) if error else f.set_result(value)
    return f


def test_a_dead_worker_costs_only_its_file(settings):
    """A chunk whose worker dies is redone file by file; the file that kills it again fails alone."""
    calls = []

    def submit(paths, settings, sources):
        calls.append(list(sources))
        if "bad" in sources and len(sources) > 1:
            return _future(error=RuntimeError("worker killed"))
        if sources == ["bad"]:
            return _future(error=RuntimeError("worker killed"))
        return _future([Report(source=s, status="ok") for s in sources])

    chunks = iter([(["/x/a", "/x/b"], ["a", "b"]), (["/x/c", "/x/bad", "/x/d"], ["c", "bad", "d"]),
                   (["/x/e"], ["e"])])
    reports = [r for chunk in _in_order(submit, chunks, settings, window=2) for r in chunk]
    assert [r.source for r in reports] == ["a", "b", "c", "bad", "d", "e"]
    assert [r.status for r in reports] == ["ok", "ok", "ok", "failed", "ok", "ok"]
    assert "工作进程意外退出" in reports[3].reason
    assert ["c"] in calls and ["d"] in calls


def test_a_pipeline_that_cannot_be_built_stops_the_scan(mixed_corpus, tmp_path):
    """An unknown stage (or a missing model) is the scan's error, not every file's."""
    with pytest.raises(DisclosureError, match="未知的处理阶段"):
        scan(mixed_corpus, tmp_path / "out", Settings(stages=("items", "no-such-stage")), BatchOptions(workers=2))
    assert not (tmp_path / "out").exists()  # raised before any output was touched

    def submit(paths, settings, sources):
        return _future(error=DisclosureError("no model file"))
    with pytest.raises(DisclosureError, match="no model file"):  # as a worker without the model raises it
        list(_in_order(submit, iter([(["/x/a"], ["a"])]), Settings(), window=2))


class _Client:
    def __init__(self, versions=None, error=None):
        self.versions, self.error = versions, error

    def run(self, fn):
        if self.error:
            raise self.error
        return self.versions


def test_workers_of_another_version_are_refused():
    from disclosure_nlp import __version__
    _check_workers(_Client({"tcp://w1": __version__}))
    with pytest.raises(BatchError, match="same version"):
        _check_workers(_Client({"tcp://w1": __version__, "tcp://w2": "0.0.1"}))
    with pytest.raises(BatchError, match="cannot import"):
        _check_workers(_Client(error=ModuleNotFoundError("No module named 'disclosure_nlp'")))


def test_reports_carry_the_users_path_not_the_workers_absolute_one():
    from disclosure_nlp.batch import _named
    from disclosure_nlp.schema import Report

    absolute = "/abs/where/the/worker/ran/in/a.txt"
    r = Report(source=absolute, status="failed", reason=f"unexpected error while reading: OSError: {absolute}",
               warnings=(f"{absolute}: odd",))
    named = _named(r, absolute, "in/a.txt")
    assert named.source == "in/a.txt" and absolute not in named.reason and named.reason.endswith("in/a.txt")
    assert named.warnings == ("in/a.txt: odd",)
    same = Report(source="in/a.txt")
    assert _named(same, "in/a.txt", "in/a.txt") is same
