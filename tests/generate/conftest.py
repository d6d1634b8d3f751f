from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    path = REPO / ".." / "shared" / "corpus" / "real"
    if not path.is_dir():
        pytest.skip("../shared/corpus/real not found: real-corpus tests need the shared folder")
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
