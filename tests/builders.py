"""Builders the tests of several stages share: the shared real corpus's place, and a tiny report
text written for the tests (the form's labels only, invented agency and figures)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "corpus" / "real"  # not ours: read at run time, never copied



def load_script():
    """scripts/make_bad_inputs.py imported as the module ``make_bad_inputs`` (once)."""
    if "make_bad_inputs" in sys.modules:
        return sys.modules["make_bad_inputs"]
    spec = importlib.util.spec_from_file_location("make_bad_inputs", REPO / "scripts" / "make_bad_inputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_bad_inputs"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


# 表三 of the tiny report: the same rows as the bad-input script's valid report (one table, there)
T3 = list(load_script().T3_ROWS)


def report_text(glue: bool = False, sep: str = " ") -> str:
    rows = []
    for label, vals in T3:
        v = vals.replace(" ", "") if glue else vals.replace(" ", sep)
        rows.append(label + ("" if glue else sep) + v)
    joiner = "" if glue else "\n"
    return (
        "某某县教育局2023年政府信息公开工作年度报告\n一、总体情况\n全年共收到政府信息公开申请6件。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 0 0 0\n行政规范性文件 3 1 20\n第二十条第（五）项\n行政许可 120\n第二十条第（六）项\n行政处罚 7\n"
        "行政强制 0\n第二十条第（八）项\n行政事业性收费 无\n"
        "三、收到和处理政府信息公开申请情况\n申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
        + joiner.join(rows)
        + "\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计\n"
        + ("100120000000000" if glue else "1 0 0 1 2 0 0 0 0 0 0 0 0 0 0")
        + "\n五、存在的主要问题及改进情况\n一是公开内容不够全面。下一步，我局将加强培训。\n六、其他需要报告的事项\n无。\n"
    )


