"""HTML pages: site chrome dropped, the report body kept, tables to grids (rowspan/colspan expanded,
content in the first position only), layout tables walked as ordinary content.

lxml (libxml2) parses the page into a tree. A *string* is one text node of it: an element's
``text`` or an element's or comment's ``tail``. Script, style, site chrome and hidden elements are
swapped for empty comments, which keeps the strings on either side of them apart; the text of
ruby annotations (<rt>, <rp>) is removed.
"""
from __future__ import annotations

import logging
import re
from typing import cast

from lxml import etree

from ..errors import ReadError
from ..i18n import t
from ..schema import Block, RawDoc
from .cells import clean_cell, join_wrapped, normalize_spaces, render, square
from .text import decode

log = logging.getLogger(__name__)

_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "iframe",
         "svg", "object", "embed", "select", "button", "head")
_UNREAD = ("rt", "rp")
_TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr", "td", "th"))
_BLOCK = frozenset(("address", "article", "aside", "blockquote", "center", "dd", "details", "dialog",
                    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2",
                    "h3", "h4", "h5", "h6", "hgroup", "hr", "li", "main", "menu", "ol", "p", "section",
                    "summary", "ul", "caption", "title")) | _TABLE_PARTS
_KEEP_SPACE = frozenset(("pre", "textarea"))  # blank strings inside are kept as they are
_ASCII_SPACE = " \n\t\x0c\r"
_BR = "\ue000"  # an explicit line break (<br>) while whitespace is collapsed
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MAYBE_HIDDEN = etree.XPath("//*[@hidden or @style]")
_FLAGGED_HIDDEN = etree.XPath("//*[@hidden]")
_STYLES = etree.XPath("//@style", smart_strings=False)
_CELLS = etree.XPath("count(descendant::td) + count(descendant::th)")
_SITE_TAIL = re.compile(r"\s*[_|｜]\s*|\s+[-－—]+\s+")
_DOCUMENT = "x-document"  # stands for the whole page when it holds several <html>
_BODY_SHARE = 0.8  # descend into a child holding at least this share of the text
_LAYOUT_CELL_CHARS = 300  # a cell this long holds prose: its table is layout, not data
_MAX_SPAN = 1000
_MAX_DEPTH = 900  # elements nested deeper than this: ReadError
_TOO_DEEP = etree.XPath("boolean(" + "/*" * (_MAX_DEPTH + 1) + ")")


# The XPaths above with the type of what each returns (lxml types a call as any XPath result).

def _maybe_hidden(top: etree._Element) -> list[etree._Element]:
    return cast("list[etree._Element]", _MAYBE_HIDDEN(top))


def _flagged_hidden(top: etree._Element) -> list[etree._Element]:
    return cast("list[etree._Element]", _FLAGGED_HIDDEN(top))


def _styles(top: etree._Element) -> list[str]:
    return cast("list[str]", _STYLES(top))


def _may_hide(style: str) -> bool:
    """False for a style ``_HIDDEN`` cannot match: under re.I the letters of "none" and "hidden"'s
    "dden" match no code point but themselves and their capitals, which lower() maps back."""
    low = style.lower()
    return "none" in low or "dden" in low


def _cells(el: etree._Element) -> float:
    return cast(float, _CELLS(el))


def _too_deep() -> str:
    return t("HTML嵌套层级过深，无法读取", "HTML nested too deeply to read")


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii") if m else None


def read_html(data: bytes, source: str) -> RawDoc:
    """An HTML page's report body as blocks; ReadError for undecodable or absurdly deep pages."""
    decoded = decode(data, source, declared_charset(data))
    parser = etree.HTMLParser(huge_tree=True)  # libxml2 would cut deep pages at 256 levels
    parser.feed(decoded.text)  # str: decoded already, a <meta> charset is moot
    root = parser.close()
    blocks: list[Block] = []
    if root is not None:
        if _TOO_DEEP(root):
            raise ReadError(source, _too_deep())
        try:
            blocks = _Page(_document(root)).blocks(source)
        except RecursionError:  # a deep call stack already
            raise ReadError(source, _too_deep()) from None
    return RawDoc(source=source, fmt="html", text=render(blocks), blocks=tuple(blocks),
                  encoding=decoded.encoding, warnings=decoded.warnings)


def _document(root):
    """The page's top element: its <html>, or a stand-in holding all of them when content after
    ``</html>`` started another."""
    tops = [*root.itersiblings(preceding=True)][::-1] + [root, *root.itersiblings()]
    tops = [t for t in tops if _is_element(t)]
    if len(tops) == 1:
        return root
    doc = etree.Element(_DOCUMENT)
    doc.extend(tops)
    return doc


def _is_element(node) -> bool:
    return isinstance(node.tag, str)  # a comment's tag is a function


def _strings(el):
    """The strings inside ``el`` in document order."""
    if el.text:
        yield el.text
    for child in el:
        if _is_element(child):
            yield from _strings(child)
        if child.tail:
            yield child.tail


