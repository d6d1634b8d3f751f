import pytest
from lxml import etree

from disclosure_nlp.read import ReadError, read_bytes
from disclosure_nlp.read.html import _Page, declared_charset, read_html

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


def _lines(page: str) -> list[str]:
    return read_html(page.encode("utf-8"), "a.html").text.split("\n")


def test_zero_huge_and_bad_spans_stay_inside_the_table():
    page = """<table>
      <tr><td rowspan="0">合计</td><td colspan="x">甲</td><td>乙</td></tr>
      <tr><td rowspan="99999">1</td><td>2</td></tr>
      <tr><td colspan="0">3</td></tr>
    </table>"""
    # rowspan=0 runs to the last row, rowspan=99999 stops there, colspan x or 0 is one column
    assert _lines(page) == ["合计\t甲\t乙", "\t1\t2", "\t\t3"]


def test_cell_line_breaks_join_like_wrapped_text():
    page = "<table><tr><td><p>商业</p><p>企业</p></td><td>a<br>b</td><td>法人或<div>其他组织</div></td></tr>" \
           "<tr><td>1</td><td>2</td><td>3</td></tr></table>"
    assert _lines(page)[0] == "商业企业\ta b\t法人或其他组织"


def test_hidden_elements_are_dropped_and_text_around_them_kept():
    page = """<body><div>
      <p>一、总体情况</p>
      <p>可见<span hidden>隐藏甲</span>文字</p>
      <div style="DISPLAY : none">隐藏乙</div><div style="visibility:hidden">隐藏丙</div>
      <table><tr><td>行政许可</td><td style="display:none">9</td><td>550</td></tr>
             <tr><td>行政处罚</td><td hidden>9</td><td>7</td></tr></table>
    </div></body>"""
    assert _lines(page) == ["一、总体情况", "可见文字", "行政许可\t550", "行政处罚\t7"]


def test_hiding_styles_in_any_letter_case_and_look_alikes_that_hide_nothing():
    page = """<body><div class="none-of-this"><p>一、总体情况</p>
      <p>甲<span style="display:NONE">隐藏甲</span>乙</p>
      <p style="visibility: Hidden">隐藏乙</p>
      <p style="color: red; Display :\tNone">隐藏丙</p>
      <p style="border: none; visibility: visible" class="hidden">可见丙</p>
      <p style="font-family: Hidden Sans" data-x="display:none">可见丁</p>
      <p style="display: block; text-decoration: NONE">可见戊</p>
    </div></body>"""
    assert _lines(page) == ["一、总体情况", "甲乙", "可见丙", "可见丁", "可见戊"]


def test_without_hiding_styles_the_hidden_attribute_still_hides():
    page = '<body><p style="color: none">一、总体情况</p><p hidden style="margin:0">隐藏</p><p>可见</p></body>'
    assert _lines(page) == ["一、总体情况", "可见"]


def test_script_style_and_form_controls_never_reach_the_text():
    page = """<body><p>正文<script>document.write("脚本甲")</script>继续</p>
      <table><tr><td>规章<script>var b = "脚本乙";</script></td><td>0</td></tr>
             <tr><td>行政许可<style>td {color: red}</style></td><td>5</td></tr></table>
      <noscript>请启用脚本</noscript><select><option>选项</option></select><button>提交</button>
      <p>&lt;script&gt;alert(1)&lt;/script&gt;</p></body>"""
    doc = read_html(page.encode("utf-8"), "a.html")
    assert doc.text.split("\n") == ["正文继续", "规章\t0", "行政许可\t5", "<script>alert(1)</script>"]
    for code in ("脚本", "color", "启用", "选项", "提交"):
        assert code not in doc.text


def test_comments_and_ruby_annotations_are_no_text():
    page = "<p>主动<!-- 注释 -->公开</p><p><ruby>政<rt>zheng</rt><rp>(</rp>务</ruby>公开</p>"
    assert _lines(page) == ["主动公开", "政务公开"]


def test_a_long_prose_cell_makes_a_layout_table():
    prose = "本机关认真贯彻落实条例要求。" * 30  # a cell over 300 characters: page layout
    page = f"<table><tr><td><p>一、总体情况</p><p>{prose}</p></td><td>侧栏</td></tr></table>"
    assert _lines(page) == ["一、总体情况", prose, "侧栏"]


