"""Rules across a corpus: the same agency year on year, and 五 texts shared between agencies.

Each report is reduced to a compact :class:`Signature` (a few cells, the 五 text capped at
``max_text_chars`` and a 64-number MinHash of its character shingles), so that 100k reports fit in
memory. :func:`corpus_flags` groups signatures by normalised agency and year and runs the corpus
rules; BOILERPLATE-PEER finds candidate pairs by LSH banding of the MinHash (linear in the number
of reports) and confirms each by exact Jaccard, never comparing all pairs.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
import zlib
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Sequence

import numpy as np

from ..schema import Flag, Report, get_cell
from .base import CheckSettings, Rule

_P = np.uint64((1 << 31) - 1)  # Mersenne prime modulus of the shingle hash and the permutations
_BASE = np.uint64(1_000_003)
_JUMP_FIELDS = (
    "applications.new_received.total", "applications.total_processed.total",
    "review_litigation.review.total", "active_disclosure.licensing.decisions",
    "active_disclosure.punishment.decisions", "active_disclosure.normative_documents.issued",
)
_DOCS = ("regulations", "normative_documents")
_FIVE_HEADING = re.compile(r"^\s*五[、.．]?\s*存在的主要问题及改进情况\s*")

# ----------------------------------------------------------------------------- agencies

_SUFFIXES = ("人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "管理委员会办公室", "管委会办公室",
             "党工委管委会", "管理委员会", "管委会", "人民政府", "政府", "办公室")


def normalize_agency(name: Optional[str]) -> Optional[str]:
    """A grouping key for an agency name: full/half width and whitespace folded, bracketed aliases
    dropped, and the suffixes 人民政府 / 政府 / 管委会 / 管理委员会 / 办公室 (and their combinations)
    stripped, so 平潭综合实验区管委会 and 平潭综合实验区 group together."""
    if not name:
        return None
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    key = re.sub(r"\([^)]*\)", "", key)
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                key = key[: -len(suffix)]
                changed = True
    return key or None


# ----------------------------------------------------------------------------- similarity

def _clean(text: str) -> str:
    text = _FIVE_HEADING.sub("", unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"[\W_]+", "", text)


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """Sorted unique hashes of the character ``k``-shingles of ``text`` (letters and digits only)."""
    clean = _clean(text)
    codes = np.frombuffer(clean.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = (h * _BASE + codes[j:j + n]) % _P
    return np.unique(h)


@lru_cache(maxsize=4096)
def _cached_hashes(text: str, k: int) -> np.ndarray:
    return shingle_hashes(text, k)


@lru_cache(maxsize=8)
def _permutations(perms: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, int(_P), size=perms, dtype=np.uint64)
    b = rng.integers(0, int(_P), size=perms, dtype=np.uint64)
    return a, b


def minhash(hashes: np.ndarray, perms: int = 64, seed: int = 20240501) -> bytes:
    """The MinHash of a shingle-hash set as ``perms`` little-endian uint32 (empty set → b"")."""
    if hashes.size == 0:
        return b""
    a, b = _permutations(perms, seed)
    mins = ((a[:, None] * hashes[None, :] + b[:, None]) % _P).min(axis=1)
    return mins.astype("<u4").tobytes()


def estimate(a: "Signature", b: "Signature") -> float:
    """The MinHash estimate of the Jaccard of two signatures' 五 texts."""
    if not a.minhash or len(a.minhash) != len(b.minhash):
        return 0.0
    return float((np.frombuffer(a.minhash, "<u4") == np.frombuffer(b.minhash, "<u4")).mean())


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def shared_spans(a: str, b: str, n: int = 3, min_len: int = 8) -> list[str]:
    """The ``n`` longest passages ``a`` and ``b`` share (whitespace ignored), in ``a``'s order."""
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    best = sorted((blk for blk in blocks if blk.size >= min_len), key=lambda blk: (-blk.size, blk.a))[:n]
    return [a[blk.a:blk.a + blk.size] for blk in sorted(best, key=lambda blk: blk.a)]


