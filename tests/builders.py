"""Tiny, valid department-years written inline, and helpers to spoil their workbooks.

Each builder returns records a reader would accept and the default profile would score
without an error-level finding, so a test that changes one thing fails for that reason.
``small_department_year`` has one project with every kind of indicator (the workbook and
report tests); ``two_project_department`` has two projects in two sections and budget
types (the core checks and the web application, whose tests work its scores out by hand).
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import openpyxl

from jixiao.core.records import (
    DEPARTMENT_OWNER,
    Amounts,
    BudgetLine,
    BudgetSource,
    Department,
    DepartmentYear,
    Dimension,
    ExpenditureKind,
    Indicator,
    IndicatorKind,
    Operator,
    Project,
    Statement,
)
from jixiao.io.workbook_writer import write_workbook

REPO = Path(__file__).resolve().parent.parent
LUOPU_WORKBOOK = REPO / "examples" / "luopu-2023.xlsx"
LUOPU_BUILDER = REPO / "examples" / "make_luopu_2023.py"

D = Decimal
GENERAL, FUND = BudgetSource.GENERAL, BudgetSource.FUND
PROJECT_CODE = "XT23001"


def amounts(initial: str, final: str, actual: str) -> Amounts:
    """年初预算数, 全年预算数, 全年执行数 in 元, written as text so they stay exact."""
    return Amounts(D(initial), D(final), D(actual))


def quantitative(
    owner: str, level1: str, level2: str, name: str, weight: int, **fields
) -> Indicator:
    """A ≥ indicator met exactly (target 100, actual 100) unless ``fields`` say otherwise."""
    values = {"operator": Operator.AT_LEAST, "target": Decimal(100), "unit": "%",
              "actual": Decimal(100), **fields}  # fmt: skip
    return Indicator(
        owner, level1, level2, name, IndicatorKind.QUANTITATIVE, Decimal(weight), **values
    )


def qualitative(
    owner: str, level1: str, level2: str, name: str, weight: int, **fields
) -> Indicator:
    """A qualitative indicator rated 达成 with the full weight as its self-score."""
    values = {"band": "达成", "target_text": "按计划完成", "actual_text": "已按计划完成",
              "self_score": Decimal(weight), **fields}  # fmt: skip
    return Indicator(
        owner, level1, level2, name, IndicatorKind.QUALITATIVE, Decimal(weight), **values
    )


def small_project(code: str = PROJECT_CODE, **fields) -> Project:
    values = {
        "code": code,
        "name": "社区环境整治经费",
        "source": GENERAL,
        "class_code": "212",
        "fiscal": amounts("1000000.00", "1200000.00", "1187381.37"),
        "section": "城建办",
        "goal": "完成社区环境整治任务。",
        "goal_outcome": "已完成。",
        **fields,
    }
    return Project(**values)


def project_indicators(code: str = PROJECT_CODE) -> tuple[Indicator, ...]:
    """产出 50, 效益 30, 满意度 10: with 预算执行率 10 the weights make 100."""
    met = {"target": D(12), "actual": D(12), "unit": "个"}
    liked = {"target": D(90), "actual": D(93)}
    return (
        quantitative(code, "产出指标", "数量指标", "整治小区数", 30, **met),
        quantitative(code, "产出指标", "质量指标", "验收合格率", 20, target=D(95)),
        qualitative(code, "效益指标", "社会效益指标", "人居环境改善", 30),
        quantitative(code, "满意度指标", "服务对象满意度指标", "居民满意度", 10, **liked),
    )


def department_indicators() -> tuple[Indicator, ...]:
    """履职效能 60 and 管理效率 40, as the default profile weighs them."""
    owner = DEPARTMENT_OWNER
    done = {"target": D(5), "actual": D(5), "unit": "项", "dimension": Dimension.EFFECTIVENESS}
    return (
        quantitative(owner, "产出指标", "数量指标", "完成重点任务", 60, **done),
        qualitative(
            owner, "管理效率", "信息公开", "预决算公开", 40, dimension=Dimension.EFFICIENCY
        ),
    )


def small_department_year(**fields) -> DepartmentYear:
    """One general-budget project and the budget lines it belongs to."""
    project = small_project()
    values = {
        "department": Department(
            name="示例街道办事处",
            year=2023,
            jurisdiction="广东省广州市番禺区",
            full_name="广州市番禺区人民政府示例街道办事处",
            profile="default",
            functions=("负责辖区经济建设、社会管理与公共服务。",),
            tasks=("推进社区环境整治。", "做好民生保障。"),
        ),
        "budget_lines": (
            BudgetLine(
                GENERAL,
                "201",
                "一般公共服务支出",
                ExpenditureKind.BASIC,
                amounts("2000000.00", "2000000.00", "1999999.99"),
            ),
            BudgetLine(GENERAL, "212", "城乡社区支出", ExpenditureKind.PROJECT, project.fiscal),
        ),
        "projects": (project,),
        "indicators": project_indicators(),
        "department_indicators": department_indicators(),
        "problems": (Statement("绩效目标不够细化", "部分指标未量化。"),),
        "measures": (Statement("加强培训", "组织业务科室参加绩效管理培训。"),),
        **fields,
    }
    return DepartmentYear(**values)


def counted(
    owner: str, level1: str, name: str, weight: str, target="10", actual="10", **fields
) -> Indicator:
    """A ≥ 数量指标 counted in 个 unless ``fields`` say otherwise (None: no actual filed)."""
    values = {"unit": "个", **fields}
    return quantitative(owner, level1, "数量指标", name, D(weight), target=D(target),
                        actual=None if actual is None else D(actual), **values)  # fmt: skip


def two_project_indicators(code: str) -> list[Indicator]:
    return [
        counted(code, "产出指标", "完成数", "50"),
        counted(code, "效益指标", "受益人数", "30", target="100", actual="100", unit="人"),
        counted(code, "满意度指标", "满意度", "10", target="90", actual="95", unit="%"),
    ]


def two_project_department(**changes) -> DepartmentYear:
    """P1 环卫保洁 (城管办, 一般公共预算, 120,000 元 budgeted, 118,000 spent) and P2 社区服务
    (社事办, 政府性基金预算, 40,000 spent in full), with 新增经济项目 (履职效能) and a
    预算执行率 computed from the budget (管理效率) for the department."""
    projects = (
        Project(code="P1", name="环卫保洁", source=GENERAL, class_code="212",
                fiscal=amounts("100000.00", "120000.00", "118000.00"), section="城管办"),
        Project(code="P2", name="社区服务", source=FUND, class_code="212",
                fiscal=amounts("50000.00", "40000.00", "40000.00"), section="社事办"),
    )  # fmt: skip
    lines = (
        BudgetLine(GENERAL, "201", "一般公共服务支出", ExpenditureKind.BASIC,
                   amounts("300000.00", "300000.00", "290000.00")),
        BudgetLine(GENERAL, "212", "城乡社区支出", ExpenditureKind.PROJECT,
                   amounts("100000.00", "120000.00", "118000.00")),
        BudgetLine(FUND, "212", "城乡社区支出", ExpenditureKind.PROJECT,
                   amounts("50000.00", "40000.00", "40000.00")),
    )  # fmt: skip
    department = (
        counted(DEPARTMENT_OWNER, "产出指标", "新增经济项目", "60", target="10", actual="12",
                dimension=Dimension.EFFECTIVENESS),
        counted(DEPARTMENT_OWNER, "管理效率", "预算执行率", "40", target="95", actual=None,
                unit="%", metric="budget_execution_rate", dimension=Dimension.EFFICIENCY),
    )  # fmt: skip
    data = DepartmentYear(
        department=Department(name="示例街道办事处", year=2023, jurisdiction="示例区"),
        budget_lines=lines,
        projects=projects,
        indicators=tuple(two_project_indicators("P1") + two_project_indicators("P2")),
        department_indicators=department,
    )
    return replace(data, **changes)


def write_small_workbook(path: Path, data: DepartmentYear | None = None) -> Path:
    return write_workbook(data if data is not None else small_department_year(), path)


def with_indicator(data: DepartmentYear, index: int, **fields) -> DepartmentYear:
    """``data`` with its ``index``-th project indicator changed."""
    indicators = list(data.indicators)
    indicators[index] = replace(indicators[index], **fields)
    return replace(data, indicators=tuple(indicators))


def edit_cells(path: Path, sheet: str, edits: dict[str, object]) -> Path:
    """Set cells (``"E3"`` → value; None empties the cell) in a written workbook, save it."""
    workbook = openpyxl.load_workbook(path)
    for reference, value in edits.items():
        workbook[sheet][reference].value = value
    workbook.save(path)
    return path


def delete_sheet(path: Path, sheet: str) -> Path:
    workbook = openpyxl.load_workbook(path)
    del workbook[sheet]
    workbook.save(path)
    return path


def profile_row(path: Path, key: str) -> int:
    """The Excel row of ``key`` (部门名称, 年度, …) in the 部门信息 sheet."""
    sheet = openpyxl.load_workbook(path, read_only=True)["部门信息"]
    for number, (cell,) in enumerate(sheet.iter_rows(max_col=1, values_only=True), start=1):
        if cell == key:
            return number
    raise LookupError(key)


def load_module(path: Path, name: str) -> ModuleType:
    """Import a script that is not in a package (the examples/ builders)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
