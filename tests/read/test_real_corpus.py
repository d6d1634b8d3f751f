"""Every file of the shared real corpus reads, with the form's row labels in reading order."""
import csv
import json
import re

import pytest

from disclosure_nlp.read import read_file
from disclosure_nlp.schema import T3_COLUMNS, T3_ROWS

LABELS = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计",
          "四、结转下年度继续办理")


def _manifest(real_corpus):
    with open(real_corpus / "MANIFEST.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_real_file_reads_with_its_labels(real_corpus):
    rows = _manifest(real_corpus)
    assert rows, "MANIFEST.csv lists no files"
    for row in rows:
        doc = read_file(real_corpus / row["file"])
        assert doc.fmt == row["file"].rsplit(".", 1)[1] and len(doc.sha256) == 64
        assert len(_squash(doc.text)) > 1000, row["file"]
        if "pre2019" in row["format"]:
            continue
        flat = _squash(doc.text)
        positions = [flat.find(label) for label in LABELS]
        assert all(p >= 0 for p in positions), (row["file"], positions)
        assert positions == sorted(positions), row["file"]


def test_pdf_table_rows_come_out_as_label_and_numbers_in_order(real_corpus):
    pdf = real_corpus / "001_huaian-hongzequ_2023.pdf"
    truth_file = real_corpus / "001_huaian-hongzequ_2023.tables.json"
    if not pdf.exists() or not truth_file.exists():
        pytest.skip("001 PDF or its tables.json is missing")
    truth = json.loads(truth_file.read_text("utf-8"))["applications"]
    expected = [tuple(truth[r][c] for c in T3_COLUMNS) for r in T3_ROWS
                if r in truth and None not in truth[r].values()]
    text = read_file(pdf).text
    start, end = text.index("三、收到和处理政府信息公开申请情况"), text.index("五、存在的主要问题及改进情况")
    number_rows = [tuple(int(n) for n in m.group(1).split())
                   for m in re.finditer(r"((?:^|[ \t])\d+(?:[ \t]+\d+){6})[ \t]*$", text[start:end], re.M)]
    assert number_rows[:len(expected)] == expected
    assert not re.search(r"^\s*-\s*\d+\s*-\s*$", text, re.M)  # page numbers are gone
