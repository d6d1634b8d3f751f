"""parse/labels.py: the patterns that find the form's rows are built from form.py's words, and
each finds the label the form itself prints, in both layouts."""
import re

import pytest

from disclosure_nlp import form
from disclosure_nlp.parse.labels import (T2_FIELDS, T2_LABELS_2019, T2_LABELS_2021, T3_HEADERS, T3_LABELS,
                                         T3_OTHER_2019, T4_HEADERS)
from disclosure_nlp.parse.meta import detect_format
from disclosure_nlp.parse.tables import find_rows
from disclosure_nlp.schema import T2_2019, T2_2021, T3_ROWS, T3_ROWS_2019

LAYOUTS = {  # layout: (rows, printed row texts, the parser's patterns)
    "2021": (T3_ROWS, form.T3_ROW_FORM_TEXT, T3_LABELS),
    "2019": (T3_ROWS_2019, form.T3_ROW_FORM_TEXT_2019, {**T3_LABELS, "other.other": T3_OTHER_2019}),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_t3_row_has_form_words_and_its_pattern_matches_the_printed_label(layout):
    rows, printed, patterns = LAYOUTS[layout]
    for row in rows:
        assert form.T3_ROW_WORDS[row], row
        assert re.search(patterns[row], printed[row]), (row, printed[row])


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_printed_table_is_read_row_by_row_in_the_form_order(layout):
    """The printed labels, one a line with figures after them (and the group headings between):
    every row is found on its own line."""
    rows, printed, patterns = LAYOUTS[layout]
    lines = [f"{label}\t1\t2\t3" for label in printed.values()]
    text = "\n".join(lines)
    spans = find_rows(text, patterns, rows)
    assert list(spans) == list(rows)
    for row, (start, _) in spans.items():
        line = text[:start].count("\n")
        assert lines[line].startswith(printed[row]), (row, lines[line])


@pytest.mark.parametrize("layout, spec, patterns", [("2021", T2_2021, T2_LABELS_2021), ("2019", T2_2019, T2_LABELS_2019)])
def test_every_t2_row_and_field_is_found_by_the_form_words(layout, spec, patterns):
    assert list(patterns) == list(spec)
    for row, fields in spec.items():
        assert form.T2_ROW_WORDS[row], row
        found = [k for k in spec if re.search(patterns[k], form.T2_ROW_FORM_TEXT[layout][row])]
        assert found == [row], (row, found)
        for f in fields:
            header = form.T2_FIELD_FORM_TEXT[layout][f]
            first = next(k for k, rx in T2_FIELDS.items() if re.search(rx, header))
            assert first == f, (f, header, first)


def test_t2_field_headers_as_reports_write_the_slash():
    for written in ("本年增/减", "本年增／减", "本年增、减", "本年增减", "本年增 / 减"):
        assert re.search(T2_FIELDS["change"], written), written


def test_the_column_headers_are_the_forms():
    assert T3_HEADERS == tuple(zh for zh, _ in form.T3_COLUMN_LABELS.values())
    assert T4_HEADERS == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    assert set(form.COLUMN_HEADER_VARIANTS.values()) <= set(T3_HEADERS)


def _fields_printed(layout):
    return "\t".join(form.T2_FIELD_FORM_TEXT[layout].values())


def test_the_layout_is_told_by_the_words_only_one_layout_prints():
    t3_2021, t3_2019 = "\n".join(form.T3_ROW_FORM_TEXT.values()), "\n".join(form.T3_ROW_FORM_TEXT_2019.values())
    for words, ours, theirs in [(form.LAYOUT_2021_WORDS["active_disclosure"], _fields_printed("2021"), _fields_printed("2019")),
                                (form.LAYOUT_2019_WORDS["active_disclosure"], _fields_printed("2019"), _fields_printed("2021")),
                                (form.LAYOUT_2021_WORDS["applications"], t3_2021, t3_2019)]:
        for w in words:
            assert w in ours and w not in theirs, w
    assert detect_format(_fields_printed("2021"), "") == "2021"
    assert detect_format(_fields_printed("2019"), "") == "2019"
    assert detect_format("", t3_2021) == "2021"
    assert detect_format("", t3_2019) == "2019"


def test_every_word_is_printed_in_its_label_or_a_listed_variant():
    used = []

    def check(words, printed):
        for w in words:
            used.append(w)
            assert (w in printed) != (w in form.FORM_VARIANTS), (w, printed)

    for row, words in form.T3_ROW_WORDS.items():
        printed = form.T3_ROW_FORM_TEXT[row] + "\n" + form.T3_ROW_FORM_TEXT_2019.get(row, "")
        check(words + ((form.T3_ROW_LEAD[row],) if row in form.T3_ROW_LEAD else ()), printed)
    for row, words in form.T2_ROW_WORDS.items():
        printed = "\n".join(texts[row] for texts in form.T2_ROW_FORM_TEXT.values() if row in texts)
        check(words + ((form.T2_ROW_LEAD[row],) if row in form.T2_ROW_LEAD else ()), printed)
    for field, words in form.T2_FIELD_WORDS.items():
        check(words, "\n".join(texts[field] for texts in form.T2_FIELD_FORM_TEXT.values() if field in texts))
    columns = {zh for labels in (form.T3_COLUMN_LABELS, form.T4_COLUMN_LABELS) for zh, _ in labels.values()}
    check(form.COLUMN_HEADER_VARIANTS, "\n".join(columns))
    assert set(form.FORM_VARIANTS) <= set(used)  # no variant listed that nothing uses
