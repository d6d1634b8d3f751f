"""Fixtures of the reader tests: the shared real corpus and a CJK font for building PDFs."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "real"


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/real not found: real-corpus tests need the shared folder")
    return REAL


@pytest.fixture(scope="session")
def cjk_font() -> str:
    """A font file with Chinese glyphs (Debian: apt-get install fonts-wqy-microhei)."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                             timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    files = [f for f in files if f.lower().endswith((".ttf", ".ttc", ".otf"))]
    if not files:
        pytest.skip("no CJK font (fc-list :lang=zh is empty): apt-get install fonts-wqy-microhei")
    return files[0]
