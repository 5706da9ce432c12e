"""The 绩效监控表 and the 绩效监控报告, opened and read back."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.core.monitoring_review import review_monitoring
from jixiao.core.profile import load_profile
from jixiao.io.layout_files import LayoutError
from jixiao.io.monitoring_layout import load_monitoring_layout
from jixiao.io.monitoring_outputs import write_monitoring_outputs
from tests.monitoring_builders import D, small_round, with_department_goals, with_progress

RULES = load_profile().monitoring
LAYOUT = load_monitoring_layout()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    # P1 blue: 完成数 10 of a 10 target by July; P2 red on execution.
    data = with_progress(small_round(), 0, value=D(10))
    folder = tmp_path_factory.mktemp("out")
    return write_monitoring_outputs(review_monitoring(data, RULES), LAYOUT, folder, "m")


def rows(sheet) -> list[list[object]]:
    return [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]


def cell_with(sheet, text: str):
    return next(c for row in sheet.iter_rows() for c in row if c.value == text)


def test_the_department_form_lists_every_project_with_its_colour(outputs) -> None:
    sheet = openpyxl.load_workbook(outputs["forms"])["部门整体"]
    table = rows(sheet)
    assert ["红色", "黄色", "绿色", "蓝色"] in table and ["1", "0", "0", "1"] in table
    assert [
        "年初预算数",
        "全年预算数",
        "1-7月执行数",
        "执行率",
        "序时进度",
        "全年预计执行数",
    ] in table
    assert [15, 15, 7, "46.7%", "58.3%", 14.5] in table
    p2 = next(row for row in table if row[:1] == ["P2"])
    assert p2[2:8] == [5, 1, "20.0%", "58.3%", 4.5, "红色"]
    assert p2[-1] == "继续实施"


def test_a_colour_is_a_fill_and_a_word(outputs) -> None:
    sheet = openpyxl.load_workbook(outputs["forms"])["P2"]
    red = [c for row in sheet.iter_rows() for c in row if c.value == "红色"]
    assert red and all(c.fill.fgColor.rgb.endswith("F4B6B6") for c in red)


def test_the_project_form_has_the_official_columns(outputs) -> None:
    sheet = openpyxl.load_workbook(outputs["forms"])["P1"]
    table = rows(sheet)
    headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "1-7月完成值", "全年预计完成值",
               "完成可能性", "偏差原因", "纠偏措施", "预警"]  # fmt: skip
    assert headers in table
    # A blue row left unexplained shows its empty cause and measure (the review says so).
    assert [
        "产出指标",
        "数量指标",
        "完成数",
        "≥10个",
        "10个",
        "10",
        "确定能",
        "",
        "",
        "蓝色",
    ] in table
    assert ["项目预警", "蓝色"] in table
    assert cell_with(sheet, "项目绩效监控表").font.b


def test_the_report_is_written_from_the_round(outputs) -> None:
    document = docx.Document(str(outputs["report"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "示例街道办事处2024年1-7月绩效运行监控报告"
    assert "共监控项目 2 个、绩效指标 8 个" in text
    assert "1-7月执行 7.00 万元，执行率 46.7%，序时进度 58.3%" in text
    assert "按项目汇总，红色 1 个，黄色 0 个，绿色 0 个，蓝色 1 个。" in text
    assert (
        "“社区服务”：预算执行偏差原因为经费：上级资金 6 月才下达，纠偏措施为8 月底前完成拨付。"
        in text
    )
    assert "“社区服务”为红色预警项目，工作组意见为“继续实施”。" in text
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == [
        "社区服务",
        "5.00",
        "1.00",
        "20.0%",
        "58.3%",
        "红色",
    ]


def test_a_layout_naming_an_unknown_field_is_a_chinese_error(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/jixiao/io/monitoring_layouts/default.toml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('"likelihood", 10]', '"chance", 10]'), encoding="utf-8")
    with pytest.raises(LayoutError, match="字段 chance 不存在"):
        load_monitoring_layout(path)


def test_the_department_goals_are_on_the_department_form_and_in_the_report(tmp_path) -> None:
    # 新增经济项目 at 8 of 10 by July: 137% of the time line, blue, with its cause missing.
    review = review_monitoring(with_department_goals(small_round(), D(8)), RULES)
    assert [f.code for f in review.findings] == ["MONITOR_CAUSE_MISSING", "MONITOR_MEASURE_MISSING"]
    outputs = write_monitoring_outputs(review, LAYOUT, tmp_path, "m")
    table = rows(openpyxl.load_workbook(outputs["forms"])["部门整体"])
    assert ["部门整体绩效指标完成情况"] in table
    assert [
        "产出指标",
        "数量指标",
        "新增经济项目",
        "≥10个",
        "8个",
        "10",
        "确定能",
        "",
        "",
        "蓝色",
    ] in table
    text = "\n".join(p.text for p in docx.Document(str(outputs["report"])).paragraphs)
    assert "监控的 11 个绩效指标中，绿色 10 个、蓝色 1 个。" in text
