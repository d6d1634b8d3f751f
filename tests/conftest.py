from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "corpus" / "real"


@pytest.fixture(scope="session")
def real_dir() -> Path:
    """The real reports of ../shared/corpus/real (not ours: read at run time, never copied)."""
    if not REAL.is_dir():
        pytest.skip(f"{REAL} not found: real-corpus tests need the shared folder beside the checkout")
    return REAL


@pytest.fixture(scope="session")
def real_corpus(real_dir) -> Path:
    return real_dir
