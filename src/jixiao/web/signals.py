"""Administrators' edits that change what department-years show mark those years changed.

A department's or section's name appears on cached pages; these models are edited in
the admin, not through a service, so their saves and deletions are caught here instead.
A rules profile's rules give its years their stored scores, findings and monitoring
colours, so a saved, renamed or deleted profile has its years recomputed once the change
is committed (``services.profile_rescore``). After ``migrate``, rounds that have no
stored review yet (filed before it was stored) get theirs.
"""

from __future__ import annotations

from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver

from jixiao.web import models
from jixiao.web.services.monitoring_store import store_round
from jixiao.web.services.profile_rescore import rescore_profile_years
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


@receiver(pre_save, sender=models.RulesProfileRecord)
def profile_saving(sender, instance: models.RulesProfileRecord, **_: object) -> None:
    """Remember the key the record had, so the years of a renamed key are rescored too."""
    instance.previous_key = (
        sender.objects.filter(pk=instance.pk).values_list("key", flat=True).first()
        if instance.pk
        else None
    )


@receiver([post_save, post_delete], sender=models.RulesProfileRecord)
def profile_changed(sender, instance: models.RulesProfileRecord, **_: object) -> None:
    keys = {instance.key, getattr(instance, "previous_key", None)} - {None}
    transaction.on_commit(lambda: rescore_profile_years(keys))


@receiver(post_migrate)
def store_unreviewed_rounds(sender, using: str, **_: object) -> None:
    """Store the review of every round that has none yet, once the schema is current
    (the live models are what the review reads)."""
    if sender.name != "jixiao.web":
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # migrated to an earlier state: the live models' columns may not exist yet
    rounds = models.MonitoringRound.objects.using(using).filter(projects__colour="").distinct()
    for round_ in rounds.select_related("department_year__department"):
        with transaction.atomic(using=using):
            store_round(round_)
