"""PDF: the text layer page by page with pypdfium2 (fast), page-number lines dropped.

Table rows come out as the PDF lays them out, ``label n n n n n n n`` with spaces between cells
(or the label on one line and its numbers on the next); the parser reads both. With
``tables=True`` pdfplumber finds the table grids instead, and the text carries them as tab rows.
"""
from __future__ import annotations

import io
import re

from ..errors import NeedsOCR, ReadError
from ..i18n import t
from ..schema import Block, RawDoc
from .cells import clean_cell, normalize_spaces, render, square
from .text import normalize_newlines

MIN_CHARS_PER_PAGE = 20  # below this on average the PDF is taken for scanned images
_EDGE = r"[\s\-—–－_·•]*"
_PAGE_NUMBER = re.compile(
    rf"^{_EDGE}(?:第\s*\d{{1,4}}\s*页(?:\s*[，,/]?\s*共\s*\d{{1,4}}\s*页)?"
    rf"|共\s*\d{{1,4}}\s*页\s*[，,/]?\s*第\s*\d{{1,4}}\s*页"
    rf"|[Pp]age\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?){_EDGE}$")
_DASHED = re.compile(r"^\s*[-—–－_·•]+\s*\d{1,4}\s*[-—–－_·•]+\s*$")
_FRACTION = re.compile(r"^\s*(\d{1,4})\s*/\s*(\d{1,4})\s*$")
_BARE = re.compile(r"^\s*(\d{1,4})\s*$")
_CONTROL = dict.fromkeys(map(ord, "\x00\x01\x02\x03\ufffe\uffff"), None)


def is_page_number(line: str, page: int | None = None, edge: bool = False) -> bool:
    """``- 3 -``, ``第 3 页``, ``第3页 共5页``, ``3/12``, ``Page 3``; a bare ``3`` only at the
    top or bottom of page 3 (``edge`` and ``page`` given, 1-based)."""
    if _PAGE_NUMBER.match(line) or _DASHED.match(line):
        return True
    if m := _FRACTION.match(line):
        return 0 < int(m.group(1)) <= int(m.group(2))
    if edge and page is not None and (m := _BARE.match(line)):
        return abs(int(m.group(1)) - page) <= 2
    return False


def clean_page(text: str, page: int) -> list[str]:
    """The lines of one page, right-stripped, without page-number lines and blank lines."""
    lines = [ln.rstrip() for ln in normalize_spaces(normalize_newlines(text.translate(_CONTROL))).split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    last = len(lines) - 1
    return [ln for i, ln in enumerate(lines)
            if not is_page_number(ln, page, edge=i in (0, 1, last - 1, last))]


def read_pdf(data: bytes, source: str, *, tables: bool = False) -> RawDoc:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ReadError(source, t("读取PDF需要pypdfium2：pip install 'disclosure-nlp[pdf]'",
                                  "PDF support needs pypdfium2: pip install 'disclosure-nlp[pdf]'")) from None
    truncated = b"%%EOF" not in data[-4096:]
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(source, t("加密的PDF（encrypted PDF）：需要密码才能打开",
                                      "encrypted PDF: it needs a password to open")) from None
        raise ReadError(source, t(f"PDF文件损坏或不完整（corrupt or truncated PDF）：{exc}",
                                  f"corrupt or truncated PDF: {exc}")) from None
    warnings: list[str] = []
    pages: list[list[str]] = []
    try:
        count = len(pdf)
        for i in range(count):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                raw = textpage.get_text_bounded()
                textpage.close()
                page.close()
            except pdfium.PdfiumError as exc:
                warnings.append(t(f"PDF第{i + 1}页无法读取（{exc}）", f"pdf: page {i + 1} could not be read ({exc})"))
                raw = ""
            pages.append(clean_page(raw, i + 1))
    finally:
        pdf.close()
    if not count:
        raise ReadError(source, t("PDF文件损坏或不完整（corrupt or truncated PDF）：没有页面",
                                  "corrupt or truncated PDF: it has no pages"))
    chars = [sum(len("".join(ln.split())) for ln in p) for p in pages]
    if sum(chars) < MIN_CHARS_PER_PAGE * count:
        if truncated:
            raise ReadError(source, t("PDF文件损坏或不完整（corrupt or truncated PDF）：没有%%EOF结束标记，也没有可读文字",
                                      "corrupt or truncated PDF: no %%EOF marker and no readable text"))
        raise NeedsOCR(source, t("PDF只有图片、没有文字层：需要先做文字识别（OCR）", "image-only PDF: needs OCR"))
    if truncated:
        warnings.append(t("PDF末尾没有%%EOF结束标记：文件可能不完整",
                          "pdf: no %%EOF marker at the end: the file may be truncated"))
    blank = [str(i + 1) for i, n in enumerate(chars) if n < 5]
    if blank:
        warnings.append(t(f"PDF第{'、'.join(blank)}页没有文字层（扫描图片？）",
                          f"pdf: page(s) {', '.join(blank)} have no text layer (scanned images?)"))
    if tables:
        blocks = _plumber_blocks(data, source)
    else:
        blocks = tuple(Block(kind="text", text="\n".join(p)) for p in pages if p)
    return RawDoc(source=source, fmt="pdf", text=render(blocks), blocks=blocks,
                  encoding=None, warnings=tuple(warnings))


def _plumber_blocks(data: bytes, source: str) -> tuple[Block, ...]:
    """Text lines and table grids of every page, ordered top to bottom, via pdfplumber."""
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(source, t("提取PDF表格需要pdfplumber：pip install 'disclosure-nlp[pdf]'",
                                  "PDF table extraction needs pdfplumber: pip install 'disclosure-nlp[pdf]'")) from None
    blocks: list[Block] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            for number, page in enumerate(doc.pages, start=1):
                found = page.find_tables()
                boxes = [tab.bbox for tab in found]

                def outside(obj, boxes=boxes) -> bool:
                    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

                items: list[tuple[float, Block]] = []
                lines = [ln for ln in page.filter(outside).extract_text_lines() if ln["text"].strip()]
                last = len(lines) - 1
                for i, ln in enumerate(lines):
                    text = normalize_spaces(ln["text"].translate(_CONTROL)).rstrip()
                    if not is_page_number(text, number, edge=i in (0, 1, last - 1, last)):
                        items.append((ln["top"], Block(kind="text", text=text)))
                for tab in found:
                    items.extend((tab.bbox[1], b) for b in _split_frame(
                        square([[clean_cell(c) for c in row] for row in tab.extract()])))
                blocks.extend(b for _, b in sorted(items, key=lambda it: it[0]))
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise ReadError(source, t(f"PDF文件损坏（pdfplumber）：{type(exc).__name__}: {exc}",
                                  f"corrupt PDF (pdfplumber): {type(exc).__name__}: {exc}")) from None
    return tuple(blocks)


def _split_frame(rows) -> list[Block]:
    """A found table's blocks. Rows holding text in their first cell only are lines of text
    (pdfplumber takes a frame drawn around the page for a table); runs of other rows are tables."""
    blocks: list[Block] = []
    run: list[tuple[str, ...]] = []
    for row in rows:
        if row[0] and not any(row[1:]):
            if run:
                blocks.append(_table(run))
                run = []
            blocks.append(Block(kind="text", text=row[0]))
        else:
            run.append(row)
    if run:
        blocks.append(_table(run))
    return blocks


def _table(rows) -> Block:
    """A table block without the empty columns the frame added on the right."""
    width = max(max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows)
    return Block(kind="table", rows=tuple(tuple(r[:width]) for r in rows))
