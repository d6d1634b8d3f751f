"""Fixtures of the checks tests (the builders live in checks_helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from checks_helpers import REAL, make_report


@pytest.fixture
def report_factory():
    return make_report


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/real not found: real-corpus tests need the shared folder")
    return REAL
