"""Rules across a corpus: the same agency year on year, and 五 texts shared between agencies.

The rules read the corpus through a :class:`~.store.CorpusView` (signatures spooled by a
:class:`~.store.SignatureStore`): one agency group at a time for the year-over-year rules, one LSH
band at a time for BOILERPLATE-PEER, which finds candidate pairs by banding the MinHash
(:mod:`disclosure_nlp.similarity`) and confirms each by exact Jaccard, never comparing all pairs.
A cell read from glued digits counts with every value its surviving splits give it: a
year-over-year rule fires only when no surviving split of either year agrees.
:func:`corpus_flags` runs the rules over a list of signatures (an in-memory store).
"""
from __future__ import annotations

from array import array
from itertools import product
from typing import Iterable, Optional, Sequence

import numpy as np

from ..agencies import normalize_agency
from ..form import cell_label
from ..i18n import t
from ..schema import Flag
from ..similarity import (bucket_pairs, estimate_sketches, jaccard, minhash, quote_spans, shared_spans,
                          shingle_hashes, sorted_unique)
from .base import CheckSettings, Rule
from .store import _PAIR_BLOCK, CorpusView, Signature, SignatureStore, signature

_MAX_COMBOS = 4096  # value combinations a year-over-year check tries (glued cells of both years)


def estimate(a: Signature, b: Signature) -> float:
    """The MinHash estimate of the Jaccard of two signatures' 五 texts."""
    return estimate_sketches(a.minhash, b.minhash)


class CorpusRule(Rule):
    scope = "corpus"

    def check_corpus(self, corpus: CorpusView) -> Iterable[tuple[str, Flag]]:
        raise NotImplementedError


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _ns(values: Sequence[float]) -> str:
    """One value, or the values a glued cell may have: ``7`` / ``7 或 70``."""
    return t(" 或 ", " or ").join(_n(v) for v in values[:6]) + ("…" if len(values) > 6 else "")


def _cell(values: Sequence[float]):
    """A cell's value in the evidence: the value, or the list of its surviving values."""
    return values[0] if len(values) == 1 else list(values)


def _of(g: Signature) -> str:
    """Another report as a message names it: ``平潭县人民政府 2011年报告（a.txt）``."""
    return t(f"{g.agency or ''} {g.year}年报告（{g.source}）".strip(), f"{g.agency or ''} {g.year} report ({g.source})".strip())


def _combos(*sets: Sequence[float]) -> Iterable[tuple[float, ...]]:
    """Every combination of the values; the rules call :func:`_too_many` first."""
    return product(*sets)


def _too_many(*sets: Sequence[float]) -> bool:
    """More readings than a rule tries (_MAX_COMBOS): it cannot know that none agrees, so it stays quiet."""
    n = 1
    for s in sets:
        n *= max(len(s), 1)
    return n > _MAX_COMBOS


class YoyCarry(CorpusRule):
    """This year's 上年结转 differs from last year's 结转下年度继续办理 (same agency).

    A cell split from glued digits counts with every surviving split: the rule fires only when no
    value of either year agrees.

    **Fires**: 2022 report: 上年结转 3; the agency's 2021 report: 结转下年度 1.

    **Quiet**: 2022 上年结转 1 = 2021 结转下年度 1; or no 2021 report of the agency in the corpus.
    """

    id = "YOY-CARRY"
    title = "本年“上年结转”≠ 上一年“结转下年度继续办理”"
    name = "corpus.yoy_carry"
    severity = "error"
    groups = ("corpus", "applications")

    def check_corpus(self, corpus: CorpusView) -> Iterable[tuple[str, Flag]]:
        over_path, fwd_path = "applications.carried_over.total", "applications.carried_forward.total"
        for prev, cur in corpus.consecutive():
            old = prev.values(fwd_path, prev.carried_forward)
            new = cur.values(over_path, cur.carried_over)
            if not old or not new:
                continue
            if _too_many(old, new):
                continue
            if all(abs(a - b) > 1e-6 for a, b in _combos(old, new)):
                yield cur.source, self.flag(
                    t(f"{cell_label(over_path)} 为 {_ns(new)}，与 {_of(prev)}的 {cell_label(fwd_path)} {_ns(old)} 不一致",
                      f"{cell_label(over_path)} is {_ns(new)}, but {cell_label(fwd_path)} of {_of(prev)} is {_ns(old)}"),
                    cells={over_path: _cell(new), f"{prev.year}:{fwd_path}": _cell(old)})