def test_caption_then_rows_and_pre_lines_kept():
    page = "<table><caption>表一 <b>主动公开</b></caption><tr><td>规章</td><td>3</td></tr></table>" \
           "<pre>  第一行  \n\n  第二行</pre>"
    assert _lines(page) == ["表一主动公开", "规章\t3", "  第一行", "  第二行"]


def test_report_title_from_h1_else_from_title_without_site_name():
    body = "<div><p>" + "正文" * 40 + "</p><table><tr><td>a</td><td>1</td></tr></table></div>"
    chrome = "<div>" + "".join(f"<a href='/{i}'>栏目{i}</a>" for i in range(5)) + "</div>"
    head = "<head><title>某局2023年政府信息公开工作年度报告 - 某市人民政府</title></head>"
    assert _lines(f"<html>{head}<body>{chrome}{body}</body></html>")[0] == "某局2023年政府信息公开工作年度报告"
    page = f"<html>{head}<body><h1>某局年度报告</h1>{chrome}{body}</body></html>"
    assert _lines(page)[0] == "某局年度报告"


def test_deep_nesting_reads_up_to_a_point_then_fails_cleanly():
    def nested(depth: int) -> bytes:
        return ("<body><p>首</p>" + "<div>" * depth + "深处" + "</div>" * depth + "</body>").encode()

    assert read_html(nested(300), "a.html").text == "首\n深处"  # past libxml2's default depth cap
    for depth in (1000, 5000):
        with pytest.raises(ReadError, match="HTML嵌套层级过深"):
            read_html(nested(depth), "a.html")


def test_weights_and_table_counts_of_a_very_deep_page_without_recursion():
    depth = 5000  # far past Python's recursion limit (and libxml2's parser): built in place
    top = etree.fromstring("<html><body><div id='chrome'>" + "<a href='/x'>栏目甲</a>" * 30 + "</div>"
                           "<div></div></body></html>", etree.HTMLParser())
    node = top.find("body")[1]
    for _ in range(depth):
        node = etree.SubElement(node, "div")
    node.append(etree.fromstring("<div id='inner'><p>一、总体情况 <a href='/y'>链接</a></p>"
                                 "<table><tr><td>行政许可</td><td>5</td></tr></table></div>"))
    assert len(list(top.iter("div"))) == depth + 3
    body = top.find("body")
    main = _Page(top)._main_container(body)
    assert main.get("id") == "inner"
    page_obj = _Page(top)
    page_obj._measure(body)
    outer = body[1]
    assert page_obj._weight[outer] == len("一、总体情况行政许可5")  # links and spaces not counted
    assert page_obj._weight[body[0]] == 0 and page_obj._table_count[outer] == 1
    assert page_obj._table_count[body[0]] == 0


def test_a_page_nested_near_the_depth_limit_keeps_its_table():
    depth = 880
    page = ("<body><div>" + "<a href='/x'>栏目</a>" * 20 + "</div>" + "<div>" * depth
            + "<p>一、总体情况</p><table><tr><td>行政许可</td><td>5</td></tr></table>" + "</div>" * depth + "</body>")
    assert read_html(page.encode(), "a.html").text == "一、总体情况\n行政许可\t5"


def test_pages_without_text_read_as_empty():
    for page in (b"", b"  \n", b"<!-- only a comment -->", b"<html hidden><body><p>x</p></body></html>"):
        doc = read_html(page, "a.html")
        assert doc.text == "" and doc.blocks == ()


@pytest.mark.parametrize("head, charset", [
    (b'<meta charset="gb2312">', "gb2312"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=GBK'>", "GBK"),
    (b'<?xml version="1.0" encoding="utf-8"?><html>', "utf-8"),
    (b"<html><head><title>x</title>", None),
])
def test_declared_charset(head, charset):
    assert declared_charset(head + b"<body></body>") == charset


def test_charset_from_meta_when_the_bytes_are_gbk_and_utf8_otherwise():
    text = "<html><head><meta charset='gbk'></head><body><p>本年新收政府信息公开申请数量</p></body></html>"
    gbk = read_html(text.encode("gbk"), "a.html")
    assert gbk.encoding == "gb18030" and gbk.text == "本年新收政府信息公开申请数量"
    utf8 = read_html(text.replace("gbk", "utf-8").encode("utf-8"), "a.html")
    assert utf8.encoding == "utf-8" and utf8.text == gbk.text
