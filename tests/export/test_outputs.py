import pandas as pd
import pytest

from disclosure_nlp.export import ScanOutputs, read_reports
from disclosure_nlp.export.spool import SPOOL_PREFIX, Spool
from disclosure_nlp.schema import Evidence, Flag

OUT_FILES = ("reports.jsonl", "flags.csv", "status.csv", "themes.csv", "unanswered.csv", "review.html",
             "theme_by_year.csv", "agency_by_theme.csv", "unanswered_by_theme.csv")
YOY = Flag("YOY-CARRY", "error", "上年结转 5 ≠ 去年结转下年度 4", Evidence("", {"applications.carried_over.total": 5}))


def _scan(out, chunks, corpus_flags, resume=False, xlsx=False):
    with ScanOutputs(out, resume=resume, xlsx=xlsx) as o:
        for c in chunks:
            o.add(c)
        return o.finish(corpus_flags)


def test_scan_outputs_write_every_file(tmp_path, reports):
    paths = _scan(tmp_path / "out", [reports[:2], reports[2:]], {reports[2].source: [YOY]}, xlsx=True)
    assert {p.name for p in paths.values()} == set(OUT_FILES) | {"scan.xlsx"}
    assert list(read_reports(paths["reports"])) == reports
    status = pd.read_csv(paths["status"], encoding="utf-8-sig")
    assert status["source"].tolist() == [r.source for r in reports]
    flags = pd.read_csv(paths["flags"], encoding="utf-8-sig")
    assert flags["rule"].tolist()[-1] == "YOY-CARRY" and flags["agency"].tolist()[-1] == "丙区教育局"
    assert "YOY-CARRY" in paths["review"].read_text(encoding="utf-8")
    assert set(pd.read_excel(paths["xlsx"], sheet_name=None)) == {"标记", "主题", "未回应的问题", "文件状态"}


def test_resume_after_a_crash_gives_the_same_files(tmp_path, reports):
    whole = _scan(tmp_path / "whole", [reports[:2], reports[2:]], {reports[2].source: [YOY]})
    out = tmp_path / "resumed"
    crashed = ScanOutputs(out).open()
    crashed.add(reports[:2])
    crashed.close()  # killed before finish, and mid-line:
    with open(out / "reports.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"source": "c/丙区')
    with ScanOutputs(out, resume=True) as o:
        assert o.done_hashes == {"a" * 64, "b" * 64}
        o.add([r for r in reports if r.sha256 not in o.done_hashes])
        resumed = o.finish({reports[2].source: [YOY]})
    for name in OUT_FILES:
        assert resumed[name.split(".")[0]].read_bytes() == whole[name.split(".")[0]].read_bytes(), name


def _spools(out):
    return [p.name for p in out.iterdir() if p.name.startswith(SPOOL_PREFIX)]


def test_review_summaries_wait_in_a_spool_removed_at_the_end(tmp_path, reports):
    out = tmp_path / "out"
    with ScanOutputs(out) as o:
        o.add(reports[:2])
        assert len(_spools(out)) == 1 and len(o.review) == 2  # on disk, not in memory
        o.finish({reports[2].source: [YOY]})
    assert _spools(out) == []
    with pytest.raises(RuntimeError):  # an error (or Ctrl-C) mid-scan removes it too
        with ScanOutputs(tmp_path / "failed") as o:
            o.add(reports[:2])
            raise RuntimeError("boom")
    assert _spools(tmp_path / "failed") == []


def test_corpus_flags_streamed_one_report_at_a_time_give_the_same_files(tmp_path, reports):
    whole = _scan(tmp_path / "whole", [reports], {reports[2].source: [YOY], reports[0].source: [YOY]})
    out = tmp_path / "streamed"
    spool = Spool(tmp_path)  # the caller's spool: the caller removes it
    with ScanOutputs(out, spool=spool) as o:
        o.add(reports)
        o.add_corpus_flags(iter([(reports[2].source, [YOY]), (reports[0].source, [YOY])]))
        streamed = o.finish()
    assert spool.dir is not None and spool.dir.exists()
    spool.close()
    for name in OUT_FILES:
        key = name.split(".")[0]
        assert streamed[key].read_bytes() == whole[key].read_bytes(), name


def test_resumed_without_remembering_what_was_done(tmp_path, reports):
    out = tmp_path / "out"
    _scan(out, [reports[:2]], {})
    with ScanOutputs(out, resume=True, remember_done=False) as o:
        assert o.done_hashes == set() and len(o.review) == 2
