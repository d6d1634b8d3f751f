"""The corpus stage's data: a compact :class:`Signature` per report, spooled to SQLite by a
:class:`SignatureStore` as a scan's chunks come, and read back by the corpus rules through a
:class:`CorpusView` in a fixed order: one agency at a time for the year-over-year rules, one LSH
band at a time for BOILERPLATE-PEER. Memory holds one agency, one band (16 bytes a report) and
the candidate pairs, whatever the corpus size.

The view groups the agencies of the whole corpus (:class:`~disclosure_nlp.agencies.AgencyIndex`:
one agency under several names is one agency) and recognises one report saved in several files
(the same file twice, or the same agency and year with the same 五 or the same file name in
another format): the copies are one report to the rules, represented by the copy read with the
least doubt, and named together in its flags' evidence (``same_report_as``).
"""
from __future__ import annotations

import os
import pickle
import sqlite3
import sys
import zlib
from array import array
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, islice
from operator import attrgetter, itemgetter
from typing import Iterable, Iterator, Mapping, Optional, Sequence

import numpy as np

from ..agencies import AgencyIndex, normalize_agency
from ..schema import Flag, Report, get_cell
from ..similarity import jaccard, minhash, shingle_hashes
from .base import CheckSettings
from .recurs import item_themes

JUMP_FIELDS = (
    "applications.new_received.total", "applications.total_processed.total",
    "review_litigation.review.total", "active_disclosure.licensing.decisions",
    "active_disclosure.punishment.decisions", "active_disclosure.normative_documents.issued",
)
DOCS = ("regulations", "normative_documents")
COPY_JACCARD = 0.9  # two files of one agency and year whose 五 agree this much are one report


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
    sha256: str = ""
    n_uncertain: int = 0
    # every surviving value of the cells above that were read with doubt (glued digits): path → values
    alternatives: tuple[tuple[str, tuple[float, ...]], ...] = ()
    # 表二 rows the neighbouring years speak about (NEIGHBOUR_ROWS): (row, fields, splits), one split
    # where the row was read for sure, every surviving split (best first) where it was glued
    table2: tuple[tuple[str, tuple[str, ...], tuple[tuple[float, ...], ...]], ...] = ()
    items: tuple[tuple[str, tuple[str, ...], str], ...] = ()  # (kind, themes, text) of 五's items: PROBLEM-RECURS

    def values(self, path: str, value: Optional[float]) -> Optional[tuple[float, ...]]:
        """Every value the cell ``path`` may have: its own, the surviving splits of a glued cell,
        or None where blank."""
        if value is not None:
            return (value,)
        return dict(self.alternatives).get(path)

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
    docs = tuple((d, _num(report, f"active_disclosure.{d}.issued"), _num(report, f"active_disclosure.{d}.repealed"),
                  _num(report, f"active_disclosure.{d}.in_force"))
                 for d in DOCS) if report.format_version == "2021" else ()
    return Signature(
        source=report.source, agency=report.agency, agency_key=normalize_agency(report.agency),
        year=report.year, format_version=report.format_version,
        carried_over=_num(report, "applications.carried_over.total"),
        carried_forward=_num(report, "applications.carried_forward.total"),
        documents=docs, counts=tuple((f, _num(report, f)) for f in JUMP_FIELDS),
        problems_z=zlib.compress(text.encode("utf-8"), 6), minhash=minhash(hashes, s.minhash_perms, s.minhash_seed),
        n_shingles=int(hashes.size), sha256=report.sha256 or "", n_uncertain=len(report.uncertain_cells),
        alternatives=tuple((p, tuple(float(v) for v in vals)) for p, vals in report.cell_alternatives.items()
                           if p in _YOY_PATHS and vals and all(isinstance(v, (int, float)) for v in vals)),
        table2=_table2(report),
        items=item_themes(report),
    )


# 表二 rows whose cells carry over from one year to the next (checks/resolve.py)
NEIGHBOUR_ROWS = {"2021": {d: ("issued", "repealed", "in_force") for d in DOCS},
                  "2019": {r: ("prior_items", "change", "decisions")
                           for r in ("licensing", "other_services", "punishment", "coercion")}}


