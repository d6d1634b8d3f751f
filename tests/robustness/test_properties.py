"""Property-based tests: the parser and the readers on random and mutated input.

``parse_text`` never raises and always returns a Report whose status is ok, partial or failed,
with a reason unless ok, and whose cells are numbers or null; ``read_bytes`` raises nothing but
ReadError. Deterministic: ``derandomize=True``, no example database.
"""
from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_nlp.errors import ReadError
from disclosure_nlp.parse import parse_text
from disclosure_nlp.read import FORMATS, read_bytes
from disclosure_nlp.schema import STATUSES, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, RawDoc, Report

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(FUZZ, max_examples=40)

# the national form's wording and what reports are made of, to steer random text into the parser
FORM_WORDS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
              "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "予以公开", "部分公开", "不予公开",
              "（七）总计", "结转下年度继续办理", "行政复议", "行政诉讼", "结果维持", "结果纠正", "尚未审结",
              "自然人", "商业企业", "总计", "本年制发件数", "现行有效件数", "规范性文件", "统计表", "无", "/", "—",
              "2023年", "年度报告", "政府信息公开", "件", "。", "\t", "\n", " ", "- 3 -", "第2页")
TYPOS = {"行政复议": "行政法复议", "总计": "总汁", "予以公开": "予已公开", "结转": "结传", "申请": "申情",
         "存在的主要问题": "存在主要问题", "自然人": "自燃人", "本年": "本念", "三、": "三．", "（七）": "(七)"}


@lru_cache(maxsize=1)
def base_texts() -> tuple[str, ...]:
    """Generated reports as text: both layouts, one cell per line, glued and markdown."""
    from disclosure_nlp.generate import draw_report
    from disclosure_nlp.generate.render import render

    out = []
    for seed, layout in ((1, "2021"), (2, "2019"), (3, "2021")):
        rep = draw_report(Random(seed), "某某市交通运输局", 2022, layout)
        out += [render(rep, fmt).decode("utf-8") for fmt in ("txt", "glued", "md")]
    return tuple(out)


def check_report(report: Report) -> None:
    assert isinstance(report, Report)
    assert report.status in STATUSES
    if report.status != "ok":
        assert report.reason.strip(), f"status {report.status} without a reason"
    for name, table, rows, cols in (("applications", report.applications, T3_ROWS, T3_COLUMNS),
                                    ("review_litigation", report.review_litigation, T4_GROUPS, T4_COLUMNS)):
        if table is None:
            continue
        assert set(table) <= set(rows), name
        for row, cells in table.items():
            assert set(cells) <= set(cols), (name, row)
            for col, v in cells.items():
                assert v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)), (name, row, col, v)
    for group in (report.active_disclosure or {}).values():
        for v in group.values():
            assert v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)), v
    json.dumps(report.to_dict(), ensure_ascii=False)


# ------------------------------------------------------------------------- mutations
def _span(text: str, a: int, n: int) -> tuple[int, int]:
    i = a % (len(text) + 1)
    return i, min(len(text), i + n)


def mutate(text: str, op: tuple) -> str:
    kind, a, b, n, payload = op
    if not text:
        return payload
    i, j = _span(text, a, n)
    k = b % (len(text) + 1)
    if kind == "delete":
        return text[:i] + text[j:]
    if kind == "duplicate":
        return text[:k] + text[i:j] + text[k:]
    if kind == "swap":
        k, m = _span(text, b, n)
        if j <= k:
            return text[:i] + text[k:m] + text[j:k] + text[i:j] + text[m:]
        if m <= i:
            return text[:k] + text[i:j] + text[m:i] + text[k:m] + text[j:]
        return text
    if kind == "digits":
        return text[:k] + "".join(ch for ch in payload if ch.isdigit()) + str(n) + text[k:]
    if kind == "drop_newlines":
        return text[:i] + text[i:j].replace("\n", "") + text[j:]
    if kind == "drop_all_newlines":
        return text.replace("\n", "")
    if kind == "page_number":
        line = text.rfind("\n", 0, k) + 1
        return text[:line] + f"- {n % 40} -\n" + text[line:]
    if kind == "typo":
        keys = sorted(TYPOS)
        key = keys[n % len(keys)]
        at = [p for p in range(len(text)) if text.startswith(key, p)]
        if not at:
            return text
        p = at[b % len(at)]
        return text[:p] + TYPOS[key] + text[p + len(key):]
    if kind == "blank_cells":
        return text[:i] + "".join("\t" if ch.isdigit() else ch for ch in text[i:j]) + text[j:]
    if kind == "insert":
        return text[:k] + payload + text[k:]
    raise AssertionError(kind)


KINDS = ("delete", "duplicate", "swap", "digits", "drop_newlines", "drop_all_newlines", "page_number",
         "typo", "blank_cells", "insert")
ops = st.tuples(st.sampled_from(KINDS), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(1, 600),
                st.lists(st.sampled_from(FORM_WORDS + tuple("0123456789一二三四五六七（）、.")), max_size=12).map("".join))


@FUZZ
@given(st.text(max_size=3000))
def test_parse_text_on_random_unicode(text):
    check_report(parse_text(text))


