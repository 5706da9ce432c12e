"""What ``jixiao goals`` writes, read back: the 申报表 drawn from a layout file, the
目标审核意见 as Excel and as Word."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import python_calamine

from jixiao.core.goal_review import review_goals
from jixiao.core.profile import load_profile
from jixiao.io.declaration_layout import LAYOUT_DIR, LayoutError, load_layout
from jixiao.io.declaration_xlsx import write_declarations
from jixiao.io.goal_outputs import write_goal_outputs
from tests.goals_builders import D, goals_department, with_goal, with_project

PROFILE = load_profile()


def sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return workbook.get_sheet_by_name(sheet).to_python()


def texts(rows: list[list[object]]) -> list[str]:
    return [str(cell) for row in rows for cell in row if cell not in ("", None)]


def row_of(rows: list[list[object]], first: str) -> list[object]:
    return next(row for row in rows if first in row)


@pytest.fixture
def goals():
    return with_goal(goals_department(), 0, previous_actual=D(11), target_reason="任务调减")


def test_the_project_form_shows_last_years_actual_beside_the_new_target(tmp_path, goals):
    path = write_declarations(goals, load_layout(), tmp_path / "forms.xlsx")
    assert python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names == ["部门整体", "P1", "P2"]  # fmt: skip
    rows = sheet_rows(path, "P1")
    assert rows[0][0] == "项目支出绩效目标申报表" and rows[1][0] == "（2024年度）"
    header = row_of(rows, "上年度实际水平")
    assert header[: len(header)] == ["一级指标", "二级指标", "三级指标", "指标性质", "上年度实际水平", "本年度计划水平", "分值", "指标值依据"]  # fmt: skip
    first = row_of(rows, "完成数")
    assert first[4:8] == ["11个", "≥10个", 30.0, "计划标准"]
    assert row_of(rows, "年度资金总额")[5] == 10.0  # 100,000 元 in 万元
    assert row_of(rows, "年度总体目标")[2] == "完成辖区环卫保洁。"


def test_the_department_form_has_funds_tasks_goal_and_indicators(tmp_path, goals):
    rows = sheet_rows(write_declarations(goals, load_layout(), tmp_path / "forms.xlsx"), "部门整体")
    assert rows[0][0] == "部门整体支出绩效目标申报表"
    budget = row_of(rows, "一般公共预算")
    assert [value for value in budget if isinstance(value, float)] == [45.0, 30.0, 15.0]
    assert {"环卫保洁。", "社区服务。", "建设宜居街道。", "营商环境", "≥95%"} <= set(texts(rows))


def test_a_provinces_layout_is_a_file(tmp_path, goals):
    text = (LAYOUT_DIR / "default.toml").read_text(encoding="utf-8")
    variant = tmp_path / "province.toml"
    variant.write_text(text.replace('["上年度实际水平", "previous", 14]', '["上年完成", "previous", 14]'),
                       encoding="utf-8")  # fmt: skip
    rows = sheet_rows(write_declarations(goals, load_layout(variant), tmp_path / "f.xlsx"), "P1")
    assert "上年完成" in texts(rows) and "上年度实际水平" not in texts(rows)


def test_a_layout_naming_an_unknown_field_is_refused_in_chinese(tmp_path):
    text = (LAYOUT_DIR / "default.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('"basis", 12]', '"basiss", 12]', 1), encoding="utf-8")
    with pytest.raises(LayoutError, match="字段 basiss 不存在"):
        load_layout(bad)
    with pytest.raises(LayoutError, match="找不到申报表样式"):
        load_layout("nowhere")


def test_the_review_reads_back_from_excel_and_word(tmp_path, goals):
    data = with_project(with_goal(goals, 4, basis=""), 0, goal="")
    outputs = write_goal_outputs(review_goals(data, PROFILE), load_layout(), tmp_path, "示例")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in outputs.values())
    summary = sheet_rows(outputs["review_xlsx"], "审核汇总")
    assert summary[1][:5] == ["对象编码", "名称", "资金（万元）", "审核得分", "等级"]
    p1 = row_of(summary, "P1")
    assert (
        p1[3] == 90.0
        and p1[4] == "优"
        and "【指向明确】项目“环卫保洁”（P1）未填写年度总体目标" in p1[6]
    )
    p2 = row_of(summary, "P2")
    assert p2[3] == 95.0 and "指标值依据" in p2[6]
    detail = sheet_rows(outputs["review_xlsx"], "审核意见")
    assert [row[3] for row in detail[2:]] == ["GOAL_TEXT_MISSING", "BASIS_MISSING"]
    assert row_of(detail, "BASIS_MISSING")[6] == ""  # built inline: no workbook cell
    document = docx.Document(str(outputs["review_docx"]))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert document.paragraphs[0].text == "示例区人民政府示例街道办事处2024年度绩效目标审核意见"
    assert "审核得分 90.00 分，等级“优”" in body
    assert "1. 【指向明确】项目“环卫保洁”（P1）未填写年度总体目标（扣 10 分）。" in body
    table = document.tables[0]
    assert [cell.text for cell in table.rows[1].cells] == ["环卫保洁（P1）", "10.00", "90.00", "优"]


def test_nothing_is_left_behind_when_a_write_fails(tmp_path, goals, monkeypatch):
    import jixiao.io.goal_outputs as outputs

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(outputs, "write_docx", broken)
    with pytest.raises(OSError):
        outputs.write_goal_outputs(review_goals(goals, PROFILE), load_layout(), tmp_path, "x")
    assert list(tmp_path.iterdir()) == []
