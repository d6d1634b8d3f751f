"""Tables consistent by construction, narrative that matches them, and the data model's layout."""
from random import Random

import pytest

from disclosure_nlp.generate import Agency, GeneratorError, draw_corpus, draw_report, truth_dict
from disclosure_nlp.generate.tables import broken_identities
from disclosure_nlp.schema import (APPLICANT_COLUMNS, T2_2019, T2_2021, T3_COLUMNS, T3_RESULT_ROWS, T3_ROWS,
                                   T3_ROWS_2019, T4_COLUMNS, T4_GROUPS)
from gen_oracle import field_value, firing_rules

SCALES = ("small", "medium", "large")


def _draw(seed: int):
    rng = Random(seed)
    layout = "2019" if seed % 3 == 0 else "2021"
    agency = Agency("a1", ("临河市教育局",), scale=SCALES[seed % 3], self_ref="我局")
    return draw_report(rng, agency, 2020 if layout == "2019" else 2022, layout)


def test_all_identities_hold_for_defect_free_reports_over_500_seeds():
    for seed in range(500):
        r = _draw(seed)
        apps, review = r.applications, r.review_litigation
        assert broken_identities(apps, review) == set(), seed
        for c in T3_COLUMNS:  # the four identities, spelled out
            assert (apps["new_received"][c] + apps["carried_over"][c]
                    == apps["total_processed"][c] + apps["carried_forward"][c])
            assert apps["total_processed"][c] == sum(apps[row][c] for row in T3_RESULT_ROWS if row in apps)
        for row in apps.values():
            assert row["total"] == sum(row[c] for c in APPLICANT_COLUMNS)
            assert all(isinstance(v, int) and v >= 0 for v in row.values())
        for g in T4_GROUPS:
            assert sum(review[g][c] for c in T4_COLUMNS[:4]) == review[g]["total"]
        assert r.defects == ()
        assert firing_rules(r) == set(), seed


def test_schema_layout_of_both_formats():
    r21, r19 = _draw(1), _draw(3)
    assert tuple(r21.applications) == T3_ROWS and tuple(r19.applications) == T3_ROWS_2019
    assert all(tuple(row) == T3_COLUMNS for row in r21.applications.values())
    assert {k: tuple(v) for k, v in r21.active_disclosure.items()} == T2_2021
    assert {k: tuple(v) for k, v in r19.active_disclosure.items()} == T2_2019
    assert tuple(r21.review_litigation) == T4_GROUPS
    truth = truth_dict(r21)
    assert truth["applications"] == r21.applications and truth["applications"] is not r21.applications
    assert set(truth) >= {"agency", "year", "format_version", "active_disclosure", "applications",
                          "review_litigation", "sections", "items", "stated_in_narrative", "defects"}


def test_numbers_are_mostly_small_with_zeros_and_sometimes_large():
    totals = [_draw(s).applications["new_received"]["total"] for s in range(300)]
    assert sum(t == 0 for t in totals) > 10
    assert sorted(totals)[len(totals) // 2] < 60
    assert max(totals) >= 500


def test_stated_figures_match_their_cells_and_sit_where_they_say():
    for seed in range(200):
        r = _draw(seed)
        for s in r.stated:
            section = "other_matters" if s.field == "applications.other.unpaid_fee.total" else "overview"
            assert r.sections[section][s.start:s.start + len(s.quote)] == s.quote
            if s.value is not None and not s.field.startswith("narrative."):
                assert s.value == field_value(r, s.field), (seed, s)


def test_items_are_substrings_of_five_with_taxonomy_themes():
    from disclosure_nlp.generate.phrases import THEMES
    kinds = set()
    for seed in range(200):
        r = _draw(seed)
        assert 2 <= sum(i.kind == "problem" for i in r.items) <= 5
        for i in r.items:
            kinds.add(i.kind)
            assert r.sections["problems"][i.start:i.start + len(i.text)] == i.text
            assert set(i.themes) <= set(THEMES) | {"generic"}
            assert i.themes == ("generic",) or "generic" not in i.themes
    assert kinds == {"problem", "improvement"}


def test_all_answered_claim_only_without_carried_forward():
    for seed in range(300):
        r = _draw(seed)
        if any(s.claim == "all_answered" for s in r.stated):
            assert r.applications["carried_forward"]["total"] == 0


def test_fee_sentence_when_fees_lapsed():
    seen = 0
    for seed in range(600):
        r = _draw(seed)
        if r.format_version == "2021" and r.applications["other.unpaid_fee"]["total"]:
            seen += 1
            assert "信息处理费" in r.sections["other_matters"]
    assert seen > 0


def test_corpus_links_years_and_keeps_five_unique():
    reports = draw_corpus(6, [2020, 2021, 2022], seed=4)
    assert len(reports) == 18 and [r.year for r in reports] == sorted(r.year for r in reports)
    by = {(r.agency_id, r.year): r for r in reports}
    for r in reports:
        prev = by.get((r.agency_id, r.year - 1))
        assert r.format_version == ("2021" if r.year >= 2021 else "2019")
        if prev:
            assert {c: r.applications["carried_over"][c] for c in APPLICANT_COLUMNS} == \
                   {c: prev.applications["carried_forward"][c] for c in APPLICANT_COLUMNS}
            if prev.format_version == "2021":
                for key in ("regulations", "normative_documents"):
                    a, b = r.active_disclosure[key], prev.active_disclosure[key]
                    assert a["in_force"] == b["in_force"] + a["issued"] - a["repealed"]
    assert len({r.sections["problems"] for r in reports}) == len(reports)


def test_agency_names_vary_across_years():
    reports = draw_corpus(30, [2020, 2021, 2022, 2023], seed=2)
    names: dict[str, set] = {}
    for r in reports:
        names.setdefault(r.agency_id, set()).add(r.agency)
    varied = [n for n in names.values() if len(n) > 1]
    assert varied and all(len(n) == 2 for n in varied)
    assert all(min(n, key=len) in max(n, key=len) or "管委会" in min(n, key=len) for n in varied)


def test_same_seed_same_corpus():
    assert draw_corpus(3, [2021, 2022], 9, 0.5) == draw_corpus(3, [2021, 2022], 9, 0.5)
    assert draw_corpus(3, [2021, 2022], 9) != draw_corpus(3, [2021, 2022], 10)


@pytest.mark.parametrize("kwargs", [{"defects": ("NOPE",)}, {"defects": ("YOY-CARRY",)},
                                    {"defects": ("BOILERPLATE-PEER",)}, {"format_version": "2015"},
                                    {"defects": ("NO-IMPROVEMENT", "THEME-GAP")}])
def test_bad_requests_raise(kwargs):
    with pytest.raises(GeneratorError):
        draw_report(Random(1), "临河市教育局", 2022, **kwargs)


def test_format_outdated_needs_2021_or_later_and_is_recorded():
    with pytest.raises(GeneratorError):
        draw_report(Random(1), "临河市教育局", 2020, defects=("FORMAT-OUTDATED",))
    r = draw_report(Random(1), "临河市教育局", 2022, "2019")
    assert r.format_version == "2019" and r.defects == ("FORMAT-OUTDATED",)
