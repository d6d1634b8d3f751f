from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "real"


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/real not found: real-corpus tests need the shared folder")
    return REAL
