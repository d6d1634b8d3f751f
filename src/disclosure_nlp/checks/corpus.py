"""Rules across a corpus: the same agency year on year, and 五 texts shared between agencies.

Each report is reduced to a compact :class:`Signature` (a few cells, the 五 text capped at
``max_text_chars`` and a 64-number MinHash of its character shingles). A scan spools the
signatures to a :class:`SignatureStore` (SQLite, a scratch file beside the outputs) as chunks
come; the corpus rules read them back in a fixed order, one agency at a time for the
year-over-year rules and one LSH band at a time for BOILERPLATE-PEER, which finds candidate pairs
by banding the MinHash (linear in the number of reports) and confirms each by exact Jaccard,
never comparing all pairs. Memory holds one agency, one band (16 bytes a report) and the
candidate pairs, whatever the corpus size. :func:`corpus_flags` runs the same rules over a list
of signatures (an in-memory store).
"""
from __future__ import annotations

import difflib
import pickle
import re
import sqlite3
import unicodedata
import zlib
from array import array
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, islice
from operator import attrgetter, itemgetter
from typing import Iterable, Iterator, Optional, Sequence

import numpy as np

from ..schema import Flag, Report, get_cell
from .base import CheckSettings, Rule
from .recurs import item_themes

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
    items: tuple[tuple[str, tuple[str, ...], str], ...] = ()  # (kind, themes, text) of 五's items: PROBLEM-RECURS

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
        items=item_themes(report),
    )


# ----------------------------------------------------------------------------- the store

# columns without a declared type keep their values exactly as given (no SQLite type affinity)
_TABLES = """
CREATE TABLE IF NOT EXISTS signature (seq INTEGER PRIMARY KEY, source, agency, agency_key, year, format_version,
                                      carried_over, carried_forward, cells, problems_z, minhash, n_shingles);
CREATE TABLE IF NOT EXISTS corpus_flag (seq INTEGER PRIMARY KEY, source, flag);
"""
_FIELDS = ("source", "agency", "agency_key", "year", "format_version", "carried_over", "carried_forward", "cells",
           "problems_z", "minhash", "n_shingles")
_SELECT = "SELECT " + ", ".join(f"s.{f}" for f in _FIELDS) + " FROM corpus c JOIN signature s ON s.seq = c.seq"
_PEER_ELIGIBLE = "s.n_shingles >= ? AND length(s.minhash) > 0"
_CACHED = 256  # signatures and shingle sets kept by the rules (a cluster's worth)
_PAIR_BLOCK = 1 << 18  # candidate pairs whose MinHash estimate is computed at once


def _connect(path) -> sqlite3.Connection:
    """A connection for scratch data: no journal, no fsync, one process."""
    db = sqlite3.connect(str(path))
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "locking_mode=EXCLUSIVE"):
        db.execute(f"PRAGMA {pragma}")
    return db


def _row(g: Signature) -> tuple:
    cells = pickle.dumps((g.documents, g.counts, g.items), protocol=pickle.HIGHEST_PROTOCOL)
    return (g.source, g.agency, g.agency_key, g.year, g.format_version, g.carried_over, g.carried_forward, cells,
            g.problems_z, g.minhash, g.n_shingles)


def _signature(row: tuple) -> Signature:
    *head, cells, problems_z, minhash, n_shingles = row
    documents, counts, *items = pickle.loads(cells)
    return Signature(*head, documents, counts, problems_z, minhash, n_shingles, *items)


class SignatureStore:
    """Signatures spooled to SQLite (``path``: a scratch file, or memory), and the corpus rules'
    flags computed from them, so that a scan holds neither in memory.

    >>> store = SignatureStore(spool / "signatures.sqlite")
    >>> store.add_many(signature(r) for r in chunk)        # as the chunks come
    >>> store.run_rules(settings)                          # flags spooled to the same file
    >>> for source, flags in store.flags(): ...            # sources sorted; flags by rule, message
    """

    def __init__(self, path=":memory:"):
        self.path = str(path)
        self._db = _connect(self.path)
        self._db.executescript(_TABLES)

    def __enter__(self) -> "SignatureStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM signature").fetchone()[0]

    def add(self, sig: Signature) -> None:
        self.add_many([sig])

    def add_many(self, signatures: Iterable[Signature]) -> None:
        self._db.executemany(f"INSERT INTO signature ({', '.join(_FIELDS)}) VALUES ({', '.join('?' * len(_FIELDS))})",
                             map(_row, signatures))
        self._db.commit()

    def run_rules(self, settings: Optional[CheckSettings] = None) -> None:
        """Run every enabled corpus rule over the signatures; their flags replace earlier ones."""
        from .base import registry

        settings = settings or CheckSettings()
        corpus = _Corpus(self._db, settings)
        self._db.execute("DELETE FROM corpus_flag")
        for rule_id, cls in registry().items():
            if cls.scope == "corpus" and settings.enabled(rule_id):
                found = iter(cls().check_corpus(corpus))
                while batch := list(islice(found, 1000)):
                    self._db.executemany("INSERT INTO corpus_flag (source, flag) VALUES (?, ?)",
                                         [(src, pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)) for src, f in batch])
        self._db.commit()

    def flags(self) -> Iterator[tuple[str, list[Flag]]]:
        """``(source, [Flag])`` of the last :meth:`run_rules`: sources sorted, flags by rule then message."""
        rows = self._db.execute("SELECT source, flag FROM corpus_flag ORDER BY source, seq")
        for source, group in groupby(rows, key=itemgetter(0)):
            yield source, sorted((pickle.loads(f) for _, f in group), key=lambda f: (f.rule, f.message))


