"""Plain text files: decoding (BOM, UTF-8, GB18030, charset-normalizer) and near pass-through.

Reports come as text in three layouts (one cell per line with lone-tab blank cells, crawler text
glued on a few lines, space-separated columns); the parser handles all three, so the text is kept
as it is apart from newlines, the BOM and odd spaces.
"""
from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ReadError
from ..i18n import t
from ..schema import Block, RawDoc
from .cells import normalize_spaces

log = logging.getLogger(__name__)

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# declared names that mean a narrower charset than the one we decode with
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
            "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "ascii": "utf-8", "us-ascii": "utf-8",
            "iso-8859-1": "cp1252", "latin-1": "cp1252"}
_SAMPLE = 65536
_MAX_BAD_UTF8 = 0.001  # share of undecodable bytes tolerated in otherwise valid UTF-8
_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _canonical(name: str) -> str:
    name = name.strip().lower().replace("_", "-")
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return ""
    return _ALIASES.get(name, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes (from ASCII characters) and, decoded in the right byte
    order, nearly all characters are ASCII, CJK or their punctuation."""
    sample = data[:_SAMPLE - _SAMPLE % 2] if len(data) > _SAMPLE else data[:len(data) - len(data) % 2]
    if not sample or 0 not in sample:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        text = sample.decode(enc, errors="replace")
        if len(_PLAUSIBLE.findall(text)) > 0.9 * len(text):
            return enc
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Bytes to str: BOM, the declared charset, UTF-8, UTF-16 without BOM, GB18030, then detection.

    Raises ReadError("binary file ...") when the bytes are not text in any of these.
    """
    text: str | None
    enc: str | None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc.replace("-sig", ""), errors="replace")
            return _checked(text, "utf-8" if enc == "utf-8-sig" else enc, source, bom=True)
    if declared and (enc := _canonical(declared)):
        text = _strict(data, enc)
        if text is not None:
            return _checked(text, enc, source)
        log.debug("%s: declared charset %s does not fit, detecting", source, declared)
    if (enc := _utf16_without_bom(data)) and (text := _strict(data, enc)) is not None:
        return _checked(text, enc, source)
    if data[:_SAMPLE].count(0) > 0:
        raise ReadError(source, t("二进制文件（binary）：含NUL字节，也不是UTF-16文本",
                                  "binary file: holds NUL bytes and is not UTF-16 text"))
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8", source)
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ch > "\x7f") - bad  # evidence that the text is UTF-8
    if bad <= max(2, len(data) * _MAX_BAD_UTF8) and multibyte >= 10 * bad:
        return _checked(lenient, "utf-8", source,
                        warnings=(t(f"编码：UTF-8文本中有{bad}处无法解码的字节，已替换为U+FFFD",
                                    f"encoding: {bad} undecodable byte sequence(s) in UTF-8 text replaced by U+FFFD"),))
    text = _strict(data, "gb18030")
    if text is not None:
        return _checked(text, "gb18030", source)
    return _detect(data, source)


def _detect(data: bytes, source: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return _checked(str(best), best.encoding, source,
                        warnings=(t(f"编码：推测为{best.encoding}（不是UTF-8或GB18030）",
                                    f"encoding: guessed {best.encoding} (not UTF-8 or GB18030)"),))
    lenient = data.decode("gb18030", errors="replace")
    bad = lenient.count("\ufffd")
    if bad > len(lenient) * 0.01:
        raise ReadError(source, t("二进制文件（binary）：没有合适的文字编码（已试UTF-8、UTF-16、GB18030和自动检测）",
                                  "binary file: no text encoding fits (tried UTF-8, UTF-16, GB18030, detection)"))
    return _checked(lenient, "gb18030", source,
                    warnings=(t(f"编码：GB18030文本中有{bad}处无法解码的字节，已替换为U+FFFD",
                                f"encoding: {bad} undecodable byte sequence(s) in GB18030 text replaced by U+FFFD"),))


def _checked(text: str, encoding: str, source: str, *, bom: bool = False,
             warnings: tuple[str, ...] = ()) -> Decoded:
    sample = text[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise ReadError(source, t(f"二进制文件（binary）：按{encoding}解码后大多是控制字符",
                                  f"binary file: decodes as {encoding} but is mostly control characters"))
    if not warnings and "\ufffd" in text:
        n = text.count(chr(0xfffd))
        warnings = (t(f"编码：{n}个字符无法解码（U+FFFD）", f"encoding: {n} character(s) could not be decoded (U+FFFD)"),)
    return Decoded(text, encoding + ("-sig" if bom and encoding == "utf-8" else ""), warnings)


def normalize_newlines(text: str) -> str:
    """CRLF/CR/form feed and Unicode line separators to \\n; a stray inner BOM removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def text_blocks(text: str) -> tuple[Block, ...]:
    """Blocks of a pass-through text: runs of lines with two or more tab-separated cells are
    tables, every other non-empty line a paragraph."""
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    for line in text.split("\n"):
        if "\t" in line:  # a line without a tab holds one cell at most
            cells = tuple(c.strip() for c in line.split("\t"))
            if sum(1 for c in cells if c) >= 2:
                rows.append(cells)
                continue
        if rows:
            blocks.append(Block(kind="table", rows=tuple(rows)))
            rows = []
        if line.strip():
            blocks.append(Block(kind="text", text=line))
    if rows:
        blocks.append(Block(kind="table", rows=tuple(rows)))
    return tuple(blocks)


class TextBlocks(Sequence):
    """``text_blocks(text)``, worked out on first use: the parser reads a document's text, not
    its blocks, and a one-cell-per-line report is hundreds of them."""

    __slots__ = ("_text", "_blocks")

    def __init__(self, text: str):
        self._text = text
        self._blocks: tuple[Block, ...] | None = None

    def _get(self) -> tuple[Block, ...]:
        if self._blocks is None:
            self._blocks = text_blocks(self._text)
        return self._blocks

    def __getitem__(self, i):
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())

    def __eq__(self, other) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return repr(self._get())

    def __reduce__(self):
        return (TextBlocks, (self._text,))


def read_txt(data: bytes, source: str) -> RawDoc:
    decoded = decode(data, source)
    text = normalize_spaces(normalize_newlines(decoded.text))
    return RawDoc(source=source, fmt="txt", text=text, blocks=TextBlocks(text),
                  encoding=decoded.encoding, warnings=decoded.warnings)