class YoyInForce(CorpusRule):
    """现行有效(t) ≠ 现行有效(t−1) + 制发(t) − 废止(t), for 规章 and 规范性文件 (2021 layout, same agency).

    Cells split from glued digits count with every surviving split (of either year).

    **Fires**: 2022: 规范性文件 制发 77, 废止 132, 现行有效 470; 2021: 现行有效 698 (698+77−132 = 643).

    **Quiet**: 2021 现行有效 35; 2022 制发 7, 废止 2, 现行有效 40.
    """

    id = "YOY-IN-FORCE"
    title = "现行有效件数与上一年及本年制发、废止对不上"
    name = "corpus.yoy_in_force"
    severity = "warning"
    groups = ("corpus", "active_disclosure")

    def check_corpus(self, corpus: CorpusView) -> Iterable[tuple[str, Flag]]:
        for prev, cur in corpus.consecutive():
            before = {d[0]: d for d in prev.documents}
            failing, cells = [], {}
            for kind, issued, repealed, in_force in cur.documents:
                base = f"active_disclosure.{kind}"
                old = prev.values(f"{base}.in_force", before.get(kind, (kind, None, None, None))[3])
                iss, rep, inf = (cur.values(f"{base}.{c}", v) for c, v in
                                 (("issued", issued), ("repealed", repealed), ("in_force", in_force)))
                if not old or not iss or not rep or not inf or _too_many(old, iss, rep, inf):
                    continue
                if any(abs(o + i - r - f) <= 1e-6 for o, i, r, f in _combos(old, iss, rep, inf)):
                    continue
                if len(old) == len(iss) == len(rep) == 1:
                    expected = _n(old[0] + iss[0] - rep[0])
                    failing.append(t(f"{cell_label(base + '.in_force')}：{_n(old[0])} + {_n(iss[0])} − {_n(rep[0])} = "
                                     f"{expected}，表中为 {_ns(inf)}",
                                     f"{cell_label(base + '.in_force')}: {_n(old[0])} + {_n(iss[0])} − {_n(rep[0])} = "
                                     f"{expected}, the table has {_ns(inf)}"))
                else:
                    failing.append(t(f"{cell_label(base + '.in_force')}：上年 {_ns(old)} + 制发 {_ns(iss)} − 废止 {_ns(rep)}，"
                                     f"无论粘连数字如何拆分都不等于 {_ns(inf)}",
                                     f"{cell_label(base + '.in_force')}: last year {_ns(old)} + issued {_ns(iss)} − "
                                     f"repealed {_ns(rep)} equals {_ns(inf)} under no split of the glued digits"))
                cells.update({f"{base}.issued": _cell(iss), f"{base}.repealed": _cell(rep),
                              f"{base}.in_force": _cell(inf), f"{prev.year}:{base}.in_force": _cell(old)})
            if failing:
                yield cur.source, self.flag(
                    t("；".join(failing) + f"（上年：{_of(prev)}）", "; ".join(failing) + f" (last year: {_of(prev)})"),
                    cells=cells)


class YoyJump(CorpusRule):
    """A count jumps implausibly between consecutive years (×``yoy_jump_factor`` and ±``yoy_jump_min_delta``).

    Checked on 新收, （七）总计, 行政复议 总计, 行政许可, 行政处罚 and 规范性文件 制发. Often a unit or
    a misplaced digit (6 → 600); sometimes real, hence a warning. A glued cell jumps only if every
    surviving split of it does.

    **Fires**: 新收 12 in 2021 and 1,250 in 2022.

    **Quiet**: 新收 12 then 30 (×2.5); or 0 then 40 (below the +100 floor).
    """

    id = "YOY-JUMP"
    title = "某项数量在相邻年度间跳变异常"
    name = "corpus.yoy_jump"
    severity = "warning"
    groups = ("corpus",)

    def check_corpus(self, corpus: CorpusView) -> Iterable[tuple[str, Flag]]:
        s = corpus.settings

        def jumps(a: float, b: float) -> bool:
            lo, hi = sorted((a, b))
            return hi - lo >= s.yoy_jump_min_delta and hi >= s.yoy_jump_factor * max(lo, 1)

        for prev, cur in corpus.consecutive():
            before = dict(prev.counts)
            failing, cells = [], {}
            for field, value in cur.counts:
                old = prev.values(field, before.get(field))
                new = cur.values(field, value)
                if not old or not new or _too_many(old, new):
                    continue
                if all(jumps(a, b) for a, b in _combos(old, new)):
                    failing.append(f"{cell_label(field)} {_ns(old)} → {_ns(new)}")
                    cells.update({field: _cell(new), f"{prev.year}:{field}": _cell(old)})
            if failing:
                yield cur.source, self.flag(
                    t(f"与 {_of(prev)} 相比数字突变：" + "；".join(failing),
                      f"a jump from {_of(prev)}: " + "; ".join(failing)), cells=cells)


