"""The package type-checks: mypy, configured in pyproject.toml's [tool.mypy], finds no error."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error(monkeypatch):
    try:
        from mypy import api
    except ImportError:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    monkeypatch.chdir(ROOT)  # mypy reads [tool.mypy] (files, overrides) from the pyproject.toml here
    stdout, stderr, status = api.run([])
    assert status == 0, stdout + stderr
    assert "Success: no issues found" in stdout, stdout
