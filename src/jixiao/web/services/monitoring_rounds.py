"""A monitoring round's life: opened by finance, submitted per section, decided and
submitted by the working group, returned by the bureau with a reason.

Each step checks the acting user's role and the round's state, refuses a stale
version, writes history rows naming the user, and marks the year's pages as changed,
in one transaction. What a section or the working group may not leave open (a
non-green row without cause or measure, a red project without a decision) comes from
the core's review of the round, not from rules here.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from jixiao.core.findings import Severity
from jixiao.core.monitoring import Decision
from jixiao.web import models
from jixiao.web.models import Role, RoundStatus
from jixiao.web.monitoring_conversion import review_round
from jixiao.web.roles import membership
from jixiao.web.selectors.monitoring import SECTION_BLOCKERS
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import text_value
from jixiao.web.services.monitoring_store import store_round
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.recompute import recompute
from jixiao.web.services.revision import touch

NAMED_IN_MESSAGE = 5


def role_in(user: User, year: models.DepartmentYear, *roles: str) -> models.Membership | None:
    """The user's membership when it is one of ``roles`` in the year's department (the
    bureau: in its district), else None."""
    found = membership(user)
    if found is None or found.role not in roles:
        return None
    if found.role == Role.BUREAU:
        return found if found.district == year.department.district else None
    return found if found.department_id == year.department_id else None


def _locked_round(round_id: int) -> models.MonitoringRound:
    return (
        models.MonitoringRound.objects.select_for_update()
        .select_related("department_year__department")
        .get(pk=round_id)
    )


def _save_round(round_: models.MonitoringRound, user: User, reason: str) -> None:
    round_.version += 1
    round_._history_user = user
    round_._change_reason = reason
    round_.save()
    touch([round_.department_year_id])


def _check_filling(round_: models.MonitoringRound) -> None:
    if round_.status != RoundStatus.FILLING:
        raise NotAllowed("本轮监控已由工作小组提交，不能再修改；如需修改，须由财政局退回。")


@transaction.atomic
def do_open_round(*, acting_user: User, year_id: int, round_name: str) -> models.MonitoringRound:
    """Open the profile's round ``round_name`` on every project and indicator of the year."""
    year = (
        models.DepartmentYear.objects.select_for_update()
        .select_related("department")
        .get(pk=year_id)
    )
    if role_in(acting_user, year, Role.FINANCE) is None:
        raise NotAllowed("只有本部门财务人员可以发起监控。")
    spec = profile_for(year.profile).monitoring.round(round_name)
    if spec is None:
        raise InvalidInput("round", f"监控轮次“{round_name}”不是规则配置中的轮次。")
    if year.monitoring_rounds.filter(name=spec.name).exists():
        raise InvalidInput("round", f"{spec.name}监控已发起，不能重复发起。")
    round_ = models.MonitoringRound(
        department_year=year, name=spec.name, end_month=spec.end_month, opened_by=acting_user
    )
    round_._history_user = acting_user
    round_._change_reason = f"发起{spec.name}绩效运行监控"
    round_.save()
    reason = round_._change_reason
    projects = [
        models.MonitoringProject(round=round_, project=project, month=spec.end_month)
        for project in year.projects.all()
    ]
    indicators = [
        models.MonitoringIndicator(round=round_, indicator=indicator)
        for indicator in year.indicators.all()
    ]
    for model, rows in (
        (models.MonitoringProject, projects),
        (models.MonitoringIndicator, indicators),
    ):
        bulk_create_with_history(rows, model, batch_size=500, default_user=acting_user,
                                 default_change_reason=reason)  # fmt: skip
    store_round(round_)
    touch([year.pk])
    return round_


def _section_projects(user: User, round_: models.MonitoringRound) -> list[models.MonitoringProject]:
    found = role_in(user, round_.department_year, Role.SECTION, Role.FINANCE)
    if found is None:
        raise NotAllowed("只有本部门业务科室或财务人员可以提交监控填报。")
    entries = round_.projects.select_for_update().select_related("project")
    if found.role == Role.SECTION:
        entries = entries.filter(project__section_id=found.section_id)
    return list(entries)


def _blockers(findings, codes: set[str], wanted: frozenset[str]) -> list[str]:
    return [f.message for f in findings if f.subject in codes and f.code in wanted]


def _refuse(what: str, messages: list[str]) -> None:
    listed = "；".join(messages[:NAMED_IN_MESSAGE])
    more = f"等 {len(messages)} 处" if len(messages) > NAMED_IN_MESSAGE else ""
    raise NotAllowed(f"{what}：{listed}{more}。")


