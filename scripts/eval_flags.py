"""The fixed-id flags of the full pipeline against the real reports' ``report_errors`` (../shared).

    python scripts/eval_flags.py [--verbose] [--cases]

Runs read → parse → figures → checks on every shared real report that has a ``*.tables.json``
(every format of it: .txt, .html, .pdf, .md) and prints, per report: the expected fixed-id flags
(``report_errors``; ``confidence: low`` marked ``?``), the flags raised, TP / FP / FN, and any
flag raised where ``ambiguous_not_errors`` says nothing may fire; then precision and recall.

A flag covers an expected error when the rule ids match and, where the error names a cell, the
flag's evidence names that cell (or one under it). A low-confidence error is never a miss, and
a flag that covers one is counted neither as TP nor as FP (``low``).

``--cases`` also scores the per-report rules on the invented fixtures of tests/checks/cases (one
per failure class: rows not read, deadline claims, groups named, column figures, compound figures,
shares, 表四 / carry-over / 表二 figures): a ``fires`` case is right when the rule fires (with the
case's count), a ``quiet`` case when it does not. Run it with an older ``src`` on PYTHONPATH to
measure before → after.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from disclosure_nlp.pipeline import Pipeline, Settings

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
FIXED = ("T3-", "T4-", "NARR-")
READABLE = (".txt", ".html", ".pdf", ".md", ".docx")


def covers(flag, error: dict) -> bool:
    if flag.rule != error["rule"]:
        return False
    where = error.get("where", "")
    if not where.startswith(("applications.", "review_litigation.", "active_disclosure.")):
        return True
    return any(p == where or p.startswith(where + ".") for p in flag.evidence.cells)


def on_ambiguous(flag, amb: list) -> bool:
    for a in amb:
        where = a.get("where", "") if isinstance(a, dict) else str(a)
        quote = a.get("quote", "") if isinstance(a, dict) else ""
        if quote and quote in (flag.evidence.quote or "") or quote and (flag.evidence.quote or "") in quote:
            return True
        if where and any(p == where or p.startswith(where + ".") for p in flag.evidence.cells):
            return True
    return False


def main(verbose: bool = False) -> int:
    if not REAL.exists():
        print(f"{REAL} not found")
        return 2
    pipe = Pipeline(Settings(stages=("figures", "checks")))
    tp = fp = fn = low = amb_hits = 0
    print(f"{'report':34} {'expected':44} {'raised':44} TP FP FN amb")
    for tj in sorted(REAL.glob("*.tables.json")):
        truth = json.loads(tj.read_text(encoding="utf-8"))
        stem = tj.name[: -len(".tables.json")]
        errors = truth.get("report_errors") or []
        amb = truth.get("ambiguous_not_errors") or []
        for src in sorted(p for p in REAL.glob(stem + ".*") if p.suffix in READABLE):
            rep = pipe.process_file(src)
            flags = [f for f in rep.flags if f.rule.startswith(FIXED)]
            r_tp = r_fp = r_fn = r_amb = 0
            for f in flags:
                hit = [e for e in errors if covers(f, e)]
                if not hit:
                    r_fp += 1
                elif all(e.get("confidence") == "low" for e in hit):
                    low += 1
                if on_ambiguous(f, amb):
                    r_amb += 1
            for e in errors:
                found = any(covers(f, e) for f in flags)
                if e.get("confidence") == "low":
                    continue
                if found:
                    r_tp += 1
                else:
                    r_fn += 1
            tp, fp, fn, amb_hits = tp + r_tp, fp + r_fp, fn + r_fn, amb_hits + r_amb
            exp = ", ".join(e["rule"] + ("?" if e.get("confidence") == "low" else "") for e in errors) or "-"
            got = ", ".join(f.rule for f in flags) or "-"
            print(f"{src.name:34} {exp:44} {got:44} {r_tp:2} {r_fp:2} {r_fn:2} {r_amb:3}  [{rep.status}]")
            if verbose:
                for f in flags:
                    print(f"      {f.rule} [{f.severity}] {f.message}")
                    print(f"         cells={list(f.evidence.cells)[:6]} quote={f.evidence.quote[:60]!r}")
                for f in rep.flags:
                    if f.rule == "PARSE-INCOMPLETE":
                        print(f"      {f.rule}: {f.message}")
                if rep.reason:
                    print(f"      reason: {rep.reason}")
    # the real reports without a truth file (the free pre-2019 format): what fires there is listed
    truthful = {tj.name[: -len(".tables.json")] for tj in REAL.glob("*.tables.json")}
    for src in sorted(p for p in REAL.iterdir() if p.suffix in READABLE and p.name.split(".")[0] not in truthful
                      and p.name != "README.md"):
        rep = pipe.process_file(src)
        got = ", ".join(f.rule for f in rep.flags if f.rule.startswith(FIXED)) or "-"
        print(f"{src.name:34} {'(no truth file)':44} {got:44}             [{rep.status}]")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"TOTAL TP {tp} FP {fp} FN {fn} (low-confidence hits {low}); on ambiguous_not_errors {amb_hits}; "
          f"precision {precision:.2f} recall {recall:.2f}")
    return 0


def score_cases() -> None:
    import inspect

    import yaml

    import disclosure_nlp.narrative.figures as figures
    from disclosure_nlp.checks import CheckSettings, registry, run_rules

    tests = Path(__file__).resolve().parents[1] / "tests" / "checks"
    sys.path.insert(0, str(tests))
    import checks_helpers

    if "section" not in inspect.signature(figures.extract_figures).parameters:  # an older src
        extract = figures.extract_figures
        checks_helpers.extract_figures = lambda text, section="": extract(text)
    rules = registry()
    right, total, wrong = 0, 0, []
    for path in sorted((tests / "cases").glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        rid = spec["rule"]
        if rid not in rules or rules[rid].scope != "report":
            continue
        for kind in ("fires", "quiet"):
            for case in spec.get(kind) or ():
                settings = CheckSettings().with_overrides(case.get("settings") or {})
                report = run_rules(checks_helpers.make_report(case.get("report") or {}), settings)
                mine = [f for f in report.flags if f.rule == rid]
                severe = [f for f in mine if f.severity == case.get("severity", rules[rid].severity)]
                ok = (bool(severe) and ("count" not in case or len(severe) == case["count"])) if kind == "fires" \
                    else not mine
                total, right = total + 1, right + ok
                if not ok:
                    wrong.append(f"{rid} {kind}: {case['name']}")
    print(f"rule cases right: {right}/{total}")
    for w in wrong:
        print("    wrong:", w)


if __name__ == "__main__":
    code = main("--verbose" in sys.argv)
    if "--cases" in sys.argv:
        score_cases()
    sys.exit(code)
