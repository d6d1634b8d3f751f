"""Narrative NLP: word segmentation, sentences, section 五 and its problem/improvement items."""
from .items import split_items
from .section import find_problems_section, problems_section
from .segment import tokenize
from .sentences import sentence_spans, split_sentences

__all__ = ["tokenize", "split_items", "split_sentences", "sentence_spans", "find_problems_section",
           "problems_section"]
