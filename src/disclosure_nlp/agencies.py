"""One agency under several names: grouping keys for the year-over-year rules.

Real series name the same agency differently from year to year: with or without the parent
city (洪泽区人民政府 / 淮安市洪泽区人民政府), with 管委会 or not, abbreviated (上海市科委 /
上海市科学技术委员会). :func:`normalize_agency` folds what a name alone tells (width, spaces,
bracketed aliases, the suffixes 人民政府 / 管委会 …, common abbreviations from
``data/agency_abbreviations.csv``); :class:`AgencyIndex` then groups the keys of a whole corpus:
a key whose administrative prefix (省 / 市 / 州 …) is left out joins the one key of the corpus
that has it, and stays apart where two keys could (某市公安局 and 另一市公安局 both end in
公安局). An office's own table (``scan --agencies aliases.csv``, columns ``name,canonical``)
comes first.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Optional

from .errors import DisclosureError
from .i18n import t
from .paths import data_dir

ABBREVIATIONS_FILE = data_dir() / "agency_abbreviations.csv"

# the same body written two ways (人民政府 / 政府, 管理委员会 / 管委会); an office (办公室, 办公厅) is a
# body of its own that publishes its own report, so it is never stripped
_SUFFIXES = ("党工委管委会", "管理委员会", "管委会", "人民政府", "政府")
# an administrative prefix: a province, region, city, prefecture or league, with its name
_PREFIX = re.compile(r"^.+?(?:省|自治区|特别行政区|自治州|市|州|盟|地区)(?![省市州盟区县场])")  # 场: 市场监督…


@lru_cache(maxsize=1)
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(short, full) from ``data/agency_abbreviations.csv``, longest short form first."""
    with open(ABBREVIATIONS_FILE, encoding="utf-8", newline="") as fh:
        rows = [(r["short"].strip(), r["full"].strip()) for r in csv.DictReader(fh) if r.get("short")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _fold(name: str) -> str:
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    return re.sub(r"\([^)]*\)", "", key)


@lru_cache(maxsize=1 << 16)
def normalize_agency(name: Optional[str]) -> Optional[str]:
    """A grouping key for an agency name: full/half width and whitespace folded, bracketed aliases
    dropped, the suffixes 人民政府 / 政府 / 管委会 / 管理委员会 / 办公室 (and their combinations)
    stripped, so 平潭综合实验区管委会 and 平潭综合实验区 group together, and a common abbreviation
    at the end written in full (上海市科委 → 上海市科学技术委员会)."""
    if not name:
        return None
    key = _fold(name)
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                key = key[: -len(suffix)]
                changed = True
    for short, full in abbreviations():
        if key.endswith(short) and not key.endswith(full):
            key = key[: -len(short)] + full
            break
    return key or None


@lru_cache(maxsize=1 << 16)
def tails(key: str) -> tuple[str, ...]:
    """``key`` without its administrative prefixes, one at a time: 江苏省淮安市洪泽区 →
    [淮安市洪泽区, 洪泽区]. A tail keeps at least two characters."""
    out = []
    while (m := _PREFIX.match(key)) and len(key) - m.end() >= 2:
        key = key[m.end():]
        out.append(key)
    return tuple(out)


def load_aliases(path) -> dict[str, str]:
    """An office's alias table: a CSV with columns ``name,canonical`` (UTF-8, a BOM allowed)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or not {"name", "canonical"} <= set(reader.fieldnames):
                raise DisclosureError(t(f"{path}：机关别名表需要 name,canonical 两列；实为 {reader.fieldnames}",
                                        f"{path}: an agency alias table needs the columns name,canonical; "
                                        f"found {reader.fieldnames}"))
            return {r["name"].strip(): r["canonical"].strip() for r in reader
                    if (r.get("name") or "").strip() and (r.get("canonical") or "").strip()}
    except OSError as exc:
        raise DisclosureError(t(f"{path}：无法读取机关别名表（{exc}）",
                                f"{path}: cannot read the agency alias table ({exc})")) from exc


class AgencyIndex:
    """The agency groups of a corpus: ``group(name)`` is the key shared by every name of one
    agency, ``canonical(name)`` the name the outputs show beside the one printed.

    ``names``: every agency name of the corpus as printed; ``aliases``: name → canonical name
    (an office's table), applied first."""

    def __init__(self, names: Iterable[Optional[str]], aliases: Optional[Mapping[str, str]] = None):
        self._alias = {normalize_agency(k): v for k, v in (aliases or {}).items() if normalize_agency(k)}
        printed: dict[str, set[str]] = {}
        for name in names:
            key = self._key(name)
            if key and name is not None:  # a key comes only from a printed name
                printed.setdefault(key, set()).add(name)
        keys = set(printed)
        # a tail joins the one key of the corpus that has it; claimed by two, it stays apart
        claims: dict[str, set[str]] = {}
        for key in keys:
            for tail in tails(key):
                claims.setdefault(tail, set()).add(key)
        for tail, owners in claims.items():  # 淮安市洪泽区 and 江苏省淮安市洪泽区 are one claim on 洪泽区
            claims[tail] = {k for k in owners if not any(o != k and k in tails(o) for o in owners)}
        self._group = {key: _longest_chain(key, claims) for key in keys}
        self._canonical: dict[str, str] = {}
        members: dict[str, set[str]] = {}
        for key, names_ in printed.items():
            members.setdefault(self._group[key], set()).update(names_)
        for group, names_ in members.items():
            chosen = self._alias_name(names_) or min(names_, key=lambda n: (-len(normalize_agency(n) or ""), -len(n), n))
            self._canonical[group] = chosen

    def _key(self, name: Optional[str]) -> Optional[str]:
        key = normalize_agency(name)
        if key in self._alias:
            return normalize_agency(self._alias[key])
        return key

    def _alias_name(self, names: Iterable[str]) -> Optional[str]:
        for n in sorted(names):
            canon = self._alias.get(normalize_agency(n))
            if canon:
                return canon
        return None

    def group(self, name: Optional[str]) -> Optional[str]:
        key = self._key(name)
        return self._group.get(key, key) if key else None

    def canonical(self, name: Optional[str]) -> Optional[str]:
        group = self.group(name)
        return self._canonical.get(group, name) if group else name


def _longest_chain(key: str, claims: Mapping[str, set[str]]) -> str:
    """The key ``key`` is a tail of, followed up while each step is unambiguous."""
    while len(claims.get(key, ())) == 1:
        key = next(iter(claims[key]))
    return key


__all__ = ["normalize_agency", "tails", "load_aliases", "AgencyIndex", "abbreviations"]
