import pytest
from fpdf import FPDF

from disclosure_nlp.errors import NeedsOCR, ReadError
from disclosure_nlp.read import read_bytes
from disclosure_nlp.read.pdf import is_page_number, read_pdf

ROWS = [("一、本年新收政府信息公开申请数量", "3 0 0 0 0 0 3"), ("二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1"),
        ("（七）总计", "4 0 0 0 0 0 4"), ("四、结转下年度继续办理", "0 0 0 0 0 0 0")]


def _pdf(font: str | None = None) -> FPDF:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if font:
        pdf.add_font("cjk", fname=font)
        pdf.set_font("cjk", size=11)
    else:
        pdf.set_font("helvetica", size=11)
    return pdf


def _line(pdf: FPDF, y: float, text: str, x: float = 20) -> None:
    pdf.set_xy(x, y)
    pdf.cell(text=text)


def test_page_number_patterns():
    for line in ("- 3 -", "— 12 —", "第 3 页", "第3页 共5页", "3/12", " 3 / 12 ", "Page 3 of 9"):
        assert is_page_number(line), line
    for line in ("550", "12/3", "- 3 - 4", "2023 年", "1.属于国家秘密 0 0"):
        assert not is_page_number(line), line
    assert is_page_number("3", page=3, edge=True)
    assert not is_page_number("3", page=3, edge=False)
    assert not is_page_number("550", page=3, edge=True)


def test_table_rows_in_order_across_a_page_break_without_page_numbers(cjk_font):
    pdf = _pdf(cjk_font)
    pdf.add_page()
    _line(pdf, 10, "- 1 -", x=100)
    _line(pdf, 30, "三、收到和处理政府信息公开申请情况")
    for i, (label, numbers) in enumerate(ROWS[:2]):
        _line(pdf, 50 + 10 * i, label)
        _line(pdf, 50 + 10 * i, numbers, x=120)
    _line(pdf, 80, "行政许可")  # a label with its one number on the next line
    _line(pdf, 90, "550")
    pdf.add_page()
    _line(pdf, 10, "第 2 页", x=100)
    for i, (label, numbers) in enumerate(ROWS[2:]):
        _line(pdf, 30 + 10 * i, label)
        _line(pdf, 30 + 10 * i, numbers, x=120)
    _line(pdf, 280, "2", x=100)
    doc = read_pdf(bytes(pdf.output()), "a.pdf")
    lines = doc.text.split("\n")
    assert lines == ["三、收到和处理政府信息公开申请情况"] + [f"{a} {b}" for a, b in ROWS[:2]] + \
        ["行政许可", "550"] + [f"{a} {b}" for a, b in ROWS[2:]]
    assert [b.kind for b in doc.blocks] == ["text", "text"]  # one per page
    assert doc.warnings == ()


def test_tables_option_gives_tab_separated_grids(cjk_font):
    pdf = _pdf(cjk_font)
    pdf.add_page()
    _line(pdf, 15, "二、主动公开政府信息情况")
    pdf.set_xy(10, 30)
    with pdf.table(col_widths=(60, 30, 30, 30), first_row_as_headings=False) as table:
        for row in (("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "0", "0", "0"),
                    ("行政规范性文件", "2", "", "5")):
            r = table.row()
            for cell in row:
                r.cell(cell)
    _line(pdf, 120, "五、存在的主要问题及改进情况")
    doc = read_pdf(bytes(pdf.output()), "t.pdf", tables=True)
    lines = doc.text.split("\n")
    assert lines[0] == "二、主动公开政府信息情况"
    assert "规章\t0\t0\t0" in lines
    assert "行政规范性文件\t2\t\t5" in lines
    assert lines[-1] == "五、存在的主要问题及改进情况"
    assert [b.kind for b in doc.blocks] == ["text", "table", "text"]


def test_image_only_pdf_needs_ocr():
    pdf = _pdf()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")
    with pytest.raises(NeedsOCR, match="需要先做文字识别（OCR）"):
        read_bytes(bytes(pdf.output()), "scan.pdf")


def _latin_pdf() -> FPDF:
    pdf = _pdf()
    pdf.add_page()
    for i in range(20):
        _line(pdf, 20 + 10 * i, f"Row {i} of the annual report table 1 2 3 4 5 6 7")
    return pdf


def test_encrypted_pdf_is_refused_unless_the_user_password_is_empty():
    locked = _latin_pdf()
    locked.set_encryption(owner_password="owner", user_password="secret")
    with pytest.raises(ReadError, match="加密的PDF"):
        read_bytes(bytes(locked.output()), "locked.pdf")
    open_ = _latin_pdf()
    open_.set_encryption(owner_password="owner", user_password="")
    assert "Row 19 of the annual report" in read_bytes(bytes(open_.output()), "open.pdf").text


def test_truncated_pdf_is_refused():
    data = bytes(_latin_pdf().output())
    for cut in (len(data) // 2, len(data) - 40, 30):
        with pytest.raises(ReadError, match="PDF文件损坏或不完整") as info:
            read_bytes(data[:cut], "cut.pdf")
        assert not isinstance(info.value, NeedsOCR)


def test_pdf_named_txt_is_read_as_pdf_with_a_warning():
    doc = read_bytes(bytes(_latin_pdf().output()), "a.txt", "txt")
    assert doc.fmt == "pdf" and doc.warnings[0] == "按pdf读取：文件内容是pdf，不是文件名所示的txt"