def _table2(report: Report) -> tuple:
    """The report's NEIGHBOUR_ROWS with their splits: a row read for sure has one; a glued row has
    every split of its digits that gives each cell one of its surviving values, the parser's choice
    first (the digits are the chosen cells written one after another; a row with decimals is left
    out)."""
    from ..parse.digits import rank_splits, split_free
    from ..parse.tables import _score_t2

    rows = NEIGHBOUR_ROWS.get(report.format_version or "")
    data = report.active_disclosure or {}
    out: list[tuple[str, tuple[str, ...], tuple[tuple[float, ...], ...]]] = []
    for row, fields in (rows or {}).items():
        paths = [f"active_disclosure.{row}.{f}" for f in fields]
        values = [(data.get(row) or {}).get(f) for f in fields]
        doubtful = [p for p in paths if p in report.uncertain_cells]
        if not doubtful:
            nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            if len(nums) == len(values):  # every cell a number
                out.append((row, fields, (tuple(float(v) for v in nums),)))
            continue
        alts = [report.cell_alternatives.get(p) or () for p in paths]
        if not all(alts) or not all(isinstance(a[0], int) for a in alts):
            continue
        run = "".join(str(a[0]) for a in alts)  # the chosen split, written back
        ranked, _ = rank_splits(row, fields, split_free(run, len(fields)), {}, _score_t2)
        chosen = tuple(float(a[0]) for a in alts)
        splits = [tuple(float(c) for c in cand) for cand in ranked
                  if all(int(c) in a for c, a in zip(cand, alts)) and "." not in "".join(cand)]
        if splits:
            out.append((row, fields, tuple(sorted(splits, key=lambda c: c != chosen))))  # the parser's choice first
    return tuple(out)


_YOY_PATHS = frozenset(("applications.carried_over.total", "applications.carried_forward.total", *JUMP_FIELDS,
                        *(f"active_disclosure.{d}.{c}" for d in DOCS for c in ("issued", "repealed", "in_force"))))

# ----------------------------------------------------------------------------- the store

# columns without a declared type keep their values exactly as given (no SQLite type affinity)
_TABLES = """
CREATE TABLE IF NOT EXISTS signature (seq INTEGER PRIMARY KEY, source, agency, agency_key, year, format_version,
                                      carried_over, carried_forward, cells, problems_z, minhash, n_shingles,
                                      sha256, n_uncertain);
CREATE TABLE IF NOT EXISTS corpus_flag (seq INTEGER PRIMARY KEY, source, flag);
"""
_FIELDS = ("source", "agency", "agency_key", "year", "format_version", "carried_over", "carried_forward", "cells",
           "problems_z", "minhash", "n_shingles", "sha256", "n_uncertain")
_SELECT = "SELECT " + ", ".join(f"s.{f}" for f in _FIELDS) + " FROM corpus c JOIN signature s ON s.seq = c.seq"
_PEER_ELIGIBLE = "s.n_shingles >= ? AND length(s.minhash) > 0 AND c.copy_of IS NULL"
_CACHED = 256  # signatures kept by the rules (a cluster's worth)
_SHINGLE_BYTES = 64 << 20  # shingle sets kept by BOILERPLATE-PEER's exact Jaccard (by idx, least recently used out)
_PAIR_BLOCK = 1 << 18  # candidate pairs whose MinHash estimate is computed at once
# sqlite3.Connection.blobopen is Python >= 3.11: there each band is one blob written in place;
# on 3.10 each batch of a band is a row of its own (the same bytes once joined back)
_BLOBOPEN = sys.version_info >= (3, 11)
_SKETCH_BATCH = 8192  # signatures whose MinHash is laid out into the bands at once


def _connect(path) -> sqlite3.Connection:
    """A connection for scratch data: no journal, no fsync, one process."""
    db = sqlite3.connect(str(path))
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "locking_mode=EXCLUSIVE"):
        db.execute(f"PRAGMA {pragma}")
    return db


def _row(g: Signature) -> tuple:
    cells = pickle.dumps((g.documents, g.counts, g.alternatives, g.table2, g.items), protocol=pickle.HIGHEST_PROTOCOL)
    return (g.source, g.agency, g.agency_key, g.year, g.format_version, g.carried_over, g.carried_forward, cells,
            g.problems_z, g.minhash, g.n_shingles, g.sha256, g.n_uncertain)


def _signature(row: tuple) -> Signature:
    (source, agency, agency_key, year, format_version, carried_over, carried_forward, cells, problems_z, minhash_,
     n_shingles, sha256, n_uncertain) = row
    documents, counts, alternatives, table2, items = pickle.loads(cells)
    return Signature(source, agency, agency_key, year, format_version, carried_over, carried_forward, documents,
                     counts, problems_z, minhash_, n_shingles, sha256, n_uncertain, alternatives, table2, items)


