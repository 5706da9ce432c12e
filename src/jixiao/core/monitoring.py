"""A monitoring round's records (双监控): what a department files in the year.

Per project the budget execution to date; per indicator the value to date, the
expected full-year value, the likelihood of reaching the target, the cause of any
deviation and the corrective measure; for a red project the working group's decision.
Amounts are exact Decimal 元; nothing here is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.core.records import IndicatorKind, Location, Operator


class Likelihood(StrEnum):
    """完成可能性."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


class DeviationCause(StrEnum):
    """偏差原因."""

    FUNDS = "经费"
    RULES = "制度"
    STAFF = "人员"
    HARDWARE = "硬件"
    OTHER = "其他"


class Decision(StrEnum):
    """The working group's decision on a red project (处理意见)."""

    CONTINUE = "继续实施"
    ADJUST_GOAL = "调整目标"
    ADJUST_BUDGET = "调整预算"
    PAUSE = "暂缓或停止"


@dataclass(frozen=True, slots=True)
class Deviation:
    """偏差原因 (a class and its text) and 纠偏措施; all empty when on track."""

    cause: DeviationCause | None = None
    text: str = ""
    measure: str = ""

    @property
    def described(self) -> str:
        """The cause as a form prints it: ``经费：资金拨付滞后``."""
        if self.cause is None:
            return self.text
        return f"{self.cause.value}：{self.text}" if self.text else self.cause.value


@dataclass(frozen=True, slots=True)
class ProjectExecution:
    """One project's budget execution to the end of ``month`` (1–N月执行数)."""

    code: str
    name: str
    section: str
    initial: Decimal
    final: Decimal
    executed: Decimal
    month: int
    expected: Decimal | None = None  # 全年预计执行数
    deviation: Deviation = Deviation()
    decision: Decision | None = None
    illustrative: bool = False
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """One indicator's progress to date against its 年度指标值."""

    owner: str
    level1: str
    level2: str
    name: str
    kind: IndicatorKind
    operator: Operator | None
    target: Decimal | None
    unit: str = ""
    target_text: str = ""
    value: Decimal | None = None  # 1–N月完成值 (quantitative)
    value_text: str = ""  # 1–N月完成情况 (qualitative)
    achievement: str = ""  # qualitative: 达成 / 部分达成 / 未达成
    expected: str = ""  # 全年预计完成值, as written
    likelihood: Likelihood | None = None
    deviation: Deviation = Deviation()
    location: Location | None = None

    @property
    def target_shown(self) -> str:
        if self.kind is IndicatorKind.QUALITATIVE or self.target is None:
            return self.target_text
        operator = self.operator.value if self.operator else ""
        return f"{operator}{format(self.target.normalize(), 'f')}{self.unit}"


@dataclass(frozen=True, slots=True)
class MonitoringRound:
    """A department's filing for one round of one year."""

    department: str
    year: int
    round_name: str
    end_month: int
    projects: tuple[ProjectExecution, ...]
    indicators: tuple[IndicatorProgress, ...]
    profile: str = ""
    source_name: str = ""

    def indicators_of(self, code: str) -> tuple[IndicatorProgress, ...]:
        return tuple(indicator for indicator in self.indicators if indicator.owner == code)
