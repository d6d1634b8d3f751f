"""Readers: a file (txt, html, docx, pdf, md) to a ``RawDoc``.

The format comes from the suffix, or from the bytes when the suffix is missing, unknown or
contradicted by an unmistakable signature (a ``.txt`` that is really a PDF). ``RawDoc.text`` is
the whole document in reading order, table rows one per line with tab-separated cells.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace
from pathlib import Path

from ..errors import NeedsOCR, ReadError
from ..i18n import t
from ..schema import RawDoc
from .docx import read_docx
from .html import read_html
from .markdown import is_separator, is_table_line, read_markdown
from .pdf import read_pdf
from .text import decode, read_txt

__all__ = ["read_file", "read_bytes", "sniff", "FORMATS", "MAX_BYTES", "ReadError", "NeedsOCR"]

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024 * 1024
FORMATS = ("txt", "html", "docx", "pdf", "md")
SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html",
            ".xhtml": "html", ".docx": "docx", ".pdf": "pdf", ".md": "md", ".markdown": "md"}
_ALIASES = {"htm": "html", "markdown": "md", "text": "txt"}
# signatures of files we cannot read, with the reason given (zh, en)
_IMAGE = ("图片文件（{}）：需要先做文字识别（OCR）", "image file ({}): needs OCR")
_ARCHIVE = ("{}压缩包：请先解压", "{} archive: unpack it first")
_UNSUPPORTED = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ("旧版Word .doc文件或加密的Office文件：请另存为.docx或PDF",
                                          "legacy Word .doc or password-protected Office file: "
                                          "save it as .docx or PDF"), False),
    (b"{\\rtf", ("RTF文件：请另存为.docx或PDF", "RTF file: save it as .docx or PDF"), False),
    (b"\x89PNG", tuple(s.format("PNG") for s in _IMAGE), True),
    (b"\xff\xd8\xff", tuple(s.format("JPEG") for s in _IMAGE), True),
    (b"GIF8", tuple(s.format("GIF") for s in _IMAGE), True),
    (b"II*\x00", tuple(s.format("TIFF") for s in _IMAGE), True),
    (b"MM\x00*", tuple(s.format("TIFF") for s in _IMAGE), True),
    (b"\x1f\x8b", tuple(s.format("gzip") for s in _ARCHIVE), False),
    (b"Rar!", tuple(s.format("RAR") for s in _ARCHIVE), False),
    (b"7z\xbc\xaf", tuple(s.format("7z") for s in _ARCHIVE), False),
)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|table|div|p|meta)[\s>/]", re.I)


def read_file(path: str | Path, *, tables: bool = False) -> RawDoc:
    """Read one report file. ``tables=True`` uses pdfplumber's table finder for PDFs (slower)."""
    p = Path(path)
    source = str(path)
    try:
        if not p.exists():
            raise ReadError(source, t("文件不存在", "file not found"))
        if p.is_dir():
            raise ReadError(source, t("这是文件夹，不是文件", "is a directory, not a file"))
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(source, _too_large(size))
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(source, t(f"无法读取文件：{exc.strerror or exc}",
                                  f"cannot read the file: {exc.strerror or exc}")) from None
    return read_bytes(data, source, SUFFIXES.get(p.suffix.lower()), tables=tables)


def read_bytes(data: bytes, source: str, fmt: str | None = None, *, tables: bool = False) -> RawDoc:
    """Read a file's bytes; ``fmt`` is one of FORMATS, or None to tell it from the bytes."""
    if not data:
        raise ReadError(source, t("空文件", "empty file"))
    if len(data) > MAX_BYTES:
        raise ReadError(source, _too_large(len(data)))
    warnings: tuple[str, ...] = ()
    if fmt is not None:
        fmt = _ALIASES.get(fmt.lower().lstrip("."), fmt.lower().lstrip("."))
        if fmt not in FORMATS:
            raise ReadError(source, t(f"未知格式 {fmt!r}；可用格式：{', '.join(FORMATS)}",
                                      f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}"))
        signed = _signature(data, source) or ("html" if fmt != "html" and _is_html_page(data) else None)
        if signed and signed != fmt:
            warnings = (t(f"按{signed}读取：文件内容是{signed}，不是文件名所示的{fmt}",
                          f"read as {signed}: the content is {signed}, not {fmt} as the name says"),)
            fmt = signed
    else:
        fmt = sniff(data, source)
    log.debug("%s: reading as %s", source, fmt)
    if fmt == "pdf":
        doc = read_pdf(data, source, tables=tables)
    elif fmt == "docx":
        doc = read_docx(data, source)
    elif fmt == "html":
        doc = read_html(data, source)
    elif fmt == "md":
        doc = read_markdown(data, source)
    else:
        doc = read_txt(data, source)
    if not doc.text.strip():
        raise ReadError(source, t(f"{fmt}文件中没有文字", f"no text found in the {fmt} file"))
    return replace(doc, sha256=hashlib.sha256(data).hexdigest(), warnings=warnings + doc.warnings)


def _too_large(size: int) -> str:
    mb, limit = f"{size / 2**20:.0f} MB", f"{MAX_BYTES // 2**20} MB"
    return t(f"文件过大：{mb}（上限 {limit}）", f"too large: {mb} (limit {limit})")


def _signature(data: bytes, source: str) -> str | None:
    """"pdf" or "docx" from an unmistakable signature, ReadError for known unreadable kinds."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # read_docx says what else the archive is, if it is no DOCX
    for magic, reason, ocr in _UNSUPPORTED:
        if data.startswith(magic):
            raise (NeedsOCR if ocr else ReadError)(source, t(*reason))
    return None


def _is_html_page(data: bytes) -> bool:
    """A whole web page saved under another name (crawlers' ``page.txt``)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def sniff(data: bytes, source: str = "<bytes>") -> str:
    """The format of a file's bytes: pdf, docx, html, md or txt (ReadError for binary files)."""
    signed = _signature(data, source)
    if signed:
        return signed
    head = data if len(data) <= 262144 else data[:262144].rsplit(b"\n", 1)[0]
    text = decode(head, source).text
    if _HTML_START.search(text[:4096]):
        return "html"
    lines = text[:65536].splitlines()
    pipes = sum(1 for ln in lines if is_table_line(ln))
    if pipes >= 3 or (pipes >= 1 and any(is_separator(ln) for ln in lines)):
        return "md"
    return "txt"
