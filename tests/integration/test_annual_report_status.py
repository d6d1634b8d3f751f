"""A document titled as an annual report is read, whatever it lacks; only a document that is no
annual report at all fails (invented agencies and wording)."""
from __future__ import annotations

from disclosure_nlp.pipeline import Pipeline, Settings

OLD = ("青石县农机局2013年政府信息公开工作年度报告\n"
       "一、概述\n本年度我局通过门户网站和公开栏公开农机补贴信息四十二条。\n"
       "二、主动公开政府信息情况\n我局主动公开机构职能、补贴政策和办事指南。\n"
       "三、依申请公开情况\n本年度未收到政府信息公开申请。\n")
NEW_NO_TABLES = ("白沙镇人民政府2022年政府信息公开年度报告\n"
                 "一、总体情况\n本年度我镇围绕乡村振兴公开惠农信息一百余条，更新便民服务指南。\n"
                 "二、主动公开政府信息情况\n我镇在镇政府网站公开预决算和惠农补贴发放情况。\n")
NOT_A_REPORT = ("白沙镇人民政府关于开展秋季护林防火工作的通知\n"
                "各村委会：为做好秋季护林防火工作，现将有关事项通知如下。\n"
                "一、加强巡查。二、落实责任。\n")
NOTICE = ("关于做好2022年政府信息公开工作年度报告编制工作的通知\n"
          "各单位：请于1月31日前报送本单位年度报告。\n")


def _run(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Pipeline(Settings(stages=("items", "figures", "checks"))).process_file(path)


def test_old_annual_report_without_tables_or_five_is_partial_not_failed(tmp_path):
    r = _run(tmp_path, "old.txt", OLD)
    assert r.status == "partial"
    assert r.format_version == "pre2019"
    assert r.reason == "旧格式报告：未找到统计表和“存在的主要问题”部分"
    assert r.sections["overview"].startswith("本年度我局")


def test_new_annual_report_without_tables_reaches_the_rules_on_missing_parts(tmp_path):
    r = _run(tmp_path, "new.txt", NEW_NO_TABLES)
    assert r.status == "partial"
    assert r.reason.startswith("未读到表格数据（未找到表二、表三、表四）")
    assert r.format_version == "2021"  # the layout its year calls for
    assert "problems" not in r.sections
    rules = {f.rule for f in r.flags}
    assert {"SECTION-MISSING", "NO-IMPROVEMENT"} <= rules
    assert "FORMAT-OUTDATED" not in rules


def test_a_document_that_is_no_annual_report_fails(tmp_path):
    for name, text in (("notice.txt", NOT_A_REPORT), ("about.txt", NOTICE)):
        r = _run(tmp_path, name, text)
        assert r.status == "failed", name
        assert r.reason.startswith("不是政府信息公开工作年度报告："), r.reason
        assert not r.flags