class BoilerplateYoy(CorpusRule):
    """五 is largely copied from the same agency's previous report (Jaccard of 5-char shingles ≥ 0.6).

    The evidence quotes the longest passages the two texts share.

    **Fires**: 2022 五 repeats the 2021 五 word for word, with the year changed.

    **Quiet**: 2022 五 names other problems and measures than 2021; or 五 is too short to compare.
    """

    id = "BOILERPLATE-YOY"
    title = "五大段照抄本机关上一年报告"
    name = "corpus.boilerplate_yoy"
    severity = "warning"
    groups = ("corpus", "themes")

    def check_corpus(self, corpus: CorpusView) -> Iterable[tuple[str, Flag]]:
        s = corpus.settings
        for prev, cur in corpus.previous():
            if min(prev.n_shingles, cur.n_shingles) < s.min_shingles:
                continue
            if estimate(prev, cur) < s.boilerplate_yoy_jaccard - 0.2:
                continue  # the MinHash estimate is far below: skip the exact Jaccard
            j = jaccard(corpus.hashes(prev), corpus.hashes(cur))
            if j >= s.boilerplate_yoy_jaccard:
                spans = shared_spans(cur.problems_text, prev.problems_text)
                yield cur.source, self.flag(
                    t(f"五 与本机关 {_of(prev)}的五 {j:.0%} 相同",
                      f"五 is {j:.0%} the same as the agency's {prev.year} report ({prev.source})"),
                    quote=quote_spans(spans), cells={"jaccard": round(j, 3), "previous": prev.source,
                                                "previous_year": prev.year})


