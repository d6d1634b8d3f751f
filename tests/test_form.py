"""form.py: the form's own labels for every schema path, in Chinese and in English."""
from disclosure_nlp.form import cell_label, section_label
from disclosure_nlp.schema import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS


def test_cells_rows_and_groups_are_named_as_the_form_names_them():
    assert cell_label("applications.partially_granted.natural_person") == "表三 三（二）部分公开 · 自然人"
    assert cell_label("applications.denied.state_secret") == "表三 三（三）1 属于国家秘密"
    assert cell_label("applications.denied.state_secret.total") == "表三 三（三）1 属于国家秘密 · 总计"
    assert cell_label("applications.denied.total") == "表三 三（三）不予公开 · 总计"
    assert cell_label("review_litigation.litigation_direct.pending") == "表四 行政诉讼 · 未经复议直接起诉 · 尚未审结"
    assert cell_label("active_disclosure.regulations.in_force") == "表二 规章 · 现行有效件数"
    assert cell_label("applications") == "表三"
    assert section_label("problems") == "五 存在的主要问题及改进情况"


def test_every_cell_has_a_label_without_machine_names():
    paths = [f"applications.{r}.{c}" for r in T3_ROWS for c in T3_COLUMNS]
    paths += [f"review_litigation.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS]
    for p in paths:
        zh, en = cell_label(p), cell_label(p, "en")
        assert "_" not in zh and "." not in zh.replace("（", "") and zh != p, p
        assert en.startswith("Table ") and "_" not in en, p


def test_unknown_paths_come_back_unchanged():
    assert cell_label("sections.problems") == "sections.problems"
    assert cell_label("applications.no_such_row.total") == "applications.no_such_row.total"


def test_the_forms_tables_have_exactly_the_schemas_rows_and_columns():
    from disclosure_nlp import form
    from disclosure_nlp.schema import T2_2019, T2_2021, T3_ROWS_2019
    assert list(form.T3_ROW_LABELS) == list(T3_ROWS) == list(form.T3_ROW_WORDS)
    assert [k for k in form.T3_ROW_FORM_TEXT if k in T3_ROWS] == list(T3_ROWS)
    assert [k for k in form.T3_ROW_FORM_TEXT_2019 if k in T3_ROWS] == list(T3_ROWS_2019)
    assert set(form.T3_ROW_FORM_TEXT) - set(T3_ROWS) == set(form.T3_GROUP_LABELS) | {"results"}
    assert list(form.T3_COLUMN_LABELS) == list(T3_COLUMNS)
    assert list(form.T4_GROUP_LABELS) == list(T4_GROUPS)
    assert list(form.T4_COLUMN_LABELS) == list(T4_COLUMNS)
    t2_rows = set(T2_2021) | set(T2_2019)
    assert set(form.T2_ROW_LABELS) == set(form.T2_ROW_WORDS) == t2_rows
    t2_fields = {f for spec in (T2_2021, T2_2019) for fs in spec.values() for f in fs}
    assert set(form.T2_FIELD_LABELS) == set(form.T2_FIELD_WORDS) == t2_fields
    for layout, spec in (("2021", T2_2021), ("2019", T2_2019)):
        assert list(form.T2_ROW_FORM_TEXT[layout]) == list(spec)
        assert set(form.T2_FIELD_FORM_TEXT[layout]) == {f for fs in spec.values() for f in fs}
        blocks = form.T2_FORM_BLOCKS[layout]
        assert [k for _, keys in blocks for k in keys] == list(spec)
        for _, keys in blocks:  # one header row over each block: its rows have the same fields
            assert len({spec[k] for k in keys}) == 1, keys
