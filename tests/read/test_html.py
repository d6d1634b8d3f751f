from disclosure_nlp.read import read_bytes
from disclosure_nlp.read.html import read_html

TABLE = """
<table border="1">
  <tr><td rowspan="2">信息内容</td><td colspan="3">本年</td></tr>
  <tr><td>制发</td><td>废止</td><td>现行<br>有效</td></tr>
  <tr><td>规章</td><td>0</td><td></td><td>5</td></tr>
  <tr><td>商业<br/>
        企业</td><td colspan="2">1</td><td>2</td></tr>
</table>
"""


def test_rowspan_and_colspan_expand_with_text_in_first_cell_only():
    doc = read_html(f"<html><body><p>二、主动公开政府信息情况</p>{TABLE}<p>完</p></body></html>".encode(), "a.html")
    assert doc.text.split("\n") == [
        "二、主动公开政府信息情况",
        "信息内容\t本年\t\t",
        "\t制发\t废止\t现行有效",
        "规章\t0\t\t5",
        "商业企业\t1\t\t2",
        "完",
    ]
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0].rows[2] == ("规章", "0", "", "5")


def test_chrome_is_dropped_and_the_report_body_kept():
    links = "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(40))
    page = f"""<html><head><title>某局2023年政府信息公开工作年度报告_某市人民政府</title>
    <script>var x = "一、本年新收";</script><style>p {{color: red}}</style></head><body>
    <header><h1>某市人民政府门户网站</h1></header>
    <nav><ul>{links}</ul></nav>
    <div class="sidebar"><ul>{links}</ul><p>联系我们 电话 12345</p></div>
    <div class="main"><div class="article">
      <p>一、总体情况</p><p>本年度我局坚持推进政务公开，主动公开各类信息，依申请公开工作规范有序。</p>
      {TABLE}
      <p>五、存在的主要问题及改进情况</p><p>一是公开内容不够全面。二是加强培训。</p>
      <p style="display:none">隐藏的文字</p>
    </div></div>
    <footer>版权所有 某市人民政府 网站标识码</footer></body></html>"""
    doc = read_html(page.encode("utf-8"), "a.html")
    lines = doc.text.split("\n")
    assert lines[0] == "某局2023年政府信息公开工作年度报告"  # the title, without the site name
    assert "一、总体情况" in lines and "五、存在的主要问题及改进情况" in lines
    assert "规章\t0\t\t5" in lines
    for chrome in ("栏目", "版权所有", "联系我们", "var x", "color", "隐藏", "门户网站"):
        assert chrome not in doc.text
    assert doc.warnings == ()


def test_meta_charset_gbk_and_sniffing_without_suffix():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           "<body><p>三、收到和处理政府信息公开申请情况</p></body></html>"
    doc = read_bytes(page.encode("gbk"), "download", None)
    assert doc.fmt == "html" and doc.encoding == "gb18030"
    assert doc.text == "三、收到和处理政府信息公开申请情况"


def test_layout_and_nested_tables_are_flattened_in_order():
    page = """<body><table><tr><td>
      <p>一、总体情况</p><p>正文内容。</p>
      <table><tr><td>行政许可</td><td>550</td></tr><tr><td>行政处罚</td><td>7</td></tr></table>
      <p>六、其他需要报告的事项</p>
    </td></tr></table></body>"""
    doc = read_html(page.encode(), "a.html")
    assert doc.text.split("\n") == ["一、总体情况", "正文内容。", "行政许可\t550", "行政处罚\t7",
                                    "六、其他需要报告的事项"]


def test_paragraph_wraps_in_source_are_joined():
    doc = read_html("<p>本报告由\n   某局编制，\n2023 年\nreport\n text</p>".encode(), "a.html")
    assert doc.text == "本报告由某局编制，2023 年 report text"
