"""Every rule's fires/quiet cases (cases/<RULE-ID>.yml), run by one parametrized test."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from disclosure_nlp.checks import CheckSettings, corpus_flags, get_rule, registry, run_rules, signature
from disclosure_nlp.errors import RuleError

CASES = Path(__file__).parent / "cases"
FIXED_IDS = {"T3-BALANCE", "T3-RESULTS-SUM", "T3-ROW-TOTAL", "T4-GROUP-SUM", "NARR-NUMBER", "NARR-CLAIM",
             "THEME-GAP", "NO-IMPROVEMENT", "YOY-CARRY", "YOY-IN-FORCE", "BOILERPLATE-YOY", "BOILERPLATE-PEER",
             "FORMAT-OUTDATED"}


def _load() -> list:
    params = []
    for path in sorted(CASES.glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("fires", "quiet"):
            for i, case in enumerate(spec.get(kind) or ()):
                params.append(pytest.param(spec["rule"], kind, case, id=f"{spec['rule']}-{kind}-{i}"))
    return params


def _flags(rule_id: str, case: dict, make_report) -> dict[str, list]:
    settings = CheckSettings().with_overrides(case.get("settings") or {})
    if get_rule(rule_id).scope == "corpus":
        sigs = [signature(make_report(r), settings) for r in case["reports"]]
        by_source = corpus_flags(sigs, settings)
    else:
        report = run_rules(make_report(case.get("report") or {}), settings)
        if "narrative" in (case.get("report") or {}):
            assert report.stated, f"{case['name']}: the narrative states nothing the extractor finds"
        assert not any(rule in w for w in report.warnings for rule in registry()), report.warnings
        by_source = {report.source: list(report.flags)}
    return {src: [f for f in flags if f.rule == rule_id] for src, flags in by_source.items()}


@pytest.mark.parametrize("rule_id, kind, case", _load())
def test_rule_case(rule_id, kind, case, report_factory):
    found = {src: fl for src, fl in _flags(rule_id, case, report_factory).items() if fl}
    if kind == "quiet":
        assert not found, f"{case['name']}: unexpected {[f.message for fl in found.values() for f in fl]}"
        return
    expected = set(case.get("flagged") or (["case.txt"] if "report" in case else []))
    assert set(found) == expected, f"{case['name']}: flagged {sorted(found)}"
    flags = [f for fl in found.values() for f in fl]
    if "count" in case:
        assert len(flags) == case["count"], [f.message for f in flags]
    for f in flags:
        assert f.evidence.quote or f.evidence.cells, f"{rule_id} flag without evidence"
        assert f.severity == case.get("severity", get_rule(rule_id).severity)
        for word in case.get("message") or ():
            assert word in f.message, f"{word!r} not in {f.message!r}"


def test_every_rule_has_cases_and_docs():
    rules = registry()
    assert FIXED_IDS <= set(rules), FIXED_IDS - set(rules)
    files = {p.stem for p in CASES.glob("*.yml")}
    assert files == set(rules), f"rules without cases: {set(rules) - files}; cases without rule: {files - set(rules)}"
    for rule_id, cls in rules.items():
        spec = yaml.safe_load((CASES / f"{rule_id}.yml").read_text(encoding="utf-8"))
        assert spec["rule"] == rule_id
        assert spec.get("fires") and spec.get("quiet"), f"{rule_id} needs fires and quiet cases"
        assert set(cls.examples()) == {"fires", "quiet"}, f"{rule_id} docstring lacks **Fires**/**Quiet**"
        assert cls.description() and cls.name and cls.groups


def test_unknown_rule_lists_valid_ids():
    with pytest.raises(RuleError, match="T3-BALANCE"):
        get_rule("T9-NOPE")
    with pytest.raises(RuleError, match="refusal_share"):
        CheckSettings().with_overrides({"refusal_shares": 0.3})


def test_settings_select_rules(report_factory):
    report = report_factory({"applications.new_received.total": 14})
    only = run_rules(report, CheckSettings().with_overrides({"rules": "T3-ROW-TOTAL"}))
    assert {f.rule for f in only.flags} == {"T3-ROW-TOTAL"}
    without = run_rules(report, CheckSettings(exclude=("T3-ROW-TOTAL",)))
    assert "T3-ROW-TOTAL" not in {f.rule for f in without.flags} and "T3-BALANCE" in {f.rule for f in without.flags}