@FUZZ
@given(st.lists(st.sampled_from(FORM_WORDS + tuple("0123456789 ")), max_size=400).map("".join))
def test_parse_text_on_random_form_words(text):
    check_report(parse_text(text))


@FUZZ
@given(st.integers(0, 10**6), st.lists(ops, min_size=1, max_size=8))
def test_parse_text_on_mutated_reports(which, mutations):
    texts = base_texts()
    text = texts[which % len(texts)]
    for op in mutations:
        text = mutate(text, op)
    check_report(parse_text(text))


def test_mutations_change_the_text():
    text = base_texts()[0]
    assert mutate(text, ("delete", 10, 0, 5, "")) != text
    assert mutate(text, ("typo", 0, 0, sorted(TYPOS).index("总计"), "")).count("总汁") >= 1
    assert "\n- 7 -\n" in mutate(text, ("page_number", 0, 500, 7, ""))
    assert "\n" not in mutate(text, ("drop_all_newlines", 0, 0, 1, ""))


def test_base_reports_parse():
    for text in base_texts():
        report = parse_text(text)
        assert report.status != "failed", report.reason  # partial where glued cells split ambiguously
        assert report.applications["new_received"]["total"] is not None


@FEW
@given(st.data())
def test_parse_text_on_mutated_real_reports(real_corpus, data):
    files = sorted(p for p in real_corpus.iterdir() if p.suffix in (".txt", ".md"))
    path = data.draw(st.sampled_from(files))
    text = path.read_text(encoding="utf-8", errors="replace")
    for op in data.draw(st.lists(ops, min_size=1, max_size=6)):
        text = mutate(text, op)
    check_report(parse_text(text, source=path.name))


# ------------------------------------------------------------------------- readers
PREFIXES = (b"", b"%PDF-1.7\n", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<", b"PK\x03\x04", b"\xef\xbb\xbf",
            b"\xff\xfe", b"\xfe\xff", b"<html><body><table><tr><td rowspan='999999'>",
            b"<!DOCTYPE html><meta charset='gbk'><p>", b"| a | b |\n|---|---|\n| 1 ", b"{\\rtf1",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "一、本年新收政府信息公开申请数量".encode("gbk"))


def _read(data: bytes, fmt) -> None:
    try:
        doc = read_bytes(data, "<fuzz>", fmt)
    except ReadError as exc:
        assert exc.reason.strip()
        return
    assert isinstance(doc, RawDoc) and doc.text.strip()
    assert doc.fmt in FORMATS


@FUZZ
@given(st.sampled_from((None,) + FORMATS), st.sampled_from(PREFIXES), st.binary(max_size=4096))
def test_read_bytes_on_random_bytes(fmt, prefix, data):
    _read(prefix + data, fmt)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


DOCX_PARTS = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/numbering.xml",
              "word/_rels/document.xml.rels", "word/styles.xml")
xmlish = st.lists(st.sampled_from(("<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/"
                                   "2006/main'>", "<w:body>", "<w:p>", "<w:r>", "<w:t>", "</w:t>", "</w:r>",
                                   "</w:p>", "<w:tbl>", "<w:tr>", "<w:tc>", "</w:tc>", "</w:tr>", "</w:tbl>",
                                   "<w:gridSpan w:val='9999'/>", "<w:vMerge/>", "<w:numPr>", "</w:body>",
                                   "</w:document>", "一、总体情况", "5", "&amp;", "<?xml version='1.0'?>")),
                  max_size=40).map(lambda parts: "".join(parts).encode("utf-8"))


@FUZZ
@given(st.sampled_from(("docx", None)),
       st.dictionaries(st.sampled_from(DOCX_PARTS), st.one_of(xmlish, st.binary(max_size=512)), max_size=5))
def test_read_bytes_on_random_docx_packages(fmt, members):
    _read(_zip(members), fmt)


@lru_cache(maxsize=1)
def _valid_files() -> tuple[tuple[str, bytes], ...]:
    from disclosure_nlp.generate import draw_report
    from disclosure_nlp.generate.render import render

    from disclosure_nlp.generate.model import GeneratorError
    from disclosure_nlp.generate.office import cjk_font

    try:
        cjk_font()
        formats: tuple[str, ...] = ("docx", "pdf", "html", "md", "txt")
    except GeneratorError:  # no CJK font on this machine: no PDF to damage
        formats = ("docx", "html", "md", "txt")
    rep = draw_report(Random(4), "某某市交通运输局", 2022)
    return tuple((fmt, render(rep, fmt)) for fmt in formats)


@FUZZ
@given(st.integers(0, 4), st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=20),
       st.one_of(st.none(), st.integers(1, 10**7)))
def test_read_bytes_on_damaged_valid_files(which, flips, cut):
    fmt, data = _valid_files()[which % len(_valid_files())]
    buf = bytearray(data)
    for pos, byte in flips:
        buf[pos % len(buf)] = byte
    if cut is not None:
        buf = buf[: cut % len(buf)]
    _read(bytes(buf), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_valid_files_read(fmt, request):
    if fmt == "pdf":
        request.getfixturevalue("cjk_font")  # skips, with a message, where no CJK font is installed
    files = dict(_valid_files())
    assert read_bytes(files[fmt], "<valid>", fmt).text.strip()
