"""The data model of a synthetic report: what was drawn, and so what a parser must read back."""
from __future__ import annotations

import copy
from dataclasses import dataclass

from ..errors import GeneratorError as GeneratorError  # raised here; defined with every error in errors.py
from ..schema import StatedFigure

# every rule id the generator can inject, and whether it needs a series (several years / agencies)
REPORT_DEFECTS = (
    "T3-BALANCE", "T3-RESULTS-SUM", "T3-ROW-TOTAL", "T4-GROUP-SUM", "NARR-NUMBER", "NARR-CLAIM",
    "NO-IMPROVEMENT", "THEME-GAP", "FORMAT-OUTDATED",
)
SERIES_DEFECTS = ("YOY-CARRY", "YOY-IN-FORCE", "BOILERPLATE-YOY", "BOILERPLATE-PEER")
DEFECTS = REPORT_DEFECTS + SERIES_DEFECTS




@dataclass(frozen=True)
class Agency:
    """A reporting body of a synthetic corpus.

    ``names`` are the spellings it uses over the years (with/without 人民政府, 管委会 or
    管理委员会); ``scale`` sets the size of its numbers: ``small``, ``medium`` or ``large``.
    """

    id: str
    names: tuple[str, ...]
    scale: str = "small"
    self_ref: str = "我单位"  # how the narrative names the agency: 我局, 我区, 我办 …

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class SyntheticItem:
    """A problem or improvement statement written into 五; ``text`` is a substring of 五
    (without its enumerator and closing punctuation) found at ``start``."""

    kind: str
    text: str
    themes: tuple[str, ...]
    start: int = -1

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "themes": list(self.themes),
                "start": self.start, "end": self.start + len(self.text)}


@dataclass(frozen=True)
class SyntheticReport:
    """One drawn report with its known truth.

    Tables are nested dicts in the schema's layout (``schema.empty_*``); ``sections`` holds the
    narrative of 一, 五 and 六 (paragraphs separated by newlines); ``stated`` the figures and
    claims written into the narrative; ``defects`` the rule ids that must fire on it.
    """

    agency: str
    year: int
    format_version: str
    active_disclosure: dict
    applications: dict
    review_litigation: dict
    sections: dict
    items: tuple[SyntheticItem, ...] = ()
    stated: tuple[StatedFigure, ...] = ()
    defects: tuple[str, ...] = ()
    agency_id: str = ""
    style_seed: int = 0  # drives the small variations of rendering, so that render() is pure
    fee_blank: str = ""  # how a blank 收费金额 is printed: "" or "无"
    issued_on: str = ""  # the date line at the end, e.g. 2022年1月18日

    @property
    def key(self) -> str:
        return f"{self.agency_id or 'x'}_{self.year}"


def truth_dict(report: SyntheticReport) -> dict:
    """The expected parse of ``report`` in the schema's names (as in the real corpus' *.tables.json).

    Rendering varies spacing and heading spellings only: every format of one report has this truth.
    """
    return {
        "agency": report.agency,
        "agency_id": report.agency_id,
        "year": report.year,
        "format_version": report.format_version,
        "sections": dict(report.sections),
        "active_disclosure": copy.deepcopy(report.active_disclosure),
        "applications": copy.deepcopy(report.applications),
        "review_litigation": copy.deepcopy(report.review_litigation),
        "items": [i.to_dict() for i in report.items],
        "stated_in_narrative": [_stated(report, s) for s in report.stated],
        "defects": list(report.defects),
    }


def _stated(report: SyntheticReport, s: StatedFigure) -> dict:
    d = s.to_dict()
    for section in ("overview", "other_matters"):
        if report.sections[section][s.start:s.start + len(s.quote)] == s.quote:
            d.update(section=section, start=s.start)
            break
    return d
