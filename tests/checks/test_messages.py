"""Every per-report rule speaks Simplified Chinese by default, in the form's labels (never a
schema path or an English sentence), and English with ``--lang en``; evidence keeps schema paths."""
from __future__ import annotations

import re

import pytest
import yaml

from disclosure_nlp.checks import CheckSettings, get_rule, run_rules
from disclosure_nlp.i18n import set_lang
from test_rule_cases import CASES

_LATIN_WORD = re.compile(r"[A-Za-z_]{3,}")
_EVIDENCE_KEYS = ("applications", "review_litigation", "active_disclosure", "sections", "items", "year",
                  "format_version", "missing")
_PATH = re.compile(r"\b(?:applications|review_litigation|active_disclosure)\.")


def _firing_cases():
    out = []
    for path in sorted(CASES.glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if get_rule(spec["rule"]).scope != "report":
            continue
        for i, case in enumerate(spec.get("fires") or ()):
            out.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}-{i}"))
    return out


@pytest.fixture
def english():
    set_lang("en")
    yield
    set_lang("zh")


def _flags(rule_id, case, make_report):
    settings = CheckSettings().with_overrides(case.get("settings") or {})
    report = run_rules(make_report(case.get("report") or {}), settings)
    flags = [f for f in report.flags if f.rule == rule_id]
    assert flags, case["name"]
    return flags


@pytest.mark.parametrize("rule_id, case", _firing_cases())
def test_default_messages_are_chinese_in_the_forms_labels(rule_id, case, report_factory):
    for f in _flags(rule_id, case, report_factory):
        assert not _PATH.search(f.message), f.message
        assert not _LATIN_WORD.search(f.message), f.message
        assert re.search(r"[\u4e00-\u9fff]", f.message)
        assert all(k.split(".")[0] in _EVIDENCE_KEYS for k in f.evidence.cells), f.evidence.cells


@pytest.mark.parametrize("rule_id, case", _firing_cases())
def test_lang_en_gives_english(rule_id, case, report_factory, english):
    for f in _flags(rule_id, case, report_factory):
        assert _LATIN_WORD.search(f.message), f.message
        assert not _PATH.search(f.message), f.message


def test_the_briefs_examples(report_factory):
    r = run_rules(report_factory({"applications.total_processed.total": 11,
                                  "applications.total_processed.natural_person": 9}))
    bal = next(f for f in r.flags if f.rule == "T3-BALANCE")
    assert "表三 一+二 ≠ （七）+四：" in bal.message and "总计列 12 + 1 ≠ 11 + 0" in bal.message
    r = run_rules(report_factory({"narrative": "本年度收到政府信息公开申请72件。"}))
    num = next(f for f in r.flags if f.rule == "NARR-NUMBER")
    assert num.message == "一 称“本年度收到政府信息公开申请72件”，表三 一 本年新收 · 总计 为 12、加上年结转为 13"
    assert set(num.evidence.cells) == {"applications.new_received.total", "applications.carried_over.total"}


def test_a_narrative_figure_flag_places_its_figure_in_its_quote():
    from disclosure_nlp.paths import sample_corpus
    from disclosure_nlp.pipeline import Pipeline, Settings

    report = Pipeline(Settings(stages=("items", "figures", "checks"))).process_file(sample_corpus() / "a003_2020.html")
    (flag,) = [f for f in report.flags if f.rule == "NARR-NUMBER"]
    (a, b), = flag.evidence.spans
    assert flag.evidence.quote[a:b].isdigit() and flag.evidence.quote[a:b] in flag.message
