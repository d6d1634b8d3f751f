"""Text similarity of 五 sections: character shingles, MinHash sketches, LSH banding, exact Jaccard,
and the passages two texts share. Used by the corpus rules (BOILERPLATE-YOY, BOILERPLATE-PEER)
and to recognise one report saved in several files.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

import numpy as np

_P = np.uint64((1 << 31) - 1)  # Mersenne prime modulus of the shingle hash and the permutations
_BASE = np.uint64(1_000_003)
_FIVE_HEADING = re.compile(r"^\s*五[、.．]?\s*存在的主要问题及改进情况\s*")


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



def estimate_sketches(a: bytes, b: bytes) -> float:
    """The MinHash estimate of the Jaccard of two sketches (0.0 for an empty or a foreign one)."""
    if not a or len(a) != len(b):
        return 0.0
    return float((np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")).mean())


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


def quote_spans(spans: list[str], limit: int = 400) -> str:
    each = max(limit // max(len(spans), 1), 40)
    return " … ".join(f"“{s[:each]}{'…' if len(s) > each else ''}”" for s in spans)


def bucket_pairs(keys: np.ndarray, eligible: np.ndarray, n: int, batch: int = 1 << 18) -> np.ndarray:
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
            parts.append(sorted_unique((members[:, left] * n + members[:, right]).ravel()))
    return sorted_unique(np.concatenate(parts))


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique`` of integers by sorting (numpy 2's hash-based unique is ~20x slower here)."""
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if x.size else x



__all__ = ["shingle_hashes", "minhash", "estimate_sketches", "jaccard", "shared_spans", "quote_spans", "bucket_pairs",
           "sorted_unique"]
