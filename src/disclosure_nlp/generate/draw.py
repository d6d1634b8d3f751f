"""Drawing synthetic reports and corpora with known truth and injected defects."""
from __future__ import annotations

import logging
from dataclasses import replace
from random import Random
from typing import Iterable, Iterator, Optional, Sequence, Union

from ..schema import APPLICANT_COLUMNS
from . import tables as T
from .agencies import make_agencies, makes_rules, self_ref_of
from .model import DEFECTS, Agency, GeneratorError, SyntheticReport
from .narrative import needs_requests_problem, write_other, write_overview, write_problems

log = logging.getLogger(__name__)
_TABLE_DEFECTS = ("T3-BALANCE", "T3-RESULTS-SUM", "T3-ROW-TOTAL", "T4-GROUP-SUM")


def _check_defects(defects: Iterable[str], year: int, prev: Optional[SyntheticReport]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(defects))
    for d in wanted:
        if d not in DEFECTS:
            raise GeneratorError(f"unknown defect {d!r}: valid are {', '.join(DEFECTS)}")
    if "BOILERPLATE-PEER" in wanted:
        raise GeneratorError("BOILERPLATE-PEER pairs two agencies: draw it with draw_corpus")
    for d in ("YOY-CARRY", "YOY-IN-FORCE", "BOILERPLATE-YOY"):
        if d in wanted and prev is None:
            raise GeneratorError(f"{d} needs last year's report of the same agency (prev=)")
    if "FORMAT-OUTDATED" in wanted and year < 2021:
        raise GeneratorError(f"FORMAT-OUTDATED needs a year from 2021 on, got {year}")
    if len({"NO-IMPROVEMENT", "THEME-GAP", "BOILERPLATE-YOY"} & set(wanted)) > 1:
        raise GeneratorError("NO-IMPROVEMENT, THEME-GAP and BOILERPLATE-YOY each write 五: pick one")
    return wanted


