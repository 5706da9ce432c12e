"""The rules profiles in use, for the admin: the default one, every one a year names, and
where each comes from (a database record an administrator edits, or a shipped file)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from jixiao.core.profile import shipped_profile_text
from jixiao.web import models
from jixiao.web.services.profiles import profile_title

DEFAULT_KEY = "default"


@dataclass(frozen=True)
class ProfileInUse:
    key: str
    title: str
    year_count: int
    record_id: int | None  # the database record that overrides the file, if any
    shipped: bool  # a file of that name ships with the system

    @property
    def source(self) -> str:
        if self.record_id is not None:
            return "数据库（可修改）"
        return "随系统提供的文件（只读）" if self.shipped else "缺失"


def profiles_in_use() -> list[ProfileInUse]:
    """The default profile and every profile a department-year is scored under."""
    counts = dict(
        models.DepartmentYear.objects.values_list("profile").annotate(n=Count("pk")).order_by()
    )
    counts.setdefault(DEFAULT_KEY, 0)
    records = dict(models.RulesProfileRecord.objects.values_list("key", "pk"))
    return [
        ProfileInUse(
            key=key,
            title=profile_title(key),
            year_count=counts[key],
            record_id=records.get(key),
            shipped=shipped_profile_text(key) is not None,
        )
        for key in sorted(counts, key=lambda key: (key != DEFAULT_KEY, key))
    ]


def years_by_status(keys: set[str]) -> dict[str, int]:
    """How many department-years each status has among those scored under ``keys``,
    by the status's Chinese name, for the warning a profile's change form gives."""
    counts = dict(
        models.DepartmentYear.objects.filter(profile__in=keys)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {label: counts[value] for value, label in models.Status.choices if counts.get(value)}