@transaction.atomic
def do_submit_section(*, acting_user: User, round_id: int) -> int:
    """Submit the acting section's projects of the round (finance: every project); refused
    while a non-green row lacks its cause or measure. Returns how many were submitted."""
    round_ = _locked_round(round_id)
    _check_filling(round_)
    entries = [entry for entry in _section_projects(acting_user, round_) if not entry.submitted]
    if not entries:
        raise NotAllowed("没有待提交的项目。")
    codes = {entry.project.code for entry in entries}
    blockers = _blockers(review_round(round_).findings, codes, SECTION_BLOCKERS)
    if blockers:
        _refuse("以下预警须先填写偏差原因和纠偏措施，才能提交", blockers)
    for entry in entries:
        entry.submitted = True
        entry.version += 1
        entry._history_user = acting_user
        entry._change_reason = "科室提交监控填报"
        entry.save(update_fields=["submitted", "version"])
    touch([round_.department_year_id])
    return len(entries)


@transaction.atomic
def do_decide(
    *, acting_user: User, entry_id: int, expected_version: int, decision: str
) -> models.MonitoringProject:
    """The working group's 处理意见 on a project (继续实施/调整目标/调整预算/暂缓或停止)."""
    entry = (
        models.MonitoringProject.objects.select_for_update()
        .select_related("round__department_year__department", "project")
        .get(pk=entry_id)
    )
    if role_in(acting_user, entry.round.department_year, Role.WORKING_GROUP) is None:
        raise NotAllowed("只有本部门工作小组可以作出处理意见。")
    _check_filling(entry.round)
    if decision and decision not in {item.value for item in Decision}:
        raise InvalidInput(
            "decision", "处理意见应为 继续实施、调整目标、调整预算、暂缓或停止 之一。"
        )
    if entry.version != expected_version:
        raise EditConflict(f"项目“{entry.project.name}”的监控记录")
    entry.decision = decision
    entry.version += 1
    entry._history_user = acting_user
    entry._change_reason = f"处理意见：{decision}" if decision else "撤销处理意见"
    entry.save()
    touch([entry.round.department_year_id])
    return entry


@transaction.atomic
def do_submit_round(
    *, acting_user: User, round_id: int, expected_version: int
) -> models.MonitoringRound:
    """The working group submits the round: every project submitted by its section, every
    warning explained and every red project decided."""
    round_ = _locked_round(round_id)
    if role_in(acting_user, round_.department_year, Role.WORKING_GROUP) is None:
        raise NotAllowed("只有本部门工作小组可以提交本轮监控。")
    _check_filling(round_)
    if round_.version != expected_version:
        raise EditConflict(f"{round_.name}监控")
    waiting = round_.projects.filter(submitted=False).select_related("project")
    if waiting.exists():
        _refuse("以下项目业务科室尚未提交", [f"{e.project.code} {e.project.name}" for e in waiting])
    errors = [f.message for f in review_round(round_).findings if f.severity is Severity.ERROR]
    if errors:
        _refuse("以下事项须先处理", errors)
    round_.status = RoundStatus.SUBMITTED
    round_.return_reason = ""
    _save_round(round_, acting_user, "工作小组提交本轮监控")
    recompute(round_.department_year)  # the year-end checks read submitted rounds
    return round_


@transaction.atomic
def do_return_round(
    *, acting_user: User, round_id: int, expected_version: int, reason: str
) -> models.MonitoringRound:
    """The bureau returns a submitted round with a reason; its sections fill it again."""
    round_ = _locked_round(round_id)
    if role_in(acting_user, round_.department_year, Role.BUREAU) is None:
        raise NotAllowed("只有本地区财政局可以退回监控。")
    if round_.status != RoundStatus.SUBMITTED:
        raise NotAllowed("本轮监控尚未提交，不能退回。")
    reason = text_value(models.MonitoringRound, "return_reason", reason)
    if not reason:
        raise InvalidInput("reason", "退回须填写原因。")
    if round_.version != expected_version:
        raise EditConflict(f"{round_.name}监控")
    entries = list(round_.projects.filter(submitted=True))
    for entry in entries:
        entry.submitted = False
        entry.version += 1
        entry._history_user = acting_user
        entry._change_reason = f"财政局退回：{reason}"[:100]
        entry.save(update_fields=["submitted", "version"])
    round_.status = RoundStatus.FILLING
    round_.return_reason = reason
    _save_round(round_, acting_user, f"财政局退回：{reason}"[:100])
    recompute(round_.department_year)
    return round_
