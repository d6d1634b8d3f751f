"""Where the bundled sample corpus, default model and domain dictionary live."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# An editable install (the README's) runs from the checkout: prefer its folders.
REPO_DIR = PACKAGE_DIR.parent.parent


def _first(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


def sample_corpus() -> Path:
    return _first(REPO_DIR / "corpora" / "sample", DATA_DIR / "sample")


def default_model() -> Path:
    """The packaged theme model, ``disclosure_nlp/data/themes.skops`` (its metadata beside it),
    found through ``importlib.resources`` wherever the package is installed."""
    from importlib.resources import files

    return Path(str(files("disclosure_nlp") / "data" / "themes.skops"))


def items_corpus() -> Path:
    return REPO_DIR / "corpora" / "items"
