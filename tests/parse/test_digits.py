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
