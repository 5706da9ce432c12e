"""Administrators' edits that change what department-years show mark those years changed.

A department's or section's name and a rules profile's thresholds appear on cached
pages; these models are edited in the admin, not through a service, so their saves and
deletions are caught here instead.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jixiao.web import models
from jixiao.web.services.revision import touch


@receiver([post_save, post_delete], sender=models.Department)
def department_changed(sender, instance: models.Department, **_: object) -> None:
    touch(
        models.DepartmentYear.objects.filter(department_id=instance.pk).values_list("pk", flat=True)
    )


@receiver([post_save, post_delete], sender=models.Section)
def section_changed(sender, instance: models.Section, **_: object) -> None:
    touch(
        models.DepartmentYear.objects.filter(department_id=instance.department_id).values_list(
            "pk", flat=True
        )
    )


@receiver([post_save, post_delete], sender=models.RulesProfileRecord)
def profile_changed(sender, instance: models.RulesProfileRecord, **_: object) -> None:
    touch(models.DepartmentYear.objects.filter(profile=instance.key).values_list("pk", flat=True))
