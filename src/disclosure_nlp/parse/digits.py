"""Split runs of glued digits into cells, constrained by the table's own arithmetic.

Crawlers save table rows with no separators: ``801000081`` is the seven cells 80,1,0,0,0,0,81 of a
表三 row whose total (last cell) is the sum of the six applicant columns. Every function here
enumerates only the splits that satisfy such a constraint, with pruning, so a long row costs
milliseconds, never an exponential search over all compositions.

A cell never has a leading zero (``05`` is two cells, 0 and 5), except the decimal part of money.

Every search is memoised on its arguments (a corpus repeats the same runs: ``0000000``, a row of
zeros), and returns a fresh list, so a caller may sort it in place.

Where several splits survive the arithmetic, :func:`rank_splits` orders them by evidence: the
figures the narrative states first, then the table's own plausibility, then priors learned from
reports whose rows split one way only (:data:`PRIORS`, ``data/split_priors.json``; see
:func:`learn_priors`). The corpus stage adds the same agency's neighbouring years
(:mod:`disclosure_nlp.checks.resolve`).
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence

from ..paths import data_dir

MAX_CANDIDATES = 64
_MEMO = 4096  # runs remembered by each search


def _numbers(s: str, start: int, max_len: int = 9) -> Iterator[tuple[int, int]]:
    """(value, end) for every cell that can start at ``s[start]``."""
    if start >= len(s):
        return
    if s[start] == "0":
        yield 0, start + 1
        return
    for end in range(start + 1, min(len(s), start + max_len) + 1):
        yield int(s[start:end]), end


def split_sum_row(s: str, n_parts: int, limit: int = MAX_CANDIDATES) -> list[tuple[int, ...]]:
    """Splits of digit string ``s`` into ``n_parts`` cells whose last cell is the sum of the others."""
    return list(_split_sum_row(s, n_parts, limit))


@lru_cache(maxsize=_MEMO)
def _split_sum_row(s: str, n_parts: int, limit: int) -> tuple[tuple[int, ...], ...]:
    out: list[tuple[int, ...]] = []
    if not s.isdigit() or len(s) < n_parts:
        return ()
    k = n_parts - 1
    for total_len in range(1, min(len(s) - k, 10) + 1):
        tail = s[len(s) - total_len:]
        head = s[: len(s) - total_len]
        # each of the k cells is at most the total: it has at most total_len digits
        if (len(tail) > 1 and tail[0] == "0") or len(head) > k * total_len:
            continue
        total = int(tail)
        for parts in _split_to_sum(head, k, total, max_len=total_len):
            out.append(parts + (total,))
            if len(out) >= limit:
                return tuple(out)
    return tuple(out)


def _split_to_sum(s: str, k: int, target: int, max_len: int = 9) -> list[tuple[int, ...]]:
    @lru_cache(maxsize=None)
    def rec(pos: int, k: int, remaining: int) -> tuple[tuple[int, ...], ...]:
        if k == 0:
            return ((),) if pos == len(s) and remaining == 0 else ()
        left = len(s) - pos
        if left < k or left > k * max_len or remaining >= k * 10 ** min(max_len, left - k + 1):
            return ()
        res = []
        for v, end in _numbers(s, pos, max_len=min(max_len, left - k + 1)):
            if v > remaining:
                break
            for rest in rec(end, k - 1, remaining - v):
                res.append((v,) + rest)
                if len(res) >= MAX_CANDIDATES:
                    return tuple(res)
        return tuple(res)

    return list(rec(0, k, target))


def split_free(s: str, n_parts: int, limit: int = 4096) -> list[tuple[str, ...]]:
    """Every split of ``s`` into ``n_parts`` cells (no constraint). A leading ``-`` belongs to a cell;
    a decimal point stays inside its cell. Returns cell strings."""
    return list(_split_free(s, n_parts, limit))


@lru_cache(maxsize=_MEMO)
def _split_free(s: str, n_parts: int, limit: int) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []

    def rec(pos: int, k: int, acc: tuple[str, ...]) -> None:
        if len(out) >= limit:
            return
        if k == 0:
            if pos == len(s):
                out.append(acc)
            return
        for end in range(pos + 1, len(s) - (k - 1) + 1):
            cell = s[pos:end]
            if not _valid_cell(cell):
                if _dead_cell(cell):
                    break  # no longer cell from here is valid either
                continue
            rec(end, k - 1, acc + (cell,))

    rec(0, n_parts, ())
    return tuple(out)


def _dead_cell(cell: str) -> bool:
    """``cell`` cannot be the start of a valid cell: a leading zero followed by a digit, a second
    sign, or a second decimal point."""
    body = cell[1:] if cell.startswith("-") else cell
    return ("-" in body or body.count(".") > 1 or body.startswith(".")
            or (len(body) > 1 and body[0] == "0" and body[1].isdigit()))


def _valid_cell(cell: str) -> bool:
    body = cell[1:] if cell.startswith("-") else cell
    if not body or body.startswith(".") or body.endswith(".") or body.count(".") > 1 or "-" in body:
        return False
    int_part = body.split(".")[0]
    return int_part.isdigit() and not (len(int_part) > 1 and int_part[0] == "0")


def split_groups(s: str, n_groups: int, group_size: int, limit: int = MAX_CANDIDATES) -> list[tuple[int, ...]]:
    """表四: ``n_groups`` consecutive groups of ``group_size`` cells, each group's last cell the sum of the rest."""
    return list(_split_groups(s, n_groups, group_size, limit))


