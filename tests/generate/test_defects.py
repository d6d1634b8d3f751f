"""Each injected defect makes exactly its rule fire (judged by the independent oracle)."""
from random import Random

import pytest

from disclosure_nlp.generate import DEFECTS, REPORT_DEFECTS, draw_corpus, draw_report
from disclosure_nlp.generate.tables import broken_identities, t3_columns_broken
from gen_oracle import field_value, firing_rules

@pytest.mark.parametrize("defect", REPORT_DEFECTS)
def test_report_defect_fires_exactly_its_rule(defect):
    for seed in range(60):
        r = draw_report(Random(seed), "临河市教育局", 2022, defects=(defect,))
        assert r.defects == (defect,)
        assert firing_rules(r) == {defect}, (seed, firing_rules(r))


@pytest.mark.parametrize("rule", ["T3-BALANCE", "T3-RESULTS-SUM", "T3-ROW-TOTAL", "T4-GROUP-SUM"])
def test_table_defect_breaks_only_its_identity(rule):
    for seed in range(100):
        r = draw_report(Random(seed), "东湖区人民政府", 2023, defects=(rule,))
        assert broken_identities(r.applications, r.review_litigation) == {rule}
        if rule == "T3-ROW-TOTAL":  # the columns, the total one too, still add up
            where = t3_columns_broken(r.applications)
            assert not where["T3-BALANCE"] and not where["T3-RESULTS-SUM"] and len(where[rule]) == 2


def test_narr_number_states_a_figure_no_reading_matches():
    for seed in range(50):
        r = draw_report(Random(seed), "临河市教育局", 2022, defects=("NARR-NUMBER",))
        (s,) = [s for s in r.stated if s.field == "applications.new_received.total"]
        apps = r.applications
        assert s.value not in (apps["new_received"]["total"],
                               apps["new_received"]["total"] + apps["carried_over"]["total"])
        assert f"{s.value}件" in s.quote


def test_narr_claim_contradicts_the_table():
    kinds = set()
    for seed in range(40):
        r = draw_report(Random(seed), "临河市教育局", 2022, defects=("NARR-CLAIM",))
        claims = [s for s in r.stated if s.claim]
        bad = [s for s in claims if field_value(r, s.field) > 0]
        assert len(bad) == 1
        kinds.add(bad[0].claim)
    assert kinds == {"all_answered", "no_review"}


def test_no_improvement_writes_problems_only_or_nothing():
    texts = [draw_report(Random(s), "临河市教育局", 2022, defects=("NO-IMPROVEMENT",)) for s in range(40)]
    assert all(not any(i.kind == "improvement" for i in r.items) for r in texts)
    assert any(r.items for r in texts) and any(not r.items for r in texts)


def test_theme_gap_has_corrected_review_and_no_requests_item():
    for seed in range(40):
        r = draw_report(Random(seed), "临河市教育局", 2022, defects=("THEME-GAP",))
        assert r.review_litigation["review"]["corrected"] > 0
        assert not any("requests" in i.themes for i in r.items)


def test_format_outdated_uses_2019_layout():
    r = draw_report(Random(2), "临河市教育局", 2023, defects=("FORMAT-OUTDATED",))
    assert r.format_version == "2019" and "other.unpaid_fee" not in r.applications


def _index(reports):
    by = {(r.agency_id, r.year): r for r in reports}
    for r in reports:
        peers = [p for p in reports if p.year == r.year and p.agency_id != r.agency_id]
        yield r, by.get((r.agency_id, r.year - 1)), peers


def test_corpus_defects_fire_exactly():
    seen = set()
    for seed in (1, 2, 3):
        reports = draw_corpus(25, [2019, 2020, 2021, 2022, 2023], seed, defect_rate=0.35)
        for r, prev, peers in _index(reports):
            assert firing_rules(r, prev, peers) == set(r.defects), (seed, r.key, r.defects)
            seen.update(r.defects)
    assert seen == set(DEFECTS)


def test_defect_free_corpus_fires_nothing():
    reports = draw_corpus(30, [2020, 2021, 2022, 2023], 8)
    for r, prev, peers in _index(reports):
        assert not r.defects and firing_rules(r, prev, peers) == set(), r.key


def test_series_defects_on_draw_report():
    prev = draw_report(Random(1), "临河市教育局", 2021)
    r = draw_report(Random(2), "临河市教育局", 2022, defects=("YOY-CARRY",), prev=prev)
    assert firing_rules(r, prev) == {"YOY-CARRY"}
    r = draw_report(Random(3), "临河市教育局", 2022, defects=("YOY-IN-FORCE",), prev=prev)
    assert firing_rules(r, prev) == {"YOY-IN-FORCE"}
    ok = draw_report(Random(4), "临河市教育局", 2022, prev=prev)
    assert firing_rules(ok, prev) == set()
