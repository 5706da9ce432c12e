"""The department-year as immutable records: what a department files, nothing computed.

Amounts are exact Decimal 元. Every record read from a workbook keeps its ``Location`` so
a finding or a score can point back at the sheet and row it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from jixiao.core.direct_init import direct_init

DEPARTMENT_OWNER = "部门整体"


class BudgetSource(StrEnum):
    """预算类型."""

    GENERAL = "一般公共预算"
    FUND = "政府性基金预算"
    STATE_CAPITAL = "国有资本经营预算"
    OTHER = "其他资金"


FISCAL_SOURCES = (BudgetSource.GENERAL, BudgetSource.FUND, BudgetSource.STATE_CAPITAL)


class ExpenditureKind(StrEnum):
    """基本支出 / 项目支出."""

    BASIC = "基本支出"
    PROJECT = "项目支出"


class IndicatorKind(StrEnum):
    QUANTITATIVE = "定量"
    QUALITATIVE = "定性"


class Operator(StrEnum):
    """The comparison a quantitative target states (≥ ＞ = ≤ ＜)."""

    AT_LEAST = "≥"
    MORE_THAN = "＞"
    EQUAL = "="
    AT_MOST = "≤"
    LESS_THAN = "＜"

    @property
    def higher_is_better(self) -> bool:
        return self in (Operator.AT_LEAST, Operator.MORE_THAN, Operator.EQUAL)


class Dimension(StrEnum):
    """Department overall dimensions (履职效能 / 管理效率)."""

    EFFECTIVENESS = "履职效能"
    EFFICIENCY = "管理效率"


@direct_init
@dataclass(frozen=True, slots=True)
class Location:
    """Where a value sits in the user's workbook (1-based Excel row, column letters)."""

    sheet: str
    row: int | None = None
    column: str | None = None
    letter: str | None = None

    def describe(self) -> str:
        text = f"工作表“{self.sheet}”"
        if self.row is not None:
            text += f"第 {self.row} 行"
        if self.column:
            text += f"“{self.column}”列"
        if self.letter:
            text += f"（{self.letter} 列）"
        return text


@direct_init
@dataclass(frozen=True, slots=True)
class Amounts:
    """年初预算数 / 全年预算数 / 全年执行数, in 元."""

    initial: Decimal
    final: Decimal
    actual: Decimal

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            self.initial + other.initial, self.final + other.final, self.actual + other.actual
        )


ZERO_AMOUNTS = Amounts(Decimal(0), Decimal(0), Decimal(0))


@direct_init
@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One line of the department's budget: source × functional class × kind."""

    source: BudgetSource
    class_code: str
    class_name: str
    kind: ExpenditureKind
    amounts: Amounts
    location: Location | None = None

    @property
    def top_class(self) -> str:
        """The 类-level code (first three digits) the change narrative groups by."""
        return self.class_code[:3]


@direct_init
@dataclass(frozen=True, slots=True)
class Project:
    """A project (项目) with its funds: 财政拨款, 上年结转 and 其他资金, each in 元."""

    code: str
    name: str
    source: BudgetSource
    class_code: str
    fiscal: Amounts
    section: str
    level: str = "二级"
    carryover: Amounts = ZERO_AMOUNTS
    other_funds: Amounts = ZERO_AMOUNTS
    goal: str = ""
    goal_outcome: str = ""
    execution_explanation: str = ""
    self_score: Decimal | None = None
    illustrative: bool = False
    location: Location | None = None

    @property
    def total(self) -> Amounts:
        """年度资金总额."""
        return self.fiscal + self.carryover + self.other_funds


@dataclass(frozen=True, slots=True)
class TargetBeforeAdjustment:
    """The target as approved (批复) before an approved 目标调整 changed it: the number
    for a 定量 indicator, the words for a 定性 one."""

    target: Decimal | None
    target_text: str = ""