class BoilerplatePeer(CorpusRule):
    """五 is largely the same text as other agencies' reports (Jaccard ≥ 0.8, any year).

    Candidates come from MinHash LSH banding (``lsh_bands`` bands of the ``minhash_perms``
    permutations); a bucket larger than 64 reports is compared against its first member only,
    so the work stays linear. Each candidate is confirmed by exact Jaccard.

    **Fires**: two districts' 2022 reports whose 五 differ only in the district's name.

    **Quiet**: the same agency's reports of two years (that is BOILERPLATE-YOY); unrelated 五 texts.
    """

    id = "BOILERPLATE-PEER"
    title = "五与其他机关的报告大段雷同"
    name = "corpus.boilerplate_peer"
    severity = "warning"
    groups = ("corpus", "themes")

    def check_corpus(self, corpus: CorpusView) -> Iterable[tuple[str, Flag]]:
        s = corpus.settings
        n = len(corpus)
        eligible = corpus.peer_sketch()
        if len(eligible) < 2:
            return
        width = 4 * (s.minhash_perms // s.lsh_bands)
        gid = corpus.group_ids()
        row = np.full(n, -1, dtype=np.int64)  # idx → row of the band arrays
        row[eligible] = np.arange(len(eligible))

        def near(pairs: np.ndarray) -> np.ndarray:
            """The pairs of two agencies whose MinHash estimate comes near the threshold."""
            a, b = np.divmod(pairs, n)
            pairs = pairs[gid[a] != gid[b]]  # another agency (or, without one, another report)
            kept = [np.empty(0, dtype=np.int64)]
            for lo in range(0, pairs.size, _PAIR_BLOCK):
                block = pairs[lo:lo + _PAIR_BLOCK]
                a, b = np.divmod(block, n)
                ra, rb = row[a], row[b]
                same = np.zeros(block.size, dtype=np.int64)
                for band in range(s.lsh_bands):
                    values = corpus.band(band)
                    same += (values[ra] == values[rb]).sum(axis=1)
                kept.append(block[same / s.minhash_perms >= s.boilerplate_peer_jaccard - 0.2])
            return np.concatenate(kept)

        # candidates band by band (read from the store), each filtered at once by the MinHash
        # estimate, so that only pairs near the threshold are kept: pairs a < b as a * n + b, sorted
        codes = np.empty(0, dtype=np.int64)
        for band in range(s.lsh_bands):
            keys = np.ascontiguousarray(corpus.band(band)).view(np.dtype((np.void, width))).ravel()
            found = bucket_pairs(keys, eligible, n)
            found = found[np.isin(found, codes, assume_unique=True, invert=True)] if codes.size else found
            codes = sorted_unique(np.concatenate([codes, near(found)]))
        # exact Jaccard on the candidates left
        a, b = np.divmod(codes, n)
        edge_a, edge_b, edge_j = array("q"), array("q"), array("d")
        parent = np.arange(n, dtype=np.int64)

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = int(parent[x])
            return x

        for x, y in zip(a.tolist(), b.tolist()):
            j = jaccard(corpus.shingles(x), corpus.shingles(y))
            if j >= s.boilerplate_peer_jaccard:
                edge_a.append(x)
                edge_b.append(y)
                edge_j.append(j)
                parent[find(x)] = find(y)
        if not edge_a:
            return
        # each report's closest peer: the highest Jaccard, then the lowest idx
        ea, eb = np.frombuffer(edge_a, dtype=np.int64), np.frombuffer(edge_b, dtype=np.int64)
        ej = np.frombuffer(edge_j, dtype=np.float64)
        node, other, jac = np.r_[ea, eb], np.r_[eb, ea], np.r_[ej, ej]
        order = np.lexsort((other, -jac, node))
        node, other, jac = node[order], other[order], jac[order]
        first = np.r_[True, node[1:] != node[:-1]]
        nodes, best, best_jac = node[first], other[first], jac[first]
        # clusters (connected components), members in idx order
        roots = np.array([find(i) for i in nodes.tolist()], dtype=np.int64)
        by_root = np.lexsort((nodes, roots))
        members_all = nodes[by_root]
        unique_roots, starts, sizes = np.unique(roots[by_root], return_index=True, return_counts=True)
        n_agencies = [np.unique(gid[members_all[st:st + size]]).size for st, size in zip(starts, sizes)]
        cluster = np.searchsorted(unique_roots, roots)
        for i, c, k, best_j in zip(nodes.tolist(), cluster.tolist(), best.tolist(), best_jac.tolist()):
            g, closest = corpus.get(i), corpus.get(k)
            size = int(sizes[c])
            members = members_all[starts[c]:starts[c] + min(size, 21)].tolist()
            peers = corpus.sources([m for m in members if m != i][:20])
            spans = shared_spans(g.problems_text, closest.problems_text)
            yield g.source, self.flag(
                t(f"五 与 {closest.agency or closest.source} {closest.year or ''}年报告的五 {best_j:.0%} 相同；"
                  f"相似的报告共 {size} 份，来自 {n_agencies[c]} 个机关（彼此相似度不一）",
                  f"五 is {best_j:.0%} the same as {closest.agency or closest.source}'s "
                  f"{closest.year or ''} report; a group of {size} similar reports of "
                  f"{n_agencies[c]} agencies (not all alike to the same degree)"),
                quote=quote_spans(spans),
                cells={"jaccard": round(best_j, 3), "closest": closest.source, "peers": peers,
                       "peer_count": size - 1})


def corpus_flags(signatures: Iterable[Signature], settings: Optional[CheckSettings] = None,
                 aliases=None) -> dict[str, list[Flag]]:
    """Flags of every enabled corpus rule, by source (sources sorted; flags by rule, then message).

    The signatures go through an in-memory :class:`SignatureStore`; a scan spools them to a file.
    ``aliases``: an office's agency names (name → canonical)."""
    with SignatureStore(aliases=aliases) as store:
        store.add_many(signatures)
        store.run_rules(settings)
        return dict(store.flags())


__all__ = ["Signature", "SignatureStore", "signature", "normalize_agency", "corpus_flags", "shingle_hashes", "minhash",
           "jaccard", "shared_spans", "estimate"]
