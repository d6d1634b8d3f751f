"""Theme classification of problem and improvement items (the ids of TAXONOMY.md)."""
from ..schema import GENERIC, THEME_NAMES, THEMES  # noqa: E402  (ids of TAXONOMY.md)
from .baseline import KeywordClassifier  # noqa: E402
from .classifier import ThemeClassifier  # noqa: E402

__all__ = ["THEMES", "GENERIC", "THEME_NAMES", "ThemeClassifier", "KeywordClassifier"]