class SignatureStore:
    """Signatures spooled to SQLite (``path``: a scratch file, or memory), and the corpus rules'
    flags computed from them, so that a scan holds neither in memory.

    >>> store = SignatureStore(spool / "signatures.sqlite")
    >>> store.add_many(signature(r) for r in chunk)        # as the chunks come
    >>> store.run_rules(settings)                          # flags spooled to the same file
    >>> for source, flags in store.flags(): ...            # sources sorted; flags by rule, message
    """

    def __init__(self, path=":memory:", aliases: Optional[Mapping[str, str]] = None):
        self.path = str(path)
        self.aliases = dict(aliases or {})  # an office's agency names: name → canonical
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
        corpus = self._view = CorpusView(self._db, settings, self.aliases)
        self._db.execute("DELETE FROM corpus_flag")
        for rule_id, cls in registry().items():
            if cls.scope == "corpus" and settings.enabled(rule_id):
                found = iter(cls().check_corpus(corpus))
                while batch := list(islice(found, 1000)):
                    self._db.executemany("INSERT INTO corpus_flag (source, flag) VALUES (?, ?)",
                                         [(src, pickle.dumps(corpus.named(src, f), protocol=pickle.HIGHEST_PROTOCOL))
                                          for src, f in batch])
        self._db.commit()

    def resolved(self, settings: Optional[CheckSettings] = None) -> list:
        """The glued cells the neighbouring years resolve (:mod:`.resolve`), over the corpus as the
        last :meth:`run_rules` grouped it (or as grouped now)."""
        from .resolve import resolve_by_neighbours

        view = getattr(self, "_view", None) or CorpusView(self._db, settings or CheckSettings(), self.aliases)
        return list(resolve_by_neighbours(view))

    def flags(self) -> Iterator[tuple[str, list[Flag]]]:
        """``(source, [Flag])`` of the last :meth:`run_rules`: sources sorted, flags by rule then message."""
        rows = self._db.execute("SELECT source, flag FROM corpus_flag ORDER BY source, seq")
        for source, group in groupby(rows, key=itemgetter(0)):
            yield source, sorted((pickle.loads(f) for _, f in group), key=lambda f: (f.rule, f.message))


