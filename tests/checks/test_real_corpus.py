"""The per-report rules on the real reports' truth tables (../shared/corpus/real), and the recall
of the narrative-figure extractor on the figures the truth files list. Nothing of the reports is
stored here: they are read at run time."""
from __future__ import annotations

import difflib
import json
import re

import pytest

from disclosure_nlp.checks import run_rules, unanswered_themes
from checks_helpers import REAL, real_report

COMPARED = ("T3-", "T4-", "NARR-")
TRUTHS = sorted(REAL.glob("*.tables.json")) if REAL.is_dir() else []


def _covers(flag, error) -> bool:
    if flag.rule != error["rule"]:
        return False
    where = error["where"]
    if not where.startswith(("applications.", "review_litigation.", "active_disclosure.")):
        return True  # a section name: the rule is all that can be compared
    return any(path == where or path.startswith(where + ".") for path in flag.evidence.cells)


@pytest.mark.parametrize("truth_path", TRUTHS, ids=[p.name.split(".")[0] for p in TRUTHS])
def test_flags_equal_report_errors(truth_path, real_dir):
    report, truth = real_report(truth_path)
    flags = [f for f in run_rules(report).flags if f.rule.startswith(COMPARED)]
    errors = truth["report_errors"]
    firm = [e for e in errors if e.get("confidence") != "low"]
    for e in firm:
        assert any(_covers(f, e) for f in flags), f"missed {e['rule']} at {e['where']}"
    for f in flags:
        assert any(_covers(f, e) for e in errors), f"flag not in report_errors: {f.rule} {f.message}"


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _field(truth: dict) -> str:
    field = truth["field"]
    field = re.sub(r"^sum\((.*)\)$", r"\1", field)
    return {"narrative.litigation_total": "review_litigation.litigation_direct.total"
            "+review_litigation.litigation_after_review.total"}.get(field, field)


def _same_place(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= min(len(a), len(b), 6)


def _found(truth: dict, stated) -> bool:
    is_claim = "claim" in truth or truth.get("kind") == "claim"
    for s in stated:
        if not _same_place(s.quote, truth["quote"]) or s.field != _field(truth):
            continue
        if is_claim and s.claim and not s.claim.startswith("range:"):
            return True
        if not is_claim and s.value is not None and abs(s.value - truth["value"]) < 1e-6:
            return True
    return False


def test_stated_figures_recall(real_dir):
    found = total = 0
    missed = []
    for truth_path in TRUTHS:
        report, truth = real_report(truth_path)
        for item in truth.get("stated_in_narrative") or ():
            total += 1
            if _found(item, report.stated):
                found += 1
            else:
                missed.append((truth_path.name, item["field"]))
    recall = found / total
    print(f"stated-figure recall on the real reports: {found}/{total} = {recall:.1%}; missed {missed}")
    assert total >= 40
    assert recall >= 0.95, missed


@pytest.mark.parametrize("truth_path", TRUTHS, ids=[p.name.split(".")[0] for p in TRUTHS])
def test_unanswered_themes_match_labels(truth_path, real_dir):
    items_path = truth_path.with_name(truth_path.name.replace(".tables.json", ".items.json"))
    if not items_path.exists():
        pytest.skip("no labelled items")
    report, _ = real_report(truth_path)
    labels = json.loads(items_path.read_text(encoding="utf-8"))
    # TAXONOMY.md: a problem is unanswered when no improvement shares any of its themes. The labels'
    # ``unanswered_problem_themes`` count a theme no improvement has, even on an answered problem:
    # ours are those of the labelled problems that share no theme, always among the labelled ones.
    answered = {t for i in labels["items"] if i["kind"] == "improvement" for t in i["themes"]}
    expected = {t for i in labels["items"] if i["kind"] == "problem" and not answered & set(i["themes"])
                for t in i["themes"]}
    assert unanswered_themes(report) == sorted(expected)
    assert set(unanswered_themes(report)) <= set(labels["unanswered_problem_themes"])