def draw_report(rng: Random, agency: Union[str, Agency], year: int, format_version: str = "2021",
                defects: Sequence[str] = (), *, prev: Optional[SyntheticReport] = None,
                name: Optional[str] = None) -> SyntheticReport:
    """Draw one report of ``agency`` on ``year`` in the ``format_version`` table layout.

    Tables are consistent by construction; each rule id in ``defects`` is injected so that
    exactly that rule should fire. With ``prev`` (the same agency's report of the year
    before) 上年结转 and the running counts of 表二 continue last year's, unless
    ``YOY-CARRY`` / ``YOY-IN-FORCE`` break the link. A 2019 layout on 2021 or later is
    itself the defect ``FORMAT-OUTDATED`` and is recorded as such.
    """
    if format_version not in ("2021", "2019"):
        raise GeneratorError(f"format_version {format_version!r}: valid are 2021, 2019")
    wanted = _check_defects(defects, year, prev)
    if isinstance(agency, str):
        agency = Agency(id="", names=(agency,), scale=rng.choices(("small", "medium", "large"), (6, 3, 1))[0],
                        self_ref=self_ref_of(agency))
    layout = "2019" if "FORMAT-OUTDATED" in wanted else format_version
    if layout == "2019" and year >= 2021 and "FORMAT-OUTDATED" not in wanted:
        wanted += ("FORMAT-OUTDATED",)
    name = name or agency.name

    carried = None
    if prev is not None:
        carried = {c: prev.applications["carried_forward"][c] for c in APPLICANT_COLUMNS}
        if "YOY-CARRY" in wanted:
            col = rng.choice(APPLICANT_COLUMNS[:2])
            d = rng.randint(1, 4)
            carried[col] = carried[col] - d if carried[col] >= d and rng.random() < 0.5 else carried[col] + d
    apps = T.draw_applications(rng, agency.scale, layout, carried,
                               last_new=prev.applications["new_received"]["total"] if prev is not None else None)
    review = T.draw_review(rng, agency.scale)
    prev_active = prev.active_disclosure if prev is not None and prev.format_version == layout else None
    if "YOY-IN-FORCE" in wanted and (layout != "2021" or prev_active is None):
        raise GeneratorError("YOY-IN-FORCE needs this and last year's report in the 2021 layout")
    active = T.draw_active(rng, agency.scale, layout, makes_rules(agency.name), prev_active,
                           prev_any=prev.active_disclosure if prev is not None else None)
    if "YOY-IN-FORCE" in wanted:
        active["normative_documents"]["in_force"] += rng.randint(1, 9)

    false_claim = None
    if "NARR-CLAIM" in wanted:
        false_claim = rng.choice(("all_answered", "no_review"))
        if false_claim == "all_answered":
            T.ensure_carried_forward(rng, apps)
        elif review["review"]["total"] == 0:
            review["review"]["upheld"] = review["review"]["total"] = 1
    if "THEME-GAP" in wanted:
        review["review"]["corrected"] += 1
        review["review"]["total"] += 1
    for rule in _TABLE_DEFECTS:
        if rule in wanted:
            T.break_table(rng, rule, apps, review)

    need = needs_requests_problem(apps, review)
    overview, stated = write_overview(rng, agency.self_ref, year, layout, active, apps, review,
                                      wrong_received="NARR-NUMBER" in wanted, false_claim=false_claim)
    if "BOILERPLATE-YOY" in wanted:
        assert prev is not None  # _check_defects admits BOILERPLATE-YOY only with prev
        prev_has_requests = any(i.kind == "problem" and "requests" in i.themes for i in prev.items)
        if ({"NO-IMPROVEMENT", "BOILERPLATE-PEER"} & set(prev.defects)
                or not any(i.kind == "improvement" for i in prev.items) or (need and not prev_has_requests)):
            raise GeneratorError("BOILERPLATE-YOY: last year's 五 cannot be copied without firing another rule")
        problems, items = prev.sections["problems"], prev.items
    elif "NO-IMPROVEMENT" in wanted:
        problems, items = write_problems(rng, agency.self_ref, need_requests=need, improvements=False,
                                         blank=not need and rng.random() < 0.3)
    else:
        problems, items = write_problems(rng, agency.self_ref, need_requests=need,
                                         forbid_requests="THEME-GAP" in wanted)
    fee_yuan = 0
    if (layout == "2021" and apps["other.unpaid_fee"]["total"]) or rng.random() < 0.04:
        fee_yuan = rng.choice((0, rng.randint(1, 40) * 50))
    other, stated_other = write_other(rng, apps, layout, fee_yuan)
    stated += stated_other  # offsets are within each figure's own section (一 or 六)
    return SyntheticReport(
        agency=name, year=year, format_version=layout, active_disclosure=active, applications=apps,
        review_litigation=review,
        sections={"overview": overview, "problems": problems, "other_matters": other},
        items=tuple(items), stated=stated,
        defects=tuple(d for d in DEFECTS if d in wanted), agency_id=agency.id,
        style_seed=rng.getrandbits(32), fee_blank=rng.choice(("", "无")),
        issued_on=f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日",
    )


def _series_candidates(year: int, prev: Optional[SyntheticReport], layout: str) -> list[str]:
    out = [d for d in DEFECTS if d not in ("YOY-CARRY", "YOY-IN-FORCE", "BOILERPLATE-YOY", "FORMAT-OUTDATED")]
    if year >= 2021:
        out.append("FORMAT-OUTDATED")
    if prev is not None:
        out += ["YOY-CARRY", "BOILERPLATE-YOY"]
        if layout == "2021" and prev.format_version == "2021":
            out.append("YOY-IN-FORCE")
    return out


