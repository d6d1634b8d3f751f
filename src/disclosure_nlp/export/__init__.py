"""Writers of a scan's outputs: reports.jsonl, flags/status/themes/unanswered CSVs, the XLSX
workbook and the review page. Imports only the data model (and, for the theme names and the
unanswered-problems definition, ``themes`` and ``checks.themes``)."""
from .html import ReviewCollector, write_review_html
from .jsonl import ReportsWriter, done_hashes, done_sources, read_reports
from .outputs import ScanOutputs
from .summary import summarize, theme_counts, unanswered_problems, unanswered_themes
from .tables import (ExportError, FlagsWriter, StatusWriter, ThemesWriter, UnansweredWriter,
                     write_xlsx)

__all__ = ["ReportsWriter", "read_reports", "done_hashes", "done_sources",
           "FlagsWriter", "StatusWriter", "ThemesWriter", "UnansweredWriter", "write_xlsx", "ExportError",
           "ReviewCollector", "write_review_html", "ScanOutputs",
           "summarize", "theme_counts", "unanswered_problems", "unanswered_themes"]
