"""Result application (评价结果应用): a grade becomes next year's budget suggestion.

The profile's ``[application]`` says what each grade means (优 优先保障 … 差 压减或取消)
and ``[application_factors]`` by how much: the proposed amount is this year's 全年预算数
× the grade's factor, exact in 元 and stated in 万元 rounded half-up (domain.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import yuan_to_wan
from jixiao.core.profile import RulesProfile


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the grade proposes for next year (None amounts: no grade yet)."""

    grade: str
    text: str
    factor: Decimal | None
    final_budget_yuan: Decimal
    proposed_yuan: Decimal | None  # exact: rounded only when stated in 万元

    @property
    def final_budget_wan(self) -> Decimal:
        return yuan_to_wan(self.final_budget_yuan)

    @property
    def proposed_wan(self) -> Decimal | None:
        return None if self.proposed_yuan is None else yuan_to_wan(self.proposed_yuan)

    @property
    def change_wan(self) -> Decimal | None:
        """Proposed minus this year's budget, 万元 (negative: a cut), from the exact amounts."""
        if self.proposed_yuan is None:
            return None
        return yuan_to_wan(self.proposed_yuan - self.final_budget_yuan)


def suggest(grade: str, final_budget_yuan: Decimal, profile: RulesProfile) -> Suggestion:
    """The suggestion for a project or department of ``grade`` with this year's budget."""
    factor = profile.application_factors.get(grade)
    text = profile.application.get(grade, "")
    if not grade or factor is None:
        return Suggestion(grade, text or "尚无评价等级", None, final_budget_yuan, None)
    return Suggestion(grade, text, factor, final_budget_yuan, final_budget_yuan * factor)
