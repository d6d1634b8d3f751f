"""Fixtures of the reader tests: a CJK font for building PDFs (the real corpus fixture is in tests/conftest.py)."""
from __future__ import annotations

import subprocess

import pytest


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
