"""The readers on the project's synthetic reports: every format reads, labels in order."""
import importlib
import re

import pytest

from disclosure_nlp import generate
from disclosure_nlp.read import read_bytes

render_mod = importlib.import_module("disclosure_nlp.generate.render")  # the module (the package exports its function)

LABELS = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理")


@pytest.mark.parametrize("fmt", render_mod.FORMATS)
def test_generated_report_reads_in_every_format(fmt, request):
    if fmt == "pdf":
        request.getfixturevalue("cjk_font")  # skips, with a message, where no CJK font is installed
    report = generate.draw_corpus(1, [2022], seed=5)[0]
    doc = read_bytes(render_mod.render(report, fmt), "gen" + render_mod.EXTENSIONS[fmt], None)
    assert doc.fmt == {"glued": "txt"}.get(fmt, fmt)
    flat = re.sub(r"\s+", "", doc.text)
    positions = [flat.find(label) for label in LABELS]
    assert -1 not in positions and positions == sorted(positions)
    if fmt in ("html", "docx", "md"):  # grids: the 表三 rows are tab-separated lines
        assert any(line.startswith("一、本年新收政府信息公开申请数量\t") for line in doc.text.split("\n"))
