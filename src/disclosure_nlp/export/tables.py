"""The CSV files of a scan, written as reports stream in, and the XLSX workbook made from them.

Every CSV is UTF-8 with a BOM (Excel opens it without mojibake), ``\\r\\n`` line ends, minimal
quoting, header written once. Text that Excel would run as a formula (a cell starting with
``= + - @``, tab or CR) gets a leading ``'``, so a crafted report cannot plant a formula.

- ``flags.csv``: one row per flag: source, agency, year, rule, severity, message,
  evidence_quote, evidence_cells (a JSON object: cell path → value).
- ``status.csv``: one row per input file: source, format, status (ok / partial / failed),
  reason, n_warnings, sha256, agency, year, n_flags.
- ``themes.csv``: one row per report (= agency and year) × kind × theme: source, agency, year,
  kind (problem / improvement), theme (TAXONOMY id), theme_name (名称), count (items with that
  theme), unanswered: on problem rows ``true`` when an unanswered problem of the report (the
  items of ``unanswered.csv``) has that theme, else ``false``; blank on improvement rows.
- ``unanswered.csv``: the unanswered problem items themselves (TAXONOMY.md: problems whose themes
  no improvement of the same report shares): source, agency, year, problem, themes, theme_names.
"""
from __future__ import annotations

import csv
import json
import logging
import re
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Union

from ..errors import ExportError
from ..i18n import get_lang
from ..schema import KIND_NAMES, KINDS, SEVERITY_NAMES, STATUS_NAMES, Flag, Report
from ..schema import THEME_NAMES, THEMES

if TYPE_CHECKING:
    from _csv import Writer as _CsvRowWriter
from .stream import StreamingFile
from ..schema import unanswered_problems, unanswered_themes
from .summary import theme_counts

log = logging.getLogger(__name__)

FLAG_COLUMNS = ("source", "agency", "year", "rule", "severity", "message", "evidence_quote", "evidence_cells")
STATUS_COLUMNS = ("source", "format", "status", "reason", "n_warnings", "sha256", "agency", "year", "n_flags")
THEME_COLUMNS = ("source", "agency", "year", "kind", "theme", "theme_name", "count", "unanswered")
RESOLVED_COLUMNS = ("source", "agency", "year", "cell", "cell_label", "value", "alternatives", "by")
UNANSWERED_COLUMNS = ("source", "agency", "year", "problem", "themes", "theme_names")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")




