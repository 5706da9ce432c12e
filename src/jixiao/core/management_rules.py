"""The 管理效率 metrics a profile defines over 决算与管理数据 (``[management_metrics]``).

Each metric is data: its name, the formula shown beside its value, the rule that combines
its operands, and the operands themselves, named as the workbook names them. The rules
are few and fixed here; which figures they combine is the profile's.

An operand is one of:

- ``类别.列``: the column summed over the category's rows of 决算与管理数据 (rows marked
  政策性调整 left out), e.g. ``“三公”经费.决算数``;
- ``类别/项目.列``: one row, e.g. ``结转结余/年末结转结余.决算数``;
- ``预算收支.年初预算数`` (``全年预算数``, ``全年执行数``): the department's budget total;
- ``部门信息.编制数`` (``实有在职人数``, ``离退休人数``): a headcount.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RULES = ("ratio", "change", "timeliness")
# Columns of 决算与管理数据 an operand may name → the ManagementItem field.
ITEM_COLUMNS = {"预算数": "budget", "决算数": "actual", "上年决算数": "previous",
                "调整金额": "adjustment"}  # fmt: skip
BUDGET_COLUMNS = {"年初预算数": "initial", "全年预算数": "final", "全年执行数": "actual"}
HEADCOUNT_COLUMNS = {"编制数": "staff_quota", "实有在职人数": "staff_in_post",
                     "离退休人数": "retired"}  # fmt: skip
BUDGET_SHEET = "预算收支"
PROFILE_SHEET = "部门信息"


@dataclass(frozen=True, slots=True)
class Operand:
    """Where a metric's figure comes from (see the module docstring)."""

    source: str  # "items", "budget" or "headcount"
    column: str  # the record field
    category: str = ""
    name: str = ""  # one item of the category; "" sums the category

    @property
    def is_money(self) -> bool:
        return self.source != "headcount"


@dataclass(frozen=True, slots=True)
class ManagementMetric:
    """One 管理效率 metric: ``ratio`` is a ÷ b, ``change`` is (a − b) ÷ b, ``timeliness``
    the share of the category's rows published within ``days`` of approval; in percent."""

    key: str
    name: str
    formula: str
    rule: str
    numerator: Operand | None = None
    denominator: Operand | None = None
    category: str = ""
    days: int = 0
    # Words of a 三级指标 that state this metric: typed by hand while the data exist, an error.
    words: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name with its formula, as the help page and the 说明 sheet show it."""
        return f"{self.name}（{self.formula}）"


def parse_operand(text: str) -> Operand:
    """``类别[/项目].列``, ``预算收支.列`` or ``部门信息.列`` as an Operand."""
    where, _, column = text.rpartition(".")
    if where == BUDGET_SHEET:
        return Operand("budget", BUDGET_COLUMNS[column])
    if where == PROFILE_SHEET:
        return Operand("headcount", HEADCOUNT_COLUMNS[column])
    if not where:
        raise ValueError(f"取数“{text}”应写为“类别.列”或“类别/项目.列”")
    category, _, name = where.partition("/")
    return Operand("items", ITEM_COLUMNS[column], category, name)


def _metric(key: str, table: dict[str, Any]) -> ManagementMetric:
    rule = table["rule"]
    if rule not in RULES:
        raise ValueError(f"management_metrics.{key}.rule 应为 {'/'.join(RULES)}，实为“{rule}”")
    if rule == "timeliness":
        return ManagementMetric(key, table["name"], table["formula"], rule,
                                category=table["category"], days=int(table["days"]),
                                words=tuple(table.get("words", ())))  # fmt: skip
    return ManagementMetric(
        key, table["name"], table["formula"], rule,
        numerator=parse_operand(table["numerator"]),
        denominator=parse_operand(table["denominator"]),
        words=tuple(table.get("words", ())),
    )  # fmt: skip


def parse_management_metrics(table: dict[str, Any]) -> dict[str, ManagementMetric]:
    """``[management_metrics]``: metric key → its definition, in the file's order."""
    return {key: _metric(key, value) for key, value in table.items()}
