import time

from disclosure_nlp.parse import digits


def test_sum_row_unique_split():
    assert digits.split_sum_row("801000081", 7) == [(80, 1, 0, 0, 0, 0, 81)]


def test_sum_row_keeps_every_consistent_split():
    assert set(digits.split_sum_row("220000022", 7)) == {(2, 20, 0, 0, 0, 0, 22), (22, 0, 0, 0, 0, 0, 22)}


def test_sum_row_no_leading_zero_cells():
    for cand in digits.split_sum_row("1000001", 7):
        assert cand == (1, 0, 0, 0, 0, 0, 1)


def test_sum_row_impossible():
    assert digits.split_sum_row("1000002", 7) == []


def test_groups_review_litigation():
    assert digits.split_groups("110024001510102", 3, 5) == [(1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2)]
    assert digits.split_groups("000000000000000", 3, 5) == [(0,) * 15]


def test_long_rows_stay_fast():
    # behaviour, not a timing assert: a 60-digit row must finish (no exponential blow-up)
    t = time.perf_counter()
    digits.split_sum_row("9" * 60, 7)
    digits.split_sum_row("1234567891011121314151617181920212223", 7)
    digits.split_groups("1" * 45, 3, 5)
    assert time.perf_counter() - t < 30


def test_free_split_signs_and_decimals():
    cands = digits.split_free("35-15", 2)
    assert ("35", "-15") in cands
    assert all(not c[0].startswith("0") or c[0] == "0" for c in digits.split_free("007", 3))
    assert ("0", "0", "7") in digits.split_free("007", 3)


# ------------------------------------------------------------------ memoised and pruned: the same output

def test_memoised_pruned_search_gives_the_reference_output():
    import random

    from . import digits_reference as ref

    rng = random.Random(5)
    for _ in range(300):
        s = "".join(rng.choice("0012345679") for _ in range(rng.randint(3, 16)))
        assert digits.split_sum_row(s, 7) == ref.split_sum_row(s, 7), s
        assert digits.split_groups(s, 3, 5) == ref.split_groups(s, 3, 5), s
        free = s[:8] if rng.random() < 0.5 else s[:4] + rng.choice(["-", ".", ""]) + s[4:8]
        assert digits.split_free(free, 3) == ref.split_free(free, 3), free
    # a caller may sort the result in place: the memo is not touched
    first = digits.split_sum_row("220000022", 7)
    first.reverse()
    assert digits.split_sum_row("220000022", 7) == ref.split_sum_row("220000022", 7)


# ------------------------------------------------------------------ glued 表二 rows ranked by evidence

_2019 = ("prior_items", "change", "decisions")


def _rank(run: str, stated=None, priors=None):
    from disclosure_nlp.parse.tables import _score_t2

    return digits.rank_splits("licensing", _2019, digits.split_free(run, 3), stated or {}, _score_t2, priors=priors)


def test_a_glued_2019_row_resolved_by_the_narrative():
    # the narrative says 本年增 60: it outranks the priors, which prefer 396 | 0 | 181
    ranked, how = _rank("3960181", {"active_disclosure.licensing.change": 60.0})
    assert how == "narrative" and ranked[0] == ("39", "60", "181")


def test_a_glued_2019_row_still_uncertain_keeps_its_alternatives_best_first():
    ranked, how = _rank("3960181")
    assert how is None
    assert ranked[0] == ("396", "0", "181")  # 本年增/减 0 beside 396 items, not 39 | 60
    assert ("39", "60", "181") in ranked[1:]


def test_a_glued_2019_row_resolved_by_the_prior():
    priors = digits.learn_priors([(_2019, (40, 0, 9))] * 200 + [(_2019, (40, 30, 9))] * 2, settle_share=0.9)
    ranked, how = _rank("4100", priors=priors)  # 41 | 0 | 0 or 4 | 10 | 0
    assert how == "prior" and ranked[0] == ("41", "0", "0")
    assert _rank("4100")[1] is None  # the shipped priors are more cautious


def test_priors_are_data():
    priors = digits.load_priors()
    spec = priors["features"]["change_share"]
    assert len(spec["share"]) == len(spec["edges"]) + 1 and abs(sum(spec["share"]) - 1) < 1e-3
    assert spec["share"][0] == max(spec["share"])  # 本年增/减 is most often 0

