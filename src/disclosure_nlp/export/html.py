"""``review.html``: one self-contained, offline page for a supervisor.

Agencies with flags or parse warnings, sorted by severity (errors, then warnings, then flag
count), by agency, by latest flagged year or by number of flags; each flag with its evidence (the
quote with its figures marked, the cells by the form's labels from ``form.cell_label``, the
corpus rules' keys as Chinese sentences naming the other reports); filters (rule, severity or
parse warnings, agency search, year) with a count of the reports they show; the other reports
collapsed after them; a theme heatmap by agency; one agency's reports year by year with their
flags and theme profile (``#agency=…``); and the inputs that failed with their reasons. The page
is rendered by its own inline script, 100 agencies a page, from compact per-report summaries
embedded as JSON (``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped as
``\\u003c`` …), so it stays usable for 10,000 reports, and it fits a 390 px phone without sideways
scrolling. Report text reaches the DOM only as text (``textContent``); the little HTML written
here goes through :func:`html.escape`. Words of the page follow ``--lang`` (``i18n.t`` here,
``T(zh, en)`` and ``data-en`` in the template).
"""
from __future__ import annotations

import html
import json
import logging
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Union

from ..schema import SEVERITIES, Flag, Report
from .spool import connect
from ..i18n import get_lang, t
from .summary import MAX_FLAGS, SEVERITY_RANK, flag_summary, report_name, sort_flags, summarize, theme_names

log = logging.getLogger(__name__)

DEFAULT_TITLE = "政府信息公开工作年度报告 · 审查"
_DEFAULT_TITLE_EN = "Government information disclosure annual reports · review"

CorpusFlags = Union[Mapping[str, Iterable[Flag]], Iterable[tuple[str, Flag]]]


def flags_by_source(corpus_flags: Optional[CorpusFlags]) -> dict[str, list[Flag]]:
    """``{source: [Flag]}`` or ``[(source, Flag)]`` → ``{source: [Flag]}``."""
    if not corpus_flags:
        return {}
    pairs = (((s, f) for s, fs in corpus_flags.items() for f in fs) if isinstance(corpus_flags, Mapping)
             else corpus_flags)
    out: dict[str, list[Flag]] = {}
    for source, flag in pairs:
        out.setdefault(source, []).append(flag)
    return out