@lru_cache(maxsize=_MEMO)
def _split_groups(s: str, n_groups: int, group_size: int, limit: int) -> tuple[tuple[int, ...], ...]:
    results: list[tuple[int, ...]] = []

    @lru_cache(maxsize=None)
    def group_at(pos: int) -> tuple[tuple[tuple[int, ...], int], ...]:
        found = []

        def rec(p: int, k: int, acc: tuple[int, ...]) -> None:
            if k == 0:
                total = sum(acc)
                t = str(total)
                if s.startswith(t, p):
                    found.append((acc + (total,), p + len(t)))
                return
            for v, end in _numbers(s, p):
                # the k-1 cells after this one and the total (at least as long as any cell) must fit
                if end + (k - 1) + (end - p) > len(s):
                    break
                rec(end, k - 1, acc + (v,))

        rec(pos, group_size - 1, ())
        return tuple(found)

    def walk(pos: int, g: int, acc: tuple[int, ...]) -> None:
        if len(results) >= limit:
            return
        if g == n_groups:
            if pos == len(s):
                results.append(acc)
            return
        for cells, end in group_at(pos):
            walk(end, g + 1, acc + cells)

    walk(0, 0, ())
    return tuple(results)


def length_spread(cells: Sequence[str], fields: Sequence[str] = ()) -> float:
    """How unequal the cells' lengths are (a tie-breaker: glued cells of one row tend to be alike).

    A 本年增/减 of 0 (``fields`` names the columns) is left out: no change is the common case
    and says nothing about the size of the row's counts."""
    lens = [len(c.lstrip("-")) for c, f in zip(cells, fields or [""] * len(cells)) if not (f == "change" and c == "0")]
    if not lens:
        return 0.0
    m = sum(lens) / len(lens)
    return sum((x - m) ** 2 for x in lens)


# ------------------------------------------------------------------ ranking by evidence

PRIORS_FILE = data_dir() / "split_priors.json"


@lru_cache(maxsize=4)
def load_priors(path: Optional[str] = None) -> dict:
    """The split priors (``data/split_priors.json`` unless ``path``): for each feature, the edges
    of its bins and the share of uniquely split rows that fell in each, and ``settle_share``."""
    return json.loads(Path(path or PRIORS_FILE).read_text(encoding="utf-8"))


