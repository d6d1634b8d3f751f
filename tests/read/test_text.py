import codecs

import pytest

from disclosure_nlp.errors import ReadError
from disclosure_nlp.read import read_bytes
from disclosure_nlp.read.text import decode, read_txt

SAMPLE = "一、本年新收政府信息公开申请数量\n\t21\n\t\n\t0\n五、存在的主要问题及改进情况\n"


@pytest.mark.parametrize("raw, encoding", [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
    (SAMPLE.encode("gbk"), "gb18030"),
    (SAMPLE.encode("gb18030"), "gb18030"),
    (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by the NUL bytes' parity
])
def test_decodes_every_encoding(raw, encoding):
    doc = read_txt(raw, "a.txt")
    assert doc.text == SAMPLE
    assert doc.encoding == encoding
    assert doc.warnings == ()


def test_keeps_lone_tab_lines_and_normalises_newlines_and_spaces():
    raw = "标题\r\n\t0\r\n\t\r\n自然人\u3000总计\u00a0x\r".encode("utf-8")
    doc = read_txt(raw, "a.txt")
    assert doc.text.split("\n") == ["标题", "\t0", "\t", "自然人 总计 x", ""]


def test_glued_and_space_separated_text_pass_through():
    raw = "一、本年新收政府信息公开申请数量801000081二、上年结转 0 0 0".encode("utf-8")
    assert read_txt(raw, "a.txt").text == raw.decode("utf-8")


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_warning():
    raw = SAMPLE.encode("utf-8") * 50 + b"\xe4\xb8"  # cut in the middle of a character
    doc = read_txt(raw, "a.txt")
    assert doc.encoding == "utf-8"
    assert doc.text.startswith(SAMPLE)
    assert doc.warnings and "U+FFFD" in doc.warnings[0]


def test_declared_charset_wins_when_it_fits():
    assert decode("政府".encode("gbk"), "x", declared="gb2312").encoding == "gb18030"


def test_tab_rows_become_table_blocks():
    doc = read_txt("标题\n规章\t0\t0\t0\n规范性文件\t1\t\t2\n".encode(), "a.txt")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["text", "table"]
    assert doc.blocks[1].rows[1] == ("规范性文件", "1", "", "2")


def test_text_blocks_are_worked_out_on_first_use_and_behave_as_a_tuple():
    import pickle

    from disclosure_nlp.read.text import text_blocks

    text = "标题\n规章\t0\t0\t0\n规范性文件\t1\t\t2\n\n结尾"
    doc = read_txt(text.encode(), "a.txt")
    assert doc.blocks == text_blocks(doc.text) and len(doc.blocks) == 3
    assert doc.blocks[-1].text == "结尾" and list(doc.blocks)[0].text == "标题"
    assert pickle.loads(pickle.dumps(doc)).blocks == doc.blocks
    assert doc.blocks != ()


@pytest.mark.parametrize("raw", [
    bytes(range(256)) * 40,  # random-ish binary with NULs
    b"\x00" * 1000,
    bytes((i * 73 + 41) % 256 for i in range(5000) if (i * 73 + 41) % 256),  # binary without NULs
])
def test_binary_is_refused(raw):
    with pytest.raises(ReadError, match="二进制文件"):
        read_bytes(raw, "x.txt")


def test_short_gbk_with_few_chinese_characters_is_not_taken_for_broken_utf8():
    doc = read_txt("2023年 21 0 0".encode("gbk"), "a.txt")
    assert doc.text == "2023年 21 0 0" and doc.encoding == "gb18030"
