"""Write a DepartmentYear as the department workbook (the format the reader takes).

Serves the blank template, the example and synthetic workbooks, and exports: what it
writes reads back to the same records. Amounts are written in 元; xlsx stores numbers as
doubles, and every amount below 10^13 元 with two decimals has at most 15 significant
digits, so it reads back as exactly the Decimal written.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from jixiao.core.monitoring import Decision, DeviationCause, Likelihood
from jixiao.core.records import (
    BudgetLine,
    BudgetSource,
    DepartmentYear,
    Dimension,
    ExpenditureKind,
    Indicator,
    IndicatorKind,
    ManagementItem,
    Operator,
    Project,
)
from jixiao.io.workbook_format import (
    BUDGET_SHEET,
    DEPARTMENT_INDICATOR_SHEET,
    INDICATOR_SHEET,
    MANAGEMENT_CATEGORIES,
    MANAGEMENT_SHEET,
    PROFILE_KEYS,
    PROFILE_SHEET,
    PROJECT_SHEET,
    STATEMENT_SHEET,
    Cell,
    SheetSpec,
)
from jixiao.io.xlsx_workbook import new_workbook

GUIDE_SHEET = "填表说明"
DROPDOWNS = {
    "source": [source.value for source in BudgetSource],
    "kind": [kind.value for kind in ExpenditureKind],
    "level": ["一级", "二级"],
    "level1": ["产出指标", "效益指标", "满意度指标", "成本指标"],
    "operator": [operator.value for operator in Operator],
    "band": ["达成", "部分达成", "未达成"],
    "applicable": ["是", "否"],
    "illustrative": ["是", "否"],
    "dimension": [dimension.value for dimension in Dimension],
    "type": ["问题", "措施"],
    "cause": [cause.value for cause in DeviationCause],
    "likelihood": [likelihood.value for likelihood in Likelihood],
    "decision": [decision.value for decision in Decision],
    "achievement": ["达成", "部分达成", "未达成"],
    "category": list(MANAGEMENT_CATEGORIES),
    "policy": ["是", "否"],
}
INDICATOR_KIND_OPTIONS = [kind.value for kind in IndicatorKind]
GUIDE_LINES = (
    "jixiao 部门预算绩效自评工作簿：每个部门每个年度一个文件。",
    "各工作表第 1 行为填表说明，第 2 行为表头（请勿改动表头文字），第 3 行起填数据。",
    "金额表第 1 行写明金额单位（“金额单位：元”或“金额单位：万元”），系统按精确金额计算，"
    "报告中以万元保留两位小数、四舍五入。",
    "“部门信息”：部门名称、年度、部门职能、年度工作任务、整体绩效目标等，文字按原文写入报告。",
    "“预算收支”：预算类型 × 功能分类科目 × 基本/项目支出，年初预算数、全年预算数、全年执行数。",
    "“项目”：每个项目一行；各预算类型的项目金额合计应等于“预算收支”中该类型的项目支出。",
    "“项目绩效指标”：每个三级指标一行；预算执行率分值由规则配置给出，其余分值合计 90。",
    "“部门整体指标”：部门整体自评指标，履职效能与管理效率，分值合计 100。",
    "“问题与措施”：单位自己对存在问题和改进措施的文字。",
    "“决算与管理数据”：“三公”经费、公用经费、结转结余、政府采购、固定资产、预算调整和信息公开，"
    "管理效率指标（结转结余率、预算调整率、“三公”经费控制率等）由系统据此计算。",
    "得分全部由系统依据实际完成值按规则计算；自评得分仅作对照，差距过大会被提示。",
    "检查：jixiao check 本文件.xlsx；生成报告：jixiao report 本文件.xlsx -o 输出目录/",
)


def write_workbook(data: DepartmentYear | None, path: str | Path) -> Path:
    """Write ``data`` (or, with None, a blank template) to ``path``."""
    indicators = data.indicators if data else ()
    department = data.department_indicators if data else ()
    sheets = (
        (PROFILE_SHEET, profile_rows(data)),
        (BUDGET_SHEET, _budget_rows(data.budget_lines if data else ())),
        (PROJECT_SHEET, _project_rows(data.projects if data else ())),
        (INDICATOR_SHEET, indicator_rows(indicators)),
        (DEPARTMENT_INDICATOR_SHEET, indicator_rows(department)),
        (STATEMENT_SHEET, _statement_rows(data)),
        (MANAGEMENT_SHEET, management_rows(data.management if data else None)),
    )
    return write_sheets(path, GUIDE_LINES, sheets)


def write_sheets(
    path: str | Path, guide: tuple[str, ...], sheets: Iterable[tuple[SheetSpec, Iterable[dict]]]
) -> Path:
    """A workbook in this format: the guide sheet, then each sheet with its rows (dicts
    keyed by column key). The goals workbook is written through this too."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path)
    formats = _formats(workbook)
    _write_guide(workbook, formats, guide)
    for spec, rows in sheets:
        _write_sheet(workbook, formats, spec, rows)
    workbook.close()
    return path