def excel_safe(value: Any) -> Any:
    """Text starting like a formula gets a leading ``'``; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class CsvWriter(StreamingFile):
    """A CSV file written in chunks: ``add(reports)`` appends their rows and flushes.

    With ``append=True`` an existing file with the same header is continued (no second header).
    """

    columns: tuple[str, ...] = ()

    def __init__(self, path, append: bool = False):
        self.path = Path(path)
        self.append = append
        self._fh: Optional[IO[str]] = None
        self._csv: Optional[_CsvRowWriter] = None
        self.count = 0

    def rows(self, report: Report) -> Iterable[tuple]:
        raise NotImplementedError

    def open(self) -> "CsvWriter":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        continuing = self.append and self.path.exists() and self.path.stat().st_size > 0
        if continuing:
            with open(self.path, encoding="utf-8-sig", newline="") as fh:
                header = tuple(next(csv.reader(fh), ()))
            if header != self.columns:
                raise ExportError(f"{self.path}: cannot append, its header is {list(header)}, "
                                  f"expected {list(self.columns)}")
        self._fh = open(self.path, "a" if continuing else "w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        if not continuing:
            self._csv.writerow(self.columns)
            self._fh.flush()
        return self

    def write_rows(self, rows: Iterable[Iterable[Any]]) -> None:
        if self._fh is None:
            self.open()
        assert self._fh is not None and self._csv is not None  # open() sets both
        for row in rows:
            self._csv.writerow([excel_safe(v) for v in row])
            self.count += 1
        self._fh.flush()

    def add(self, reports: Iterable[Report]) -> None:
        """Append the rows of one chunk of reports."""
        self.write_rows(row for r in reports for row in self.rows(r))


def _year(report: Report) -> Any:
    return "" if report.year is None else report.year


def flag_row(source: str, agency: Optional[str], year: Any, flag: Flag) -> tuple:
    cells = json.dumps(dict(flag.evidence.cells or {}), ensure_ascii=False, default=str)
    return (source, agency or "", "" if year is None else year, flag.rule, flag.severity, flag.message,
            flag.evidence.quote, cells)


class FlagsWriter(CsvWriter):
    """``flags.csv``; ``add_corpus_flags`` appends the flags of corpus rules after the reports.

    Their agency and year are those of the report written before: remembered here by source, or
    looked up by ``meta(source) -> (agency, year) | None`` where the caller keeps them already
    (a scan's review store), so that memory does not grow with the corpus."""

    columns = FLAG_COLUMNS

    def __init__(self, path, append: bool = False,
                 meta: Optional[Callable[[str], Optional[tuple]]] = None):
        super().__init__(path, append)
        self.meta = meta
        self._meta: dict[str, tuple] = {}

    def rows(self, report: Report) -> Iterable[tuple]:
        if self.meta is None:
            self._meta[report.source] = (report.agency, report.year)
        return [flag_row(report.source, report.agency, report.year, f) for f in report.flags]

    def _agency_year(self, source: str) -> tuple[Optional[str], Any]:
        found = self._meta.get(source) if self.meta is None else self.meta(source)
        return found or (None, None)

    def add_corpus_flags(self, flags: Union[Mapping[str, Iterable[Flag]],
                                            Iterable[tuple[str, Iterable[Flag]]]]) -> None:
        """``{source: [Flag, ...]}`` or ``(source, [Flag, ...])`` pairs, in the order given."""
        groups = flags.items() if isinstance(flags, Mapping) else flags
        self.write_rows(flag_row(src, *self._agency_year(src), f) for src, fs in groups for f in fs)


class StatusWriter(CsvWriter):
    """``status.csv``: one row per input file, whatever became of it."""

    columns = STATUS_COLUMNS

    def rows(self, report: Report) -> Iterable[tuple]:
        return [(report.source, report.fmt, report.status, report.reason, len(report.warnings), report.sha256,
                 report.agency or "", _year(report), len(report.flags))]


class ThemesWriter(CsvWriter):
    """``themes.csv``: counts by kind × theme per report, with the ``unanswered`` column."""

    columns = THEME_COLUMNS

    def rows(self, report: Report) -> Iterable[tuple]:
        counts, open_themes = theme_counts(report), set(unanswered_themes(report))
        order = {t: i for i, t in enumerate(THEMES)}
        keys = sorted(counts, key=lambda k: (KINDS.index(k[0]) if k[0] in KINDS else 9, order.get(k[1], 99), k[1]))
        return [(report.source, report.agency or "", _year(report), kind, theme, THEME_NAMES.get(theme, ""),
                 counts[(kind, theme)], ("true" if theme in open_themes else "false") if kind == "problem" else "")
                for kind, theme in keys]


class UnansweredWriter(CsvWriter):
    """``unanswered.csv``: problem items no improvement of the same report answers."""

    columns = UNANSWERED_COLUMNS

    def rows(self, report: Report) -> Iterable[tuple]:
        return [(report.source, report.agency or "", _year(report), p.text, " ".join(p.themes),
                 "、".join(THEME_NAMES.get(t, t) for t in p.themes)) for p in unanswered_problems(report)]


CSV_WRITERS: dict[str, type[CsvWriter]] = {"flags.csv": FlagsWriter, "status.csv": StatusWriter,
                                            "themes.csv": ThemesWriter, "unanswered.csv": UnansweredWriter}

# ---------------------------------------------------------------- XLSX

_XLSX_SHEETS = ("flags", "themes", "unanswered", "status")
_SHEET_NAMES = {"flags": ("标记", "flags"), "themes": ("主题", "themes"), "unanswered": ("未回应的问题", "unanswered"),
                "status": ("文件状态", "status")}
# the workbook is for people: Chinese headers, and the CSVs' machine values named (the CSVs keep the ids)
_HEADERS = {
    "source": "文件", "agency": "机关", "year": "年度", "rule": "规则", "severity": "级别", "message": "说明",
    "evidence_quote": "原文", "evidence_cells": "涉及的表格单元", "format": "格式", "status": "状态",
    "reason": "原因", "n_warnings": "提示数", "sha256": "SHA-256", "n_flags": "标记数", "kind": "类别",
    "theme": "主题代码", "theme_name": "主题", "count": "条数", "unanswered": "未回应", "problem": "问题",
    "themes": "主题代码", "theme_names": "主题",
}
_VALUES = {
    "severity": SEVERITY_NAMES,
    "status": STATUS_NAMES,
    "kind": KIND_NAMES,
    "unanswered": {"true": "是", "false": "否"},
}
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # the workbook's timestamps: the same bytes run after run
_XLSX_REQUIRED = ("flags", "themes", "status")
_NUMERIC = {"year", "count", "n_warnings", "n_flags"}
_MAX_ROWS = 1_048_575  # Excel's rows per sheet, minus the header
_MAX_CELL = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WIDTHS = {"source": 40, "agency": 28, "message": 60, "evidence_quote": 60, "evidence_cells": 40,
           "problem": 60, "reason": 50, "sha256": 20, "theme_name": 16, "theme_names": 24}


def _xlsx_value(col: str, v: str) -> Any:
    if get_lang() == "zh" and v in _VALUES.get(col, {}):
        return _VALUES[col][v]
    if col in _NUMERIC:
        try:
            return int(v)
        except ValueError:
            return v or None
    v = _ILLEGAL.sub("", v)
    return v if len(v) <= _MAX_CELL else v[: _MAX_CELL - 1] + "…"


def write_xlsx(out_dir, path=None) -> Path:
    """One workbook (default ``OUT/scan.xlsx``) with sheets flags, themes, unanswered, status read
    from the CSVs in ``out_dir``; a sheet over Excel's row limit continues in ``name_2``, …

    Streams (openpyxl write-only): rows go from the CSV to the workbook without a DataFrame."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    out_dir = Path(out_dir)
    path = Path(path) if path else out_dir / "scan.xlsx"
    missing = [f"{n}.csv" for n in _XLSX_REQUIRED if not (out_dir / f"{n}.csv").exists()]
    if missing:
        raise ExportError(f"{out_dir}: {', '.join(missing)} not found; write_xlsx needs the CSVs of a scan "
                          f"({', '.join(n + '.csv' for n in _XLSX_REQUIRED)})")
    wb = Workbook(write_only=True)

    zh = get_lang() == "zh"

    def new_sheet(name: str, header: list[str]):
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        for i, col in enumerate(header, 1):
            ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(col, 12)
        ws.append([_HEADERS.get(c, c) for c in header] if zh else header)
        return ws

    def close_sheet(ws, header: list[str], n: int) -> None:
        ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{n + 1}"

    for name in _XLSX_SHEETS:
        csv_path = out_dir / f"{name}.csv"
        if not csv_path.exists():
            continue
        with open(csv_path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            title = _SHEET_NAMES[name][0 if zh else 1]
            ws, part, n = new_sheet(title, header), 1, 0
            for row in reader:
                if n == _MAX_ROWS:
                    close_sheet(ws, header, n)
                    part += 1
                    ws, n = new_sheet(f"{title}_{part}", header), 0
                ws.append([_xlsx_value(c, v) for c, v in zip(header, row)])
                n += 1
            close_sheet(ws, header, n)
    wb.properties.creator = "disclosure-nlp"
    wb.save(path)
    _fix_timestamps(path)
    log.info("wrote %s", path)
    return path


def _fix_timestamps(path: Path) -> None:
    """Rewrite the workbook with fixed zip entry times and fixed core.xml dates, so that the same
    scan writes the same bytes (README: outputs are byte-identical)."""
    import zipfile

    stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % _FIXED_TIME
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms)",
                              lambda m: m.group(1) + stamp.encode() + m.group(2), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, data)
    tmp.replace(path)


def write_resolved(path, resolved: Iterable) -> Path:
    """``resolved.csv`` (UTF-8 with a BOM, ``\\r\\n``, like the other CSVs), sorted by source: the
    glued cells the corpus pass resolved by neighbouring years (``checks.resolve.Resolved``)."""
    path = Path(path)
    rows = sorted((r.row() for r in resolved), key=lambda r: (r[0], r[3]))
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(RESOLVED_COLUMNS)
        w.writerows([excel_safe(v) for v in r] for r in rows)
    return path
