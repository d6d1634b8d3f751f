import io
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from disclosure_nlp.errors import ReadError
from disclosure_nlp.read import read_bytes
from disclosure_nlp.read.docx import MAX_UNCOMPRESSED, read_docx


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _report_docx() -> bytes:
    doc = Document()
    doc.add_paragraph("二、主动公开政府信息情况")
    t = doc.add_table(rows=4, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "信息内容"  # vertical merge
    t.cell(0, 1).merge(t.cell(0, 3)).text = "本年"  # horizontal merge
    for j, h in enumerate(["制发", "废止", "现行\n有效"], start=1):
        t.cell(1, j).text = h
    for j, v in enumerate(["规章", "0", "", "5"]):
        t.cell(2, j).text = v
    for j, v in enumerate(["商业\n企业", "1", "", "2"]):
        t.cell(3, j).text = v
    doc.add_paragraph("五、存在的主要问题及改进情况")
    doc.add_paragraph("\t一是公开内容不够全面。")
    return _save(doc)


def test_body_in_order_with_merged_cells_written_once():
    doc = read_docx(_report_docx(), "a.docx")
    assert doc.text.split("\n") == [
        "二、主动公开政府信息情况",
        "信息内容\t本年\t\t",
        "\t制发\t废止\t现行有效",
        "规章\t0\t\t5",
        "商业企业\t1\t\t2",
        "五、存在的主要问题及改进情况",
        "一是公开内容不够全面。",
    ]
    assert [b.kind for b in doc.blocks] == ["text", "table", "text", "text"]
    assert doc.fmt == "docx"


def test_docx_is_sniffed_without_suffix_and_hashed():
    data = _report_docx()
    doc = read_bytes(data, "download.bin", None)
    assert doc.fmt == "docx" and len(doc.sha256) == 64


NUMBERING = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def test_automatic_list_numbers_are_rendered():
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [(0, "总体情况"), (0, "主动公开政府信息情况"), (1, "予以公开"), (1, "部分公开"),
                        (2, "属于国家秘密"), (2, "其他法律行政法规禁止公开"), (1, "不予公开"), (2, "x"),
                        (0, "收到和处理政府信息公开申请情况")]:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    assert read_docx(_save(doc), "n.docx").text.split("\n") == [
        "一、总体情况", "二、主动公开政府信息情况", "（一）予以公开", "（二）部分公开",
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "（三）不予公开", "1.x",
        "三、收到和处理政府信息公开申请情况"]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_declaring_more_than_the_limit_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        chunk = b"\0" * (1 << 22)
        with zf.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(MAX_UNCOMPRESSED // len(chunk) + 1):
                member.write(chunk)
    data = buf.getvalue()
    assert len(data) < 1 << 20  # a small file ...
    with pytest.raises(ReadError, match="压缩炸弹（zip bomb）"):  # ... that would unpack past the limit
        read_bytes(data, "bomb.docx")


def test_zip_bomb_by_compression_ratio_is_refused():
    data = _zip({"word/document.xml": b"<w:document/>", "word/media/z.bin": b"\0" * (40 << 20)})
    with pytest.raises(ReadError, match="压缩炸弹（zip bomb）：压缩比"):
        read_docx(data, "bomb.docx")


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04" + b"\0" * 50, "DOCX文件损坏或不完整"),
    (_zip({"xl/workbook.xml": b"<x/>"}), "不是DOCX文件：压缩包中没有word/document.xml"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版Word .doc文件"),
])
def test_bad_docx_files_are_refused(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad.docx")


def test_truncated_docx_is_refused():
    data = _report_docx()
    with pytest.raises(ReadError, match="DOCX"):
        read_bytes(data[: len(data) // 2], "cut.docx")


def test_corrupt_member_is_refused():
    data = bytearray(_report_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10] ^= 0xFF  # flip a byte of the compressed document
    with pytest.raises(ReadError, match="DOCX"):
        read_docx(bytes(data), "bad.docx")




_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def test_runs_rows_and_cells_match_their_xpath_definition():
    """The C-iterator walks equal the XPath they replace, on deleted text, fallbacks, content
    controls (w:sdt) and custom XML around rows and cells."""
    from lxml import etree

    from disclosure_nlp.read.docx import _TC, _TR, _children, _run_text

    ns = {"w": _W, "mc": _MC}
    para = etree.fromstring(
        f'<w:p xmlns:w="{_W}" xmlns:mc="{_MC}"><w:r><w:t>公开</w:t><w:tab/></w:r>'
        '<w:del><w:r><w:delText>旧</w:delText><w:t>删</w:t></w:r></w:del>'
        '<mc:AlternateContent><mc:Choice><w:r><w:t>新</w:t></w:r></mc:Choice>'
        '<mc:Fallback><w:r><w:t>备</w:t><w:br/></w:r></mc:Fallback></mc:AlternateContent>'
        '<w:r><w:br/><w:noBreakHyphen/><w:cr/><w:t>完</w:t></w:r></w:p>')
    xpath = etree.XPath("(.//w:t | .//w:tab | .//w:br | .//w:cr | .//w:noBreakHyphen)"
                        "[not(ancestor::mc:Fallback)][not(ancestor::w:del)]", namespaces=ns)
    assert _run_text(para) == xpath(para)
    assert [n.text for n in _run_text(para) if n.text] == ["公开", "新", "完"]

    tbl = etree.fromstring(
        f'<w:tbl xmlns:w="{_W}"><w:tr><w:tc><w:p/></w:tc>'
        '<w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:sdtContent></w:sdt>'
        '<w:customXml><w:tc><w:p/></w:tc></w:customXml><w:tc><w:p/></w:tc></w:tr>'
        '<w:sdt><w:sdtContent><w:tr><w:tc><w:p/></w:tc></w:tr></w:sdtContent></w:sdt>'
        '<w:customXml><w:tr/></w:customXml><w:tr/></w:tbl>')
    rows = etree.XPath("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr", namespaces=ns)
    cells = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc", namespaces=ns)
    assert _children(tbl, _TR) == rows(tbl) and len(rows(tbl)) == 4
    for tr in rows(tbl):
        assert _children(tr, _TC) == cells(tr)
    assert len(_children(rows(tbl)[0], _TC)) == 5
