import pandas as pd

from disclosure_nlp.export import ScanOutputs, read_reports
from disclosure_nlp.schema import Evidence, Flag

OUT_FILES = ("reports.jsonl", "flags.csv", "status.csv", "themes.csv", "unanswered.csv", "review.html")
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
    assert set(pd.read_excel(paths["xlsx"], sheet_name=None)) == {"flags", "themes", "unanswered", "status"}


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