def _embed(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_TABLE = """CREATE TABLE IF NOT EXISTS review (seq INTEGER PRIMARY KEY, source NOT NULL UNIQUE, agency, year,
                                               status, grp, n, total, row)"""
_UPSERT = ("INSERT INTO review (source, agency, year, status, grp, n, total, row) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (source) DO UPDATE SET agency = excluded.agency, year = excluded.year, "
           "status = excluded.status, grp = excluded.grp, n = excluded.n, total = excluded.total, row = excluded.row")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _record(summary: dict) -> tuple:
    """A summary as a row of the ``review`` table: what the stats and ``flags.csv`` need, and the JSON."""
    n = summary["n"]
    return (summary["source"], summary["agency"], summary["year"], summary["status"],
            summary["group"] or summary["agency"] or "", _dumps(n), sum(n.values()), _dumps(summary))


class ReviewCollector:
    """Accumulates the review page's compact summaries as reports stream by, then ``write(path)``.

    Each report is kept as one JSON row of a few KB (bounded flags, quotes, cells), never the
    report itself, in SQLite: in memory by default, in the file ``path`` for a scan (a spool
    file), so a scan of 100k reports holds none of them in memory. Rows keep the order they came
    in; a later summary for the same source replaces the earlier one in its place.
    """

    def __init__(self, agency_key: Optional[Callable[[str], Optional[str]]] = None, title: str = DEFAULT_TITLE,
                 path=None):
        self.agency_key = agency_key
        self.title = title
        self._db = connect(path or ":memory:")
        self._db.execute(_TABLE)
        self.stats: Counter = Counter()

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM review").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def add(self, report: Report) -> None:
        self.add_many([report])

    def add_many(self, reports: Iterable[Report]) -> None:
        """Collect the reports' summaries; files skipped as not reports (README, truth files) are
        only counted: status.csv lists them, the page is about reports."""
        rows = []
        for r in reports:
            if r.status == "skipped":
                self.stats["skipped"] += 1
            else:
                rows.append(_record(summarize(r, self.agency_key)))
        self._db.executemany(_UPSERT, rows)
        self._db.commit()

    def add_summary(self, summary: dict) -> None:
        """Add a summary made by :func:`summarize` (a later one for the same source replaces it)."""
        self._db.execute(_UPSERT, _record(summary))
        self._db.commit()

    def meta(self, source: str) -> Optional[tuple]:
        """``(agency, year)`` of the report ``source`` collected last, or None."""
        row = self._db.execute("SELECT agency, year FROM review WHERE source = ?", (source,)).fetchone()
        return None if row is None else tuple(row)

    def _name(self, source: str) -> str:
        """Another report as a flag names it: ``某某局 2021年报告`` (its file name if not collected)."""
        found = self.meta(source)
        return report_name(source, *found) if found else report_name(source)

    def merge(self, source: str, flags: Iterable[Flag]) -> None:
        """Add one report's corpus-rule flags to its collected summary."""
        flags = list(flags)
        found = self._db.execute("SELECT row FROM review WHERE source = ?", (source,)).fetchone()
        if found is None:
            log.warning("corpus flag for %s, which is not among the reports collected", source)
            return
        s = json.loads(found[0])
        merged = s["flags"] + [flag_summary(f, self._name) for f in sort_flags(flags)]
        merged.sort(key=lambda f: SEVERITY_RANK.get(f["sev"], len(SEVERITY_RANK)))
        s["more_flags"] += max(0, len(merged) - MAX_FLAGS)
        s["flags"] = merged[:MAX_FLAGS]
        for f in flags:
            s["n"][f.severity] = s["n"].get(f.severity, 0) + 1
        self._db.execute("UPDATE review SET n = ?, total = ?, row = ? WHERE source = ?",
                         (_dumps(s["n"]), sum(s["n"].values()), _dumps(s), source))

    def merge_flags(self, corpus_flags: Optional[CorpusFlags]) -> None:
        """Add the flags of corpus rules (``{source: [Flag]}``) to the reports already collected."""
        for source, flags in flags_by_source(corpus_flags).items():
            self.merge(source, flags)
        self._db.commit()

    def _stats(self) -> dict:
        n: Counter = Counter()
        for status, counts, warned in self._db.execute("SELECT status, n, json_extract(row, '$.n_warnings') "
                                                       "FROM review ORDER BY seq"):
            counts = json.loads(counts)
            n["reports"] += 1
            n[f"status_{status}"] += 1
            if sum(counts.values()) or warned:
                n["flagged"] += 1
            for sev in SEVERITIES:
                n[sev] += counts.get(sev, 0)
        n["skipped"] = self.stats["skipped"]
        distinct = "SELECT count(DISTINCT grp) FROM review WHERE grp != ''"
        n["agencies"] = self._db.execute(distinct).fetchone()[0]
        n["flagged_agencies"] = self._db.execute(
            distinct + " AND (total > 0 OR json_extract(row, '$.n_warnings') > 0)").fetchone()[0]
        return dict(n)

    def write(self, path, corpus_flags: Optional[CorpusFlags] = None) -> Path:
        """Write the page; ``corpus_flags`` (``{source: [Flag]}``) are merged in first."""
        self.merge_flags(corpus_flags)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        stats = self._stats()
        title = t(DEFAULT_TITLE, _DEFAULT_TITLE_EN) if self.title == DEFAULT_TITLE else self.title
        meta = {"title": title, "themes": theme_names(), "severities": list(SEVERITIES),
                "lang": get_lang(), "stats": stats}
        head, _, tail = (_template()
                         .replace("{{LANG}}", "en" if get_lang() == "en" else "zh-CN")
                         .replace("{{TITLE}}", html.escape(title))
                         .replace("{{STATS}}", _stats_html(stats))).partition("{{DATA}}")
        # streamed row by row from the store: the page is never held in memory (100k reports ≈ 100+ MB)
        n = 0
        with open(path, "w", encoding="utf-8") as f:
            f.write(head)
            f.write(_embed('{"meta":' + json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + ',"reports":['))
            for (row,) in self._db.execute("SELECT row FROM review ORDER BY seq"):
                f.write(("," if n else "") + _embed(row))
                n += 1
            f.write("]}" + tail)
        log.info("wrote %s (%d reports)", path, n)
        return path


def _stats_html(stats: dict) -> str:
    parts = [(t("份报告", "reports"), stats.get("reports", 0)), (t("个机关", "agencies"), stats.get("agencies", 0)),
             (t("份有标记或解析警告", "flagged or with parse warnings"), stats.get("flagged", 0)),
             (t("个错误", "errors"), stats.get("error", 0)), (t("个警告", "warnings"), stats.get("warning", 0)),
             (t("个提示", "notes"), stats.get("info", 0)), (t("份读取失败", "failed to read"), stats.get("status_failed", 0)),
             (t("份部分解析", "partly parsed"), stats.get("status_partial", 0))]
    if stats.get("skipped"):
        parts.append((t("个非报告文件已跳过（见 status.csv）", "files skipped as not reports (see status.csv)"),
                      stats["skipped"]))
    return "".join(f'<span class="stat"><b>{html.escape(str(v))}</b> {html.escape(k)}</span>' for k, v in parts)


def _template() -> str:
    return resources.files(__package__).joinpath("templates/review.html").read_text(encoding="utf-8")


def write_review_html(reports_or_summaries: Iterable[Union[Report, dict]], path,
                      corpus_flags: Optional[CorpusFlags] = None, *, title: str = DEFAULT_TITLE,
                      agency_key: Optional[Callable[[str], Optional[str]]] = None) -> Path:
    """Write ``review.html`` from Reports or :func:`summarize` dicts (streamed: only summaries are kept).

    ``corpus_flags``: flags of corpus rules (YOY-*, BOILERPLATE-*) by report source, as
    ``{source: [Flag, ...]}`` or ``[(source, Flag), ...]``.
    """
    collector = ReviewCollector(agency_key=agency_key, title=title)
    try:
        for r in reports_or_summaries:
            if isinstance(r, Report):
                collector.add(r)
            else:
                collector.add_summary(r)
        return collector.write(path, corpus_flags=corpus_flags)
    finally:
        collector.close()
