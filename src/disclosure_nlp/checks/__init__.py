"""Checks: rules that turn a Report (or a corpus of them) into Flags.

``run_rules(report)`` runs the per-report rules; ``corpus_flags(signatures)`` the corpus rules
(``SignatureStore`` the same over signatures spooled to disk);
``registry()`` lists them all. Importing this package registers every rule.
"""
from .base import CheckSettings, Rule, get_rule, registry, run_rules
from . import arithmetic, completeness, narrative, themes, format, corpus, recurs  # noqa: F401  (register the rules)
from .corpus import Signature, SignatureStore, corpus_flags, normalize_agency, signature
from ..schema import unanswered_problems, unanswered_themes  # noqa: F401  (one definition, in schema)

__all__ = ["CheckSettings", "Rule", "registry", "get_rule", "run_rules", "Signature", "SignatureStore", "signature",
           "corpus_flags", "normalize_agency", "unanswered_problems", "unanswered_themes"]
