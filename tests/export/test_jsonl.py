import json

from disclosure_nlp.export import ReportsWriter, done_hashes, done_sources, read_reports


def test_round_trip_in_chunks(tmp_path, reports):
    path = tmp_path / "reports.jsonl"
    with ReportsWriter(path) as w:
        w.write_many(reports[:2])
        w.write_many(reports[2:])
    assert list(read_reports(path)) == reports
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(reports)
    assert "甲市住房和城乡建设局" in lines[0]  # ensure_ascii=False: Chinese stays readable
    assert json.loads(lines[0])["flags"][0]["evidence"]["cells"]["applications.new_received.total"] == 58


def test_flushes_per_chunk(tmp_path, reports):
    path = tmp_path / "reports.jsonl"
    w = ReportsWriter(path).open()
    w.write_many(reports[:1])
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1  # on disk before close
    w.close()


def test_done_hashes_and_sources(tmp_path, reports):
    path = tmp_path / "reports.jsonl"
    assert done_hashes(path) == set()
    with ReportsWriter(path) as w:
        w.write_many(reports)
    assert done_hashes(path) == {"a" * 64, "b" * 64, "c" * 64, "d" * 64}
    assert "d/broken.pdf" in done_sources(path)


def test_truncated_last_line_is_skipped_and_cut_on_resume(tmp_path, reports):
    path = tmp_path / "reports.jsonl"
    with ReportsWriter(path) as w:
        w.write_many(reports[:2])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('{"source": "half-writ')  # a run killed mid-line
    assert [r.source for r in read_reports(path)] == [r.source for r in reports[:2]]
    with ReportsWriter(path, resume=True) as w:
        w.write_many(reports[2:])
    assert list(read_reports(path)) == reports
