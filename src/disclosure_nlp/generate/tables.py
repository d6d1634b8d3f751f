"""Drawing 表二/三/四 consistent by construction, and breaking exactly one identity on request.

Numbers are mostly small with many zeros; ``scale`` ("small", "medium", "large") moves the
whole report towards the hundreds and thousands of a provincial department.
"""
from __future__ import annotations

import math
from random import Random
from typing import Optional

from ..schema import (
    APPLICANT_COLUMNS, T3_RESULT_ROWS, T3_ROWS, T3_ROWS_2019, T4_COLUMNS, T4_GROUPS,
    empty_active, empty_review,
)

_SCALE_MEAN = {"small": 5.0, "medium": 30.0, "large": 400.0}
# share of the applications each applicant column gets, and how often it is not zero at all
_COLUMN_SHARE = {"natural_person": (0.85, 0.97), "commercial": (0.08, 0.45), "research": (0.01, 0.08),
                 "social_welfare": (0.01, 0.08), "legal_services": (0.04, 0.25), "other_org": (0.03, 0.25)}
# base weight of each result row, and how often a report uses that row at all
_RESULT_WEIGHT = {
    "granted": (0.36, 1.0), "partially_granted": (0.10, 0.6),
    "denied.state_secret": (0.005, 0.08), "denied.prohibited_by_law": (0.01, 0.15),
    "denied.security_stability": (0.005, 0.1), "denied.third_party": (0.02, 0.25),
    "denied.internal_affairs": (0.02, 0.2), "denied.process_info": (0.03, 0.25),
    "denied.enforcement_file": (0.02, 0.2), "denied.admin_query": (0.03, 0.25),
    "unable.not_held": (0.22, 0.9), "unable.needs_creation": (0.03, 0.3), "unable.unclear": (0.03, 0.3),
    "not_processed.complaint": (0.04, 0.3), "not_processed.repeated": (0.03, 0.3),
    "not_processed.publication": (0.01, 0.1), "not_processed.excessive": (0.01, 0.08),
    "not_processed.confirmation": (0.01, 0.1),
    "other.no_correction": (0.03, 0.3), "other.unpaid_fee": (0.005, 0.06), "other.other": (0.05, 0.35),
}
_REVIEW_CHANCE = {"small": 0.08, "medium": 0.35, "large": 0.85}
_REVIEW_MEAN = {"small": 1.0, "medium": 3.0, "large": 25.0}


def _count(rng: Random, mean: float) -> int:
    """A non-negative count with mean about ``mean`` and many zeros when it is small."""
    return int(rng.expovariate(1.0 / mean)) if mean > 0 else 0


def _spread(rng: Random, n: int, rows: list[str], cum: list[float]) -> dict[str, int]:
    """Split ``n`` over ``rows`` with the given cumulative weights."""
    out = dict.fromkeys(rows, 0)
    if n <= 0:
        return out
    if n <= 40:
        for r in rng.choices(rows, cum_weights=cum, k=n):
            out[r] += 1
        return out
    total, prev, parts = cum[-1], 0.0, []
    for r, c in zip(rows, cum):
        share = n * (c - prev) / total * (0.85 + 0.3 * rng.random())
        prev = c
        parts.append((r, share))
    scale = n / sum(s for _, s in parts)
    floors = {r: int(s * scale) for r, s in parts}
    rest = n - sum(floors.values())
    for r, _ in sorted(parts, key=lambda p: (p[1] * scale) % 1, reverse=True)[:rest]:
        floors[r] += 1
    return floors


