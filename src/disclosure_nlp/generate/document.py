"""What every renderer of a synthetic report shares: the formats, a report's style (its small
variations), the text of a cell, and the document as a list of blocks (headings, paragraphs,
tables, signature). ``render`` writes the text formats from it, ``office`` DOCX and PDF."""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from random import Random
from typing import Union

from .layout import HEADINGS, Cell, Grid, grids
from .model import SyntheticReport

FORMATS = ("txt", "glued", "html", "docx", "pdf", "md")
EXTENSIONS = {"txt": ".txt", "glued": ".glued.txt", "html": ".html", "docx": ".docx", "pdf": ".pdf", "md": ".md"}


@dataclass(frozen=True)
class Style:
    """The rendering choices drawn for one report and format."""

    title: str
    intro: bool
    headings: tuple[str, ...]
    stray_spaces: bool
    wrap_headers: bool
    space_before_headings: bool
    bold_headings: bool  # html: <p><strong> rather than <h3>


def style_of(report: SyntheticReport, fmt: str) -> Style:
    rng = Random(report.style_seed ^ zlib.crc32(fmt.encode()))
    heads = list(HEADINGS)
    if rng.random() < 0.25:
        heads[5] = "其他需要报告的事项"
    if rng.random() < 0.1:
        heads[3] = heads[3].replace("行政复议", "行政法复议")
    if rng.random() < 0.15:
        heads = [h.replace("、", "．", 1) if i < 5 and rng.random() < 0.5 else h for i, h in enumerate(heads)]
    return Style(
        title=f"{report.agency}{report.year}年{'度' if rng.random() < 0.5 else ''}政府信息公开工作年度报告",
        intro=rng.random() < 0.6, headings=tuple(heads), stray_spaces=rng.random() < 0.3,
        wrap_headers=rng.random() < 0.7, space_before_headings=rng.random() < 0.5,
        bold_headings=rng.random() < 0.6,
    )


def intro_text(report: SyntheticReport) -> str:
    y = report.year
    return (f"本年度报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{y}年1月1日至{y}年12月31日。"
            f"如对本报告有疑问，请与{report.agency}联系。")


@lru_cache(maxsize=None)
def _path(field: str) -> tuple[str, str, str]:
    table, _, rest = field.partition(".")
    row, _, col = rest.rpartition(".") if table == "applications" else rest.partition(".")
    return table, row, col


def value_text(report: SyntheticReport, field: str) -> str:
    """The printed text of a value cell (a blank 收费金额 as the report's ``fee_blank``)."""
    table, row, col = _path(field)
    v = getattr(report, table)[row][col]
    if v is None:
        return report.fee_blank
    return repr(v) if isinstance(v, float) else str(v)


def cell_text(report: SyntheticReport, cell: Cell) -> str:
    return value_text(report, cell.field) if cell.field else cell.text


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p]


Block = tuple[str, Union[str, Grid]]  # (kind, payload): a Grid for "table", else the text


def document(report: SyntheticReport, style: Style) -> list[Block]:
    """The report as blocks in reading order: (kind, payload) with kind in title, para, heading, table."""
    t2, t3, t4 = grids(report.format_version)
    h = style.headings
    blocks: list[Block] = [("title", style.title)]
    if style.intro:
        blocks.append(("para", intro_text(report)))
    blocks.append(("heading", h[0]))
    blocks += [("para", p) for p in paragraphs(report.sections["overview"])]
    for head, grid in zip(h[1:4], (t2, t3, t4)):
        blocks += [("heading", head), ("table", grid)]
    blocks.append(("heading", h[4]))
    blocks += [("para", p) for p in paragraphs(report.sections["problems"])]
    blocks.append(("heading", h[5]))
    blocks += [("para", p) for p in paragraphs(report.sections["other_matters"])]
    blocks += [("sign", report.agency), ("sign", report.issued_on)]
    return blocks
