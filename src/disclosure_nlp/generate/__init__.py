"""Synthetic annual reports with known truth, rendered in every input format.

``draw_report`` / ``draw_corpus`` draw reports (tables consistent by construction, narrative
whose figures match them, optional injected defects named by rule id); ``render`` turns one
into the bytes of a txt, glued txt, html, docx, pdf or md file; ``truth_dict`` is what a parser
must read back.
"""
from .corpus import generate_corpus, write
from .draw import draw_corpus, draw_report, iter_corpus
from .model import (DEFECTS, REPORT_DEFECTS, SERIES_DEFECTS, Agency, GeneratorError, SyntheticItem,
                    SyntheticReport, truth_dict)
from .render import FORMATS, render

__all__ = ["DEFECTS", "FORMATS", "REPORT_DEFECTS", "SERIES_DEFECTS", "Agency", "GeneratorError", "SyntheticItem",
           "SyntheticReport", "draw_corpus", "draw_report", "generate_corpus", "iter_corpus", "render",
           "truth_dict", "write"]