def _cell_strings(el, out: list[str] | None = None) -> list[str]:
    """The strings inside ``el``, "\\n" before each <br> and block element but the leading ones
    (a cell is stripped)."""
    if out is None:
        out = []
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str):
            if out and (tag == "br" or tag in _BLOCK):
                out.append("\n")
            _cell_strings(child, out)
        if child.tail:
            out.append(child.tail)
    return out


def _plain_cell_text(cell) -> str | None:
    """``"".join(_cell_strings(cell))`` for the common cells, ``<td>x</td>`` and
    ``<td><p>x</p></td>``, without the walk; None for any other cell."""
    n = len(cell)
    if n == 0:
        return cell.text or ""
    if n == 1 and not cell.text:
        child = cell[0]
        if not child.tail and len(child) == 0 and isinstance(child.tag, str):
            return child.text or ""
    return None


def _clean(text: str) -> str:
    # clean_cell changes only whitespace and invisible (format) characters, none printable but " "
    return text if text.isprintable() and " " not in text else clean_cell(text)


def _ink(text: str) -> int:
    return len("".join(text.split()))


def _keeps_space(el) -> bool:
    return el.tag in _KEEP_SPACE or any(a.tag in _KEEP_SPACE for a in el.iterancestors())


def _span(value: str | None, limit: int) -> int:
    if value is None:
        return 1
    try:
        n = int(value.strip())
    except ValueError:
        return 1
    return limit if n == 0 else max(1, min(n, limit))  # rowspan="0": to the end of the table


class _Page:
    """One parsed page: its report body found, walked and returned as blocks."""

    def __init__(self, top) -> None:
        self.top = top
        self._weight: dict = {}  # element: non-space characters outside links
        self._table_count: dict = {}  # element: <table>s in it and itself
        self._rows: dict = {}

    def blocks(self, source: str) -> list[Block]:
        for el in self.top.iter(*_UNREAD):
            el.text = None
            for d in el.iterdescendants():
                d.text = d.tail = None
        head = next(self.top.iter("title"), None)  # before <head> is dropped
        head_title = clean_cell(" ".join(_strings(head))) if head is not None else ""
        if not self._prune():
            return []
        body = next(self.top.iter("body"), None)
        root = body if body is not None else self.top
        container = self._main_container(root)
        flow = _Flow(self)
        flow.walk(container, _keeps_space(container))
        flow.flush()
        blocks = flow.blocks
        # without a <body> the page is the root, and the only <html> lies below it
        if container is not root or (body is None and self.top.tag != _DOCUMENT):
            log.debug("%s: kept the <%s> holding the report body, dropped the rest of the page",
                      source, container.tag)
            title = self._page_title(head_title)  # the report's heading may stand outside its body
            if title and title not in render(blocks[:5]):
                blocks.insert(0, Block(kind="text", text=title))
        return blocks

    def _prune(self) -> bool:
        """Swap script, style, chrome and hidden elements for empty comments (False: all is hidden)."""
        hiding = {s for s in set(_styles(self.top)) if _may_hide(s) and _HIDDEN.search(s)}
        if hiding:
            hidden = [el for el in _maybe_hidden(self.top)
                      if el.get("hidden") is not None or el.get("style") in hiding]
        else:
            hidden = _flagged_hidden(self.top)
        for el in [*self.top.iter(*_DROP), *hidden]:
            parent = el.getparent()
            if parent is None:
                if el is self.top:
                    return False
                continue  # swapped out already
            mark = etree.Comment()
            mark.tail = el.tail
            parent.replace(el, mark)
        return True

    def _page_title(self, head_title: str) -> str:
        """The first <h1> left after the chrome is gone, else the <title> without its ``_site`` tail."""
        h1 = next(self.top.iter("h1"), None)
        if h1 is not None and (t := clean_cell(" ".join(_strings(h1)))):
            return t
        return _SITE_TAIL.split(head_title)[0] if head_title else ""

    def _measure(self, root) -> None:
        """Every element's weight and table count in one bottom-up pass, without recursion.

        The weight is what ``_ink(string(el))`` less the ink of ``el``'s outermost links is (0 for a
        link): string() joins the text of ``el`` and every string below it but a comment's own text,
        and ink adds up over the strings."""
        ink: dict = {}  # element: non-space characters of all its strings
        in_links: dict = {}  # element: ink of its outermost links
        weight = self._weight
        tables = self._table_count
        elements = [*root.iter(etree.Element)]  # parents before their children
        for el in reversed(elements):
            text = el.text
            total = len("".join(text.split())) if text else 0  # _ink, inlined: the pass's hot spot
            tag = el.tag
            linked = 0
            count = 1 if tag == "table" else 0
            if len(el):
                for child in el:
                    if isinstance(child.tag, str):
                        sub = ink[child]
                        total += sub
                        linked += sub if child.tag == "a" else in_links[child]
                        count += tables[child]
                    tail = child.tail
                    if tail:
                        total += len("".join(tail.split()))
            ink[el] = total
            in_links[el] = linked
            weight[el] = 0 if tag == "a" else total - linked
            tables[el] = count

    def _main_container(self, root):
        """The deepest element that still holds most of the page's non-link text and all its tables."""
        self._measure(root)
        weight = self._weight
        tables = self._table_count
        node = root
        while True:
            kids = [c for c in node if _is_element(c)]
            if not kids:
                return node
            best = max(kids, key=weight.__getitem__)
            if (weight[best] < _BODY_SHARE * weight[node]
                    or tables[best] < tables[node]
                    or self._in_data_table(best)):
                return node
            node = best

    def _in_data_table(self, el) -> bool:
        if el.tag not in _TABLE_PARTS:
            return False
        table = el if el.tag == "table" else next(el.iterancestors("table"), None)
        return table is not None and self.data_rows(table) is not None

    def data_rows(self, table) -> tuple[tuple[str, ...], ...] | None:
        """The rows of a data table, None for a layout table: one that nests tables, has a
        single cell, or holds prose in a cell."""
        if table not in self._rows:
            cells = _cells(table)
            nested = next(table.iterdescendants("table"), None) is not None
            self._rows[table] = None if nested or cells <= 1 else _grid(table, cells)
        return self._rows[table]


