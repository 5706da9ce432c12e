"""The goals workbook's format: the department workbook without actual values.

Filed before the year (绩效目标申报): the same sheets, headers and rules as the year-end
workbook (``workbook_format``), with the budget at 年初预算数 only, no 执行数, no
实际完成值 or scores, and per indicator 指标值依据, 上年实际完成值 (shown beside the new
target) and 目标值说明 (why a target is set below last year's actual).
"""

from __future__ import annotations

from jixiao.io.workbook_format import (
    BUDGET_SHEET,
    DEPARTMENT_INDICATOR_SHEET,
    INDICATOR_SHEET,
    PROFILE_SHEET,
    PROJECT_SHEET,
    Cell,
    Column,
    SheetSpec,
)

BUDGET_KEYS = ("source", "class_code", "class_name", "kind", "initial")
PROJECT_KEYS = (
    "code", "name", "level", "source", "class_code", "section", "initial",
    "carryover_final", "other_final", "goal", "illustrative",
)  # fmt: skip
INDICATOR_KEYS = ("level1", "level2", "name", "kind", "operator", "target", "unit", "weight")
GOAL_COLUMNS = (
    Column("指标值依据", "basis", help="计划标准/行业标准/历史标准/其他"),
    Column("上年实际完成值", "previous_actual", help="延续项目填上年实际完成值；新增项目留空"),
    Column("目标值说明", "target_reason", width=30, help="年度指标值低于上年实际完成值时说明理由"),
)


def _columns(spec: SheetSpec, keys: tuple[str, ...]) -> tuple[Column, ...]:
    return tuple(spec.column(key) for key in keys)


GOALS_BUDGET_SHEET = SheetSpec(
    BUDGET_SHEET.name,
    _columns(BUDGET_SHEET, BUDGET_KEYS),
    "金额单位：元。每行一个 预算类型 × 功能分类科目 × 支出类型，填年初预算数；金额单位可改为“万元”。",
    has_money=True,
)

GOALS_PROJECT_SHEET = SheetSpec(
    PROJECT_SHEET.name,
    (
        *_columns(PROJECT_SHEET, PROJECT_KEYS[:7]),
        Column("上年结转预算数", "carryover_final", Cell.AMOUNT),
        Column("其他资金预算数", "other_final", Cell.AMOUNT),
        Column("年度总体目标", "goal", width=40, help="项目本年度计划达到的产出和效果"),
        PROJECT_SHEET.column("illustrative"),
    ),
    "金额单位：元。年初预算数为财政拨款；上年结转、其他资金填预计数。每个项目一行，均应设定绩效目标。",
    has_money=True,
)

GOALS_INDICATOR_SHEET = SheetSpec(
    INDICATOR_SHEET.name,
    (
        INDICATOR_SHEET.column("owner"),
        *_columns(INDICATOR_SHEET, INDICATOR_KEYS),
        *GOAL_COLUMNS,
    ),
    "每行一个三级指标。预算执行率分值由规则配置给出（默认 10 分），其余指标分值合计应为 90；"
    "延续项目填上年实际完成值，年度指标值低于上年实际时在目标值说明中写明理由。",
)

GOALS_DEPARTMENT_INDICATOR_SHEET = SheetSpec(
    DEPARTMENT_INDICATOR_SHEET.name,
    (
        DEPARTMENT_INDICATOR_SHEET.column("dimension"),
        *_columns(DEPARTMENT_INDICATOR_SHEET, INDICATOR_KEYS),
        DEPARTMENT_INDICATOR_SHEET.column("metric"),
        *GOAL_COLUMNS,
    ),
    "部门整体绩效目标的指标，分值合计 100（履职效能、管理效率）。自动取数的指标年末由系统从预算数据计算。",
)

GOALS_DATA_SHEETS = (
    GOALS_BUDGET_SHEET,
    GOALS_PROJECT_SHEET,
    GOALS_INDICATOR_SHEET,
    GOALS_DEPARTMENT_INDICATOR_SHEET,
)
GOALS_SHEETS = (PROFILE_SHEET, *GOALS_DATA_SHEETS)
