"""A tiny valid department-year written out in full, to be varied one field at a time."""

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
GENERAL, FUND = BudgetSource.GENERAL, BudgetSource.FUND
PROJECT = ExpenditureKind.PROJECT


def amounts(initial, final, actual) -> Amounts:
    return Amounts(D(initial), D(final), D(actual))


def indicator(owner, level1, name, weight, target="10", actual="10", **fields) -> Indicator:
    values = {"kind": IndicatorKind.QUANTITATIVE, "operator": Operator.AT_LEAST,
              "target": D(target), "actual": None if actual is None else D(actual), "unit": "个"}  # fmt: skip
    values.update(fields)
    return Indicator(
        owner=owner, level1=level1, level2="数量指标", name=name, weight=D(weight), **values
    )


def project_indicators(code: str) -> list[Indicator]:
    return [
        indicator(code, "产出指标", "完成数", "50"),
        indicator(code, "效益指标", "受益人数", "30", target="100", actual="100", unit="人"),
        indicator(code, "满意度指标", "满意度", "10", target="90", actual="95", unit="%"),
    ]


def department_indicators() -> list[Indicator]:
    return [
        indicator(DEPARTMENT_OWNER, "产出指标", "新增经济项目", "60", target="10", actual="12",
                  dimension=Dimension.EFFECTIVENESS),
        indicator(DEPARTMENT_OWNER, "产出指标", "预算执行率", "40", target="95", actual=None,
                  unit="%", metric="budget_execution_rate", dimension=Dimension.EFFICIENCY),
    ]  # fmt: skip


def small_department(**changes) -> DepartmentYear:
    projects = (
        Project(code="P1", name="环卫保洁", source=GENERAL, class_code="212",
                fiscal=amounts("100000.00", "120000.00", "118000.00"), section="城管办"),
        Project(code="P2", name="社区服务", source=FUND, class_code="212",
                fiscal=amounts("50000.00", "40000.00", "40000.00"), section="社事办"),
    )  # fmt: skip
    lines = (
        BudgetLine(GENERAL, "201", "一般公共服务支出", ExpenditureKind.BASIC,
                   amounts("300000.00", "300000.00", "290000.00")),
        BudgetLine(GENERAL, "212", "城乡社区支出", PROJECT, amounts("100000.00", "120000.00", "118000.00")),
        BudgetLine(FUND, "212", "城乡社区支出", PROJECT, amounts("50000.00", "40000.00", "40000.00")),
    )  # fmt: skip
    data = DepartmentYear(
        department=Department(name="示例街道办事处", year=2023, jurisdiction="示例区"),
        budget_lines=lines,
        projects=projects,
        indicators=tuple(project_indicators("P1") + project_indicators("P2")),
        department_indicators=tuple(department_indicators()),
    )
    return replace(data, **changes)
