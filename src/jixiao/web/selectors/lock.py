"""Reads about the year's lock: what signing off would pass over, and why a year is locked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jixiao.web import models
from jixiao.web.models import Status

LOCKED = (Status.GROUP_APPROVED, Status.BUREAU_REVIEWED)
UNREVIEWED = (Status.DRAFT, Status.SUBMITTED)


def unreviewed_projects(year: models.DepartmentYear) -> list[models.Project]:
    """The year's projects still 填报中 or 已提交: signing off would pass over them."""
    return list(
        year.projects.filter(status__in=UNREVIEWED).select_related("section").order_by("position")
    )


def blockers(year: models.DepartmentYear, transitions) -> list[models.Project]:
    """The projects a sign-off among ``transitions`` would pass over (none to list if the
    viewer cannot sign off)."""
    if not any(transition.target == Status.GROUP_APPROVED for transition in transitions):
        return []
    return unreviewed_projects(year)


@dataclass(frozen=True)
class LockState:
    """Why a year's data cannot change: who signed it off, when, and how it may reopen."""

    status_label: str
    signed_by: str
    signed_at: datetime | None
    override: str
    reopen: str


def _reopen_text(year: models.DepartmentYear) -> str:
    if year.status == Status.BUREAU_REVIEWED:
        return "财政局已审阅完成，本年度不再修改。"
    return "如需修改，须由财政局退回本年度。"


def lock_state(year: models.DepartmentYear) -> LockState | None:
    """The lock of ``year`` as a person reads it, or None while the year is being filled."""
    if year.status not in LOCKED:
        return None
    signed = (
        models.DepartmentYear.history.filter(id=year.pk, status=Status.GROUP_APPROVED)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    user = signed.history_user if signed else None
    return LockState(
        status_label=year.get_status_display(),
        signed_by=(user.get_full_name() or user.username) if user else "",
        signed_at=signed.history_date if signed else None,
        override=year.lock_override,
        reopen=_reopen_text(year),
    )
