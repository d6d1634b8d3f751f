from disclosure_nlp.themes.evaluate import (confusion_summary, datacard, multilabel_scores, profile,
                                            profile_scores)

from .tiny import records


def test_multilabel_scores_micro_macro_and_support():
    gold = [{"scope"}, {"scope", "staffing"}, {"generic"}]
    pred = [{"scope"}, {"scope"}, {"staffing"}]
    s = multilabel_scores(gold, pred)
    assert s["per_label"]["scope"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2, "predicted": 2}
    assert s["per_label"]["staffing"]["f1"] == 0.0
    assert s["micro"] == {"precision": 0.6667, "recall": 0.5, "f1": 0.5714}
    assert s["macro"]["f1"] == round((1 + 0 + 0) / 3, 4)  # labels with support only
    assert s["exact_match"] == round(1 / 3, 4)


def test_confusions_list_wrong_themes_per_gold_theme():
    conf = confusion_summary([{"scope"}, {"scope"}, {"generic"}], [{"scope", "platform"}, {"platform"}, {"staffing"}])
    assert conf == {"scope": [("platform", 2)], "generic": [("staffing", 1)]}


def test_profile_scores():
    gold = [profile([("problem", ["scope"]), ("improvement", ["scope", "staffing"])])]
    pred = [profile([("problem", ["scope"]), ("improvement", ["mechanism"])])]
    s = profile_scores(gold, pred)
    assert (s["precision"], s["recall"], s["reports"]) == (0.5, round(1 / 3, 4), 1)


def test_datacard_counts_each_theme_and_kind():
    card = datacard(records())
    assert "items: 25 (problem 13, improvement 12)" in card
    assert "| `timeliness` | 4 | 3 | 7 |" in card
    assert "Below 60 items:" in card
