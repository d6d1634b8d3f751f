"""Tables as sites and converters publish them (invented reports, see forms.py): each value is
read from its own column, whatever the markup around it."""
from __future__ import annotations

import pytest

from disclosure_nlp.parse import parse_doc
from disclosure_nlp.read import read_bytes

from . import forms


def _parse_html(**kw):
    return parse_doc(read_bytes(forms.html_page(**kw).encode("utf-8"), "site.html", "html"))


def test_blank_total_column_keeps_every_value_in_its_column():
    # label cells span rows (rowspan) and the 总计 column is left blank (&nbsp;): before, every
    # value of such a row moved one column to the right
    r = _parse_html(blank_total=True, split=False, spans=False)
    assert r.applications == forms.t3_expected(blank_total=True)
    assert r.status == "ok", r.reason


def test_table_split_over_two_tables_with_repeated_header():
    r = _parse_html(blank_total=True, split=True, spans=False)
    assert r.applications == forms.t3_expected(blank_total=True)
    assert r.review_litigation == forms.t4_expected()


def test_numbers_split_over_spans():
    r = _parse_html(blank_total=False, split=False, spans=True)
    assert r.applications == forms.t3_expected(blank_total=False)
    assert r.review_litigation == forms.t4_expected()
    assert r.active_disclosure["licensing"]["decisions"] == 1316
    assert r.active_disclosure["normative_documents"] == {"issued": 7, "repealed": 2, "in_force": 58}


@pytest.mark.parametrize("split", [False, True])
def test_every_failure_class_at_once(split):
    r = _parse_html(blank_total=True, split=split, spans=True)
    assert r.applications == forms.t3_expected(blank_total=True)
    assert r.review_litigation == forms.t4_expected()
    assert r.active_disclosure["fees"]["amount_10k_yuan"] == 12.5
    assert not r.uncertain_cells