def draw_applications(rng: Random, scale: str, layout: str,
                      carried_over: Optional[dict[str, int]] = None, last_new: Optional[int] = None) -> dict:
    """表三 with 一+二 = （七）+四 and （七）= Σ results in every column, totals = row sums.

    With ``last_new`` (last year's 新收 total of the same agency) the volume carries on from
    year to year (no implausible jumps in a defect-free series)."""
    rows = T3_ROWS if layout == "2021" else T3_ROWS_2019
    apps: dict = {}
    steady = bool(last_new)
    if last_new:  # steady: the volume carries on from last year
        mean = last_new * math.exp(rng.gauss(0.0, 0.25))
    elif last_new == 0:  # none last year: a few at most this year
        mean = min(_SCALE_MEAN[scale], 3.0) * math.exp(rng.gauss(0.0, 0.5))
    else:
        mean = _SCALE_MEAN[scale] * math.exp(rng.gauss(0.0, 0.7))
    result_rows = [r for r in T3_RESULT_ROWS if r in rows]
    cum, acc = [], 0.0
    used = []
    for r in result_rows:
        w, p = _RESULT_WEIGHT[r]
        if layout == "2019" and r == "other.other":
            w, p = 0.085, 0.45
        if rng.random() < p:
            acc += w * (0.4 + 1.2 * rng.random())
            used.append(r)
            cum.append(acc)
    cf_share = rng.random() * 0.15 if rng.random() < 0.3 else 0.0
    any_carry = rng.random() < 0.3
    zeros = dict.fromkeys(APPLICANT_COLUMNS, 0)
    for r in rows:
        apps[r] = dict(zeros)
    for c in APPLICANT_COLUMNS:
        share, chance = _COLUMN_SHARE[c]
        if steady:
            new = int(rng.gammavariate(6.0, mean * share / 6.0)) if share and rng.random() < (1.0 if c == "natural_person" else chance) else 0
        else:
            new = _count(rng, mean * share) if rng.random() < chance else 0
        if carried_over is not None:
            old = carried_over.get(c) or 0
        else:
            old = _count(rng, mean * share * 0.1 + 0.3) if any_carry else 0
        if not new + old:
            continue
        cf = int((new + old) * cf_share * rng.random() * 2)
        done = new + old - cf
        apps["new_received"][c], apps["carried_over"][c] = new, old
        apps["total_processed"][c], apps["carried_forward"][c] = done, cf
        for r, k in _spread(rng, done, used, cum).items():
            apps[r][c] = k
    for cells in apps.values():
        cells["total"] = sum(cells.values())
    return apps


def draw_review(rng: Random, scale: str) -> dict:
    """表四 with 维持+纠正+其他+尚未审结 = 总计 in every group."""
    review = empty_review()
    chance, mean = _REVIEW_CHANCE[scale], _REVIEW_MEAN[scale]
    for g, factor in zip(T4_GROUPS, (1.0, 0.7, 0.4)):
        cells = dict.fromkeys(T4_COLUMNS[:4], 0)
        if rng.random() < chance * factor:
            for col in rng.choices(T4_COLUMNS[:4], weights=(0.62, 0.1, 0.16, 0.12),
                                   k=1 + _count(rng, mean * factor)):
                cells[col] += 1
        cells["total"] = sum(cells.values())
        review[g] = cells
    return review


def _fee(rng: Random, scale: str):
    u = rng.random()
    if u < 0.5:
        return None
    if u < 0.7:
        return 0
    amount = round(rng.expovariate(1.0 / {"small": 2.0, "medium": 40.0, "large": 800.0}[scale]),
                   rng.choice((1, 2, 2, 4)))
    return amount if amount >= 0.01 else 0.01


def _decisions(rng: Random, mean: float, prev: Optional[dict], key: str) -> int:
    """本年处理决定数量: an agency's volume carries on from year to year (within ×0.6–1.6), so that
    defect-free series never look like an implausible jump."""
    last = (prev or {}).get(key, {}).get("decisions")
    if last is not None:
        return round(last * rng.uniform(0.6, 1.6)) if last else (_count(rng, 3.0) if rng.random() < 0.2 else 0)
    return _count(rng, mean) if rng.random() < 0.6 else 0


def draw_active(rng: Random, scale: str, layout: str, makes_rules: bool,
                prev: Optional[dict] = None, prev_any: Optional[dict] = None) -> dict:
    """表二. With ``prev`` (last year's 表二 of the same layout) the running counts continue:
    现行有效 = last year's + 制发 − 废止; 2019: 对外公开总数量 and 上一年项目数量 carry on."""
    active = empty_active(layout)
    m = {"small": 1.5, "medium": 6.0, "large": 25.0}[scale]
    big = {"small": 40.0, "medium": 600.0, "large": 6000.0}[scale]
    if layout == "2021":
        for key, mean in (("regulations", m / 4 if makes_rules else 0), ("normative_documents", m)):
            issued, repealed = _count(rng, mean), _count(rng, mean / 3)
            if prev is not None:
                base = prev[key]["in_force"]
            else:
                base = _count(rng, mean * 8) + repealed if mean else 0
            repealed = min(repealed, base)
            active[key] = {"issued": issued, "repealed": repealed, "in_force": base + issued - repealed}
        for key, div in (("licensing", 1), ("punishment", 3), ("coercion", 30)):
            active[key] = {"decisions": _decisions(rng, big / div, prev_any, key)}
        active["fees"] = {"amount_10k_yuan": _fee(rng, scale)}
        return active
    for key, mean in (("regulations", m / 4 if makes_rules else 0), ("normative_documents", m)):
        made = _count(rng, mean)
        published = made if rng.random() < 0.8 else rng.randint(0, made)
        base = prev[key]["total_published"] if prev is not None else (_count(rng, mean * 8) if mean else 0)
        active[key] = {"made": made, "published": published, "total_published": base + published}
    for key, div in (("licensing", 1), ("other_services", 4), ("punishment", 3), ("coercion", 30)):
        if prev is not None:
            prior = prev[key]["prior_items"] + prev[key]["change"]
        else:
            prior = _count(rng, {"small": 15.0, "medium": 120.0, "large": 900.0}[scale] / div)
        change = rng.randint(-min(prior, 12), 12) if rng.random() < 0.5 else 0
        active[key] = {"prior_items": prior, "change": change, "decisions": _decisions(rng, big / div, prev_any, key)}
    prior = prev["fees"]["prior_items"] + prev["fees"]["change"] if prev is not None else _count(rng, 8.0)
    active["fees"] = {"prior_items": prior, "change": rng.randint(-min(prior, 3), 3) if rng.random() < 0.3 else 0}
    items = _count(rng, {"small": 4.0, "medium": 40.0, "large": 300.0}[scale])
    active["procurement"] = {"items": items,
                             "amount": round(items * rng.uniform(0.5, 80.0), 2) if items else 0}
    return active


