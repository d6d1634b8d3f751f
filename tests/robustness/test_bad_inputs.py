"""The bad-input corpus (scripts/make_bad_inputs.py): every file gets its expected status and a
clear reason, one report per input, and nothing crashes, file by file or in a batch."""
from __future__ import annotations

import hashlib
import json

import pytest

from disclosure_nlp.batch import BatchOptions, find_inputs, run_batch
from disclosure_nlp.pipeline import Settings, parse_file
from disclosure_nlp.schema import STATUSES, Report

from builders import load_script

MODULE = load_script()
CASES = [e for e, _ in MODULE.cases(big=False)]
CRASH_MARKS = ("unexpected error", "crashed", "Traceback", "程序出错", "意外退出")
# the pipeline without the theme stage, which needs a trained model the checkout may not have
STAGES = tuple(s for s in Settings().stages if s != "themes")


def _check(report: Report, expected) -> None:
    assert isinstance(report, Report)
    assert report.status in STATUSES
    assert not any(m in report.reason for m in CRASH_MARKS), report.reason
    assert report.status == expected.status, (expected.file, report.status, report.reason)
    assert expected.reason.lower() in report.reason.lower(), (expected.file, report.reason)
    if report.status != "ok":
        assert report.reason.strip(), f"{expected.file}: status {report.status} without a reason"
    json.dumps(report.to_dict(), ensure_ascii=False)


def test_expected_csv_lists_every_file(bad_corpus, bad_inputs):
    listed = [e.file for e in bad_inputs.read_expected(bad_corpus / "expected.csv")]
    assert listed == [e.file for e in CASES]
    assert sorted(listed + ["expected.csv"]) == sorted(p.name for p in bad_corpus.iterdir())
    assert all(e.status in STATUSES for e in CASES)


@pytest.mark.parametrize("expected", CASES, ids=[e.file for e in CASES])
def test_parse_file_gives_expected_status_and_reason(bad_corpus, expected):
    _check(parse_file(bad_corpus / expected.file), expected)


def test_batch_gives_one_report_per_input_in_order(bad_corpus):
    paths = [bad_corpus / e.file for e in CASES]
    reports = list(run_batch(paths, Settings(stages=STAGES), BatchOptions(workers=2, chunk_size=3)))
    assert [r.source for r in reports] == [str(p) for p in paths]
    for report, expected in zip(reports, CASES):
        _check(report, expected)


def test_find_inputs_finds_every_input(bad_corpus):
    found = {p.name for p in find_inputs(bad_corpus)}
    assert found == {e.file for e in CASES} | {"expected.csv"}  # the side file too: it is listed as skipped


def test_side_files_are_listed_skipped_with_a_reason(bad_corpus):
    report = parse_file(bad_corpus / "expected.csv")
    assert report.status == "skipped" and "不是年度报告" in report.reason


def test_duplicates_share_their_hash(bad_corpus):
    a, b = parse_file(bad_corpus / "duplicate_a.txt"), parse_file(bad_corpus / "duplicate_b.txt")
    digest = hashlib.sha256((bad_corpus / "duplicate_a.txt").read_bytes()).hexdigest()
    assert a.sha256 == b.sha256 == digest
    assert a.applications == b.applications and a.source != b.source


@pytest.mark.parametrize("name", ["report_gbk.txt", "report_utf16.txt", "report_utf16le_nobom.txt"])
def test_encodings_read_the_same_report(bad_corpus, name):
    ref, got = parse_file(bad_corpus / "duplicate_a.txt"), parse_file(bad_corpus / name)
    assert ref.status == "ok" and ref.applications is not None
    assert (got.agency, got.year, got.format_version) == (ref.agency, ref.year, ref.format_version)
    assert got.applications == ref.applications
    assert got.review_litigation == ref.review_litigation
    assert got.active_disclosure == ref.active_disclosure
    assert got.sections == ref.sections


def test_script_in_html_is_kept_as_text(bad_corpus, bad_inputs):
    report = parse_file(bad_corpus / "script_in_text.html")
    assert report.status == "ok"
    # the escaped script written in the report's 五 and 六 is report text, character for character
    assert report.sections["problems"].endswith(bad_inputs.SCRIPT)
    assert report.sections["other_matters"].endswith(bad_inputs.SCRIPT)
    # a live <script> element is page code, not report text: only the two written ones remain
    assert sum(v.count("alert(1)") for v in report.sections.values()) == 2
    assert bad_inputs.HTML_AGENCY in report.sections["overview"]
    assert report.agency is None or "<b>" in report.agency  # never silently stripped of its markup
    assert bad_inputs.SCRIPT in json.dumps(report.to_dict(), ensure_ascii=False)


def test_zip_bomb_is_refused_from_its_headers(bad_corpus):
    report = parse_file(bad_corpus / "zip_bomb.docx")
    assert report.status == "failed" and "300 MB" in report.reason


def test_corpus_is_deterministic(bad_corpus, bad_inputs, tmp_path):
    small = ("report_gbk.txt", "binary_garbage.txt", "truncated.pdf", "encrypted.pdf", "image_only.pdf",
             "script_in_text.html", "legacy_word.doc", "png_named.pdf")
    for exp, write in bad_inputs.cases(big=False):
        if exp.file in small:
            write(tmp_path / exp.file)
            assert (tmp_path / exp.file).read_bytes() == (bad_corpus / exp.file).read_bytes(), exp.file


@pytest.mark.slow
def test_50mb_text_report(bad_inputs, tmp_path):
    path = tmp_path / "big_50mb.txt"
    bad_inputs.write_big_text(path)
    assert path.stat().st_size >= bad_inputs.BIG_BYTES
    report = parse_file(path)
    ref = parse_file(_write(tmp_path / "small.txt", bad_inputs.report_text()))
    assert report.status == "ok", report.reason
    assert report.applications == ref.applications and report.year == ref.year
    assert len(report.sections["other_matters"]) > 10 * 2**20
    from disclosure_nlp.pipeline import Pipeline, Settings  # every stage: bounded (was > 10 min, 2.5 GB)
    full = Pipeline(Settings()).process_file(path)
    assert full.status == "partial" and any("叙述数字提取只读取了前 200,000 字" in w for w in full.warnings)
    assert full.applications == ref.applications


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path
