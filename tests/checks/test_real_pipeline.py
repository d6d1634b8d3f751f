"""The whole pipeline (read → parse → figures → checks) on every shared real report, in every
format it is stored in: the fixed-id flags equal the truth's ``report_errors`` (an entry marked
``confidence: low`` may go either way) and nothing fires on ``ambiguous_not_errors``. The reports
are read from ../shared at run time; nothing of them is stored here."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from checks_helpers import REAL
from disclosure_nlp.pipeline import Pipeline, Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from eval_flags import FIXED, READABLE, covers, on_ambiguous  # noqa: E402

SOURCES = sorted(p for t in (REAL.glob("*.tables.json") if REAL.is_dir() else [])
                 for p in REAL.glob(t.name[: -len(".tables.json")] + ".*") if p.suffix in READABLE)


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(Settings(stages=("figures", "checks")))


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_fixed_id_flags_equal_report_errors(source, pipe, real_dir):
    stem = source.name.split(".")[0]
    truth = json.loads((real_dir / f"{stem}.tables.json").read_text(encoding="utf-8"))
    report = pipe.process_file(source)
    flags = [f for f in report.flags if f.rule.startswith(FIXED)]
    errors = truth.get("report_errors") or []
    for e in errors:
        if e.get("confidence") != "low":
            assert any(covers(f, e) for f in flags), f"missed {e['rule']} at {e['where']}"
    for f in flags:
        assert any(covers(f, e) for e in errors), f"not in report_errors: {f.rule} {f.message}"
    assert not [f for f in flags if on_ambiguous(f, truth.get("ambiguous_not_errors") or [])]
    assert not [f for f in report.flags if f.rule == "PARSE-INCOMPLETE"], "a shared report read in full"
