from disclosure_nlp.read import read_bytes
from disclosure_nlp.read.markdown import read_markdown

MD = """## 表三：收到和处理政府信息公开申请情况
**一、总体情况**
| 信息内容 | 本年制发件数 | 本年废止件数 |
|---|---|---|
| 规章 | 0 | 0 |
|---|---|---|
|---|---|---|
| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 |  |
| a \\| b | <br>商业<br>企业 |

五、存在的主要问题及改进情况
---
正文
"""


def test_pipe_tables_to_tab_rows_separators_dropped_headings_kept():
    doc = read_markdown(MD.encode(), "a.md")
    assert doc.text.split("\n") == [
        "表三：收到和处理政府信息公开申请情况",
        "一、总体情况",
        "信息内容\t本年制发件数\t本年废止件数",
        "规章\t0\t0",
        "一、本年新收政府信息公开申请数量\t3\t0\t0\t",  # the blank trailing cell is kept
        "a | b\t商业企业",
        "",
        "五、存在的主要问题及改进情况",
        "正文",
        "",
    ]
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and len(tables[0].rows) == 4


def test_markdown_is_sniffed_without_suffix():
    assert read_bytes(MD.encode(), "noext", None).fmt == "md"
