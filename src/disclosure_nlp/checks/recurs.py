"""PROBLEM-RECURS: an agency names the same problem three years running, promising measures each year.

A corpus rule: it reads the (kind, themes, text) of each report's 五 items that the signatures of
:mod:`.corpus` carry (:func:`item_themes`), one agency at a time.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..i18n import t
from ..schema import GENERIC, THEME_NAMES, Flag, Report
from .base import Rule

if TYPE_CHECKING:  # pragma: no cover
    from .store import CorpusView, Signature

RUN = 3  # years running
_QUOTE = 90  # characters of each year's problem item in the evidence


def item_themes(report: Report) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """``(kind, themes, text)`` of the report's 五 items: what PROBLEM-RECURS needs of a report."""
    return tuple((i.kind, tuple(i.themes), i.text) for i in report.items)


def _answered(sig: "Signature") -> dict[str, str]:
    """Theme → the first problem item naming it, for the themes of the report's problems that an
    improvement item of the same report also names (a problem with a promised measure)."""
    measures = {th for kind, themes, _ in sig.items if kind == "improvement" for th in themes}
    out: dict[str, str] = {}
    for kind, themes, text in sig.items:
        if kind == "problem":
            for th in themes:
                if th != GENERIC and th in measures:
                    out.setdefault(th, text)
    return out


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"


class ProblemRecurs(Rule):
    """The agency names the same problem theme three years running, and each year promises
    measures for it: the measures have not solved it.

    Fires on the report of the third year, once per theme, with the three years' problem items as
    evidence. Themes come from the classifier; ``generic`` never counts. A year with several
    reports of the agency counts when one of them names the problem and a measure for it.

    **Fires**: 某县某局 2021, 2022 and 2023 each list "政务公开工作人员多为兼职" (队伍与培训) as a
    problem and "加强业务培训" as a measure.

    **Quiet**: the same problem in 2021 and 2023 only (2022 names another); or named three years
    running but with no measure for it in 2022; or only generic problems ("仍存在一些不足").
    """

    id = "PROBLEM-RECURS"
    title = "同一类问题连续三年提出、每年都有措施仍未解决"
    name = "corpus.problem_recurs"
    severity = "info"  # themes are the classifier's reading, not the report's own words: a pointer, not a finding
    groups = ("corpus", "themes")
    scope = "corpus"

    def check_corpus(self, corpus: "CorpusView") -> Iterable[tuple[str, Flag]]:
        for years in corpus.agencies():
            found: dict[int, list[tuple["Signature", dict[str, str]]]] = {
                y: [(g, _answered(g)) for g in sigs] for y, sigs in years.items()}
            for y in sorted(found):
                span = [y - RUN + 1 + k for k in range(RUN)]
                if any(s not in found for s in span[:-1]):
                    continue
                for cur, cur_themes in found[y]:
                    for theme in sorted(cur_themes, key=lambda th: (list(THEME_NAMES).index(th)
                                                                    if th in THEME_NAMES else 99, th)):
                        earlier = []
                        for s in span[:-1]:
                            hit = next(((g, a[theme]) for g, a in found[s] if theme in a), None)
                            if hit is None:
                                break
                            earlier.append((s, *hit))
                        if len(earlier) != RUN - 1:
                            continue
                        run = earlier + [(y, cur, cur_themes[theme])]
                        yield cur.source, self._flag(cur, theme, run)

    def _flag(self, cur: "Signature", theme: str, run: list) -> Flag:
        name = THEME_NAMES.get(theme, theme)
        first, last = run[0][0], run[-1][0]
        who = cur.agency or cur.source
        quote = "；".join(f"{year}年：{_clip(text)}" for year, _, text in run)
        message = t(f"{who}连续三年（{first}—{last}年）在“存在的主要问题”中提出同类问题（{name}），"
                    f"且每年都提出了相应改进措施：请关注这些措施是否见效",
                    f"{who} names the same problem ({theme}) three years running ({first}–{last}) and promises "
                    f"measures for it every year: worth checking whether the measures work")
        cells = {"theme": theme, "theme_name": name, "years": [year for year, _, _ in run],
                 "sources": [g.source for _, g, _ in run]}
        return self.flag(message, quote=quote, cells=cells)


__all__ = ["ProblemRecurs", "item_themes"]
