"""The demo's goals before the year: Luopu's 2023 goals approved, one of their targets
waiting for the bureau to approve an adjustment, and 2024 started from 2023 and submitted.

Everything goes through the services the screens use, as the demo accounts, so the
history reads as the work of those roles. 2024 continues the 2023 projects marked 示例数据
only (so every 2024 project is illustrative too, and the year carries the banner); its
money is left at zero as the copy leaves it, and 2023's actual values are its 上年实际.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.services.goal_adjustments import do_decide_adjustment, do_request_adjustment
from jixiao.web.services.goal_copy import do_copy_goals_to_next_year
from jixiao.web.services.goal_phase import do_move_goals

# Who makes each goal move on 2023 (imported at year end, its goals approved as filed).
APPROVAL_MOVES = (("start", "finance"), ("submit", "finance"), ("review", "group"),
                  ("approve", "bureau"))  # fmt: skip
ADJUSTED_SECTION = "城市管理办公室"
ADJUSTMENT_REASON = "示例：辖区新增两处大气污染防治点，任务量相应增加"


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _move(year: models.DepartmentYear, name: str, username: str) -> models.DepartmentYear:
    year.refresh_from_db()
    return do_move_goals(acting_user=_user(username), year_id=year.pk, name=name,
                         expected_version=year.version)  # fmt: skip


def _request_adjustment(year: models.DepartmentYear) -> None:
    """A target of the urban section's first illustrative project, asked up and passed by
    the working group: it waits for the bureau."""
    indicator = (
        year.indicators.filter(
            project__section__name=ADJUSTED_SECTION,
            project__illustrative=True,
            kind="定量",
            unit="项",
            target__isnull=False,
        )
        .order_by("project__position", "position")
        .first()
    )
    if indicator is None:
        return
    adjustment = do_request_adjustment(
        acting_user=_user("section-urban"), indicator_id=indicator.pk,
        new_target=str(indicator.target + Decimal(2)), reason=ADJUSTMENT_REASON,
    )  # fmt: skip
    do_decide_adjustment(acting_user=_user("group"), adjustment_id=adjustment.pk, approve=True,
                         expected_version=adjustment.version)  # fmt: skip


@transaction.atomic
def load_demo_goals(year: models.DepartmentYear) -> models.DepartmentYear | None:
    """Approve ``year``'s goals, leave one adjustment for the bureau and start the next
    year's goals from it, submitted for review; None when the next year is there already."""
    if models.DepartmentYear.objects.filter(
        department=year.department, year=year.year + 1
    ).exists():
        return None
    if year.goal_phase == GoalPhase.NONE:
        for name, username in APPROVAL_MOVES:
            year = _move(year, name, username)
        _request_adjustment(year)
    continuing = list(year.projects.filter(illustrative=True).values_list("pk", flat=True))
    following = do_copy_goals_to_next_year(
        acting_user=_user("finance"), year_id=year.pk, project_ids=continuing
    )
    return _move(following, "submit", "finance")