class _Corpus:
    """The stored signatures in the rules' fixed order (agency key, year, source), numbered 0…n−1
    by ``idx``, with the lookups the rules share. Reads one agency, one band or one signature at a
    time; ``gid`` numbers the agency keys (the source where a report has none)."""

    def __init__(self, db: sqlite3.Connection, settings: CheckSettings):
        self.settings = settings
        self._db = db
        db.execute("DROP TABLE IF EXISTS corpus")
        db.execute("CREATE TABLE corpus (idx INTEGER PRIMARY KEY, seq INTEGER NOT NULL, gid INTEGER NOT NULL)")
        db.execute("INSERT INTO corpus (idx, seq, gid) SELECT "
                   "ROW_NUMBER() OVER (ORDER BY coalesce(agency_key, ''), coalesce(year, 0), source, seq) - 1, seq, "
                   "DENSE_RANK() OVER (ORDER BY coalesce(nullif(agency_key, ''), source)) - 1 FROM signature")
        self.n: int = db.execute("SELECT count(*) FROM corpus").fetchone()[0]
        self._hashes = lru_cache(maxsize=_CACHED)(self._shingles)
        self._sigs: OrderedDict[int, Signature] = OrderedDict()

    def __len__(self) -> int:
        return self.n

    def _shingles(self, problems_z: bytes) -> np.ndarray:
        return shingle_hashes(zlib.decompress(problems_z).decode("utf-8"), self.settings.shingle_size)

    def hashes(self, g: Signature) -> np.ndarray:
        return self._hashes(g.problems_z)

    def get(self, idx: int) -> Signature:
        """The signature at ``idx`` (the last few are cached)."""
        g = self._sigs.get(idx)
        if g is None:
            g = self._sigs[idx] = _signature(self._db.execute(_SELECT + " WHERE c.idx = ?", (idx,)).fetchone())
            if len(self._sigs) > _CACHED:
                self._sigs.popitem(last=False)
        else:
            self._sigs.move_to_end(idx)
        return g

    def sources(self, idxs: Sequence[int]) -> list[str]:
        if not idxs:
            return []
        rows = self._db.execute("SELECT c.idx, s.source FROM corpus c JOIN signature s ON s.seq = c.seq "
                                f"WHERE c.idx IN ({', '.join('?' * len(idxs))})", list(idxs))
        by_idx = dict(rows.fetchall())
        return [by_idx[i] for i in idxs]

    def agencies(self) -> Iterator[dict[int, list[Signature]]]:
        """Per agency key (sorted), its signatures by year (each year's in source order)."""
        rows = self._db.execute(_SELECT + " WHERE s.agency_key IS NOT NULL AND s.agency_key != '' "
                                "AND s.year IS NOT NULL AND s.year != 0 ORDER BY c.idx")
        for _, group in groupby(map(_signature, rows), key=attrgetter("agency_key")):
            years: dict[int, list[Signature]] = defaultdict(list)
            for g in group:
                years[g.year].append(g)
            yield years

    def consecutive(self) -> Iterator[tuple[Signature, Signature]]:
        """(last year's, this year's) pairs of the same agency."""
        for years in self.agencies():
            for y in sorted(years):
                for prev in years.get(y - 1, ()):
                    for cur in years[y]:
                        yield prev, cur

    def previous(self) -> Iterator[tuple[Signature, Signature]]:
        """(the latest earlier report, this report) pairs of the same agency."""
        for years in self.agencies():
            ordered = sorted(years)
            for before, y in zip(ordered, ordered[1:]):
                for prev in years[before]:
                    for cur in years[y]:
                        yield prev, cur

    def peer_sketch(self) -> np.ndarray:
        """Lay out the MinHash of the signatures BOILERPLATE-PEER compares (五 long enough) one
        band after another (:meth:`band` reads one back); returns their ``idx``, ascending."""
        s = self.settings
        db, width = self._db, 4 * (s.minhash_perms // s.lsh_bands)
        where = f"FROM corpus c JOIN signature s ON s.seq = c.seq WHERE {_PEER_ELIGIBLE}"
        n = db.execute(f"SELECT count(*) {where}", (s.min_shingles,)).fetchone()[0]
        db.execute("DROP TABLE IF EXISTS peer_band")
        db.execute("CREATE TABLE peer_band (band INTEGER PRIMARY KEY, data BLOB)")
        db.executemany("INSERT INTO peer_band VALUES (?, zeroblob(?))", [(b, n * width) for b in range(s.lsh_bands)])
        idx = array("q")
        rows = db.execute(f"SELECT c.idx, s.minhash {where} ORDER BY c.idx", (s.min_shingles,))
        blobs = [db.blobopen("peer_band", "data", b) for b in range(s.lsh_bands)]
        try:
            while batch := rows.fetchmany(8192):
                idx.extend(i for i, _ in batch)
                sketch = np.frombuffer(b"".join(m for _, m in batch), dtype="<u4").reshape(len(batch), -1)
                for b, blob in enumerate(blobs):
                    blob.write(np.ascontiguousarray(sketch[:, b * width // 4:(b + 1) * width // 4]).tobytes())
        finally:
            for blob in blobs:
                blob.close()
        return np.frombuffer(idx, dtype=np.int64) if idx else np.empty(0, dtype=np.int64)

    def band(self, band: int) -> np.ndarray:
        """One LSH band of :meth:`peer_sketch`: (reports, rows) uint32, in ``idx`` order."""
        s = self.settings
        with self._db.blobopen("peer_band", "data", band, readonly=True) as blob:
            data = blob.read()
        return np.frombuffer(data, dtype="<u4").reshape(-1, s.minhash_perms // s.lsh_bands)

    def group_ids(self) -> np.ndarray:
        """``gid`` by ``idx``: equal where two reports share an agency key."""
        rows = self._db.execute("SELECT gid FROM corpus ORDER BY idx")
        return np.fromiter((g for (g,) in rows), dtype=np.int64, count=self.n)


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
            found = _bucket_pairs(keys, eligible, n)
            found = found[np.isin(found, codes, assume_unique=True, invert=True)] if codes.size else found
            codes = _sorted_unique(np.concatenate([codes, near(found)]))
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
            j = jaccard(corpus.hashes(corpus.get(x)), corpus.hashes(corpus.get(y)))
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
                f"五 is {best_j:.0%} the same as {closest.agency or closest.source}'s "
                f"{closest.year or ''} report; the text is shared by {size} reports of "
                f"{n_agencies[c]} agencies",
                quote=_quote(spans),
                cells={"jaccard": round(best_j, 3), "closest": closest.source, "peers": peers,
                       "peer_count": size - 1})


def _bucket_pairs(keys: np.ndarray, eligible: np.ndarray, n: int, batch: int = 1 << 18) -> np.ndarray:
    """Pairs of ``eligible`` reports whose band ``keys`` are equal, as sorted unique codes
    ``a * n + b`` (a < b): every pair of a bucket of up to 64 reports; in a larger bucket, its
    first report with each other one (so the work stays linear). Buckets of one size are
    expanded together, ``batch`` pairs at a time."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    parts = [np.empty(0, dtype=np.int64)]
    for m in np.unique(sizes[sizes >= 2]).tolist():
        firsts = starts[sizes == m]
        if m <= 64:
            left, right = np.triu_indices(m, 1)
        else:
            left, right = np.zeros(m - 1, dtype=np.int64), np.arange(1, m)
        step = max(1, batch // len(left))
        for lo in range(0, len(firsts), step):
            members = np.sort(eligible[order[firsts[lo:lo + step, None] + np.arange(m)]], axis=1)
            parts.append(_sorted_unique((members[:, left] * n + members[:, right]).ravel()))
    return _sorted_unique(np.concatenate(parts))


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique`` of integers by sorting (numpy 2's hash-based unique is ~20x slower here)."""
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if x.size else x


def corpus_flags(signatures: Iterable[Signature], settings: Optional[CheckSettings] = None) -> dict[str, list[Flag]]:
    """Flags of every enabled corpus rule, by source (sources sorted; flags by rule, then message).

    The signatures go through an in-memory :class:`SignatureStore`; a scan spools them to a file."""
    with SignatureStore() as store:
        store.add_many(signatures)
        store.run_rules(settings)
        return dict(store.flags())


__all__ = ["Signature", "SignatureStore", "signature", "normalize_agency", "corpus_flags", "shingle_hashes", "minhash",
           "jaccard", "shared_spans"]
