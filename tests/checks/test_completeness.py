"""What was not read proves nothing: the rules that need it stay quiet, PARSE-INCOMPLETE names it
in the form's labels and the report becomes partial with a Chinese reason."""
from __future__ import annotations

from disclosure_nlp.checks import run_rules
from disclosure_nlp.checks.completeness import required_rows, unread
from disclosure_nlp.schema import T3_COLUMNS, T3_ROWS, T3_ROWS_2019, T4_COLUMNS

FIXED = ("T3-", "T4-", "NARR-")


def _blank_row(row: str) -> dict:
    return {f"applications.{row}.{c}": None for c in T3_COLUMNS}


def test_rows_not_read_silence_the_rules_and_make_the_report_partial(report_factory):
    spec = {**_blank_row("granted"), **_blank_row("carried_forward"),
            **{f"review_litigation.review.{c}": None for c in T4_COLUMNS},
            "narrative": "本年度行政复议2件，均获维持。其中予以公开9件。"}
    report = run_rules(report_factory(spec))
    assert [f.rule for f in report.flags if f.rule.startswith(FIXED)] == []
    flag = next(f for f in report.flags if f.rule == "PARSE-INCOMPLETE")
    assert flag.severity == "info"
    for label in ("表三 三（一）予以公开（整行）", "表三 四 结转下年度继续办理（整行）", "表四 行政复议（整组）"):
        assert label in flag.message
    assert set(flag.evidence.cells) == {"applications.granted", "applications.carried_forward",
                                        "review_litigation.review"}
    assert report.status == "partial" and report.reason == flag.message and "未读出" in report.reason


def test_the_same_report_read_in_full_is_flagged(report_factory):
    report = run_rules(report_factory({"applications.granted.total": 9, "applications.granted.natural_person": 8}))
    assert "T3-RESULTS-SUM" in {f.rule for f in report.flags}
    assert report.status == "ok" and not [f for f in report.flags if f.rule == "PARSE-INCOMPLETE"]


def test_layouts_that_lack_rows_legitimately(report_factory):
    assert required_rows(report_factory({"layout": "2019"})) == T3_ROWS_2019
    single = report_factory({"applications.other.no_correction.total": "__delete_row__",
                             "applications.other.unpaid_fee.total": "__delete_row__"})
    assert required_rows(single) == T3_ROWS_2019 and unread(single) == []
    assert required_rows(report_factory({})) == T3_ROWS
    assert unread(report_factory({"applications.carried_forward.other_org": None})) == []
    assert unread(report_factory({"tables": None, "format_version": "pre2019"})) == []
    assert unread(report_factory({"review_litigation": None})) == ["review_litigation"]
