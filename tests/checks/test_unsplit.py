"""A glued row that no split consistent with the arithmetic explains was not read (the parser may
have taken a stray digit in): the arithmetic rules stay quiet on it and PARSE-INCOMPLETE names
it, with the digits as evidence; a row that splits raises nothing."""
from builders import report_text as make_report
from disclosure_nlp.checks.base import run_rules
from disclosure_nlp.parse import parse_text


def _rules(text):
    report = run_rules(parse_text(text))
    return report, {f.rule for f in report.flags}


def test_unsplittable_glued_rows_are_not_read():
    text = (make_report(glue=True)
            .replace("一、本年新收政府信息公开申请数量5100006", "一、本年新收政府信息公开申请数量5100007")
            .replace("100120000000000", "100130000000000"))
    report, rules = _rules(text)
    assert report.unsplit == {"applications.new_received": "5100007", "review_litigation": "100130000000000"}
    assert not {"T3-ROW-TOTAL", "T3-BALANCE", "T4-GROUP-SUM"} & rules
    flag = next(f for f in report.flags if f.rule == "PARSE-INCOMPLETE")
    assert flag.evidence.cells == {"applications.new_received": "5100007", "review_litigation": "100130000000000"}
    assert "表三 一 本年新收（整行）" in flag.message and "表四（整表）" in flag.message
    # the parser made it partial already: its reason stays, the flag says the rest
    assert report.status == "partial" and "表三 一 本年新收" in report.reason and "表四" in report.reason


def test_splittable_glued_rows_stay_quiet():
    report, rules = _rules(make_report(glue=True))
    assert report.unsplit == {}
    assert not {"T3-ROW-TOTAL", "T4-GROUP-SUM"} & rules
