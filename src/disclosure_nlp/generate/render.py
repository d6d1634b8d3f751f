"""Rendering a synthetic report as the bytes of a file: plain text as pasted from a word
processor (``txt``), crawler text with glued cells (``glued``), a web page (``html``),
markdown (``md``), and via ``office`` DOCX and PDF.

Rendering is pure: the small variations (stray spaces, 其他需要报告的事项 with or without 六、,
a heading typo, wrapped header cells) come from the report's ``style_seed`` and the format,
so that one report always renders to the same bytes. None of them changes the truth.
"""
from __future__ import annotations

import html as _html
from random import Random
from typing import Callable, Optional

from .document import (EXTENSIONS, FORMATS, Style, cell_text, document, style_of,
                       value_text)
from .layout import Grid
from .model import GeneratorError, SyntheticReport
from .office import render_docx, render_pdf

__all__ = ["FORMATS", "EXTENSIONS", "render", "render_txt", "render_glued", "render_md", "render_html",
           "cell_text", "style_of"]
_WRAP = {"商业企业", "科研机构", "结果维持", "结果纠正", "其他结果", "尚未审结", "社会公益组织", "法律服务机构"}

# ---------------------------------------------------------------------------------- txt

def _txt_table(report: SyntheticReport, grid: Grid, style: Style, rng: Random) -> list[str]:
    lines: list[str] = []
    for slots in grid.slots:
        for cell in slots:
            if cell is None:
                lines.append("\t")
                continue
            text = cell_text(report, cell)
            if cell.header and style.wrap_headers and text in _WRAP:
                text = text[:2] + "\n" + text[2:]
            elif cell.field and text and style.stray_spaces and rng.random() < 0.2:
                text = rng.choice((" " + text, text + " "))
            lines.append("\t" + text)
        lines.append("")
    return lines


def render_txt(report: SyntheticReport) -> str:
    style = style_of(report, "txt")
    rng = Random(report.style_seed)
    lines: list[str] = []
    for kind, payload in document(report, style):
        if isinstance(payload, Grid):  # kind == "table"
            lines += _txt_table(report, payload, style, rng)
        else:
            lines.append(payload)
            if kind == "heading":
                lines.append("")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------- glued

def render_glued(report: SyntheticReport) -> str:
    """Crawler text: each section on one line, table cells run together with no separator."""
    style = style_of(report, "glued")
    rng = Random(report.style_seed)
    out: list[str] = []
    line: Optional[str] = None  # the section being run together
    for kind, payload in document(report, style):
        if isinstance(payload, Grid):  # kind == "table"
            # digits run together (what the parser must split); a space between two words of the
            # form (header and label cells), and a stray space between two numbers now and then
            assert line is not None  # every table stands under a heading
            parts, prev_word = [], False
            for c in payload.cells:
                word = not c.field
                sep = " " if (word and prev_word) or (c.field and style.stray_spaces and rng.random() < 0.1) else ""
                parts.append(sep + cell_text(report, c))
                prev_word = word
            line += "".join(parts)
        elif kind == "heading":
            if line is not None:
                out.append(line)
            line = (" " if style.space_before_headings else "") + payload + " "
        elif kind == "para" and line is not None:
            line += payload
        else:  # title, the intro before 一, the signature
            if line is not None:
                out.append(line)
                line = None
            out.append(payload)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------- markdown

def _md_table(report: SyntheticReport, grid: Grid) -> list[str]:
    rows = []
    for origin in grid.rows:
        dense = [""] * grid.n_cols
        for c in origin:
            dense[c.col] = cell_text(report, c)
        rows.append("| " + " | ".join(dense) + " |")
    return [rows[0], "|" + "---|" * grid.n_cols] + rows[1:]


def render_md(report: SyntheticReport) -> str:
    style = style_of(report, "md")
    out: list[str] = []
    for kind, payload in document(report, style):
        if kind == "title":
            out.append(f"# {payload}")
        elif kind == "heading":
            out.append(f"## {payload}")
        elif isinstance(payload, Grid):  # kind == "table"
            out.append("\n".join(_md_table(report, payload)))
        else:
            out.append(payload)
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------------- html

_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地")
_SCRIPT = "var _hmt = _hmt || [];(function(){var s=document.createElement('script');s.async=true;})();"


def _html_table(report: SyntheticReport, grid: Grid) -> str:
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0">']
    for origin in grid.rows:
        out.append("<tr>")
        for c in origin:
            span = ((f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "")
                    + (f' colspan="{c.colspan}"' if c.colspan > 1 else ""))
            text = value_text(report, c.field) if c.field else _html.escape(c.text)
            out.append(f"<td{span}><p>{text}</p></td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def render_html(report: SyntheticReport) -> str:
    style = style_of(report, "html")
    esc = _html.escape
    body: list[str] = []
    for kind, payload in document(report, style):
        if isinstance(payload, Grid):  # kind == "table"
            body.append(_html_table(report, payload))
        elif kind == "title":
            body.append(f'<h1 class="article-title">{esc(payload)}</h1>')
            body.append('<div class="article-info">来源：本站 字号：[大 中 小]</div>')
        elif kind == "heading":
            body.append(f"<p><strong>{esc(payload)}</strong></p>" if style.bold_headings
                        else f"<h3>{esc(payload)}</h3>")
        elif kind == "sign":
            body.append(f'<p style="text-align:right">{esc(payload)}</p>')
        else:
            body.append(f"<p>{esc(payload)}</p>")
    nav = "".join(f'<li><a href="#">{n}</a></li>' for n in _NAV)
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{esc(style.title)}</title><script>{_SCRIPT}</script></head>\n<body>"
            f'<div class="header"><ul class="nav">{nav}</ul></div>\n'
            f'<div class="article">{"".join(body)}</div>\n'
            '<div class="footer"><p>主办单位：本级人民政府办公室 备案号：示例ICP备00000000号</p>'
            "<p>网站标识码：0000000000</p></div>\n</body></html>\n")


# ---------------------------------------------------------------------------------- dispatch

def _renderers() -> dict[str, Callable[[SyntheticReport], bytes]]:
    return {
        "txt": lambda r: render_txt(r).encode("utf-8"),
        "glued": lambda r: render_glued(r).encode("utf-8"),
        "md": lambda r: render_md(r).encode("utf-8"),
        "html": lambda r: render_html(r).encode("utf-8"),
        "docx": render_docx,
        "pdf": render_pdf,
    }


def render(report: SyntheticReport, fmt: str, encoding: Optional[str] = None) -> bytes:
    """The bytes of ``report`` in ``fmt`` (one of FORMATS). ``encoding`` (e.g. "gbk") applies
    to the text formats txt, glued and md; html and the binary formats ignore it."""
    if fmt not in FORMATS:
        raise GeneratorError(f"unknown format {fmt!r}: valid are {', '.join(FORMATS)}")
    if encoding and fmt in ("txt", "glued", "md"):
        text = {"txt": render_txt, "glued": render_glued, "md": render_md}[fmt](report)
        try:
            return text.encode(encoding)
        except (LookupError, UnicodeEncodeError) as exc:
            raise GeneratorError(f"cannot encode {report.key} as {encoding}: {exc}") from exc
    return _renderers()[fmt](report)
