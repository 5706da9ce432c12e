"""A monitoring round of department A opened and filled through the services, for the
monitoring tests: P1 环卫保洁 (城管办), P2 社区服务 (社事办), three indicators each."""

from __future__ import annotations

from jixiao.web import models
from jixiao.web.services.monitoring_entries import do_fill_department, do_fill_project
from jixiao.web.services.monitoring_rounds import do_open_round, do_submit_section


def open_round(actors, year) -> models.MonitoringRound:
    """Finance opens the profile's 1-7月 round of ``year``."""
    return do_open_round(acting_user=actors.finance, year_id=year.pk, round_name="1-7月")


def entry(round_, code: str) -> models.MonitoringProject:
    return round_.projects.select_related("project").get(project__code=code)


def indicator(round_, code: str, name: str) -> models.MonitoringIndicator:
    return round_.indicators.get(indicator__project__code=code, indicator__name=name)


def fill(user, round_, code: str, execution=None, indicators=None):
    row = entry(round_, code)
    return do_fill_project(
        acting_user=user, entry_id=row.pk, expected_version=row.version,
        execution=execution or {}, indicators=indicators or {},
    )  # fmt: skip


def on_track(round_, code: str) -> dict[int, dict[str, str]]:
    """Every indicator of ``code`` filled green (6 个 of 10 by July, when 7/12 × 10 = 5.83 are due)."""
    return {
        indicator(round_, code, "完成数").pk: {"value": "6", "likelihood": "确定能"},
        indicator(round_, code, "受益人数").pk: {"value": "60", "likelihood": "确定能"},
        indicator(round_, code, "满意度").pk: {"value": "95", "likelihood": "确定能"},
    }


def fill_department_on_track(user, round_):
    """Every department indicator of the round filled green by ``user`` (finance)."""
    department = {
        row.pk: {"value": "6", "likelihood": "确定能"}
        for row in round_.indicators.filter(indicator__project=None, indicator__metric="")
    }
    round_.refresh_from_db()
    do_fill_department(acting_user=user, round_id=round_.pk,
                       expected_version=round_.version, indicators=department)  # fmt: skip


def red_and_submitted(actors, round_a):
    """P1 red (完成数 2 of 10 by July), explained; P2 on track; both sections submitted."""
    fill(actors.finance, round_a, "P1", {"executed": "70000"})
    fill(actors.finance, round_a, "P2", {"executed": "30000"})
    red = on_track(round_a, "P1")
    red[indicator(round_a, "P1", "完成数").pk] = {
        "value": "2", "likelihood": "完全不可能", "cause": "经费", "measure": "申请追加"}  # fmt: skip
    fill(actors.section, round_a, "P1", indicators=red)
    fill(actors.other_section, round_a, "P2", indicators=on_track(round_a, "P2"))
    fill_department_on_track(actors.finance, round_a)
    do_submit_section(acting_user=actors.section, round_id=round_a.pk)
    do_submit_section(acting_user=actors.other_section, round_id=round_a.pk)
    round_a.refresh_from_db()
