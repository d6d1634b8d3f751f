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
# signatures of files we cannot read, with the reason given
_UNSUPPORTED = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Word .doc or password-protected Office file: "
                                          "save it as .docx or PDF", False),
    (b"{\\rtf", "RTF file: save it as .docx or PDF", False),
    (b"\x89PNG", "image file (PNG): needs OCR", True),
    (b"\xff\xd8\xff", "image file (JPEG): needs OCR", True),
    (b"GIF8", "image file (GIF): needs OCR", True),
    (b"II*\x00", "image file (TIFF): needs OCR", True),
    (b"MM\x00*", "image file (TIFF): needs OCR", True),
    (b"\x1f\x8b", "gzip archive: unpack it first", False),
    (b"Rar!", "RAR archive: unpack it first", False),
    (b"7z\xbc\xaf", "7z archive: unpack it first", False),
)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|table|div|p|meta)[\s>/]", re.I)


def read_file(path: str | Path, *, tables: bool = False) -> RawDoc:
    """Read one report file. ``tables=True`` uses pdfplumber's table finder for PDFs (slower)."""
    p = Path(path)
    source = str(path)
    try:
        if not p.exists():
            raise ReadError(source, "file not found")
        if p.is_dir():
            raise ReadError(source, "is a directory, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(source, f"too large: {size / 2**20:.0f} MB (limit {MAX_BYTES // 2**20} MB)")
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(source, f"cannot read the file: {exc.strerror or exc}") from None
    return read_bytes(data, source, SUFFIXES.get(p.suffix.lower()), tables=tables)


def read_bytes(data: bytes, source: str, fmt: str | None = None, *, tables: bool = False) -> RawDoc:
    """Read a file's bytes; ``fmt`` is one of FORMATS, or None to tell it from the bytes."""
    if not data:
        raise ReadError(source, "empty file")
    if len(data) > MAX_BYTES:
        raise ReadError(source, f"too large: {len(data) / 2**20:.0f} MB (limit {MAX_BYTES // 2**20} MB)")
    warnings: tuple[str, ...] = ()
    if fmt is not None:
        fmt = _ALIASES.get(fmt.lower().lstrip("."), fmt.lower().lstrip("."))
        if fmt not in FORMATS:
            raise ReadError(source, f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
        signed = _signature(data, source) or ("html" if fmt != "html" and _is_html_page(data) else None)
        if signed and signed != fmt:
            warnings = (f"read as {signed}: the content is {signed}, not {fmt} as the name says",)
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
        raise ReadError(source, f"no text found in the {fmt} file")
    return replace(doc, sha256=hashlib.sha256(data).hexdigest(), warnings=warnings + doc.warnings)


def _signature(data: bytes, source: str) -> str | None:
    """"pdf" or "docx" from an unmistakable signature, ReadError for known unreadable kinds."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # read_docx says what else the archive is, if it is no DOCX
    for magic, reason, ocr in _UNSUPPORTED:
        if data.startswith(magic):
            raise (NeedsOCR if ocr else ReadError)(source, reason)
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
