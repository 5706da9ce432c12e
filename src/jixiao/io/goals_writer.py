"""Write a goals workbook (``jixiao template --goals``, the goals example), the format
``goals_reader`` takes: what it writes reads back to the same goals."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jixiao.core.records import BudgetLine, DepartmentYear, Indicator, IndicatorKind, Project
from jixiao.io.goals_format import (
    GOALS_BUDGET_SHEET,
    GOALS_DEPARTMENT_INDICATOR_SHEET,
    GOALS_INDICATOR_SHEET,
    GOALS_PROJECT_SHEET,
)
from jixiao.io.workbook_format import PROFILE_SHEET
from jixiao.io.workbook_writer import indicator_rows, profile_rows, write_sheets

GOALS_GUIDE = (
    "jixiao 部门预算绩效目标工作簿（绩效目标申报）：每个部门每个年度一个文件，随预算在年初填报。",
    "与年末自评工作簿格式相同，但没有执行数、实际完成值和得分：年末自评按批复的目标计分。",
    "各工作表第 1 行为填表说明，第 2 行为表头（请勿改动表头文字），第 3 行起填数据。",
    "“预算收支”“项目”：年初预算数（金额单位写在第 1 行）；每个有资金的项目都应设定绩效目标。",
    "“项目绩效指标”：每个三级指标一行，含指标性质、运算符、年度指标值、度量单位、分值；"
    "指标值依据填 计划标准/行业标准/历史标准/其他；延续项目填上年实际完成值，"
    "年度指标值低于上年实际时在目标值说明中写明理由。",
    "“部门整体指标”：部门整体绩效目标的指标（履职效能、管理效率），分值合计 100。",
    "审核与申报表：jixiao goals 本文件.xlsx -o 输出目录/（绩效目标申报表与目标审核意见）。",
    "年末比对：jixiao check --approved 本文件.xlsx 年末工作簿.xlsx 列出与批复目标不一致之处。",
)


def write_goals_workbook(data: DepartmentYear | None, path: str | Path) -> Path:
    """Write the goals in ``data`` (or, with None, a blank goals workbook) to ``path``."""
    sheets = (
        (PROFILE_SHEET, profile_rows(data)),
        (GOALS_BUDGET_SHEET, _budget_rows(data.budget_lines if data else ())),
        (GOALS_PROJECT_SHEET, _project_rows(data.projects if data else ())),
        (GOALS_INDICATOR_SHEET, _goal_rows(data.indicators if data else ())),
        (GOALS_DEPARTMENT_INDICATOR_SHEET, _goal_rows(data.department_indicators if data else ())),
    )
    return write_sheets(path, GOALS_GUIDE, sheets)


def _budget_rows(lines: Iterable[BudgetLine]) -> Iterable[dict]:
    for line in lines:
        yield {
            "source": line.source.value,
            "class_code": line.class_code,
            "class_name": line.class_name,
            "kind": line.kind.value,
            "initial": line.amounts.initial,
        }


def _project_rows(projects: Iterable[Project]) -> Iterable[dict]:
    for project in projects:
        yield {
            "code": project.code,
            "name": project.name,
            "level": project.level,
            "source": project.source.value,
            "class_code": project.class_code,
            "section": project.section,
            "initial": project.fiscal.initial,
            "carryover_final": project.carryover.final or None,
            "other_final": project.other_funds.final or None,
            "goal": project.goal,
            "illustrative": "是" if project.illustrative else "",
        }


def _goal_rows(indicators: Iterable[Indicator]) -> Iterable[dict]:
    items = list(indicators)
    for item, row in zip(items, indicator_rows(items), strict=True):
        quantitative = item.kind is IndicatorKind.QUANTITATIVE
        yield {
            **row,
            "previous_actual": item.previous_actual if quantitative else item.previous_actual_text,
            "target_reason": item.target_reason,
        }
