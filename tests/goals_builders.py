"""A small goals department-year (filed before the year) that the goal review passes
clean, so a test that changes one thing sees only the rule that thing breaks."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

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
)

D = Decimal
GENERAL = BudgetSource.GENERAL


def planned(initial: str) -> Amounts:
    return Amounts(D(initial), D(initial), D(0))


def goal(owner: str, level1: str, level2: str, name: str, weight: str, **fields) -> Indicator:
    """A ≥ 定量 goal (target 10 个, basis 计划标准) unless ``fields`` say otherwise."""
    values = {"operator": Operator.AT_LEAST, "target": D(10), "unit": "个",
              "basis": "计划标准", **fields}  # fmt: skip
    return Indicator(owner, level1, level2, name, IndicatorKind.QUANTITATIVE, D(weight), **values)


def worded(owner: str, level1: str, level2: str, name: str, weight: str, **fields) -> Indicator:
    """A 定性 goal with its target in words."""
    values = {"target_text": "明显改善", "basis": "其他", **fields}
    return Indicator(owner, level1, level2, name, IndicatorKind.QUALITATIVE, D(weight), **values)


def project_goals(code: str) -> list[Indicator]:
    """产出 50 (数量 30, 质量 20), 效益 30 (定性), 满意度 10: 90 with 预算执行率 10."""
    return [
        goal(code, "产出指标", "数量指标", "完成数", "30"),
        goal(code, "产出指标", "质量指标", "验收合格率", "20", target=D(95), unit="%"),
        worded(code, "效益指标", "社会效益指标", "环境改善", "30"),
        goal(code, "满意度指标", "服务对象满意度指标", "满意度", "10", target=D(90), unit="%"),
    ]


def goals_department(**changes) -> DepartmentYear:
    """P1 环卫保洁 (100,000 元) and P2 社区服务 (50,000 元, has service recipients), with a
    部门整体 goal of 产出 30 and 效益 30 (履职效能) and 管理效率 40."""
    projects = (
        Project(code="P1", name="环卫保洁", source=GENERAL, class_code="212",
                fiscal=planned("100000.00"), section="城管办", goal="完成辖区环卫保洁。"),
        Project(code="P2", name="社区服务", source=GENERAL, class_code="212",
                fiscal=planned("50000.00"), section="社事办", goal="提供社区服务。"),
    )  # fmt: skip
    effective = {"dimension": Dimension.EFFECTIVENESS}
    department = (
        goal(DEPARTMENT_OWNER, "产出指标", "数量指标", "新增经济项目", "30", **effective),
        worded(DEPARTMENT_OWNER, "效益指标", "社会效益指标", "营商环境", "30", **effective),
        goal(DEPARTMENT_OWNER, "管理效率", "预算执行", "预算执行率", "40", target=D(95),
             unit="%", metric="budget_execution_rate", dimension=Dimension.EFFICIENCY),
    )  # fmt: skip
    lines = (
        BudgetLine(GENERAL, "201", "一般公共服务支出", ExpenditureKind.BASIC, planned("300000.00")),
        BudgetLine(GENERAL, "212", "城乡社区支出", ExpenditureKind.PROJECT, planned("150000.00")),
    )  # fmt: skip
    data = DepartmentYear(
        department=Department(name="示例街道办事处", year=2024, jurisdiction="示例区",
                              full_name="示例区人民政府示例街道办事处", parent="示例区人民政府",
                              overall_goal=("建设宜居街道。",), tasks=("环卫保洁。", "社区服务。")),
        budget_lines=lines,
        projects=projects,
        indicators=tuple(project_goals("P1") + project_goals("P2")),
        department_indicators=department,
    )  # fmt: skip
    return replace(data, **changes)


def with_goal(data: DepartmentYear, index: int, **fields) -> DepartmentYear:
    """``data`` with its ``index``-th project goal indicator changed."""
    indicators = list(data.indicators)
    indicators[index] = replace(indicators[index], **fields)
    return replace(data, indicators=tuple(indicators))


def without_goals(data: DepartmentYear, keep) -> DepartmentYear:
    """``data`` keeping only the project goal indicators ``keep`` accepts."""
    return replace(data, indicators=tuple(i for i in data.indicators if keep(i)))


def with_project(data: DepartmentYear, index: int, **fields) -> DepartmentYear:
    projects = list(data.projects)
    projects[index] = replace(projects[index], **fields)
    return replace(data, projects=tuple(projects))