@direct_init
@dataclass(frozen=True, slots=True)
class Indicator:
    """A third-level performance indicator (三级指标) of a project or the department.

    ``owner`` is a project code or ``DEPARTMENT_OWNER``. ``metric`` names a figure the
    system computes from the budget data instead of taking ``actual`` from the user.
    A goal (filed before the year) also carries last year's actual value, shown beside
    the new target, and the reason for a target set below it. ``adjusted_from`` is the
    approved target an approved 目标调整 replaced (None when the target is as approved),
    so the year-end forms can say the target they print was adjusted.
    """

    owner: str
    level1: str
    level2: str
    name: str
    kind: IndicatorKind
    weight: Decimal
    operator: Operator | None = None
    target: Decimal | None = None
    unit: str = ""
    actual: Decimal | None = None
    band: str = ""
    self_score: Decimal | None = None
    applicable: bool = True
    explanation: str = ""
    evidence: str = ""
    basis: str = ""
    target_text: str = ""
    actual_text: str = ""
    dimension: Dimension | None = None
    metric: str = ""
    location: Location | None = None
    previous_actual: Decimal | None = None
    previous_actual_text: str = ""
    target_reason: str = ""
    adjusted_from: TargetBeforeAdjustment | None = None


@dataclass(frozen=True, slots=True)
class Department:
    """The department profile sheet: who, which year, under which rules, in whose words."""

    name: str
    year: int
    jurisdiction: str
    parent: str = ""
    full_name: str = ""
    profile: str = ""
    self_score: Decimal | None = None
    functions: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    overall_goal: tuple[str, ...] = ()
    effectiveness_text: tuple[str, ...] = ()
    management_text: tuple[str, ...] = ()
    conclusion_text: tuple[str, ...] = ()
    # 设置机构及人员情况: the internal units (one per row or in one paragraph) and headcounts.
    institutions: tuple[str, ...] = ()
    staff_quota: int | None = None  # 编制数
    staff_in_post: int | None = None  # 实有在职人数
    retired: int | None = None  # 离退休人数
    signing_date: str = ""  # 成文日期, as it is to be printed: 2024年3月31日


@direct_init
@dataclass(frozen=True, slots=True)
class Statement:
    """A problem or a measure in the user's own words (标题 + 内容)."""

    title: str
    body: str
    location: Location | None = None


@direct_init
@dataclass(frozen=True, slots=True)
class ManagementItem:
    """One row of 决算与管理数据: a figure of the final accounts or of management, in 元.

    ``category`` and ``name`` say what it is (“三公”经费 / 公务接待费, 结转结余 / 年末结转结余,
    信息公开 / 预算公开 …); an amount left blank is None, not zero. ``policy`` marks a
    budget adjustment made by policy or on a higher authority's instruction, which the
    adjustment rate leaves out.
    """

    category: str
    name: str
    budget: Decimal | None = None  # 预算数
    actual: Decimal | None = None  # 决算数 (实际数)
    previous: Decimal | None = None  # 上年决算数
    adjustment: Decimal | None = None  # 调整金额
    policy: bool = False  # 政策性调整
    approved_on: date | None = None  # 批复日期
    published_on: date | None = None  # 公开日期
    address: str = ""  # 公开网址
    note: str = ""  # 说明
    illustrative: bool = False  # 示例数据
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class DepartmentYear:
    """Everything one department files for one year."""

    department: Department
    budget_lines: tuple[BudgetLine, ...] = ()
    projects: tuple[Project, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    department_indicators: tuple[Indicator, ...] = ()
    problems: tuple[Statement, ...] = ()
    measures: tuple[Statement, ...] = ()
    management: tuple[ManagementItem, ...] = ()  # 决算与管理数据
    source_name: str = field(default="", compare=False)

    def indicators_by_project(self) -> dict[str, list[Indicator]]:
        grouped: dict[str, list[Indicator]] = {project.code: [] for project in self.projects}
        for indicator in self.indicators:
            grouped.setdefault(indicator.owner, []).append(indicator)
        return grouped