def _formats(workbook: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "宋体", "font_size": 11, "valign": "top"}
    return {
        "note": workbook.add_format({**base, "text_wrap": True, "font_color": "#7F3F00", "bg_color": "#FFF6DD"}),
        "header": workbook.add_format({**base, "bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True}),
        "text": workbook.add_format({**base, "text_wrap": True}),
        "amount": workbook.add_format({**base, "num_format": "#,##0.00"}),
        "number": workbook.add_format({**base, "num_format": "General"}),
    }  # fmt: skip


def _write_guide(workbook: xlsxwriter.Workbook, formats: dict, lines: tuple[str, ...]) -> None:
    sheet = workbook.add_worksheet(GUIDE_SHEET)
    sheet.set_column(0, 0, 110)
    for row, line in enumerate(lines):
        sheet.write_string(row, 0, line, formats["text"])


def _write_sheet(
    workbook: xlsxwriter.Workbook, formats: dict, spec: SheetSpec, rows: Iterable[dict]
) -> None:
    sheet = workbook.add_worksheet(spec.name)
    last = len(spec.columns) - 1
    sheet.merge_range(0, 0, 0, last, spec.note, formats["note"])
    sheet.set_row(0, 36)
    for index, column in enumerate(spec.columns):
        sheet.set_column(index, index, column.width)
        sheet.write_string(1, index, column.header, formats["header"])
        if column.help:
            sheet.write_comment(1, index, column.help, {"x_scale": 2})
    sheet.freeze_panes(2, 0)
    count = 0
    for count, values in enumerate(rows, start=1):
        _write_row(sheet, formats, spec, 1 + count, values)
    _add_dropdowns(sheet, spec, max(count + 2, 500))


def _write_row(sheet: Worksheet, formats: dict, spec: SheetSpec, row: int, values: dict) -> None:
    for index, column in enumerate(spec.columns):
        value = values.get(column.key)
        if value is None or value == "":
            continue
        if isinstance(value, Decimal):
            style = formats["amount"] if column.kind is Cell.AMOUNT else formats["number"]
            # The .16G text xlsxwriter writes is the Decimal's own digits (≤ 15 significant).
            sheet.write_number(row, index, float(value), style)
        elif isinstance(value, int):
            sheet.write_number(row, index, value, formats["number"])
        else:
            sheet.write_string(row, index, str(value), formats["text"])


def _dropdown_options(spec: SheetSpec, key: str) -> list[str] | None:
    if spec.name == PROFILE_SHEET.name:
        return None
    # The budget sheet's 支出类型 and the indicator sheets' 指标性质 share the key "kind".
    if key == "kind" and spec.name != BUDGET_SHEET.name:
        return INDICATOR_KIND_OPTIONS
    if key == "level1" and spec.name == DEPARTMENT_INDICATOR_SHEET.name:
        return [*DROPDOWNS["level1"], Dimension.EFFICIENCY.value]
    return DROPDOWNS.get(key)


def _add_dropdowns(sheet: Worksheet, spec: SheetSpec, last_row: int) -> None:
    for index, column in enumerate(spec.columns):
        options = _dropdown_options(spec, column.key)
        if options is not None:
            sheet.data_validation(
                2, index, last_row, index,
                {"validate": "list", "source": options, "error_type": "warning"},
            )  # fmt: skip


def profile_rows(data: DepartmentYear | None) -> list[dict]:
    """The 部门信息 rows of ``data`` (or, with None, every item left blank)."""
    if data is None:
        return [{"key": key} for key in PROFILE_KEYS]
    department = data.department
    rows = [
        {"key": "部门名称", "value": department.name},
        {"key": "部门全称", "value": department.full_name},
        {"key": "主管部门", "value": department.parent},
        {"key": "年度", "value": department.year},
        {"key": "地区", "value": department.jurisdiction},
        {"key": "规则配置", "value": department.profile},
        {"key": "部门自评总分", "value": department.self_score},
        {"key": "编制数", "value": department.staff_quota},
        {"key": "实有在职人数", "value": department.staff_in_post},
        {"key": "离退休人数", "value": department.retired},
        {"key": "成文日期", "value": department.signing_date},
    ]
    for key, field in PROFILE_KEYS.items():
        paragraphs = getattr(department, field)
        if isinstance(paragraphs, tuple):
            rows.extend({"key": key, "value": text} for text in paragraphs)
    return rows


def _budget_rows(lines: Iterable[BudgetLine]) -> Iterable[dict]:
    for line in lines:
        yield {
            "source": line.source.value,
            "class_code": line.class_code,
            "class_name": line.class_name,
            "kind": line.kind.value,
            "initial": line.amounts.initial,
            "final": line.amounts.final,
            "actual": line.amounts.actual,
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
            "final": project.fiscal.final,
            "actual": project.fiscal.actual,
            "carryover_initial": project.carryover.initial or None,
            "carryover_final": project.carryover.final or None,
            "carryover_actual": project.carryover.actual or None,
            "other_initial": project.other_funds.initial or None,
            "other_final": project.other_funds.final or None,
            "other_actual": project.other_funds.actual or None,
            "goal": project.goal,
            "goal_outcome": project.goal_outcome,
            "execution_explanation": project.execution_explanation,
            "self_score": project.self_score,
            "illustrative": "是" if project.illustrative else "",
        }


def indicator_rows(indicators: Iterable[Indicator]) -> Iterable[dict]:
    """Each indicator as a row dict keyed by the indicator sheets' column keys."""
    for item in indicators:
        quantitative = item.kind is IndicatorKind.QUANTITATIVE
        yield {
            "owner": item.owner,
            "dimension": item.dimension.value if item.dimension else "",
            "level1": item.level1,
            "level2": item.level2,
            "name": item.name,
            "kind": item.kind.value,
            "operator": item.operator.value if item.operator else "",
            "target": item.target if quantitative else item.target_text,
            "unit": item.unit,
            "weight": item.weight,
            "metric": item.metric,
            "actual": item.actual if quantitative else item.actual_text,
            "band": item.band,
            "self_score": item.self_score,
            "applicable": "" if item.applicable else "否",
            "explanation": item.explanation,
            "evidence": item.evidence,
            "basis": item.basis,
        }


def _statement_rows(data: DepartmentYear | None) -> Iterable[dict]:
    if data is None:
        return
    for kind, statements in (("问题", data.problems), ("措施", data.measures)):
        for statement in statements:
            yield {"type": kind, "title": statement.title, "body": statement.body}


def management_rows(items: Iterable[ManagementItem] | None) -> Iterable[dict]:
    """决算与管理数据 as rows; with None (the blank template) every fixed 项目 left to fill."""
    if items is None:
        yield from (
            {"category": category, "name": name}
            for category, (names, _) in MANAGEMENT_CATEGORIES.items()
            for name in names
        )
        return
    for item in items:
        yield {
            "category": item.category, "name": item.name, "budget": item.budget,
            "actual": item.actual, "previous": item.previous, "adjustment": item.adjustment,
            "policy": "是" if item.policy else "",
            "approved_on": item.approved_on.isoformat() if item.approved_on else "",
            "published_on": item.published_on.isoformat() if item.published_on else "",
            "address": item.address, "note": item.note,
            "illustrative": "是" if item.illustrative else "",
        }  # fmt: skip
