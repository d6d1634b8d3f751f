"""A glued row that no split consistent with the arithmetic explains proves the arithmetic fails:
the rule fires on it with the digits as evidence, and stays quiet on a row that splits."""
from builders import report_text as make_report
from disclosure_nlp.checks.base import run_rules
from disclosure_nlp.parse import parse_text


def _rules(text):
    report = run_rules(parse_text(text))
    return report, {f.rule for f in report.flags}


def test_unsplittable_glued_rows_fire():
    text = (make_report(glue=True)
            .replace("一、本年新收政府信息公开申请数量5100006", "一、本年新收政府信息公开申请数量5100007")
            .replace("100120000000000", "100130000000000"))
    report, rules = _rules(text)
    assert report.unsplit == {"applications.new_received": "5100007", "review_litigation": "100130000000000"}
    assert {"T3-ROW-TOTAL", "T4-GROUP-SUM"} <= rules
    flag = next(f for f in report.flags if f.rule == "T3-ROW-TOTAL")
    assert flag.evidence.cells == {"applications.new_received": "5100007"}


def test_splittable_glued_rows_stay_quiet():
    report, rules = _rules(make_report(glue=True))
    assert report.unsplit == {}
    assert not {"T3-ROW-TOTAL", "T4-GROUP-SUM"} & rules
