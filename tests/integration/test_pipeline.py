"""The pipeline over many files: stage timings, and a failed file that runs no stage."""
from disclosure_nlp.generate import generate_corpus
from disclosure_nlp.pipeline import Pipeline, Settings


def test_process_files_times_every_stage_and_keeps_failures(tmp_path):
    generate_corpus(tmp_path, n=4, seed=3, formats=("txt",), defect_rate=0.0)
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = sorted(p for p in tmp_path.iterdir() if p.suffix == ".txt")
    timings: dict[str, float] = {}
    pipe = Pipeline(Settings(stages=("items", "figures", "checks")))
    reports = pipe.process_files(paths, timings=timings)
    assert [r.source for r in reports] == [str(p) for p in paths]
    assert set(timings) == {"read", "parse", "items", "figures", "checks"}
    assert all(t > 0 for t in timings.values())
    failed = [r for r in reports if r.status == "failed"]
    assert len(failed) == 1 and failed[0].reason == "空文件" and not failed[0].items
    assert all(r.items for r in reports if r.status != "failed")
    again: dict[str, float] = dict(timings)
    pipe.process_files(paths[:1], timings=again)
    assert again["read"] > timings["read"]  # added to, not replaced


def test_items_of_a_huge_section_five_come_from_a_bounded_prefix():
    from disclosure_nlp.pipeline import SECTION_MAX_CHARS, STAGES
    from disclosure_nlp.schema import Report

    stage = STAGES["items"](Settings())
    five = "".join(f"（{i}）第{i}项公开内容更新不及时，栏目维护不到位。\n" for i in range(1, 12000))
    assert len(five) > SECTION_MAX_CHARS
    report = stage(Report(source="big.txt", sections={"problems": five}))
    assert report.status == "partial" and len(report.warnings) == 1 and report.reason == report.warnings[0]
    assert report.warnings[0].startswith("五 存在的主要问题及改进情况长达") and "五的条目拆分只读取了前 200,000 字" in report.warnings[0]
    assert len(report.items) >= 50
    assert all(i.end <= SECTION_MAX_CHARS for i in report.items)
    small = stage(Report(source="s.txt", sections={"problems": five[:2000]}))
    assert small.status == "ok" and not small.warnings and small.items


def test_pipeline_refuses_an_order_that_cannot_work():
    import pytest

    from disclosure_nlp.errors import DisclosureError
    from disclosure_nlp.pipeline import Pipeline, Settings

    with pytest.raises(DisclosureError, match="checks 需要 figures"):
        Pipeline(Settings(stages=("checks", "figures", "items")))
    with pytest.raises(DisclosureError, match="未知的处理阶段"):
        Pipeline(Settings(stages=("items", "nope")))
    Pipeline(Settings(stages=("items", "figures", "checks")))  # a stage left out is the caller's choice
