"""Word .docx: the body in document order (paragraphs and tables interleaved), merged cells
(gridSpan, vMerge) written once, automatic list numbers (一、 （一） 1.) rendered into the text,
and a zip-bomb guard before anything is decompressed."""
from __future__ import annotations

import io
import zipfile


from ..errors import ReadError
from ..i18n import t
from ..schema import Block, RawDoc
from .cells import clean_cell, normalize_spaces, render, square
from .numbering import Numbering

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, above which a large archive is taken for a bomb
MAX_MEMBERS = 10_000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _SDT, _SDT_CONTENT, _CUSTOM_XML = _q("p"), _q("tbl"), _q("sdt"), _q("sdtContent"), _q("customXml")
_TR_PR, _GRID_BEFORE = _q("trPr"), _q("gridBefore")
_TC_PR, _GRID_SPAN, _V_MERGE = _q("tcPr"), _q("gridSpan"), _q("vMerge")
_VAL, _TYPE = _q("val"), _q("type")
_DEL, _TR, _TC = _q("del"), _q("tr"), _q("tc")
_RUN_TAGS = tuple(_q(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen"))

_FALLBACK = f"{{{_NS['mc']}}}Fallback"


def _run_text(p) -> list:
    """The w:t, w:tab, w:br, w:cr and w:noBreakHyphen elements of ``p`` in document order, but
    those inside an mc:Fallback (the alternative to content already read) or a w:del (deleted
    text): the XPath ``(.//w:t | …)[not(ancestor::mc:Fallback)][not(ancestor::w:del)]``, walked
    with lxml's C iterators (an XPath call per paragraph was half of the reading time)."""
    nodes = list(p.iter(*_RUN_TAGS))
    if nodes and next(p.iter(_FALLBACK, _DEL), None) is not None:
        skip = {el for top in p.iter(_FALLBACK, _DEL) for el in top.iter(*_RUN_TAGS)}
        nodes = [n for n in nodes if n not in skip]
    return nodes


def _children(parent, tag: str) -> list:
    """``./w:X | ./w:sdt/w:sdtContent/w:X | ./w:customXml/w:X`` in document order."""
    out = []
    for el in parent.iterchildren(tag, _SDT, _CUSTOM_XML):
        if el.tag == tag:
            out.append(el)
        elif el.tag == _CUSTOM_XML:
            out.extend(el.iterchildren(tag))
        else:
            for content in el.iterchildren(_SDT_CONTENT):
                out.extend(content.iterchildren(tag))
    return out


def check_zip(data: bytes, source: str) -> zipfile.ZipFile:
    """Open the archive and refuse zip bombs: too many members, too large or too compressed."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(source, t(f"DOCX文件损坏或不完整：{exc}", f"corrupt or truncated DOCX: {exc}")) from None
    if len(infos) > MAX_MEMBERS:
        raise ReadError(source, t(f"压缩炸弹（zip bomb）：压缩包内有{len(infos)}个文件（上限{MAX_MEMBERS}）",
                                  f"zip bomb: {len(infos)} archive members (limit {MAX_MEMBERS})"))
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED:
        size, limit = f"{total / 2**20:.0f} MB", f"{MAX_UNCOMPRESSED // 2**20} MB"
        raise ReadError(source, t(f"压缩炸弹（zip bomb）：解压后声称有{size}（上限{limit}）",
                                  f"zip bomb: declares {size} uncompressed (limit {limit})"))
    if total > 10 * 2**20 and total / packed > MAX_RATIO:
        raise ReadError(source, t(f"压缩炸弹（zip bomb）：压缩比{total / packed:.0f}（上限{MAX_RATIO}）",
                                  f"zip bomb: compression ratio {total / packed:.0f} (limit {MAX_RATIO})"))
    if "word/document.xml" not in zf.namelist():
        raise ReadError(source, t("不是DOCX文件：压缩包中没有word/document.xml（不支持xlsx、odt等其他压缩格式）",
                                  "not a DOCX: the zip archive has no word/document.xml "
                                  "(xlsx, odt and other archives are not supported)"))
    return zf


def read_docx(data: bytes, source: str) -> RawDoc:
    try:
        import docx
    except ImportError:
        raise ReadError(source, t("读取DOCX需要python-docx：pip install 'disclosure-nlp[docx]'",
                                  "DOCX support needs python-docx: pip install 'disclosure-nlp[docx]'")) from None
    check_zip(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … on bad packages
        raise ReadError(source, t(f"DOCX文件损坏：{type(exc).__name__}: {exc}",
                                  f"corrupt DOCX: {type(exc).__name__}: {exc}")) from None
    body = _Body(Numbering.from_document(document))
    body.walk(document.element.body)
    return RawDoc(source=source, fmt="docx", text=render(body.blocks), blocks=tuple(body.blocks))


class _Body:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.blocks: list[Block] = []

    def walk(self, parent) -> None:
        for el in parent.iterchildren():
            if el.tag == _P:
                text = self.paragraph(el)
                for line in text.split("\n"):
                    if line.strip():
                        self.blocks.append(Block(kind="text", text=line.strip()))
            elif el.tag == _TBL:
                self.table(el)
            elif el.tag == _SDT or el.tag == _CUSTOM_XML:
                content = el.find(_SDT_CONTENT) if el.tag == _SDT else el
                if content is not None:
                    self.walk(content)

    def paragraph(self, p) -> str:
        parts = []
        for node in _run_text(p):
            tag = node.tag.rsplit("}", 1)[1]
            if tag == "t":
                parts.append(node.text or "")
            elif tag == "tab":
                parts.append("\t")
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif node.get(_TYPE) not in ("page", "column"):
                parts.append("\n")
        text = normalize_spaces("".join(parts))
        return self.numbering.label(p) + text

    def cell(self, tc) -> str:
        lines = [self.paragraph(p) for p in tc.iterchildren(_P)]
        return clean_cell("\n".join(lines))

    def table(self, tbl) -> None:
        grid: dict[tuple[int, int], str] = {}
        nested: list = []
        rows = _children(tbl, _TR)
        width = 0
        for r, tr in enumerate(rows):
            c = _int(_grandchild(tr, _TR_PR, _GRID_BEFORE), 0)
            for tc in _children(tr, _TC):
                span = _int(_grandchild(tc, _TC_PR, _GRID_SPAN), 1)
                vmerge = _grandchild(tc, _TC_PR, _V_MERGE)
                continued = vmerge is not None and vmerge.get(_VAL, "continue") != "restart"
                for j in range(span):
                    grid[(r, c + j)] = ""
                if not continued:
                    grid[(r, c)] = self.cell(tc)
                    width = max(width, c + 1)
                nested.extend(tc.iterchildren(_TBL))
                c += span
        table_rows = square([[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))])
        if table_rows:
            self.blocks.append(Block(kind="table", rows=table_rows))
        for inner in nested:  # tables inside cells follow their outer table
            self.table(inner)


def _grandchild(el, child: str, tag: str):
    """``el.find("child/tag")`` without lxml's Python path machinery."""
    for c in el.iterchildren(child):
        for g in c.iterchildren(tag):
            return g
    return None


def _int(el, default: int) -> int:
    if el is None:
        return default
    try:
        return max(0 if default == 0 else 1, int(el.get(_VAL)))
    except (TypeError, ValueError):
        return default
