"""The monitoring workbook: the template, a round read back, and each refused input."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.core.monitoring import Deviation
from jixiao.io.monitoring_reader import read_monitoring_workbook
from jixiao.io.monitoring_writer import write_monitoring_workbook
from tests.builders import edit_cells
from tests.goals_builders import goals_department, with_project
from tests.monitoring_builders import (
    small_round,
    with_department_goals,
    with_execution,
    with_progress,
    write_small_round,
)

D = Decimal


def errors_of(path: Path, **options) -> list[str]:
    result = read_monitoring_workbook(path, **options)
    assert result.data is None
    return [error.describe() for error in result.errors]


def test_a_round_reads_back_as_written(tmp_path: Path) -> None:
    data = small_round()
    result = read_monitoring_workbook(write_small_round(tmp_path / "m.xlsx", data))
    assert result.errors == ()
    strip = lambda r: replace(r, location=None)  # noqa: E731
    assert [strip(p) for p in result.data.projects] == list(data.projects)
    assert [strip(i) for i in result.data.indicators] == list(data.indicators)


def test_the_blank_template_names_the_missing_items(tmp_path: Path) -> None:
    errors = errors_of(write_monitoring_workbook(None, tmp_path / "blank.xlsx"))
    assert any("部门名称为空" in error for error in errors)
    assert any("“监控轮次”列" in error and "不是规则配置中的轮次" in error for error in errors)


def test_execution_above_the_final_budget_is_refused(tmp_path: Path) -> None:
    data = with_execution(small_round(), 0, executed=D("100000.01"))
    (error,) = errors_of(write_small_round(tmp_path / "m.xlsx", data))
    assert "工作表“项目执行”第 3 行“累计执行数”列（G 列）" in error
    assert "超过全年预算数" in error


def test_a_month_outside_the_round_is_refused(tmp_path: Path) -> None:
    data = with_execution(small_round(), 1, month=9)
    (error,) = errors_of(write_small_round(tmp_path / "m.xlsx", data))
    assert "第 4 行“截至月份”列（F 列）" in error and "不在本轮监控期间（1-7月）内" in error


def test_a_project_not_in_the_approved_goals_is_refused(tmp_path: Path) -> None:
    goals = with_project(goals_department(), 1, code="P9")
    (error,) = errors_of(write_small_round(tmp_path / "m.xlsx"), approved=goals)
    assert "第 4 行“项目编码”列" in error and "不在批复的绩效目标中" in error


def test_a_target_unlike_the_approved_one_is_refused(tmp_path: Path) -> None:
    data = with_progress(small_round(), 0, target=D(12))
    (error,) = errors_of(write_small_round(tmp_path / "m.xlsx", data), approved=goals_department())
    assert "工作表“指标监控”第 3 行“年度指标值”列" in error and "“10”" in error


def test_a_red_row_without_a_cause_is_refused(tmp_path: Path) -> None:
    data = with_execution(small_round(), 1, deviation=Deviation(measure="加快拨付"))
    (error,) = errors_of(write_small_round(tmp_path / "m.xlsx", data))
    assert "第 4 行“偏差原因”列（I 列）" in error and "红色预警" in error


def test_a_red_indicator_without_a_cause_is_refused(tmp_path: Path) -> None:
    data = with_progress(small_round(), 0, value=D(1))
    (error,) = errors_of(write_small_round(tmp_path / "m.xlsx", data))
    assert "工作表“指标监控”第 3 行“偏差原因”列" in error


def test_a_bad_choice_lists_the_options(tmp_path: Path) -> None:
    path = edit_cells(write_small_round(tmp_path / "m.xlsx"), "指标监控", {"L3": "大概能"})
    (error,) = errors_of(path)
    assert "“大概能”不是可选值（确定能、有可能、完全不可能）" in error


def test_nothing_is_returned_when_one_cell_is_wrong(tmp_path: Path) -> None:
    path = edit_cells(write_small_round(tmp_path / "m.xlsx"), "项目执行", {"G3": "很多"})
    result = read_monitoring_workbook(path)
    assert result.data is None and len(result.errors) == 1


def test_an_indicator_twice_in_a_project_is_refused(tmp_path: Path) -> None:
    data = small_round()
    data = replace(data, indicators=(*data.indicators, data.indicators[0]))
    (error,) = errors_of(write_small_round(tmp_path / "m.xlsx", data))
    assert "第 11 行“三级指标”列" in error and "与第 3 行重复" in error


def test_department_goals_read_back_and_a_red_one_needs_a_cause(tmp_path: Path) -> None:
    data = with_department_goals(small_round(), D(6))
    result = read_monitoring_workbook(
        write_small_round(tmp_path / "m.xlsx", data), approved=goals_department()
    )
    assert result.errors == () and len(result.data.indicators_of("部门整体")) == 3
    red = with_department_goals(small_round(), D(1))
    (error,) = errors_of(write_small_round(tmp_path / "red.xlsx", red))
    assert "第 11 行“偏差原因”列" in error and "部门整体指标“新增经济项目”为红色预警" in error
