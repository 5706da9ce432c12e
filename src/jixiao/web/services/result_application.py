"""The bureau accepts or overrides a result-application suggestion (评价结果应用).

One service, with the acting user, one transaction and a history row. Accepting keeps the
amount proposed at that moment; overriding needs the bureau's own amount (万元) and a
reason. Only the bureau of the year's district decides, and only on a signed-off year.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core.money import FEN, NotANumber, parse_decimal, wan_to_yuan
from jixiao.web import models
from jixiao.web.models import Decision, Role
from jixiao.web.roles import membership
from jixiao.web.selectors.result_application import department_row, is_settled, project_rows
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import text_value
from jixiao.web.services.revision import touch

MAX_WAN = Decimal("1e10")  # 万元: its 分 fit the BIGINT the amount is stored in, with room


def _check_bureau(user: User, year: models.DepartmentYear) -> None:
    found = membership(user)
    if found is None or found.role != Role.BUREAU or found.district != year.department.district:
        raise NotAllowed("只有本地区财政局可以处理评价结果应用建议。")
    if not is_settled(year):
        raise NotAllowed("该部门年度尚未经工作小组审核签发，暂不能处理结果应用建议。")


def _override_amount(raw: str) -> Decimal:
    """The bureau's amount, typed in 万元 with at most two decimals, as exact 元."""
    try:
        amount = parse_decimal(raw)
    except NotANumber as error:
        raise InvalidInput("amount", f"调整后金额：“{raw[:40]}”不是数字（单位：万元）") from error
    if amount < 0 or amount != amount.quantize(FEN) or amount >= MAX_WAN:
        raise InvalidInput("amount", "调整后金额应为不小于 0 的数，单位万元，最多两位小数")
    return wan_to_yuan(amount)


@transaction.atomic
def do_decide_application(*, acting_user: User, year_id: int, project_id: int | None,
                          decision: str, amount_wan: str = "", reason: str = "",
                          expected_version: int) -> models.ApplicationDecision:  # fmt: skip
    """Accept the suggestion, or override it with ``amount_wan`` and ``reason``.
    ``expected_version`` is the decision's version as shown (0 when none was made)."""
    year = (
        models.DepartmentYear.objects.select_for_update()
        .select_related("department")
        .get(pk=year_id)
    )
    _check_bureau(acting_user, year)
    if decision not in Decision.values:
        raise InvalidInput("decision", "请选择“采纳建议”或“调整”。")
    row = _row(year, project_id)
    record = row.decision or models.ApplicationDecision(department_year=year, project=row.project)
    if (row.decision.version if row.decision else 0) != expected_version:
        raise EditConflict("该结果应用建议")
    text = text_value(models.ApplicationDecision, "reason", reason)
    if decision == Decision.OVERRIDDEN:
        if not text:
            raise InvalidInput("reason", "调整建议须填写调整理由。")
        record.amount = _override_amount(amount_wan.strip())
    elif row.suggestion.proposed_yuan is None:
        raise InvalidInput(
            "decision", "尚无评价等级，没有可采纳的建议金额；请选择“调整”并填写金额。"
        )
    else:
        # Kept as the 万元 figure the table states, so the decision reads as it was shown.
        record.amount = wan_to_yuan(row.suggestion.proposed_wan)
        text = ""
    record.decision, record.reason, record.decided_by = decision, text, acting_user
    record.suggestion = row.suggestion.text
    record.version = expected_version + 1
    record._history_user = acting_user
    record.save()
    touch([year.pk])
    return record


def _row(year: models.DepartmentYear, project_id: int | None):
    if project_id is None:
        return department_row(year)
    for row in project_rows(year):
        if row.project.pk == project_id:
            return row
    raise InvalidInput("project", "该项目不属于此部门年度。")
