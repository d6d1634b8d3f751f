import hashlib

import pytest

from disclosure_nlp.errors import NeedsOCR, ReadError
from disclosure_nlp.read import read_bytes, read_file, sniff

REPORT = "一、总体情况\n一、本年新收政府信息公开申请数量\t3\t0\n"


def test_read_file_dispatches_by_suffix_and_hashes_the_bytes(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode("gbk"))
    doc = read_file(p)
    assert (doc.fmt, doc.encoding, doc.text) == ("txt", "gb18030", REPORT)
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    assert doc.source == str(p)


def test_unknown_suffix_is_sniffed(tmp_path):
    p = tmp_path / "r.dat"
    p.write_text("<html><body><table><tr><td>规章</td><td>0</td></tr></table></body></html>", "utf-8")
    assert read_file(p).fmt == "html"
    q = tmp_path / "noext"
    q.write_text(REPORT, "utf-8")
    assert read_file(q).fmt == "txt"


@pytest.mark.parametrize("data, fmt", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html></html>", "html"),
    ("| a | b |\n|---|---|\n| 1 | 2 |\n".encode(), "md"),
    (REPORT.encode(), "txt"),
])
def test_sniff(data, fmt):
    assert sniff(data) == fmt


def test_missing_empty_and_directory(tmp_path):
    with pytest.raises(ReadError, match="文件不存在"):
        read_file(tmp_path / "nope.txt")
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(ReadError, match="空文件"):
        read_file(tmp_path / "empty.pdf")
    with pytest.raises(ReadError, match="这是文件夹，不是文件"):
        read_file(tmp_path)


def test_whitespace_only_text_is_not_returned_silently():
    with pytest.raises(ReadError, match="文件中没有文字"):
        read_bytes(b" \r\n\t\n", "blank.txt", "txt")
    with pytest.raises(ReadError, match="文件中没有文字"):
        read_bytes(b"<html><body><script>x()</script></body></html>", "blank.html", "html")


def test_too_large(tmp_path, monkeypatch):
    import disclosure_nlp.read as read

    monkeypatch.setattr(read, "MAX_BYTES", 10)
    p = tmp_path / "big.txt"
    p.write_text(REPORT, "utf-8")
    with pytest.raises(ReadError, match="文件过大"):
        read_file(p)


def test_unknown_format_and_images(tmp_path):
    with pytest.raises(ReadError, match="可用格式：txt, html, docx, pdf, md"):
        read_bytes(b"x", "a", "xls")
    with pytest.raises(NeedsOCR, match="图片文件（PNG）"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100), "scan.png")


def test_random_binary_is_refused():
    import random

    data = random.Random(7).randbytes(20000)
    with pytest.raises(ReadError, match="二进制文件"):
        read_bytes(data, "blob.bin")


def test_a_web_page_saved_as_txt_is_read_as_html():
    page = "<!DOCTYPE html><html><body><p>一、总体情况</p><script>x()</script></body></html>"
    doc = read_bytes(page.encode(), "page.txt", "txt")
    assert doc.fmt == "html" and doc.text == "一、总体情况"
    assert doc.warnings[0] == "按html读取：文件内容是html，不是文件名所示的txt"
