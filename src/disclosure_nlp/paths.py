"""The package's own data: the bundled sample corpus, the default theme model and the domain
dictionary, read through :mod:`importlib.resources` so that they are found wherever the package
is installed (a wheel, an editable checkout, a zip); nothing is derived from a checkout's layout.

The labelled items the model is trained on (``corpora/items`` in the repository) do not ship:
``train`` reads them from ``--corpus`` (default ``corpora/items`` under the current folder).
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_dir", "sample_corpus", "default_model", "domain_dictionary", "items_corpus"]

ITEMS_CORPUS = Path("corpora") / "items"  # relative to the current folder


def data_dir() -> Path:
    """``disclosure_nlp/data`` as a real folder (the package is installed as files)."""
    return Path(str(resources.files("disclosure_nlp") / "data"))


def sample_corpus() -> Path:
    """The bundled synthetic sample (12 reports in every format, with their truth)."""
    return data_dir() / "sample"


def default_model() -> Path:
    """The shipped theme model, ``disclosure_nlp/data/themes.skops`` (its metadata beside it)."""
    return data_dir() / "themes.skops"


def domain_dictionary() -> Path:
    return data_dir() / "domain_dict.txt"


def items_corpus() -> Path:
    """The labelled items to train on: ``corpora/items`` under the current folder."""
    return ITEMS_CORPUS
