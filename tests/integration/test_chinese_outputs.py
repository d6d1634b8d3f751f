"""Chinese first: on the shared real corpus, no flag message, status reason or warning a person
reads in the default outputs names an internal field path or is an English sentence; ``--lang en``
gives English."""
from __future__ import annotations

import csv
import json
import re

import pytest

from disclosure_nlp.batch import BatchOptions
from disclosure_nlp.scanner import scan
from disclosure_nlp.i18n import set_lang
from disclosure_nlp.pipeline import Settings

# a schema path (applications.granted.total, review_litigation.review.corrected, sections.problems …)
PATH = re.compile(r"\b(?:applications|review_litigation|active_disclosure|sections|stated|items)\.[a-z_]+")
# three English words in a row: a sentence, not a rule id, a file name or a unit
ENGLISH = re.compile(r"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")


def _texts(out) -> list[tuple[str, str]]:
    texts = []
    for row in csv.DictReader(open(out / "flags.csv", encoding="utf-8-sig", newline="")):
        texts.append(("flag " + row["rule"], row["message"]))
    for row in csv.DictReader(open(out / "status.csv", encoding="utf-8-sig", newline="")):
        texts.append(("reason", row["reason"]))
    for line in open(out / "reports.jsonl", encoding="utf-8"):
        d = json.loads(line)
        texts += [("warning", w) for w in d.get("warnings", ())]
    return texts


@pytest.fixture(scope="module")
def scanned(real_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("zh")
    scan(real_dir, out, Settings(), BatchOptions(workers=1))
    return out


def test_default_outputs_are_chinese_without_field_paths(scanned):
    texts = _texts(scanned)
    assert len([t for k, t in texts if k.startswith("flag")]) >= 5 and any(k == "warning" for k, _ in texts)
    bad = [(k, t) for k, t in texts if t and (PATH.search(t) or ENGLISH.search(re.sub(r"\S+\.(?:txt|html|md|pdf|docx|json|csv)\b", "", t)))]
    assert not bad, bad[:10]


def test_lang_en_gives_english(real_dir, tmp_path):
    set_lang("en")
    try:
        scan(real_dir, tmp_path, Settings(lang="en"), BatchOptions(workers=1))
    finally:
        set_lang("zh")
    messages = [t for k, t in _texts(tmp_path) if k.startswith("flag")]
    assert messages and all(not re.search(r"[\u4e00-\u9fff]{6,}", re.sub(r"[“「(（].*?[”」)）]", "", m)) or ENGLISH.search(m)
                            for m in messages)