def _pair_peers(rng: Random, year_reports: list[SyntheticReport], wanting: list[int]) -> None:
    """Give each report in ``wanting`` the 五 of another agency's defect-free report of the year."""
    for b in wanting:
        rb = year_reports[b]
        need = needs_requests_problem(rb.applications, rb.review_litigation)
        sources = [a for a, ra in enumerate(year_reports)
                   if a != b and a not in wanting and not ra.defects and ra.agency_id != rb.agency_id
                   and (not need or any(i.kind == "problem" and "requests" in i.themes for i in ra.items))]
        if not sources:
            log.debug("no partner for BOILERPLATE-PEER in %s", rb.key)
            continue
        a = rng.choice(sources)
        ra = year_reports[a]
        year_reports[b] = replace(rb, sections={**rb.sections, "problems": ra.sections["problems"]},
                                  items=ra.items, defects=rb.defects + ("BOILERPLATE-PEER",))
        year_reports[a] = replace(ra, defects=("BOILERPLATE-PEER",))


def draw_corpus(n_agencies: int, years: Sequence[int], seed: int, defect_rate: float = 0.0
                ) -> list[SyntheticReport]:
    """Reports of ``n_agencies`` invented agencies over ``years`` (sorted by year, then agency).

    Years before 2021 use the 2019 layout. Within an agency 上年结转 = last year's 结转下年度
    and 现行有效 follows 制发 and 废止; a report draws one defect with probability
    ``defect_rate`` (one of all rule ids, series ones included). Defect-free 五 texts are unique.
    """
    return list(iter_corpus(n_agencies, years, seed, defect_rate, group=max(1, n_agencies)))


def iter_corpus(n_agencies: int, years: Sequence[int], seed: int, defect_rate: float = 0.0,
                group: int = 200) -> Iterator[SyntheticReport]:
    """``draw_corpus`` for large runs: agencies are drawn in groups of ``group`` (each group's
    reports sorted by year, then agency), so memory holds one group. Agency names stay distinct
    across groups; BOILERPLATE-PEER partners are found within a group."""
    if not 0.0 <= defect_rate <= 1.0:
        raise GeneratorError(f"defect_rate {defect_rate}: must be within 0..1")
    if not years or min(years) < 2019:
        raise GeneratorError(f"years {list(years)}: give years from 2019 on (earlier reports had no fixed tables)")
    rng = Random(seed)
    names: set[str] = set()
    for start in range(0, n_agencies, group):
        agencies = make_agencies(rng, min(group, n_agencies - start), start, names)
        yield from _draw_group(rng, agencies, sorted(years), defect_rate)


def _draw_group(rng: Random, agencies: list[Agency], years: list[int], defect_rate: float
                ) -> list[SyntheticReport]:
    last: dict[str, SyntheticReport] = {}
    out: list[SyntheticReport] = []
    seen_problems: set[str] = set()
    for year in years:
        layout = "2021" if year >= 2021 else "2019"
        year_reports: list[SyntheticReport] = []
        wanting: list[int] = []
        for ag in agencies:
            prev = last.get(ag.id)
            name = ag.names[1] if len(ag.names) > 1 and rng.random() < 0.25 else ag.names[0]
            candidates = []
            if rng.random() < defect_rate:
                candidates = _series_candidates(year, prev, layout)
                rng.shuffle(candidates)
            report = None
            for d in candidates:
                if d == "BOILERPLATE-PEER":
                    wanting.append(len(year_reports))
                    break
                try:
                    report = draw_report(rng, ag, year, layout, (d,), prev=prev, name=name)
                    break
                except GeneratorError as exc:
                    log.debug("%s %s: %s", ag.id, year, exc)
            while report is None or (not report.defects and report.sections["problems"] in seen_problems):
                report = draw_report(rng, ag, year, layout, prev=prev, name=name)
            seen_problems.add(report.sections["problems"])
            year_reports.append(report)
        _pair_peers(rng, year_reports, wanting)
        for r in year_reports:
            last[r.agency_id] = r
        out += year_reports
    return out
