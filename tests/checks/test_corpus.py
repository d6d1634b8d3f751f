"""checks/corpus.py: agency keys, the similarity sketch, and corpus_flags' order and scale paths."""
from __future__ import annotations

import random
import sqlite3

import numpy as np
import pytest

from disclosure_nlp.checks import CheckSettings, SignatureStore, corpus_flags, normalize_agency, signature
from disclosure_nlp.checks.corpus import estimate, jaccard, shared_spans, shingle_hashes
from disclosure_nlp.checks import store as store_module
from disclosure_nlp.checks.store import CorpusView
from disclosure_nlp.similarity import bucket_pairs

PHRASES = ["公开内容的深度和广度还需拓展", "部分栏目信息更新不够及时", "工作人员多为兼职", "业务能力有待提升",
           "政策解读形式比较单一", "加强栏目日常巡查", "组织专题业务培训", "丰富图解视频等解读形式",
           "完善依申请公开办理流程", "规范答复文书格式", "强化政务新媒体管理", "推进基层政务公开标准化"]


@pytest.mark.parametrize("name, key", [
    ("平潭综合实验区管委会", "平潭综合实验区"),
    ("平潭综合实验区管理委员会", "平潭综合实验区"),
    ("平潭县人民政府", "平潭县"),
    ("平潭县政府办公室", "平潭县政府办公室"),  # the office is a body of its own: never grouped with the government
    ("淮安市人民政府办公室", "淮安市人民政府办公室"),
    (" 株洲市住房和城乡建设局（市人防办） ", "株洲市住房和城乡建设局"),
    ("某市ＡＢ局", "某市AB局"),
    (None, None),
])
def test_normalize_agency(name, key):
    assert normalize_agency(name) == key


def _text(rng: random.Random, n: int = 10) -> str:
    return "；".join(rng.choice(PHRASES) + str(rng.randint(0, 999)) for _ in range(n)) + "。"