def _grid(table, cells: float) -> tuple[tuple[str, ...], ...] | None:
    """Rows with spans expanded, text in a merged cell's first position only; None when a cell
    holds prose."""
    trs = list(table.iterdescendants("tr"))  # a data table nests no tables: every row is its own
    grid: list[dict[int, str]] = [{} for _ in trs]
    width = seen = 0
    for r, tr in enumerate(trs):
        row = grid[r]
        c = 0
        for cell in tr:
            if cell.tag != "td" and cell.tag != "th":
                continue
            seen += 1
            text = _plain_cell_text(cell)
            if text is None:
                strings = _cell_strings(cell)
                text = "".join(strings)
                if len(text) > _LAYOUT_CELL_CHARS and _is_prose(strings):
                    return None
            elif len(text) > _LAYOUT_CELL_CHARS and _is_prose([text]):
                return None
            while c in row:
                c += 1
            attrs = cell.attrib
            rs = _span(attrs.get("rowspan"), len(trs) - r) if attrs else 1
            cs = _span(attrs.get("colspan"), _MAX_SPAN) if attrs else 1
            if rs > 1 or cs > 1:
                for spanned in grid[r:r + rs]:
                    for j in range(c, c + cs):
                        spanned.setdefault(j, "")
            row[c] = _clean(text)
            if c >= width:
                width = c + 1  # columns only a span reaches into hold nothing
            c += cs
    if seen < cells and any(_is_prose(_cell_strings(c)) for c in table.iterdescendants("td", "th")
                            if c.getparent().tag != "tr"):
        return None
    return square([[row.get(c, "") for c in range(width)] for row in grid])


def _is_prose(strings: list[str]) -> bool:
    return sum(len(s.strip()) for s in strings) > _LAYOUT_CELL_CHARS


class _Flow:
    """Walks content in document order: inline text gathers into paragraphs, block elements
    break lines, data tables become grids, layout tables are walked like any container."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.blocks: list[Block] = []
        self._buf: list[str] = []

    def flush(self) -> None:
        if not self._buf:
            return
        raw = normalize_spaces("".join(self._buf))
        self._buf = []
        text = join_wrapped(raw, newline_runs_only=True).replace(_BR, "\n")
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Block(kind="text", text=line.strip()))

    def _add(self, s: str, keep_space: bool) -> None:
        if not keep_space and "\n" not in s and not s.strip(_ASCII_SPACE):
            s = " "  # a blank string without a line break stands for one space
        self._buf.append(s)

    def walk(self, node, keep_space: bool) -> None:
        if node.text:
            self._add(node.text, keep_space)
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                pass
            elif tag == "br":
                self._buf.append(_BR)
            elif tag == "table" and (rows := self.page.data_rows(child)) is not None:
                self.flush()
                caption = next(child.iterdescendants("caption"), None)
                if caption is not None and (c := clean_cell(" ".join(_strings(caption)))):
                    self.blocks.append(Block(kind="text", text=c))
                if rows:
                    self.blocks.append(Block(kind="table", rows=rows))
            elif tag == "pre":
                self.flush()
                for line in normalize_spaces("".join(_strings(child))).splitlines():
                    if line.strip():
                        self.blocks.append(Block(kind="text", text=line.rstrip()))
            elif tag in _BLOCK:
                self.flush()
                self.walk(child, keep_space or tag in _KEEP_SPACE)
                self.flush()
            else:
                self.walk(child, keep_space or tag in _KEEP_SPACE)
            if child.tail:
                self._add(child.tail, keep_space)
