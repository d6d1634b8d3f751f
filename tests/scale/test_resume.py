"""Interrupted scans: Ctrl-C leaves valid outputs, and ``resume`` finishes them with the same
bytes as an uninterrupted run, skipping the files already done."""
from __future__ import annotations

import os
import shutil
import signal

import pytest

from disclosure_nlp.batch import BatchOptions
from disclosure_nlp.scanner import scan
from disclosure_nlp.checks.corpus import SignatureStore
from disclosure_nlp.export.outputs import ScanOutputs

from .conftest import CHUNK, CORPUS_RULES, OUTPUTS, assert_valid_outputs, csv_rows, output_bytes, spools


def interrupt_after(n_chunks: int):
    """An ``on_progress`` that raises KeyboardInterrupt once ``n_chunks`` chunks are written."""
    def on_progress(done: int, total: int) -> None:
        if done >= n_chunks * CHUNK and done < total:
            raise KeyboardInterrupt
    return on_progress


@pytest.mark.parametrize("workers", [1, 2])
def test_interrupted_then_resumed_equals_uninterrupted(mixed_corpus, reference, settings, tmp_path, workers):
    options = BatchOptions(workers=workers, chunk_size=CHUNK)
    first = scan(mixed_corpus, tmp_path, settings, options, on_progress=interrupt_after(2))
    assert first.interrupted
    assert_valid_outputs(tmp_path)
    assert len(csv_rows(tmp_path / "status.csv")) == sum(first.by_status.values()) == 2 * CHUNK
    assert spools(tmp_path) == []  # the scratch files went with the Ctrl-C

    second = scan(mixed_corpus, tmp_path, settings, options, resume=True)
    assert not second.interrupted
    assert second.n_skipped == 2 * CHUNK
    assert sum(second.by_status.values()) == second.n_inputs == 121  # 120 reports + truth.jsonl (skipped)
    assert spools(tmp_path) == []
    assert output_bytes(tmp_path, OUTPUTS + ("review.html",)) == output_bytes(reference, OUTPUTS + ("review.html",))


def test_resume_of_a_finished_scan_changes_nothing(mixed_corpus, reference, settings, tmp_path):
    shutil.copytree(reference, tmp_path, dirs_exist_ok=True)
    result = scan(mixed_corpus, tmp_path, settings, BatchOptions(workers=1, chunk_size=CHUNK), resume=True)
    assert result.n_skipped == 121  # 120 reports + truth.jsonl (skipped)
    assert output_bytes(tmp_path) == output_bytes(reference)


def test_resume_cuts_a_half_written_line(mixed_corpus, reference, settings, tmp_path):
    scan(mixed_corpus, tmp_path, settings, BatchOptions(workers=1, chunk_size=CHUNK), on_progress=interrupt_after(1))
    with open(tmp_path / "reports.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"source": "half a li')  # a crash in the middle of a write
    result = scan(mixed_corpus, tmp_path, settings, BatchOptions(workers=1, chunk_size=CHUNK), resume=True)
    assert result.n_skipped == CHUNK
    assert output_bytes(tmp_path) == output_bytes(reference)


def test_ctrl_c_while_writing_completes_the_chunk(mixed_corpus, settings, tmp_path, monkeypatch):
    add = ScanOutputs.add

    def add_with_sigint(self, reports):
        chunk = list(reports)
        os.kill(os.getpid(), signal.SIGINT)  # arrives in the middle of writing the chunk
        add(self, chunk)
    monkeypatch.setattr(ScanOutputs, "add", add_with_sigint)
    result = scan(mixed_corpus, tmp_path, settings, BatchOptions(workers=1, chunk_size=CHUNK))
    assert result.interrupted
    assert_valid_outputs(tmp_path)
    lines = (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(csv_rows(tmp_path / "status.csv")) == CHUNK  # the whole first chunk, no more


def test_ctrl_c_during_the_corpus_rules_leaves_the_outputs_without_their_flags(mixed_corpus, settings, tmp_path,
                                                                              monkeypatch):
    def interrupted(self, settings=None):
        raise KeyboardInterrupt
    monkeypatch.setattr(SignatureStore, "run_rules", interrupted)
    result = scan(mixed_corpus, tmp_path, settings, BatchOptions(workers=1, chunk_size=CHUNK))
    assert result.interrupted and sum(result.by_status.values()) == 121
    assert_valid_outputs(tmp_path)
    assert not {r["rule"] for r in csv_rows(tmp_path / "flags.csv")} & CORPUS_RULES
    assert spools(tmp_path) == []


def test_resume_skips_by_path_and_content(tmp_path, settings, mixed_corpus):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sample = sorted(mixed_corpus.glob("*.txt"))[0]
    for name in ("a.txt", "b.txt", "c.txt"):  # b is a copy of a: the same hash, another file
        shutil.copy(sample, corpus / name)
    out = tmp_path / "out"
    options = BatchOptions(workers=1, chunk_size=1)
    scan(corpus, out, settings, options, on_progress=lambda done, total: done == 1 and _raise())
    assert [r["source"] for r in csv_rows(out / "status.csv")] == [str(corpus / "a.txt")]
    (corpus / "c.txt").write_bytes(b"")  # not yet scanned: its new content is what counts
    result = scan(corpus, out, settings, options, resume=True)
    assert result.n_skipped == 1
    rows = csv_rows(out / "status.csv")
    assert [r["source"] for r in rows] == [str(corpus / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert rows[0]["sha256"] == rows[1]["sha256"] and rows[2]["status"] == "failed"


def _raise():
    raise KeyboardInterrupt
