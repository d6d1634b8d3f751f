"""Theme summaries of a whole scan, for the 政务公开办: which problems and measures the reports name,
year by year and agency by agency, and which problems go unanswered.

Counts are accumulated as chunks of reports stream in (a few integers per agency × theme, never
the reports themselves) and written with pandas when the scan closes. Every CSV is UTF-8 with a
BOM and ``\\r\\n`` line ends, like the scan's other CSVs, with the Chinese name beside each id.

- ``theme_by_year.csv``: year, kind, kind_name, theme, theme_name, reports (reports of that year
  with an item of that kind and theme), year_reports (reports of that year with items), share.
- ``agency_by_theme.csv``: agency, kind, kind_name, theme, theme_name, reports, items, years
  (the years in which the agency's reports named it, ``;``-separated).
- ``unanswered_by_theme.csv``: theme, theme_name, unanswered_items (problem items of that theme
  no improvement of the same report shares), unanswered_reports, problem_reports (reports naming
  the theme as a problem), share (unanswered_reports / problem_reports).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable, Optional

import pandas as pd

from ..schema import KIND_NAMES, KINDS, THEME_NAMES, THEMES, Report, unanswered_problems
from .tables import excel_safe

SUMMARY_FILES = ("theme_by_year.csv", "agency_by_theme.csv", "unanswered_by_theme.csv")
_ORDER = {t: i for i, t in enumerate(THEMES)}


class ThemeSummaries:
    """Accumulates the counts of ``add(reports)``; ``close()`` writes the three CSVs to ``out_dir``.

    ``agency_key``: how agency names are grouped (e.g. ``normalize_agency``); the name shown is
    the first one seen for a key."""

    def __init__(self, out_dir, agency_key: Optional[Callable[[str], Optional[str]]] = None):
        self.out_dir = Path(out_dir)
        self.agency_key = agency_key
        self.year_reports: Counter = Counter()  # year → reports with items
        self.by_year: Counter = Counter()  # (year, kind, theme) → reports
        self.agency_reports: Counter = Counter()  # (agency key, kind, theme) → reports
        self.agency_items: Counter = Counter()  # (agency key, kind, theme) → items
        self.agency_years: dict = defaultdict(set)  # (agency key, kind, theme) → years
        self.agency_name: dict[str, str] = {}
        self.unanswered_items: Counter = Counter()  # theme → items
        self.unanswered_reports: Counter = Counter()  # theme → reports
        self.problem_reports: Counter = Counter()  # theme → reports naming it as a problem
        self.paths = {name: self.out_dir / name for name in SUMMARY_FILES}

    def open(self) -> "ThemeSummaries":
        return self

    def add(self, reports: Iterable[Report]) -> None:
        for r in reports:
            if not r.items:
                continue
            year = "" if r.year is None else r.year
            self.year_reports[year] += 1
            pairs = {(i.kind, t) for i in r.items for t in i.themes}
            for kind, theme in pairs:
                self.by_year[(year, kind, theme)] += 1
            if r.agency:
                key = (self.agency_key(r.agency) if self.agency_key else None) or r.agency
                self.agency_name.setdefault(key, r.agency)
                for kind, theme in pairs:
                    self.agency_reports[(key, kind, theme)] += 1
                    if year != "":
                        self.agency_years[(key, kind, theme)].add(year)
                for i in r.items:
                    for t in i.themes:
                        self.agency_items[(key, i.kind, t)] += 1
            for theme in {t for kind, t in pairs if kind == "problem"}:
                self.problem_reports[theme] += 1
            open_items = unanswered_problems(r)
            for theme in {t for p in open_items for t in p.themes}:
                self.unanswered_reports[theme] += 1
            for p in open_items:
                for t in p.themes:
                    self.unanswered_items[t] += 1

    # -- writing -----------------------------------------------------------------------------
    def frames(self) -> dict[str, pd.DataFrame]:
        """The three tables as DataFrames, sorted (year, kind, theme order of TAXONOMY.md)."""
        cols = ["year", "kind", "kind_name", "theme", "theme_name", "reports", "year_reports", "share"]
        rows = [(y, k, KIND_NAMES.get(k, k), t, THEME_NAMES.get(t, t), n, self.year_reports[y],
                 round(n / self.year_reports[y], 4) if self.year_reports[y] else 0.0)
                for (y, k, t), n in self.by_year.items()]
        by_year = pd.DataFrame(rows, columns=cols)
        by_year = _sorted(by_year, ["year"])

        cols = ["agency", "kind", "kind_name", "theme", "theme_name", "reports", "items", "years"]
        agency_rows = [(self.agency_name[a], k, KIND_NAMES.get(k, k), t, THEME_NAMES.get(t, t), n,
                 self.agency_items[(a, k, t)], ";".join(str(y) for y in sorted(self.agency_years[(a, k, t)])))
                for (a, k, t), n in self.agency_reports.items()]
        agency = _sorted(pd.DataFrame(agency_rows, columns=cols), ["agency"])

        cols = ["theme", "theme_name", "unanswered_items", "unanswered_reports", "problem_reports", "share"]
        theme_rows = [(t, THEME_NAMES.get(t, t), self.unanswered_items[t], self.unanswered_reports[t], n,
                 round(self.unanswered_reports[t] / n, 4) if n else 0.0)
                for t, n in self.problem_reports.items()]
        unanswered = pd.DataFrame(theme_rows, columns=cols)
        unanswered = unanswered.assign(_t=unanswered["theme"].map(lambda t: _ORDER.get(t, 99)))
        unanswered = unanswered.sort_values(["_t", "theme"], kind="stable").drop(columns="_t").reset_index(drop=True)
        return {"theme_by_year.csv": by_year, "agency_by_theme.csv": agency, "unanswered_by_theme.csv": unanswered}

    def close(self) -> None:
        """Write the three CSVs (also after an interrupted scan: what was counted so far)."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name, frame in self.frames().items():
            frame = frame.map(excel_safe) if len(frame) else frame
            frame.to_csv(self.paths[name], index=False, encoding="utf-8-sig", lineterminator="\r\n")


def _sorted(frame: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    if not len(frame):
        return frame
    frame = frame.assign(_y=frame[first[0]].astype(str),
                         _k=frame["kind"].map(lambda k: KINDS.index(k) if k in KINDS else 9),
                         _t=frame["theme"].map(lambda t: _ORDER.get(t, 99)))
    return frame.sort_values(["_y", "_k", "_t", "theme"], kind="stable").drop(columns=["_y", "_k", "_t"]) \
        .reset_index(drop=True)


__all__ = ["ThemeSummaries", "SUMMARY_FILES"]
