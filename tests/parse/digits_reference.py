# The glued-digit search before it was memoised and pruned (issue 13): the reference its output must equal.
"""Split runs of glued digits into cells, constrained by the table's own arithmetic.

Crawlers save table rows with no separators: ``801000081`` is the seven cells 80,1,0,0,0,0,81 of a
表三 row whose total (last cell) is the sum of the six applicant columns. Every function here
enumerates only the splits that satisfy such a constraint, with pruning, so a long row costs
milliseconds, never an exponential search over all compositions.

A cell never has a leading zero (``05`` is two cells, 0 and 5), except the decimal part of money.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Sequence

MAX_CANDIDATES = 64


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
    out: list[tuple[int, ...]] = []
    if not s.isdigit() or len(s) < n_parts:
        return out
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
                return out
    return out


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
                continue
            rec(end, k - 1, acc + (cell,))

    rec(0, n_parts, ())
    return out


def _valid_cell(cell: str) -> bool:
    body = cell[1:] if cell.startswith("-") else cell
    if not body or body.startswith(".") or body.endswith(".") or body.count(".") > 1 or "-" in body:
        return False
    int_part = body.split(".")[0]
    return int_part.isdigit() and not (len(int_part) > 1 and int_part[0] == "0")


def split_groups(s: str, n_groups: int, group_size: int, limit: int = MAX_CANDIDATES) -> list[tuple[int, ...]]:
    """表四: ``n_groups`` consecutive groups of ``group_size`` cells, each group's last cell the sum of the rest."""
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
                if end > len(s) - 1:
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
    return results


def length_spread(cells: Sequence[str]) -> float:
    """How unequal the cells' lengths are (a tie-breaker: glued cells of one row tend to be alike)."""
    lens = [len(c.lstrip("-")) for c in cells]
    m = sum(lens) / len(lens)
    return sum((x - m) ** 2 for x in lens)
