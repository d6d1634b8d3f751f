"""scripts/compare_outputs.py: which output files are byte-identical, and where the others differ."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_outputs.py"


def _script():
    spec = importlib.util.spec_from_file_location("compare_outputs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_identical_folders_and_a_spool_left_out(tmp_path):
    co = _script()
    files = {"flags.csv": "rule,source\nA,x.txt\n", "status.csv": "source,status\nx.txt,ok\n"}
    a, b = _write(tmp_path / "a", files), _write(tmp_path / "b", files)
    (b / ".spool-1").mkdir()
    (b / ".spool-1" / "s.sqlite").write_text("junk")
    same, lines = co.compare_folders(a, b)
    assert same and lines == ["  flags.csv: identical (20 bytes)", "  status.csv: identical (23 bytes)"]


def test_a_differing_file_shows_its_first_differing_lines(tmp_path):
    co = _script()
    a = _write(tmp_path / "a", {"flags.csv": "h\n1\n2\n3\n", "themes.csv": "t\n"})
    b = _write(tmp_path / "b", {"flags.csv": "h\n1\nzwei\n3\n", "unanswered.csv": "u\n"})
    same, lines = co.compare_folders(a, b)
    assert not same
    assert "  flags.csv: DIFFERS (8 vs 11 bytes)" in lines
    assert "    -3: 2" in lines and "    +3: zwei" in lines
    assert "  themes.csv: only in before" in lines and "  unanswered.csv: only in after" in lines


def test_a_workbook_is_compared_member_by_member(tmp_path):
    co = _script()
    for side, cell in (("a", "5"), ("b", "6")):
        (tmp_path / side).mkdir()
        with zipfile.ZipFile(tmp_path / side / "scan.xlsx", "w") as z:
            z.writestr("docProps/core.xml", "<p/>")
            z.writestr("xl/worksheets/sheet1.xml", f"<sheet><row><c>{cell}</c></row></sheet>")
    same, lines = co.compare_folders(tmp_path / "a", tmp_path / "b")
    assert not same
    assert "    member xl/worksheets/sheet1.xml:" in lines
    assert "    -3: <c>5</c>" in lines and "    +3: <c>6</c>" in lines


def test_the_command_compares_two_output_folders(tmp_path):
    a = _write(tmp_path / "a", {"status.csv": "x\n"})
    b = _write(tmp_path / "b", {"status.csv": "y\n"})
    done = subprocess.run([sys.executable, str(SCRIPT), "--before-out", str(a), "--after-out", str(b)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "verdict: DIFFERENT" in done.stdout
    done = subprocess.run([sys.executable, str(SCRIPT), "--before-out", str(a), "--after-out", str(a)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "verdict: IDENTICAL" in done.stdout
