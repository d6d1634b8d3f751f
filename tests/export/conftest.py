"""Fixtures of the export tests: hand-made Reports, the real corpus, a headless Chromium."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from disclosure_nlp.schema import Evidence, Flag, Item, Report

XSS = "<script>alert(1)</script>"
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)


def make_reports() -> list[Report]:
    """Four agencies: two flagged (one with an error), one clean, one failed input."""
    narr = Flag("NARR-NUMBER", "error", "the narrative states 60, the table has 58",
                Evidence("全年共收到政府信息公开申请60件，均按时答复。",
                         {"applications.new_received.total": 58, "applications.carried_over.total": None}))
    bal = Flag("T3-BALANCE", "error", "表三 一+二 ≠ （七）+四 in total",
               Evidence("", {"applications.new_received.total": 58, "applications.total_processed.total": 50}))
    gap = Flag("THEME-GAP", "warning", "表四 shows review_litigation.review.corrected = 1",
               Evidence("一是更新不够及时", {"review_litigation.review.corrected": 1}))
    evil = Flag("NARR-CLAIM", "warning", "claim no_review contradicted " + XSS,
                Evidence("本年度未发生行政复议" + XSS + "共3件", {"review_litigation.review.total": 3}))
    items = (Item("problem", "一是信息更新不够及时", ("timeliness",)),
             Item("problem", "二是工作人员业务能力有待提升", ("staffing",)),
             Item("improvement", "加强培训，提升业务能力", ("staffing",)))
    return [
        Report(source="a/甲市住房和城乡建设局_2022.txt", sha256="a" * 64, fmt="txt", agency="甲市住房和城乡建设局",
               year=2022, format_version="2021", items=items, flags=(narr, bal, gap), warnings=("cell x unreadable",)),
        Report(source="b/evil_2022.html", sha256="b" * 64, fmt="html", agency="乙县人民政府" + XSS, year=2022,
               format_version="2021", items=items[:1], flags=(evil,)),
        Report(source="c/丙区教育局_2021.md", sha256="c" * 64, fmt="md", agency="丙区教育局", year=2021,
               format_version="2021", items=items),
        Report(source="d/broken.pdf", sha256="d" * 64, fmt="pdf", status="failed",
               reason="PDF has no text layer: needs OCR"),
    ]


@pytest.fixture
def reports() -> list[Report]:
    return make_reports()


def run_chromium(args: list[str], profile: Path, timeout: int = 90) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for a test module, driven by the DevTools protocol (``cdp.Browser``)."""
    if CHROMIUM is None:
        pytest.skip("chromium not installed (Debian: apt-get install chromium): the review page's browser test needs it")
    from .cdp import Browser

    with Browser(CHROMIUM, tmp_path_factory.mktemp("profile")) as b:
        yield b


@pytest.fixture
def chromium(tmp_path):
    if CHROMIUM is None:
        pytest.skip("chromium not installed (Debian: apt-get install chromium): the review page's browser test needs it")
    return lambda *args, timeout=90: run_chromium(list(args), tmp_path / "profile", timeout)