def test_minhash_estimates_jaccard(report_factory):
    rng = random.Random(7)
    a = _text(rng, 20)
    b = a[:len(a) // 2] + _text(rng, 10)
    ra = signature(report_factory({"sections.problems": a}))
    rb = signature(report_factory({"sections.problems": b}))
    exact = jaccard(shingle_hashes(a), shingle_hashes(b))
    assert 0.2 < exact < 0.8
    assert abs(estimate(ra, rb) - exact) < 0.2
    assert estimate(ra, ra) == 1.0


def test_shared_spans_quote_the_common_text():
    common = "部分栏目信息更新不够及时，工作人员多为兼职"
    spans = shared_spans("甲区" + common + "。甲", "乙县" + common + "。乙")
    assert spans and common in spans[0]


def _boilerplate_corpus(report_factory, n_template: int, n_other: int) -> list:
    rng = random.Random(3)
    template = _text(rng, 12)
    reports = [report_factory({"source": f"t{i:03d}.txt", "agency": f"第{i}区", "sections.problems": f"第{i}区" + template})
               for i in range(n_template)]
    reports += [report_factory({"source": f"o{i:03d}.txt", "agency": f"其他{i}局", "sections.problems": _text(rng, 12)})
                for i in range(n_other)]
    return reports


def test_peer_buckets_larger_than_64_still_flag_every_member(report_factory):
    sigs = [signature(r) for r in _boilerplate_corpus(report_factory, 80, 20)]
    flags = corpus_flags(sigs)
    peer = {src for src, fl in flags.items() if any(f.rule == "BOILERPLATE-PEER" for f in fl)}
    assert peer == {f"t{i:03d}.txt" for i in range(80)}
    first = next(f for f in flags["t000.txt"] if f.rule == "BOILERPLATE-PEER")
    assert first.evidence.cells["peer_count"] == 79 and first.evidence.quote


def test_corpus_flags_do_not_depend_on_input_order(report_factory):
    sigs = [signature(r) for r in _boilerplate_corpus(report_factory, 5, 5)]
    shuffled = sigs[:]
    random.Random(1).shuffle(shuffled)
    a, b = corpus_flags(sigs), corpus_flags(shuffled)
    assert list(a) == list(b) == sorted(a)
    assert {k: [f.to_dict() for f in v] for k, v in a.items()} == {k: [f.to_dict() for f in v] for k, v in b.items()}


def _flag_dicts(flags: dict) -> dict:
    return {k: [f.to_dict() for f in v] for k, v in flags.items()}


def test_a_store_on_disk_gives_the_flags_of_corpus_flags(report_factory, tmp_path):
    reports = _boilerplate_corpus(report_factory, 70, 10)
    reports += [report_factory({"source": f"y{y}.txt", "agency": "丁区人民政府", "year": y,
                                "applications.carried_over.total": y - 2019}) for y in (2021, 2022)]
    sigs = [signature(r) for r in reports]
    with SignatureStore(tmp_path / "signatures.sqlite") as store:
        for i in range(0, len(sigs), 16):  # as chunks come
            store.add_many(sigs[i:i + 16])
        assert len(store) == len(sigs)
        store.run_rules()
        first = list(store.flags())
        store.run_rules()  # a second run replaces the flags, it does not add to them
        assert list(store.flags()) == first
    by_source = dict(first)
    assert _flag_dicts(by_source) == _flag_dicts(corpus_flags(sigs))
    assert {f.rule for fl in by_source.values() for f in fl} >= {"BOILERPLATE-PEER", "YOY-CARRY"}


@pytest.mark.parametrize("blobopen", [False, True])
def test_the_bands_written_without_blobopen_are_the_bands_written_with_it(report_factory, monkeypatch, blobopen):
    # Python 3.10 has no sqlite3.Connection.blobopen: there each batch of a band is a row of its own
    if blobopen and not hasattr(sqlite3.Connection, "blobopen"):
        pytest.skip("sqlite3.Connection.blobopen needs Python >= 3.11")
    sigs = [signature(r) for r in _boilerplate_corpus(report_factory, 30, 7)]
    settings = CheckSettings()
    eligible = sum(g.n_shingles >= settings.min_shingles for g in sigs)
    width = settings.minhash_perms // settings.lsh_bands
    reference = _flag_dicts(corpus_flags(sigs))
    monkeypatch.setattr(store_module, "_BLOBOPEN", blobopen)
    monkeypatch.setattr(store_module, "_SKETCH_BATCH", 8)  # several batches a band
    with SignatureStore() as store:
        store.add_many(sigs)
        corpus = CorpusView(store._db, settings)
        idx = corpus.peer_sketch()
        assert len(idx) == eligible > 8
        rows = store._db.execute("SELECT count(*) FROM peer_band").fetchone()[0]
        assert rows == settings.lsh_bands * (1 if blobopen else -(-eligible // 8))
        order = [corpus.get(int(i)).minhash for i in idx]
        expected = np.stack([np.frombuffer(m, dtype="<u4") for m in order])
        for b in range(settings.lsh_bands):
            assert np.array_equal(corpus.band(b), expected[:, b * width:(b + 1) * width])
        store.run_rules(settings)
        flags = _flag_dicts(dict(store.flags()))
    assert "BOILERPLATE-PEER" in {f["rule"] for fl in flags.values() for f in fl}
    assert flags == reference


def test_signatures_come_back_from_the_store_unchanged(report_factory):
    sig = signature(report_factory({"applications.carried_over.total": 3}))
    with SignatureStore() as store:
        store.add(sig)
        corpus = CorpusView(store._db, CheckSettings())
        assert corpus.get(0) == sig and len(corpus) == 1


def test_pairs_of_a_bucket_are_expanded_in_batches():
    keys = np.array([b"a", b"b", b"a", b"a", b"c", b"b"], dtype=np.dtype((np.void, 1)))
    eligible = np.array([1, 3, 4, 7, 8, 9])
    want = sorted([1 * 10 + 4, 1 * 10 + 7, 4 * 10 + 7, 3 * 10 + 9])
    for batch in (1, 2, 1 << 18):
        assert bucket_pairs(keys, eligible, 10, batch=batch).tolist() == want


# ----------------------------------------------------------------------------- copies and agency names

_RULES = CheckSettings().with_overrides({"rules": "YOY-CARRY,BOILERPLATE-YOY,BOILERPLATE-PEER"})
_FIVE = ("本机关政府信息公开工作仍有不足：一是栏目更新不够及时，二是解读形式单一，三是人员多为兼职。"
         "下一步将加强栏目巡查，丰富解读形式，组织专题培训，提升办理质量，完善公开目录。")


def test_one_report_in_two_formats_is_one_report_named_together(report_factory):
    reports = [
        report_factory({"source": "d/x2021.txt", "agency": "戊县人民政府", "year": 2021,
                        "applications.carried_forward.total": 2, "sections.problems": "上年的五：" + _FIVE}),
        # the same 2022 report saved as text and as the site's page, its agency printed two ways
        report_factory({"source": "d/x2022.txt", "agency": "戊县人民政府", "year": 2022, "sha256": "aa",
                        "applications.carried_over.total": 5, "sections.problems": _FIVE}),
        report_factory({"source": "d/x2022.html", "agency": "戊县", "year": 2022, "sha256": "bb",
                        "applications.carried_over.total": 5, "sections.problems": _FIVE}),
        # the same text twice under another name
        report_factory({"source": "e/y2022.txt", "agency": "己区教育局", "year": 2022, "sha256": "cc",
                        "sections.problems": "另一份五：" + _FIVE[::-1]}),
        report_factory({"source": "e/y2022 (1).txt", "agency": "己区教育局局", "year": 2022, "sha256": "cc",
                        "sections.problems": "另一份五：" + _FIVE[::-1]}),
    ]
    flags = corpus_flags([signature(r) for r in reports], _RULES)
    rules = {src: sorted(f.rule for f in fl) for src, fl in flags.items()}
    # one YOY-CARRY for the report (on the first of its copies), none between its copies, no
    # boilerplate between copies
    assert rules == {"d/x2022.html": ["BOILERPLATE-YOY", "YOY-CARRY"]}
    for f in flags["d/x2022.html"]:
        assert f.evidence.cells["same_report_as"] == ["d/x2022.txt"]


def test_copies_are_represented_by_the_copy_read_with_least_doubt(report_factory):
    glued = report_factory({"source": "z/r2022.txt", "agency": "庚市统计局", "year": 2022,
                            "applications.carried_over.total": None,
                            "uncertain_cells": ["applications.carried_over.total"],
                            "cell_alternatives": {"applications.carried_over.total": [12, 1]}})
    clean = report_factory({"source": "z/r2022.html", "agency": "庚市统计局", "year": 2022,
                            "applications.carried_over.total": 12})
    last = report_factory({"source": "z/r2021.txt", "agency": "庚市统计局", "year": 2021,
                           "applications.carried_forward.total": 1})
    flags = corpus_flags([signature(r) for r in (glued, clean, last)], _RULES)
    (flag,) = flags["z/r2022.html"]
    assert flag.rule == "YOY-CARRY" and flag.evidence.cells["same_report_as"] == ["z/r2022.txt"]
    assert "z/r2022.txt" not in flags


def test_an_office_alias_table_groups_names_no_rule_could(report_factory, tmp_path):
    from disclosure_nlp.agencies import load_aliases

    table = tmp_path / "aliases.csv"
    table.write_text("name,canonical\n辛城开发区管理机构,辛城经济技术开发区管理委员会\n", encoding="utf-8-sig")
    reports = [report_factory({"source": "k2021.txt", "agency": "辛城经济技术开发区管理委员会", "year": 2021,
                               "applications.carried_forward.total": 3}),
               report_factory({"source": "k2022.txt", "agency": "辛城开发区管理机构", "year": 2022,
                               "applications.carried_over.total": 0})]
    assert corpus_flags([signature(r) for r in reports], _RULES) == {}
    flags = corpus_flags([signature(r) for r in reports], _RULES, aliases=load_aliases(table))
    (flag,) = flags["k2022.txt"]
    assert flag.rule == "YOY-CARRY"
    assert flag.evidence.cells["agency_canonical"] == "辛城经济技术开发区管理委员会"


@pytest.mark.parametrize("names, together", [
    (("甲江区人民政府", "乙州市甲江区人民政府"), True),          # the parent city left out
    (("丙湖新区管委会", "丙湖新区"), True),                       # 管委会
    (("丁市科委", "丁市科学技术委员会"), True),                   # an abbreviation
    (("某市公安局", "另一市公安局"), False),                      # the same short name, two cities
])
def test_agency_names_grouped(names, together):
    from disclosure_nlp.agencies import AgencyIndex

    index = AgencyIndex([*names, "公安局", "戊市公安局"])
    assert (index.group(names[0]) == index.group(names[1])) is together


def test_a_tail_two_agencies_share_stays_apart():
    from disclosure_nlp.agencies import AgencyIndex

    index = AgencyIndex(["某市公安局", "另一市公安局", "公安局"])
    assert len({index.group(n) for n in ("某市公安局", "另一市公安局", "公安局")}) == 3


# ----------------------------------------------------------------------------- the second pass

def _glued_2019(report_factory, source, year, run_cells, alternatives, agency="壬县市场监督管理局"):
    spec = {"source": source, "agency": agency, "year": year, "layout": "2019"}
    for f, v in zip(("prior_items", "change", "decisions"), run_cells):
        spec[f"active_disclosure.licensing.{f}"] = v
    spec["uncertain_cells"] = [f"active_disclosure.licensing.{f}" for f in alternatives]
    spec["cell_alternatives"] = {f"active_disclosure.licensing.{f}": v for f, v in alternatives.items()}
    return report_factory(spec)


def test_a_glued_2019_row_resolved_by_last_years_report_in_the_same_scan(report_factory):
    from disclosure_nlp.parse import digits
    from disclosure_nlp.parse.tables import _score_t2

    # 3960181 as the parser left it: every split, 39 | 60 | 181 chosen (as before the priors)
    ranked, _ = digits.rank_splits("licensing", ("prior_items", "change", "decisions"),
                                   digits.split_free("3960181", 3), {}, _score_t2)
    first = ("39", "60", "181")
    order = [first] + [c for c in ranked if c != first]
    alts = {f: list(dict.fromkeys(int(c[i]) for c in order)) for i, f in enumerate(("prior_items", "change", "decisions"))}
    this = _glued_2019(report_factory, "s/r2020.txt", 2020, (39, 60, 181), alts)
    last = report_factory({"source": "s/r2019.txt", "agency": "壬县市场监督管理局", "year": 2019, "layout": "2019",
                           "active_disclosure.licensing.prior_items": 390, "active_disclosure.licensing.change": 6,
                           "active_disclosure.licensing.decisions": 150})
    with SignatureStore() as store:
        store.add_many([signature(this), signature(last)])
        store.run_rules()
        resolved = {(r.source, r.cell): r for r in store.resolved()}
    assert {k[1]: r.value for k, r in resolved.items()} == {
        "active_disclosure.licensing.prior_items": 396, "active_disclosure.licensing.change": 0,
        "active_disclosure.licensing.decisions": 181}
    r = resolved[("s/r2020.txt", "active_disclosure.licensing.prior_items")]
    assert r.by == ("s/r2019.txt",) and r.alternatives[0] == 39
    assert r.row()[4] == "表二 行政许可 · 上一年项目数量"


def test_a_glued_in_force_row_resolved_by_next_and_last_year(report_factory):
    fields = ("issued", "repealed", "in_force")
    glued = report_factory({
        "source": "t/n2022.txt", "agency": "癸区司法局", "year": 2022,
        **{f"active_disclosure.normative_documents.{f}": v for f, v in zip(fields, (72, 4, 0))},
        "uncertain_cells": [f"active_disclosure.normative_documents.{f}" for f in fields],
        "cell_alternatives": {"active_disclosure.normative_documents.issued": [72, 7],
                              "active_disclosure.normative_documents.repealed": [4, 2, 24],
                              "active_disclosure.normative_documents.in_force": [0, 40]}})
    last = report_factory({"source": "t/n2021.txt", "agency": "癸区司法局", "year": 2021,
                           "active_disclosure.normative_documents.in_force": 35})
    alone = corpus_flags([signature(glued)])
    with SignatureStore() as store:
        store.add_many([signature(glued), signature(last)])
        store.run_rules()
        values = {r.cell.rsplit(".", 1)[1]: r.value for r in store.resolved()}
    assert values == {"issued": 7, "repealed": 2, "in_force": 40}
    assert alone == {}


def test_no_neighbour_resolves_nothing_and_the_cells_stay_listed(report_factory):
    glued = _glued_2019(report_factory, "u/r2020.txt", 2020, (39, 60, 181),
                        {"prior_items": [39, 396], "change": [60, 0], "decisions": [181]})
    other = report_factory({"source": "u/x2019.txt", "agency": "另一县市场监督管理局", "year": 2019, "layout": "2019",
                            "active_disclosure.licensing.prior_items": 390, "active_disclosure.licensing.change": 6})
    with SignatureStore() as store:
        store.add_many([signature(glued), signature(other)])
        store.run_rules()
        assert store.resolved() == []


def test_a_government_and_its_office_are_two_agencies(report_factory):
    reports = [report_factory({"source": "g2021.txt", "agency": "癸市人民政府", "year": 2021,
                               "applications.carried_forward.total": 3}),
               report_factory({"source": "o2022.txt", "agency": "癸市人民政府办公室", "year": 2022,
                               "applications.carried_over.total": 1})]
    assert corpus_flags([signature(r) for r in reports], _RULES) == {}


def test_two_different_reports_of_one_year_prove_nothing_about_the_next(report_factory):
    """Two reports of 2021 under one name (not copies): which one 2022 carries over from is unknown."""
    reports = [report_factory({"source": "p2021a.txt", "agency": "子县教育局", "year": 2021,
                               "applications.carried_forward.total": 3, "sections.problems": "甲" * 40}),
               report_factory({"source": "p2021b.txt", "agency": "子县教育局", "year": 2021,
                               "applications.carried_forward.total": 7, "sections.problems": "乙" * 40}),
               report_factory({"source": "p2022.txt", "agency": "子县教育局", "year": 2022,
                               "applications.carried_over.total": 3, "sections.problems": "丙" * 40})]
    assert "YOY-CARRY" not in {f.rule for fl in corpus_flags([signature(r) for r in reports], _RULES).values()
                               for f in fl}


def test_year_over_year_stays_quiet_beyond_the_readings_it_can_try(report_factory):
    from disclosure_nlp.checks.corpus import _MAX_COMBOS

    many = list(range(100, 100 + int(_MAX_COMBOS ** 0.5) + 2))  # more combinations than are tried
    reports = [report_factory({"source": "q2021.txt", "agency": "丑县统计局", "year": 2021,
                               "applications.carried_forward.total": None,
                               "uncertain_cells": ["applications.carried_forward.total"],
                               "cell_alternatives": {"applications.carried_forward.total": many}}),
               report_factory({"source": "q2022.txt", "agency": "丑县统计局", "year": 2022,
                               "applications.carried_over.total": None,
                               "uncertain_cells": ["applications.carried_over.total"],
                               "cell_alternatives": {"applications.carried_over.total": [v + 10_000 for v in many]}})]
    assert corpus_flags([signature(r) for r in reports], _RULES) == {}
