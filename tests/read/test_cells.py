from disclosure_nlp.read.cells import clean_cell, join_wrapped, normalize_spaces, render, square
from disclosure_nlp.schema import Block


def test_clean_cell_joins_cjk_wraps_and_spaces_other_joins():
    assert clean_cell(" 商业\n企业 ") == "商业企业"
    assert clean_cell("（一）予以\n 公开") == "（一）予以公开"
    assert clean_cell("2023\n年") == "2023 年"
    assert clean_cell("total\n  count") == "total count"
    assert clean_cell("a\tb") == "a b"  # a cell never holds a tab
    assert clean_cell(None) == ""


def test_join_wrapped_paragraph_mode_keeps_plain_spaces():
    assert join_wrapped("本年 收到\n申请", newline_runs_only=True) == "本年 收到申请"


def test_normalize_spaces():
    assert normalize_spaces("a\u00a0b\u3000c\u200bd\ufeff") == "a b cd"


def test_square_pads_and_drops_empty_rows():
    assert square([["a"], ["b", "c"], ["", ""]]) == (("a", ""), ("b", "c"))


def test_render_tables_as_tab_rows():
    blocks = (Block(kind="text", text="标题"), Block(kind="table", rows=(("a", "", "b"),)))
    assert render(blocks) == "标题\na\t\tb"