class CorpusView:
    """The stored signatures in the rules' fixed order (agency group, year, source), numbered
    0…n−1 by ``idx``, with the lookups the rules share. Reads one agency, one band or one signature
    at a time; ``gid`` numbers the agency groups (the source where a report has none). The copies
    of a report other than the one that represents it are left out of every rule."""

    def __init__(self, db: sqlite3.Connection, settings: CheckSettings, aliases: Optional[Mapping[str, str]] = None):
        self.settings = settings
        self._db = db
        names = [a for (a,) in db.execute("SELECT DISTINCT agency FROM signature WHERE agency IS NOT NULL")]
        self.agencies_index = AgencyIndex(names, aliases)
        groups = [(a, self.agencies_index.group(a), self.agencies_index.canonical(a)) for a in names]
        db.execute("DROP TABLE IF EXISTS agency_group")
        db.execute("CREATE TABLE agency_group (agency PRIMARY KEY, grp, canonical)")
        db.executemany("INSERT INTO agency_group VALUES (?, ?, ?)", groups)
        db.execute("UPDATE signature SET agency_key = (SELECT g.grp FROM agency_group g WHERE g.agency = signature.agency)")
        self._canonical = {a: c for a, _, c in groups if c and c != a}  # only the names shown otherwise
        db.execute("DROP TABLE IF EXISTS corpus")
        db.execute("CREATE TABLE corpus (idx INTEGER PRIMARY KEY, seq INTEGER NOT NULL, gid INTEGER NOT NULL, copy_of)")
        db.execute("INSERT INTO corpus (idx, seq, gid) SELECT "
                   "ROW_NUMBER() OVER (ORDER BY coalesce(agency_key, ''), coalesce(year, 0), source, seq) - 1, seq, "
                   "DENSE_RANK() OVER (ORDER BY coalesce(nullif(agency_key, ''), source)) - 1 FROM signature")
        self.n: int = db.execute("SELECT count(*) FROM corpus").fetchone()[0]
        self._hashes = lru_cache(maxsize=_CACHED)(self._shingles)
        self._sigs: OrderedDict[int, Signature] = OrderedDict()
        self._shingle_cache: OrderedDict[int, np.ndarray] = OrderedDict()
        self._shingle_bytes = 0
        self.copies: dict[str, list[str]] = {}  # the source representing a report → its other copies
        self._find_copies()

    def _find_copies(self) -> None:
        """Copies: the same file content, or the same agency group and year with the same file
        name in another format or a 五 at least COPY_JACCARD alike. Each set is represented by
        the copy with the fewest doubtful cells (then the first source)."""
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        def union(a: int, b: int) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        rows = self._db.execute("SELECT group_concat(c.idx) FROM corpus c JOIN signature s ON s.seq = c.seq "
                                "WHERE s.sha256 != '' GROUP BY s.sha256 HAVING count(*) > 1")
        for (ids,) in rows.fetchall():
            first, *others = map(int, ids.split(","))
            for o in others:
                union(first, o)
        rows = self._db.execute("SELECT c.idx, s.source, s.agency_key, s.year, s.problems_z, s.n_shingles "
                                "FROM corpus c JOIN signature s ON s.seq = c.seq WHERE s.agency_key IS NOT NULL "
                                "AND s.year IS NOT NULL AND c.idx IN (SELECT c2.idx FROM corpus c2 JOIN signature s2 "
                                "ON s2.seq = c2.seq JOIN (SELECT agency_key k, year y FROM signature WHERE agency_key "
                                "IS NOT NULL AND year IS NOT NULL GROUP BY k, y HAVING count(*) > 1) d "
                                "ON d.k = s2.agency_key AND d.y = s2.year) ORDER BY c.idx")
        for _, same_year in groupby(rows, key=itemgetter(2, 3)):
            group = list(same_year)
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if self._same_report(a, b):
                        union(a[0], b[0])
        if not parent:
            return
        sets: dict[int, list[int]] = defaultdict(list)
        for x in list(parent):
            sets[find(x)].append(x)
        for root, members in sets.items():
            members = sorted(set(members) | {root})
            info = {i: self._db.execute("SELECT s.source, s.n_uncertain FROM corpus c JOIN signature s "
                                        "ON s.seq = c.seq WHERE c.idx = ?", (i,)).fetchone() for i in members}
            rep = min(members, key=lambda i: (info[i][1], info[i][0]))
            others = [i for i in members if i != rep]
            self._db.executemany("UPDATE corpus SET copy_of = ? WHERE idx = ?", [(rep, i) for i in others])
            self.copies[info[rep][0]] = sorted(info[i][0] for i in others)

    def _same_report(self, a: tuple, b: tuple) -> bool:
        stem = lambda src: os.path.splitext(os.path.basename(src).split(".", 1)[0])[0]  # noqa: E731
        if os.path.dirname(a[1]) == os.path.dirname(b[1]) and stem(a[1]) == stem(b[1]):
            return True
        s = self.settings
        if min(a[5], b[5]) < s.min_shingles:
            return False
        return jaccard(self._hashes(a[4]), self._hashes(b[4])) >= COPY_JACCARD

    def canonical(self, agency: Optional[str]) -> Optional[str]:
        """The name the corpus groups ``agency`` under, where it differs from the printed one."""
        return self._canonical.get(agency) if agency else None

    def named(self, source: str, flag: Flag) -> Flag:
        """``flag`` with the name the corpus groups the report's agency under, where it differs from
        the printed one (``agency_canonical``), and the report's other copies (``same_report_as``)."""
        extra: dict = {}
        if self._canonical:
            row = self._db.execute("SELECT agency FROM signature WHERE source = ?", (source,)).fetchone()
            canonical = self.canonical(row[0]) if row else None
            if canonical:
                extra["agency_canonical"] = canonical
        if source in self.copies:
            extra["same_report_as"] = self.copies[source]
        if not extra:
            return flag
        return Flag(flag.rule, flag.severity, flag.message,
                    type(flag.evidence)(flag.evidence.quote, {**flag.evidence.cells, **extra}))

    def __len__(self) -> int:
        return self.n

    def _shingles(self, problems_z: bytes) -> np.ndarray:
        return shingle_hashes(zlib.decompress(problems_z).decode("utf-8"), self.settings.shingle_size)

    def hashes(self, g: Signature) -> np.ndarray:
        return self._hashes(g.problems_z)

    def shingles(self, idx: int) -> np.ndarray:
        """The shingle set of the report at ``idx`` (as uint32: every hash is below 2³¹), kept in
        a cache of _SHINGLE_BYTES: on a template-heavy corpus the same reports are compared with
        many others, and recomputing their sets was most of BOILERPLATE-PEER's time."""
        cache = self._shingle_cache
        h = cache.get(idx)
        if h is not None:
            cache.move_to_end(idx)
            return h
        (problems_z,) = self._db.execute("SELECT s.problems_z FROM corpus c JOIN signature s ON s.seq = c.seq "
                                         "WHERE c.idx = ?", (idx,)).fetchone()
        h = cache[idx] = self._shingles(problems_z).astype(np.uint32)
        self._shingle_bytes += h.nbytes
        while self._shingle_bytes > _SHINGLE_BYTES and len(cache) > 1:
            self._shingle_bytes -= cache.popitem(last=False)[1].nbytes
        return h

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
                                "AND s.year IS NOT NULL AND s.year != 0 AND c.copy_of IS NULL ORDER BY c.idx")
        for _, group in groupby(map(_signature, rows), key=attrgetter("agency_key")):
            years: dict[int, list[Signature]] = defaultdict(list)
            for g in group:
                assert g.year is not None  # the query leaves out the reports without a year
                years[g.year].append(g)
            yield years

    def consecutive(self) -> Iterator[tuple[Signature, Signature]]:
        """(last year's, this year's) pairs of the same agency, where each of the two years has one
        report (copies of one report are one): two different reports of one year under one name
        (two bodies grouped together, a corrected reissue) prove nothing about each other."""
        for years in self.agencies():
            for y in sorted(years):
                prev, cur = years.get(y - 1, ()), years[y]
                if len(prev) == 1 and len(cur) == 1:
                    yield prev[0], cur[0]

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
        idx = array("q")
        rows = db.execute(f"SELECT c.idx, s.minhash {where} ORDER BY c.idx", (s.min_shingles,))

        def batches() -> Iterator[np.ndarray]:
            while batch := rows.fetchmany(_SKETCH_BATCH):
                idx.extend(i for i, _ in batch)
                yield np.frombuffer(b"".join(m for _, m in batch), dtype="<u4").reshape(len(batch), -1)

        def part(sketch: np.ndarray, b: int) -> bytes:
            return np.ascontiguousarray(sketch[:, b * width // 4:(b + 1) * width // 4]).tobytes()

        if _BLOBOPEN and sys.version_info >= (3, 11):  # (the second test tells mypy's 3.10 target)
            db.execute("CREATE TABLE peer_band (band INTEGER PRIMARY KEY, part INTEGER, data BLOB)")
            db.executemany("INSERT INTO peer_band VALUES (?, 0, zeroblob(?))",
                           [(b, n * width) for b in range(s.lsh_bands)])
            blobs = [db.blobopen("peer_band", "data", b) for b in range(s.lsh_bands)]
            try:
                for sketch in batches():
                    for b, blob in enumerate(blobs):
                        blob.write(part(sketch, b))
            finally:
                for blob in blobs:
                    blob.close()
        else:
            db.execute("CREATE TABLE peer_band (band INTEGER, part INTEGER, data BLOB, PRIMARY KEY (band, part))")
            for k, sketch in enumerate(batches()):
                db.executemany("INSERT INTO peer_band VALUES (?, ?, ?)",
                               [(b, k, part(sketch, b)) for b in range(s.lsh_bands)])
        return np.frombuffer(idx, dtype=np.int64) if idx else np.empty(0, dtype=np.int64)

    def band(self, band: int) -> np.ndarray:
        """One LSH band of :meth:`peer_sketch`: (reports, rows) uint32, in ``idx`` order."""
        s = self.settings
        data = b"".join(d for (d,) in self._db.execute("SELECT data FROM peer_band WHERE band = ? ORDER BY part",
                                                        (band,)))
        return np.frombuffer(data, dtype="<u4").reshape(-1, s.minhash_perms // s.lsh_bands)

    def group_ids(self) -> np.ndarray:
        """``gid`` by ``idx``: equal where two reports share an agency key."""
        rows = self._db.execute("SELECT gid FROM corpus ORDER BY idx")
        return np.fromiter((g for (g,) in rows), dtype=np.int64, count=self.n)


__all__ = ["Signature", "SignatureStore", "CorpusView", "signature", "normalize_agency", "JUMP_FIELDS", "DOCS"]
