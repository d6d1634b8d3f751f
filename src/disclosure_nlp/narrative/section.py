"""Section 五 (存在的主要问题及改进情况) of a report's raw text, found as the parser finds it.

One finder: :func:`disclosure_nlp.parse.sections.find_layout` (its heading, and its end at the
next heading, a signature, a date or an appendix). This module applies it to raw text for
callers that have no parsed ``Report`` at hand (evaluation scripts), so that they read exactly
the text ``Report.sections["problems"]`` holds.
"""
from __future__ import annotations

from typing import Optional

from ..parse.cells import normalize
from ..parse.sections import find_layout


def find_problems_section(text: str) -> Optional[tuple[int, int]]:
    """``(start, end)`` of the body of section 五 in ``text`` (after its heading), or None."""
    return find_layout(normalize(text)).problems


def problems_section(text: str) -> str:
    """The text of section 五 (its heading left out), or ``""`` when there is none; the same
    text as ``parse_text(text).sections["problems"]``."""
    span = find_problems_section(text)
    return text.replace("\u00a0", " ")[span[0]:span[1]].strip() if span else ""