def change_share(prior_items: float, change: float) -> float:
    """|本年增/减| over 上一年项目数量 (at least 1): 0 for an unchanged row."""
    return abs(change) / max(abs(prior_items), 1.0)


def _bin(edges: Sequence[float], x: float) -> int:
    """The bin of ``x``: 0 for x ≤ edges[0], i for edges[i-1] < x ≤ edges[i], the last beyond."""
    for i, e in enumerate(edges):
        if x <= e:
            return i
    return len(edges)


def _features(fields: Sequence[str], values: Sequence[float]) -> dict[str, float]:
    v = dict(zip(fields, values))
    if "prior_items" in v and "change" in v:
        return {"change_share": change_share(v["prior_items"], v["change"])}
    return {}


def prior_probability(fields: Sequence[str], values: Sequence[float], priors: Optional[Mapping] = None) -> float:
    """How likely a row's values are under the priors (1.0 where no prior speaks about the row)."""
    priors = priors or load_priors()
    p = 1.0
    for name, x in _features(fields, values).items():
        spec = priors["features"].get(name)
        if spec:
            p *= spec["share"][_bin(spec["edges"], x)]
    return p


def prior_cost(fields: Sequence[str], values: Sequence[float], priors: Optional[Mapping] = None) -> float:
    """−log of :func:`prior_probability`: 0.0 for every split of a row no prior speaks about, so
    the rank of such rows does not change."""
    return -math.log(prior_probability(fields, values, priors))


def learn_priors(rows: Iterable[tuple[Sequence[str], Sequence[float]]], settle_share: float = 0.9,
                 edges: Optional[Mapping[str, Sequence[float]]] = None) -> dict:
    """Priors from the rows of reports that split one way only (or were not glued): ``rows`` are
    ``(fields, values)``. Each bin's share is smoothed (+1), so no split is ever impossible."""
    edges = dict(edges or {"change_share": (0.0, 0.1, 0.5, 1.0)})
    counts = {name: [1] * (len(e) + 1) for name, e in edges.items()}
    for fields, values in rows:
        if any(v is None for v in values):
            continue
        for name, x in _features(fields, [float(v) for v in values]).items():
            if name in counts:
                counts[name][_bin(edges[name], x)] += 1
    return {"settle_share": settle_share,
            "features": {name: {"edges": list(edges[name]), "count": sum(c) - len(c),
                                "share": [round(n / sum(c), 4) for n in c]} for name, c in counts.items()}}


Score = Callable[[str, Sequence[str], tuple, Mapping[str, float]], tuple]


def rank_splits(row: str, fields: Sequence[str], cands: Sequence[tuple[str, ...]], stated: Mapping[str, float],
                score: Score, table: str = "active_disclosure",
                priors: Optional[Mapping] = None) -> tuple[list[tuple[str, ...]], Optional[str]]:
    """The splits of one glued row, best first, and what settled the choice: ``"unique"`` (one
    split), ``"narrative"`` (the only split agreeing with the figures the narrative states about
    the row), ``"prior"`` (the priors give the best split at least ``settle_share`` of the
    probability of all the splits), or None (still uncertain).

    ``score(row, fields, cells, stated)`` orders splits: its first element counts the stated
    figures a split contradicts, its second the table's own implausibilities."""
    priors = priors or load_priors()
    scored = sorted(((score(row, fields, c, stated), c) for c in cands), key=lambda sc: sc[0])
    ranked = [c for _, c in scored]
    if len(ranked) <= 1:
        return ranked, "unique"
    best = scored[0][0]
    speaks = any(f"{table}.{row}.{f}" in stated for f in fields)
    if speaks and sum(1 for s, _ in scored if s[0] == best[0]) == 1:
        return ranked, "narrative"
    # the table's implausibilities order the splits but settle nothing: every split counts here
    probs = [prior_probability(fields, [float(x) for x in c], priors) for c in ranked]
    if probs[0] == max(probs) and probs[0] >= priors["settle_share"] * sum(probs):
        return ranked, "prior"
    return ranked, None