def _quote(spans: list[str], limit: int = 400) -> str:
    each = max(limit // max(len(spans), 1), 40)
    return " … ".join(f"“{s[:each]}{'…' if len(s) > each else ''}”" for s in spans)


# ----------------------------------------------------------------------------- signatures

@dataclass(frozen=True, slots=True)
class Signature:
    """What the corpus rules need of one report (a few hundred bytes plus the capped 五 text)."""

    source: str
    agency: Optional[str]
    agency_key: Optional[str]
    year: Optional[int]
    format_version: Optional[str]
    carried_over: Optional[float]
    carried_forward: Optional[float]
    documents: tuple[tuple[str, Optional[float], Optional[float], Optional[float]], ...]  # (kind, issued, repealed, in_force)
    counts: tuple[tuple[str, Optional[float]], ...]  # YOY-JUMP fields
    problems_z: bytes  # the 五 text, zlib-compressed (a third of the memory at 100k reports)
    minhash: bytes
    n_shingles: int

    @property
    def problems_text(self) -> str:
        return zlib.decompress(self.problems_z).decode("utf-8")


def _num(report: Report, path: str) -> Optional[float]:
    """A cell as a number; None where blank or read with doubt (a guessed split proves nothing)."""
    v = get_cell(report, path)
    if v is None or isinstance(v, bool) or path in report.uncertain_cells:
        return None
    return float(v)


def signature(report: Report, settings: Optional[CheckSettings] = None) -> Signature:
    s = settings or CheckSettings()
    text = (report.sections.get("problems") or "")[: s.max_text_chars]
    hashes = shingle_hashes(text, s.shingle_size)
    docs = tuple((d, *(_num(report, f"active_disclosure.{d}.{c}") for c in ("issued", "repealed", "in_force")))
                 for d in _DOCS) if report.format_version == "2021" else ()
    return Signature(
        source=report.source, agency=report.agency, agency_key=normalize_agency(report.agency),
        year=report.year, format_version=report.format_version,
        carried_over=_num(report, "applications.carried_over.total"),
        carried_forward=_num(report, "applications.carried_forward.total"),
        documents=docs, counts=tuple((f, _num(report, f)) for f in _JUMP_FIELDS),
        problems_z=zlib.compress(text.encode("utf-8"), 6), minhash=minhash(hashes, s.minhash_perms, s.minhash_seed), n_shingles=int(hashes.size),
    )


class _Corpus:
    """Signatures in a fixed order with the lookups the rules share."""

    def __init__(self, signatures: Sequence[Signature], settings: CheckSettings):
        self.settings = settings
        self.sigs = sorted(signatures, key=lambda g: (g.agency_key or "", g.year or 0, g.source))
        self.by_agency: dict[str, dict[int, list[Signature]]] = defaultdict(lambda: defaultdict(list))
        for g in self.sigs:
            if g.agency_key and g.year:
                self.by_agency[g.agency_key][g.year].append(g)

    def hashes(self, g: Signature) -> np.ndarray:
        return _cached_hashes(g.problems_text, self.settings.shingle_size)

    def consecutive(self) -> Iterator[tuple[Signature, Signature]]:
        """(last year's, this year's) pairs of the same agency."""
        for key in sorted(self.by_agency):
            years = self.by_agency[key]
            for y in sorted(years):
                for prev in years.get(y - 1, ()):
                    for cur in years[y]:
                        yield prev, cur

    def previous(self) -> Iterator[tuple[Signature, Signature]]:
        """(the latest earlier report, this report) pairs of the same agency."""
        for key in sorted(self.by_agency):
            years = self.by_agency[key]
            ordered = sorted(years)
            for before, y in zip(ordered, ordered[1:]):
                for prev in years[before]:
                    for cur in years[y]:
                        yield prev, cur


class CorpusRule(Rule):
    scope = "corpus"

    def check_corpus(self, corpus: _Corpus) -> Iterable[tuple[str, Flag]]:
        raise NotImplementedError


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class YoyCarry(CorpusRule):
    """This year's 上年结转 differs from last year's 结转下年度继续办理 (same agency).

    **Fires**: 2022 report: 上年结转 3; the agency's 2021 report: 结转下年度 1.

    **Quiet**: 2022 上年结转 1 = 2021 结转下年度 1; or no 2021 report of the agency in the corpus.
    """

    id = "YOY-CARRY"
    name = "corpus.yoy_carry"
    severity = "error"
    groups = ("corpus", "applications")

    def check_corpus(self, corpus: _Corpus) -> Iterable[tuple[str, Flag]]:
        for prev, cur in corpus.consecutive():
            if prev.carried_forward is None or cur.carried_over is None:
                continue
            if abs(prev.carried_forward - cur.carried_over) > 1e-6:
                yield cur.source, self.flag(
                    f"上年结转 {_n(cur.carried_over)} ≠ {prev.year} 结转下年度 {_n(prev.carried_forward)} ({prev.source})",
                    cells={"applications.carried_over.total": cur.carried_over,
                           f"{prev.year}:applications.carried_forward.total": prev.carried_forward})


class YoyInForce(CorpusRule):
    """现行有效(t) ≠ 现行有效(t−1) + 制发(t) − 废止(t), for 规章 and 规范性文件 (2021 layout, same agency).

    **Fires**: 2022: 规范性文件 制发 77, 废止 132, 现行有效 470; 2021: 现行有效 698 (698+77−132 = 643).

    **Quiet**: 2021 现行有效 35; 2022 制发 7, 废止 2, 现行有效 40.
    """

    id = "YOY-IN-FORCE"
    name = "corpus.yoy_in_force"
    severity = "warning"
    groups = ("corpus", "active_disclosure")

    def check_corpus(self, corpus: _Corpus) -> Iterable[tuple[str, Flag]]:
        for prev, cur in corpus.consecutive():
            before = {d[0]: d for d in prev.documents}
            failing, cells = [], {}
            for kind, issued, repealed, in_force in cur.documents:
                old = before.get(kind, (kind, None, None, None))[3]
                if None in (issued, repealed, in_force, old):
                    continue
                expected = old + issued - repealed
                if abs(expected - in_force) > 1e-6:
                    failing.append(f"{kind}: {_n(old)} + {_n(issued)} − {_n(repealed)} = {_n(expected)}, "
                                   f"现行有效 {_n(in_force)}")
                    cells.update({f"active_disclosure.{kind}.issued": issued,
                                  f"active_disclosure.{kind}.repealed": repealed,
                                  f"active_disclosure.{kind}.in_force": in_force,
                                  f"{prev.year}:active_disclosure.{kind}.in_force": old})
            if failing:
                yield cur.source, self.flag("; ".join(failing) + f" (previous: {prev.source})", cells=cells)


class YoyJump(CorpusRule):
    """A count jumps implausibly between consecutive years (×``yoy_jump_factor`` and ±``yoy_jump_min_delta``).

    Checked on 新收, （七）总计, 行政复议 总计, 行政许可, 行政处罚 and 规范性文件 制发. Often a unit or
    a misplaced digit (6 → 600); sometimes real, hence a warning.

    **Fires**: 新收 12 in 2021 and 1,250 in 2022.

    **Quiet**: 新收 12 then 30 (×2.5); or 0 then 40 (below the +100 floor).
    """

    id = "YOY-JUMP"
    name = "corpus.yoy_jump"
    severity = "warning"
    groups = ("corpus",)

    def check_corpus(self, corpus: _Corpus) -> Iterable[tuple[str, Flag]]:
        s = corpus.settings
        for prev, cur in corpus.consecutive():
            before = dict(prev.counts)
            failing, cells = [], {}
            for field, value in cur.counts:
                old = before.get(field)
                if value is None or old is None:
                    continue
                lo, hi = sorted((old, value))
                if hi - lo >= s.yoy_jump_min_delta and hi >= s.yoy_jump_factor * max(lo, 1):
                    failing.append(f"{field}: {_n(old)} → {_n(value)}")
                    cells.update({field: value, f"{prev.year}:{field}": old})
            if failing:
                yield cur.source, self.flag("year-on-year jump " + "; ".join(failing), cells=cells)


class BoilerplateYoy(CorpusRule):
    """五 is largely copied from the same agency's previous report (Jaccard of 5-char shingles ≥ 0.6).

    The evidence quotes the longest passages the two texts share.

    **Fires**: 2022 五 repeats the 2021 五 word for word, with the year changed.

    **Quiet**: 2022 五 names other problems and measures than 2021; or 五 is too short to compare.
    """

    id = "BOILERPLATE-YOY"
    name = "corpus.boilerplate_yoy"
    severity = "warning"
    groups = ("corpus", "themes")

    def check_corpus(self, corpus: _Corpus) -> Iterable[tuple[str, Flag]]:
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
                    f"五 is {j:.0%} the same as the agency's {prev.year} report ({prev.source})",
                    quote=_quote(spans), cells={"jaccard": round(j, 3), "previous": prev.source,
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
    name = "corpus.boilerplate_peer"
    severity = "warning"
    groups = ("corpus", "themes")

    def check_corpus(self, corpus: _Corpus) -> Iterable[tuple[str, Flag]]:
        s = corpus.settings
        sigs = corpus.sigs
        rows = s.minhash_perms // s.lsh_bands
        pairs: set[tuple[int, int]] = set()
        eligible = np.array([i for i, g in enumerate(sigs) if g.n_shingles >= s.min_shingles and g.minhash],
                            dtype=np.int64)
        if len(eligible) > 1:
            sketch_e = np.stack([np.frombuffer(sigs[i].minhash, dtype="<u4") for i in eligible])
            for band in range(s.lsh_bands):  # one band at a time: memory stays O(reports)
                keys = np.ascontiguousarray(sketch_e[:, band * rows:(band + 1) * rows]).view(
                    np.dtype((np.void, 4 * rows))).ravel()
                order = np.argsort(keys, kind="stable")
                sorted_keys = keys[order]
                starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
                ends = np.r_[starts[1:], len(order)]
                shared = np.flatnonzero(ends - starts >= 2)
                for a0, a1 in zip(starts[shared], ends[shared]):
                    members = sorted(int(eligible[k]) for k in order[a0:a1])
                    if len(members) <= 64:
                        pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
                    else:
                        pairs.update((members[0], b) for b in members[1:])
        edges: dict[int, list[tuple[float, int]]] = defaultdict(list)
        parent = list(range(len(sigs)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        pairs_list = sorted((a, b) for a, b in pairs
                            if (sigs[a].agency_key or sigs[a].source) != (sigs[b].agency_key or sigs[b].source))
        if pairs_list:  # MinHash estimate first; exact Jaccard only where the estimate comes near
            sketch = np.stack([np.frombuffer(g.minhash or bytes(4 * s.minhash_perms), dtype="<u4") for g in sigs])
            idx = np.array(pairs_list)
            estimate = (sketch[idx[:, 0]] == sketch[idx[:, 1]]).mean(axis=1)
            pairs_list = [p for p, e in zip(pairs_list, estimate) if e >= s.boilerplate_peer_jaccard - 0.2]
        for a, b in pairs_list:
            ga, gb = sigs[a], sigs[b]
            j = jaccard(corpus.hashes(ga), corpus.hashes(gb))
            if j >= s.boilerplate_peer_jaccard:
                edges[a].append((j, b))
                edges[b].append((j, a))
                parent[find(a)] = find(b)
        clusters: dict[int, list[int]] = defaultdict(list)
        for i in sorted(edges):
            clusters[find(i)].append(i)
        n_agencies = {root: len({sigs[m].agency_key or sigs[m].source for m in members})
                      for root, members in clusters.items()}
        for i in sorted(edges):
            g = sigs[i]
            best_j, best = max(edges[i], key=lambda e: (e[0], -e[1]))
            root = find(i)
            members = clusters[root]
            peers = [sigs[m].source for m in members[:21] if m != i][:20]
            spans = shared_spans(g.problems_text, sigs[best].problems_text)
            yield g.source, self.flag(
                f"五 is {best_j:.0%} the same as {sigs[best].agency or sigs[best].source}'s "
                f"{sigs[best].year or ''} report; the text is shared by {len(members)} reports of "
                f"{n_agencies[root]} agencies",
                quote=_quote(spans),
                cells={"jaccard": round(best_j, 3), "closest": sigs[best].source, "peers": peers,
                       "peer_count": len(members) - 1})


def corpus_flags(signatures: Sequence[Signature], settings: Optional[CheckSettings] = None) -> dict[str, list[Flag]]:
    """Flags of every enabled corpus rule, by source (sources sorted; flags by rule, then message)."""
    from .base import registry

    settings = settings or CheckSettings()
    corpus = _Corpus(signatures, settings)
    out: dict[str, list[Flag]] = defaultdict(list)
    for rule_id, cls in registry().items():
        if cls.scope == "corpus" and settings.enabled(rule_id):
            for source, flag in cls().check_corpus(corpus):
                out[source].append(flag)
    return {src: sorted(flags, key=lambda f: (f.rule, f.message)) for src, flags in sorted(out.items())}


__all__ = ["Signature", "signature", "normalize_agency", "corpus_flags", "shingle_hashes", "minhash",
           "jaccard", "shared_spans"]
