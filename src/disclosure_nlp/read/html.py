"""HTML pages: site chrome dropped, the report body kept, tables to grids (rowspan/colspan expanded,
content in the first position only), layout tables walked as ordinary content."""
from __future__ import annotations

import logging
import re

from ..errors import ReadError
from ..schema import Block, RawDoc
from .cells import clean_cell, join_wrapped, normalize_spaces, render, square
from .text import decode

log = logging.getLogger(__name__)

_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "iframe",
         "svg", "object", "embed", "select", "button", "head")
_TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th"}
_BLOCK = {"address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
          "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4",
          "h5", "h6", "hgroup", "hr", "li", "main", "menu", "ol", "p", "section", "summary", "ul",
          "caption", "title"} | _TABLE_PARTS
_BR = "\ue000"  # an explicit line break (<br>) while whitespace is collapsed
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BODY_SHARE = 0.8  # descend into a child holding at least this share of the text
_LAYOUT_CELL_CHARS = 300  # a cell this long holds prose: its table is layout, not data
_MAX_SPAN = 1000


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii") if m else None


def read_html(data: bytes, source: str) -> RawDoc:
    from bs4 import BeautifulSoup

    decoded = decode(data, source, declared_charset(data))
    soup = BeautifulSoup(decoded.text, "lxml")
    head_title = clean_cell(soup.title.get_text(" ")) if soup.title is not None else ""
    for tag in soup(_DROP):
        tag.decompose()
    for tag in soup.find_all(lambda t: t.has_attr("hidden") or _HIDDEN.search(t.get("style") or "")):
        tag.decompose()
    root = soup.body or soup
    container = _main_container(root)
    flow = _Flow()
    try:
        flow.walk(container)
    except RecursionError:
        raise ReadError(source, "HTML nested too deeply to read") from None
    flow.flush()
    blocks = flow.blocks
    if container is not root:
        log.debug("%s: kept the <%s> holding the report body, dropped the rest of the page",
                  source, container.name)
        title = _page_title(soup, head_title)  # the report's heading may stand outside its body
        if title and title not in render(blocks[:5]):
            blocks.insert(0, Block(kind="text", text=title))
    return RawDoc(source=source, fmt="html", text=render(blocks), blocks=tuple(blocks),
                  encoding=decoded.encoding, warnings=decoded.warnings)


def _page_title(soup, head_title: str) -> str:
    """The first <h1> left after the chrome is gone, else the <title> without its ``_site`` tail."""
    h1 = soup.find("h1")
    if h1 is not None and (t := clean_cell(h1.get_text(" "))):
        return t
    return re.split(r"\s*[_|｜]\s*|\s+[-－—]+\s+", head_title)[0] if head_title else ""


def _is_text(node) -> bool:
    from bs4 import NavigableString

    return type(node) is NavigableString  # not Comment, CData, Doctype …


def _is_layout(table) -> bool:
    """A table used for page layout: it nests tables, has a single cell, or holds prose."""
    cached = getattr(table, "_disclosure_layout", None)
    if cached is None:
        cells = table.find_all(["td", "th", "table"])
        cached = (any(c.name == "table" for c in cells) or len(cells) <= 1
                  or any(len(c.get_text(strip=True)) > _LAYOUT_CELL_CHARS for c in cells))
        table._disclosure_layout = cached
    return cached


def _in_data_table(tag) -> bool:
    if tag.name not in _TABLE_PARTS:
        return False
    table = tag if tag.name == "table" else tag.find_parent("table")
    return table is not None and not _is_layout(table)


def _main_container(root):
    """The deepest element that still holds most of the page's non-link text and all its tables."""
    from bs4 import Tag

    weight: dict[int, int] = {}
    tables: dict[int, int] = {}
    for node in reversed([root, *root.descendants]):
        if isinstance(node, Tag):
            kids = [id(c) for c in node.children]
            weight[id(node)] = 0 if node.name == "a" else sum(weight.get(k, 0) for k in kids)
            tables[id(node)] = (node.name == "table") + sum(tables.get(k, 0) for k in kids)
        elif _is_text(node):
            weight[id(node)] = len("".join(node.split()))
    node = root
    while True:
        kids = [c for c in node.children if isinstance(c, Tag)]
        if not kids:
            return node
        best = max(kids, key=lambda k: weight[id(k)])
        if (weight[id(best)] < _BODY_SHARE * weight[id(node)] or tables[id(best)] < tables[id(node)]
                or _in_data_table(best)):
            return node
        node = best


class _Flow:
    """Walks content in document order: inline text gathers into paragraphs, block elements
    break lines, data tables become grids, layout tables are walked like any container."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._buf: list[str] = []

    def flush(self) -> None:
        raw = normalize_spaces("".join(self._buf))
        self._buf = []
        text = join_wrapped(raw, newline_runs_only=True).replace(_BR, "\n")
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Block(kind="text", text=line.strip()))

    def walk(self, node) -> None:
        from bs4 import Tag

        for child in node.children:
            if _is_text(child):
                self._buf.append(str(child))
            elif not isinstance(child, Tag):
                continue
            elif child.name == "br":
                self._buf.append(_BR)
            elif child.name == "table" and not _is_layout(child):
                self.flush()
                caption = child.find("caption")
                if caption is not None and (c := clean_cell(caption.get_text(" "))):
                    self.blocks.append(Block(kind="text", text=c))
                rows = _grid(child)
                if rows:
                    self.blocks.append(Block(kind="table", rows=rows))
            elif child.name == "pre":
                self.flush()
                for line in normalize_spaces(child.get_text()).splitlines():
                    if line.strip():
                        self.blocks.append(Block(kind="text", text=line.rstrip()))
            elif child.name in _BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _cell_text(cell) -> str:
    from bs4 import Tag

    parts: list[str] = []
    for d in cell.descendants:
        if _is_text(d):
            parts.append(str(d))
        elif isinstance(d, Tag) and (d.name == "br" or d.name in _BLOCK):
            parts.append("\n")
    return clean_cell("".join(parts))


def _span(value, limit: int) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return limit if n == 0 else max(1, min(n, limit))  # rowspan="0": to the end of the table


def _grid(table) -> tuple[tuple[str, ...], ...]:
    """Rows of a data table with spans expanded: text in a merged cell's first position only."""
    from bs4 import Tag

    trs = table.find_all("tr")  # a data table nests no tables: every row is its own
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, tr in enumerate(trs):
        c = 0
        for cell in (c for c in tr.children if isinstance(c, Tag) and c.name in ("td", "th")):
            while (r, c) in grid:
                c += 1
            rs = _span(cell.get("rowspan"), len(trs) - r)
            cs = _span(cell.get("colspan"), _MAX_SPAN)
            for i in range(rs):
                for j in range(cs):
                    grid.setdefault((r + i, c + j), "")
            grid[(r, c)] = _cell_text(cell)
            width = max(width, c + 1)  # columns only a span reaches into hold nothing
            c += cs
    return square([[grid.get((r, c), "") for c in range(width)] for r in range(len(trs))])
