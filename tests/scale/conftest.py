"""Fixtures of the scale tests: the pipeline settings, generated corpora, an uninterrupted
reference scan of the mixed corpus, and the shared real corpus."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from disclosure_nlp.batch import BatchOptions
from disclosure_nlp.scanner import scan
from disclosure_nlp.export.spool import SPOOL_PREFIX
from disclosure_nlp.generate import generate_corpus
from disclosure_nlp.paths import default_model
from disclosure_nlp.pipeline import Settings

REPO = Path(__file__).resolve().parents[2]
OUTPUTS = ("flags.csv", "themes.csv", "unanswered.csv", "status.csv", "reports.jsonl")
MIXED_FORMATS = ("txt", "glued", "html", "md")
CHUNK = 16
CORPUS_RULES = {"YOY-CARRY", "YOY-IN-FORCE", "YOY-JUMP", "BOILERPLATE-YOY", "BOILERPLATE-PEER"}


def pipeline_settings() -> Settings:
    """The whole pipeline once the theme model is trained; until then, every stage but themes."""
    if default_model().exists():
        return Settings()
    return Settings(stages=("items", "figures", "checks"))


def output_bytes(out: Path, names=OUTPUTS) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in names}


def spools(out: Path) -> list[Path]:
    """The scratch folders a scan left in its output directory (there should be none)."""
    return [p for p in out.iterdir() if p.name.startswith(SPOOL_PREFIX)]


def csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def assert_valid_outputs(out: Path) -> None:
    """Every CSV parses with its header, the JSONL has only whole lines, review.html exists."""
    for name in ("flags.csv", "themes.csv", "unanswered.csv", "status.csv"):
        with open(out / name, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows and all(len(r) == len(rows[0]) for r in rows), name
    text = (out / "reports.jsonl").read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n")
    for line in text.splitlines():
        json.loads(line)
    assert (out / "review.html").stat().st_size > 0


@pytest.fixture(scope="session")
def settings() -> Settings:
    return pipeline_settings()


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory) -> Path:
    """120 reports of 30 agencies × 2020–2023, one format each in turn, with injected defects
    (so the per-report and the corpus rules fire)."""
    root = tmp_path_factory.mktemp("mixed")
    generate_corpus(root, n=120, seed=5, formats=MIXED_FORMATS, defect_rate=0.35, mix=True)
    return root


@pytest.fixture(scope="session")
def reference(mixed_corpus, settings, tmp_path_factory) -> Path:
    """The mixed corpus scanned serially and without interruption."""
    out = tmp_path_factory.mktemp("reference")
    result = scan(mixed_corpus, out, settings, BatchOptions(workers=1, chunk_size=CHUNK))
    assert not result.interrupted
    return out
