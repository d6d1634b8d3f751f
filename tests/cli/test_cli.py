"""The command line's contract through typer's CliRunner: version, exit codes, option checks,
every input accounted for, Chinese by default and English with --lang en."""
from __future__ import annotations

import csv
import re
import shutil

import pytest
from typer.testing import CliRunner

from disclosure_nlp import __version__
from disclosure_nlp.cli import app
from disclosure_nlp.i18n import get_lang, set_lang
from disclosure_nlp.paths import sample_corpus

runner = CliRunner()


@pytest.fixture(autouse=True)
def _chinese_after():
    yield
    set_lang("zh")  # the CLI sets the process language; leave the default to the next test


@pytest.fixture
def two_reports(tmp_path):
    """Two sample reports, a README and a MANIFEST.csv beside them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a001_2020.txt", "a003_2021.txt"):
        shutil.copy(sample_corpus() / name, folder / name)
    (folder / "README.md").write_text("说明", encoding="utf-8")
    (folder / "MANIFEST.csv").write_text("file\n", encoding="utf-8")
    return folder


def _status(out) -> list[dict]:
    return list(csv.DictReader(open(out / "status.csv", encoding="utf-8-sig", newline="")))


def test_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"disclosure-nlp {__version__}"
    assert re.match(r"\d+\.\d+", __version__)


def test_scan_accounts_for_every_file_and_prints_a_chinese_summary(two_reports, tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(app, ["scan", str(two_reports), "--out", str(out), "--workers", "1"])
    assert res.exit_code == 0, res.output
    rows = _status(out)
    assert sorted(r["source"].rsplit("/", 1)[-1] for r in rows) == \
        ["MANIFEST.csv", "README.md", "a001_2020.txt", "a003_2021.txt"]
    skipped = {r["source"].rsplit("/", 1)[-1]: r for r in rows if r["status"] == "skipped"}
    assert set(skipped) == {"README.md", "MANIFEST.csv"}
    assert all("不是年度报告" in r["reason"] for r in skipped.values())
    assert "4 个文件" in res.output and "跳过" in res.output and "正常" in res.output


def test_scan_exit_codes_for_bad_input(tmp_path):
    res = runner.invoke(app, ["scan", str(tmp_path / "missing")])
    assert res.exit_code == 2 and "不存在" in res.output
    (tmp_path / "empty").mkdir()
    res = runner.invoke(app, ["scan", str(tmp_path / "empty"), "--out", str(tmp_path / "o1")])
    assert res.exit_code == 2 and "没有任何文件" in res.output
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_bytes(b"")
    (junk / "b.pdf").write_bytes(b"not a pdf")
    res = runner.invoke(app, ["scan", str(junk), "--out", str(tmp_path / "o2"), "--workers", "1"])
    assert res.exit_code == 2 and "没有一份能读取的报告" in res.output
    assert len(_status(tmp_path / "o2")) == 2  # the outputs still list both files, with their reasons


@pytest.mark.parametrize("args", [["--workers", "-1"], ["--workers", "0"], ["--chunk-size", "0"],
                                  ["--fail-on", "fatal"], ["--lang", "fr"]])
def test_scan_refuses_bad_option_values(args, tmp_path):
    res = runner.invoke(app, ["scan", "--out", str(tmp_path / "o")] + args)
    assert res.exit_code == 2
    assert not (tmp_path / "o").exists()


def test_fail_on_exits_1_when_a_flag_is_raised(tmp_path):
    # the sample holds injected defects (error flags)
    res = runner.invoke(app, ["scan", "--out", str(tmp_path / "o"), "--workers", "1", "--fail-on", "error", "-q"])
    assert res.exit_code == 1, res.output
    res = runner.invoke(app, ["scan", "--out", str(tmp_path / "o2"), "--workers", "1", "-q", "--rules", "FEE-UNREPORTED"])
    assert res.exit_code == 0, res.output


def test_lang_en_gives_english(two_reports, tmp_path):
    res = runner.invoke(app, ["--lang", "en", "scan", str(two_reports), "--out", str(tmp_path / "o"), "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert get_lang() == "en" and "files in" in res.output
    reasons = {r["reason"] for r in _status(tmp_path / "o") if r["status"] == "skipped"}
    assert reasons and all("not an annual report" in r for r in reasons)


def test_help_shows_no_machine_paths():
    for cmd in (["--help"], ["scan", "--help"], ["train", "--help"], ["evaluate", "--help"], ["classify", "--help"]):
        res = runner.invoke(app, cmd)
        assert res.exit_code == 0, (cmd, res.output)
        assert "/work/" not in res.output and "site-packages" not in res.output and "/home/" not in res.output


def test_train_needs_out(tmp_path):
    res = runner.invoke(app, ["train", "--corpus", str(tmp_path)])
    assert res.exit_code == 2 and "--out" in res.output


def test_rules_lists_rules_and_their_settable_thresholds():
    from disclosure_nlp.checks.base import CheckSettings

    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0, res.output
    assert "T3-BALANCE" in res.output and "scan --set" in res.output
    for name in vars(CheckSettings()):
        assert name in res.output
    res = runner.invoke(app, ["rules", "NO-SUCH-RULE"])
    assert res.exit_code == 2


def test_generate_shows_progress_and_writes_truth(tmp_path):
    res = runner.invoke(app, ["generate", str(tmp_path / "g"), "--n", "3", "--formats", "txt", "--seed", "2"])
    assert res.exit_code == 0, res.output
    assert "生成" in res.output and "3/3" in res.output
    assert len((tmp_path / "g" / "truth.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_parse_reports_failures_in_chinese_and_exits_2_when_nothing_is_read(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"")
    res = runner.invoke(app, ["parse", str(bad)])
    assert res.exit_code == 2 and "失败" in res.output
    res = runner.invoke(app, ["parse", str(sample_corpus() / "a001_2020.txt")])
    assert res.exit_code == 0 and '"applications"' in res.output
