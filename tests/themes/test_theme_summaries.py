"""Corpus-level theme summaries (export/theme_summaries.py) and their place in a scan's outputs."""
import csv

from disclosure_nlp.export.outputs import ScanOutputs
from disclosure_nlp.export.theme_summaries import ThemeSummaries
from disclosure_nlp.schema import Item, Report


def _report(source, agency, year, *items):
    return Report(source=source, agency=agency, year=year,
                  items=tuple(Item(kind=k, text=t, themes=tuple(th)) for k, t, th in items))


REPORTS = [
    _report("a2022.txt", "甲县某局", 2022, ("problem", "人员兼职", ["staffing"]), ("problem", "网站更新慢", ["platform", "timeliness"]),
            ("improvement", "加强培训", ["staffing"])),
    _report("a2023.txt", "甲县某局", 2023, ("problem", "人员不足", ["staffing"]), ("improvement", "充实人员", ["staffing"])),
    _report("b2023.txt", "乙县某局", 2023, ("problem", "解读不足", ["interpretation"]),
            ("improvement", "加强网站维护", ["platform"])),
    _report("c2023.txt", "丙县某局", 2023),  # no items: not counted
]


def _read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM and CRLF like the other CSVs
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_theme_by_year_agency_and_unanswered(tmp_path):
    s = ThemeSummaries(tmp_path)
    s.add(REPORTS[:2])  # in chunks, as a scan streams them
    s.add(REPORTS[2:])
    s.close()
    by_year = {(r["year"], r["kind"], r["theme"]): r for r in _read(tmp_path / "theme_by_year.csv")}
    staff23 = by_year[("2023", "problem", "staffing")]
    assert (staff23["reports"], staff23["year_reports"], staff23["share"]) == ("1", "2", "0.5")
    assert staff23["theme_name"] == "队伍与培训" and staff23["kind_name"] == "问题"
    assert by_year[("2022", "problem", "platform")]["share"] == "1.0"
    order = [(y, ("problem", "improvement").index(k)) for y, k, _ in by_year]
    assert order == sorted(order)  # by year, problems before measures

    agency = {(r["agency"], r["kind"], r["theme"]): r for r in _read(tmp_path / "agency_by_theme.csv")}
    row = agency[("甲县某局", "problem", "staffing")]
    assert (row["reports"], row["items"], row["years"]) == ("2", "2", "2022;2023")

    unanswered = {r["theme"]: r for r in _read(tmp_path / "unanswered_by_theme.csv")}
    assert unanswered["staffing"]["unanswered_items"] == "0" and unanswered["staffing"]["problem_reports"] == "2"
    assert unanswered["interpretation"]["unanswered_reports"] == "1" and unanswered["interpretation"]["share"] == "1.0"
    assert unanswered["platform"]["theme_name"] == "平台与网站" and unanswered["platform"]["unanswered_items"] == "1"


def test_scan_outputs_write_the_summaries(tmp_path):
    with ScanOutputs(tmp_path) as outputs:
        outputs.add(REPORTS)
        paths = outputs.finish()
    for name in ("theme_by_year", "agency_by_theme", "unanswered_by_theme"):
        assert paths[name] == tmp_path / f"{name}.csv" and _read(paths[name])
    # a resumed scan rebuilds the same counts from reports.jsonl
    before = (tmp_path / "agency_by_theme.csv").read_bytes()
    with ScanOutputs(tmp_path, resume=True) as outputs:
        outputs.finish()
    assert (tmp_path / "agency_by_theme.csv").read_bytes() == before
