"""The same corpus gives byte-identical outputs whatever the backend, the number of workers or
the chunk size (issue 5: deterministic outputs; Dask identical to the local run)."""
from __future__ import annotations

import pytest

from disclosure_nlp.batch import BatchOptions, find_inputs, iter_chunks
from disclosure_nlp.scanner import scan

from .conftest import CHUNK, CORPUS_RULES, OUTPUTS, csv_rows, output_bytes


def test_reference_scan_exercises_formats_and_rules(reference, mixed_corpus):
    status = csv_rows(reference / "status.csv")
    assert [r["source"] for r in status] == [str(p) for p in find_inputs(mixed_corpus)]
    assert {r["format"] for r in status} >= {"txt", "html", "md"}
    rules = {r["rule"] for r in csv_rows(reference / "flags.csv")}
    assert rules & CORPUS_RULES, rules  # the corpus rules run at the end: their order matters too
    assert rules - CORPUS_RULES, rules


@pytest.mark.parametrize("options", [
    BatchOptions(workers=2, chunk_size=CHUNK),
    BatchOptions(workers=2, chunk_size=7),
    BatchOptions(workers=1, chunk_size=1000),
    BatchOptions(workers=2, chunk_size=CHUNK, dask="local"),  # a LocalCluster of 2 worker processes
], ids=["workers2", "workers2-chunk7", "one-chunk", "dask-local"])
def test_outputs_identical_to_the_serial_run(mixed_corpus, reference, settings, options, tmp_path):
    result = scan(mixed_corpus, tmp_path, settings, options)
    # 120 reports and the generator's truth.jsonl, listed as skipped: every input file is accounted for
    assert result.n_inputs == 121 and sum(result.by_status.values()) == 121 and result.by_status["skipped"] == 1
    got, want = output_bytes(tmp_path, OUTPUTS + ("review.html",)), output_bytes(reference, OUTPUTS + ("review.html",))
    assert [n for n in got if got[n] != want[n]] == []


def test_sources_are_the_paths_as_given(mixed_corpus, settings, monkeypatch):
    monkeypatch.chdir(mixed_corpus.parent)
    rel = [p.relative_to(mixed_corpus.parent) for p in find_inputs(mixed_corpus)[:6]]
    reports = [r for chunk in iter_chunks(rel, settings, BatchOptions(workers=2, chunk_size=2)) for r in chunk]
    assert [r.source for r in reports] == [str(p) for p in rel]
    assert all(r.status != "failed" for r in reports), [r.reason for r in reports]


def test_real_corpus_same_with_one_or_two_workers(real_corpus, settings, tmp_path):
    one = scan(real_corpus, tmp_path / "one", settings, BatchOptions(workers=1, chunk_size=4))
    two = scan(real_corpus, tmp_path / "two", settings, BatchOptions(workers=2, chunk_size=4))
    assert one.n_inputs == len(find_inputs(real_corpus)) > 0
    assert len(csv_rows(tmp_path / "one" / "status.csv")) == one.n_inputs
    assert one.by_status == two.by_status
    assert output_bytes(tmp_path / "one") == output_bytes(tmp_path / "two")