# ---------------------------------------------------------------- identities and table defects

def t3_columns_broken(apps: dict) -> dict[str, set[str]]:
    """Columns where 一+二 ≠ （七）+四 (``T3-BALANCE``) or （七）≠ Σ results (``T3-RESULTS-SUM``),
    and rows where 总计 ≠ Σ applicant columns (``T3-ROW-TOTAL``)."""
    out: dict[str, set[str]] = {"T3-BALANCE": set(), "T3-RESULTS-SUM": set(), "T3-ROW-TOTAL": set()}
    results = [r for r in T3_RESULT_ROWS if r in apps]
    for c in APPLICANT_COLUMNS + ("total",):
        if apps["new_received"][c] + apps["carried_over"][c] != apps["total_processed"][c] + apps["carried_forward"][c]:
            out["T3-BALANCE"].add(c)
        if apps["total_processed"][c] != sum(apps[r][c] for r in results):
            out["T3-RESULTS-SUM"].add(c)
    for r, cells in apps.items():
        if cells["total"] != sum(cells[c] for c in APPLICANT_COLUMNS):
            out["T3-ROW-TOTAL"].add(r)
    return out


def broken_identities(apps: dict, review: dict) -> set[str]:
    """The table rule ids whose identity does not hold."""
    broken = {rule for rule, where in t3_columns_broken(apps).items() if where}
    if any(sum(review[g][c] for c in T4_COLUMNS[:4]) != review[g]["total"] for g in T4_GROUPS):
        broken.add("T4-GROUP-SUM")
    return broken


def _add(apps: dict, row: str, col: str, d: int) -> None:
    apps[row][col] += d
    apps[row]["total"] += d


def ensure_processed(apps: dict) -> None:
    """Make sure at least one application was processed (keeps every identity)."""
    if apps["total_processed"]["total"] == 0:
        for row in ("new_received", "granted", "total_processed"):
            _add(apps, row, "natural_person", 1)


def ensure_carried_forward(rng: Random, apps: dict) -> None:
    """Make 四 结转下年度 > 0 (keeps every identity): move one processed application to it."""
    if apps["carried_forward"]["total"] > 0:
        return
    ensure_processed(apps)
    col = next(c for c in APPLICANT_COLUMNS if apps["total_processed"][c] > 0)
    row = rng.choice([r for r in T3_RESULT_ROWS if r in apps and apps[r][col] > 0])
    _add(apps, row, col, -1)
    _add(apps, "total_processed", col, -1)
    _add(apps, "carried_forward", col, 1)


def break_table(rng: Random, rule: str, apps: dict, review: dict) -> None:
    """Change the tables in place so that exactly the identity of ``rule`` fails."""
    d = rng.randint(1, 5)
    if rule == "T3-BALANCE":
        _add(apps, "carried_forward", rng.choice(APPLICANT_COLUMNS[:2]), d)
    elif rule == "T3-RESULTS-SUM":
        ensure_processed(apps)
        col = rng.choice([c for c in APPLICANT_COLUMNS if apps["total_processed"][c] > 0])
        _add(apps, rng.choice([r for r in T3_RESULT_ROWS if r in apps]), col, d)
    elif rule == "T3-ROW-TOTAL":
        # move d between two result-row totals: every column (the total one too) still sums
        ensure_processed(apps)
        results = [r for r in T3_RESULT_ROWS if r in apps]
        donor = rng.choice([r for r in results if apps[r]["total"] > 0])
        d = min(d, apps[donor]["total"])
        apps[donor]["total"] -= d
        apps[rng.choice([r for r in results if r != donor])]["total"] += d
    elif rule == "T4-GROUP-SUM":
        review[rng.choice(T4_GROUPS)]["total"] += d
    else:  # pragma: no cover - guarded by the caller
        raise ValueError(rule)
