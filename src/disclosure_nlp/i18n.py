"""The language of what a person reads: Simplified Chinese by default, English with ``--lang en``.

Messages are written where they are made, in both languages: ``t("表三不平衡", "Table 3 does not
balance")``. The language is set once per process (the CLI, and each worker from its
``Settings.lang``); machine ids (rule ids, schema paths, statuses) are never translated.
"""
from __future__ import annotations

LANGS = ("zh", "en")
_lang = "zh"

__all__ = ["LANGS", "get_lang", "set_lang", "t"]


def set_lang(lang: str) -> None:
    """Choose the language of messages for this process; ``zh`` or ``en``."""
    global _lang
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} not in {LANGS}")
    _lang = lang


def get_lang() -> str:
    return _lang


def t(zh: str, en: str) -> str:
    """The message in the current language."""
    return en if _lang == "en" else zh
