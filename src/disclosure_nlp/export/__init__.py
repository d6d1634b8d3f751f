"""Writers of a scan's outputs: reports.jsonl, flags/status/themes/unanswered CSVs, the XLSX
workbook and the review page. Imports the data model (``schema``, also home of the theme names and
the one definition of unanswered problems), ``form`` for the form's labels and ``i18n``."""
from .html import ReviewCollector, write_review_html
from .jsonl import ReportsWriter, done_hashes, done_sources, read_reports
from .outputs import ScanOutputs
from ..schema import unanswered_problems, unanswered_themes
from .summary import summarize, theme_counts
from .tables import (ExportError, FlagsWriter, StatusWriter, ThemesWriter, UnansweredWriter,
                     write_xlsx)

__all__ = ["ReportsWriter", "read_reports", "done_hashes", "done_sources",
           "FlagsWriter", "StatusWriter", "ThemesWriter", "UnansweredWriter", "write_xlsx", "ExportError",
           "ReviewCollector", "write_review_html", "ScanOutputs",
           "summarize", "theme_counts", "unanswered_problems", "unanswered_themes"]
