"""An independent reference for the rules the generator injects: which fixed rule ids fire on a
drawn report, judged on its truth alone (used only by the generator's tests)."""
from __future__ import annotations

from disclosure_nlp.generate.tables import broken_identities
from disclosure_nlp.schema import T4_GROUPS

SIMILAR = 0.6  # share of character bigrams two 五 texts have in common to count as copied
MIN_TEXT = 20  # a 五 of 无 or a few words has nothing to copy


def _copied(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= MIN_TEXT and bigram_similarity(a, b) >= SIMILAR


def bigram_similarity(a: str, b: str) -> float:
    x = {a[i:i + 2] for i in range(len(a) - 1)}
    y = {b[i:i + 2] for i in range(len(b) - 1)}
    return len(x & y) / max(1, len(x | y))


def field_value(report, field: str):
    total = 0
    for part in field.split("+"):
        table, _, rest = part.partition(".")
        data = getattr(report, table)
        row, _, col = rest.rpartition(".") if table == "applications" else rest.partition(".")
        total += data[row][col]
    return total


def _refusals_high(apps) -> bool:
    done = apps["total_processed"]["total"]
    refused = sum(v["total"] for k, v in apps.items() if k.split(".")[0] in ("denied", "unable", "not_processed"))
    return apps["new_received"]["total"] >= 10 and done > 0 and refused * 2 >= done


def firing_rules(report, prev=None, peers=()) -> set[str]:
    """Rule ids that fire on ``report``; ``prev`` is last year's report of the agency, ``peers``
    the other agencies' reports of the same year."""
    fired = set(broken_identities(report.applications, report.review_litigation))
    for s in report.stated:
        if s.field.startswith("narrative."):
            continue
        actual = field_value(report, s.field)
        if s.value is not None:
            if s.value != actual and all(s.value != field_value(report, f) for f in s.ambiguous_with):
                fired.add("NARR-NUMBER")
        elif s.claim in ("all_answered", "no_review", "no_litigation") and actual > 0:
            fired.add("NARR-CLAIM")
    if not any(i.kind == "improvement" for i in report.items):
        fired.add("NO-IMPROVEMENT")
    corrected = any(report.review_litigation[g]["corrected"] > 0 for g in T4_GROUPS)
    if (corrected or _refusals_high(report.applications)) and not any(
            i.kind == "problem" and "requests" in i.themes for i in report.items):
        fired.add("THEME-GAP")
    if report.year >= 2021 and report.format_version == "2019":
        fired.add("FORMAT-OUTDATED")
    if prev is not None:
        if any(report.applications["carried_over"][c] != prev.applications["carried_forward"][c]
               for c in report.applications["carried_over"]):
            fired.add("YOY-CARRY")
        if report.format_version == prev.format_version == "2021":
            for key in ("regulations", "normative_documents"):
                a, b = report.active_disclosure[key], prev.active_disclosure[key]
                if a["in_force"] != b["in_force"] + a["issued"] - a["repealed"]:
                    fired.add("YOY-IN-FORCE")
        if _copied(report.sections["problems"], prev.sections["problems"]):
            fired.add("BOILERPLATE-YOY")
    if any(_copied(report.sections["problems"], p.sections["problems"]) for p in peers):
        fired.add("BOILERPLATE-PEER")
    return fired
