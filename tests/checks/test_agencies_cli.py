"""``scan --agencies aliases.csv``: an office's own table of agency names, end to end."""
from __future__ import annotations

import csv
import json
import random

from typer.testing import CliRunner

from disclosure_nlp.cli import app
from disclosure_nlp.generate import render
from disclosure_nlp.generate.draw import draw_report


def _corpus(root):
    root.mkdir()
    for year, name in ((2021, "子虚县城市更新中心"), (2022, "子虚县城更中心")):
        report = draw_report(random.Random(year), name, year, "2021")
        (root / f"zx{year}.txt").write_bytes(render(report, "txt"))


def _corpus_flags(out) -> list[dict]:
    with open(out / "flags.csv", encoding="utf-8-sig") as fh:
        return [r for r in csv.DictReader(fh) if r["rule"].startswith("YOY-")]


def test_scan_with_an_alias_table_groups_the_names_it_gives(tmp_path):
    _corpus(tmp_path / "in")
    runner = CliRunner()
    plain = runner.invoke(app, ["scan", str(tmp_path / "in"), "--out", str(tmp_path / "a"), "-q", "--workers", "1"])
    assert plain.exit_code == 0, plain.output
    assert _corpus_flags(tmp_path / "a") == []  # two names, two agencies: nothing to compare
    table = tmp_path / "aliases.csv"
    table.write_text("name,canonical\n子虚县城更中心,子虚县城市更新中心\n", encoding="utf-8")
    aliased = runner.invoke(app, ["scan", str(tmp_path / "in"), "--out", str(tmp_path / "b"), "-q", "--workers", "1",
                                  "--agencies", str(table)])
    assert aliased.exit_code == 0, aliased.output
    flags = _corpus_flags(tmp_path / "b")
    assert flags and {f["source"].rsplit("/", 1)[-1] for f in flags} == {"zx2022.txt"}
    for f in flags:
        assert f["agency"] == "子虚县城更中心"
        assert json.loads(f["evidence_cells"])["agency_canonical"] == "子虚县城市更新中心"


def test_a_bad_alias_table_is_refused_before_any_output(tmp_path):
    _corpus(tmp_path / "in")
    table = tmp_path / "aliases.csv"
    table.write_text("alias,name\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "-q",
                                      "--agencies", str(table)])
    assert result.exit_code == 2 and "name,canonical" in result.output
    assert not (tmp_path / "o").exists()
