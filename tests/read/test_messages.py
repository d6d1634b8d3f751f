"""Reader and parser messages are Simplified Chinese, English under ``--lang en``."""
from __future__ import annotations

import pytest

from disclosure_nlp.i18n import set_lang
from disclosure_nlp.parse import parse_text
from disclosure_nlp.read import ReadError, read_bytes


@pytest.fixture
def english():
    set_lang("en")
    yield
    set_lang("zh")


def test_reasons_are_chinese_by_default():
    with pytest.raises(ReadError) as info:
        read_bytes(b"", "a.txt")
    assert info.value.reason == "空文件"
    r = parse_text("这是一段与年度报告无关的文字。")
    assert r.reason.startswith("不是政府信息公开工作年度报告：")


def test_reasons_are_english_with_lang_en(english):
    with pytest.raises(ReadError) as info:
        read_bytes(b"", "a.txt")
    assert info.value.reason == "empty file"
    r = parse_text("这是一段与年度报告无关的文字。")
    assert r.reason.startswith("not an annual report: ")
    text = "三、收到和处理政府信息公开申请情况\n申请人情况\n（一）予以公开220000022\n四、政府信息公开行政复议、行政诉讼情况\n"
    assert any(w.startswith("Table 3 ") and "glued cells split ambiguously" in w for w in parse_text(text).warnings)
