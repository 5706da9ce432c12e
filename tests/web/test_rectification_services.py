"""The rectification ledger's services: who may create, work on and close a task, the
profile's rules at each step, and the history row every write leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.rectification_access import get_task, tasks_for
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.rectification import (
    create_task_from_source,
    do_attach_task_evidence,
    do_close_task,
    do_create_tasks_from_findings,
    do_update_task,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _task(actors, year, **extra):
    project = year.projects.get(code="P1")
    return create_task_from_source(
        acting_user=actors.working_group, department_year_id=year.pk,
        source=TaskSource.AUDIT_INSPECTION, problem="保洁经费支付进度慢", project_id=project.pk,
        **extra,
    )  # fmt: skip


def _pdf(name="整改报告.pdf"):
    return SimpleUploadedFile(name, PDF)


def test_a_task_is_owned_by_its_projects_section_with_the_profiles_default_deadline(actors, year_a):
    task = _task(actors, year_a)
    assert task.section.name == "城管办" and task.project_label == "P1 环卫保洁"
    assert task.deadline == timezone.localdate() + timedelta(days=90)
    assert task.history.first().history_user == actors.working_group


def test_a_deadline_before_today_is_refused_and_nothing_is_saved(actors, year_a):
    with pytest.raises(InvalidInput, match="早于任务创建日期"):
        _task(actors, year_a, deadline=timezone.localdate() - timedelta(days=1))
    assert not models.RectificationTask.objects.exists()


def test_a_section_cannot_create_tasks_and_an_outsider_cannot_either(actors, year_a):
    for user in (actors.section, actors.outsider):
        with pytest.raises(NotAllowed):
            create_task_from_source(
                acting_user=user, department_year_id=year_a.pk,
                source=TaskSource.AUDIT_INSPECTION, problem="问题",
            )  # fmt: skip


def test_the_bureau_raises_a_task_from_its_review_for_its_district(actors, year_a):
    task = create_task_from_source(
        acting_user=actors.bureau, department_year_id=year_a.pk,
        source=TaskSource.BUREAU_REVIEW, problem="自评分偏高",
    )  # fmt: skip
    assert task.section is None
    assert task.deadline == timezone.localdate() + timedelta(days=60)


def test_a_section_sees_only_its_own_tasks_and_the_bureau_its_district(actors, year_a, year_b):
    mine = _task(actors, year_a)
    assert list(tasks_for(actors.section)) == [mine]
    assert list(tasks_for(actors.other_section)) == []
    assert list(tasks_for(actors.bureau)) == [mine]
    with pytest.raises(Http404):
        get_task(actors.outsider, mine.pk)
    with pytest.raises(Http404):
        get_task(actors.other_section, mine.pk)


def test_the_section_plans_and_uploads_evidence_and_the_task_is_in_progress(actors, year_a):
    task = _task(actors, year_a)
    task = do_update_task(
        acting_user=actors.section, task_id=task.pk, expected_version=task.version,
        measure="每月通报支付进度", progress_note="已完成 8 月支付",
    )  # fmt: skip
    assert task.progress == "in_progress"
    do_attach_task_evidence(acting_user=actors.section, task_id=task.pk, upload=_pdf())
    task.refresh_from_db()
    assert task.evidence_files.get().original_name == "整改报告.pdf"
    assert task.history.first().history_change_reason == "上传整改佐证材料：整改报告.pdf"


def test_another_section_cannot_work_on_the_task(actors, year_a):
    task = _task(actors, year_a)
    with pytest.raises(NotAllowed):
        do_attach_task_evidence(acting_user=actors.other_section, task_id=task.pk, upload=_pdf())


def test_closing_without_evidence_is_refused_and_nothing_changes(actors, year_a):
    task = _task(actors, year_a, measure="每月通报支付进度")
    with pytest.raises(InvalidInput, match="佐证材料"):
        do_close_task(acting_user=actors.working_group, task_id=task.pk,
                      expected_version=task.version, note="")  # fmt: skip
    task.refresh_from_db()
    assert task.progress == "not_started" and task.closed_by is None


def test_the_working_group_closes_a_task_with_evidence_and_it_is_kept(actors, year_a):
    task = _task(actors, year_a, measure="每月通报支付进度")
    do_attach_task_evidence(acting_user=actors.section, task_id=task.pk, upload=_pdf())
    task.refresh_from_db()
    with pytest.raises(NotAllowed):
        do_close_task(acting_user=actors.section, task_id=task.pk,
                      expected_version=task.version, note="")  # fmt: skip
    closed = do_close_task(acting_user=actors.working_group, task_id=task.pk,
                           expected_version=task.version, note="佐证材料已核实")  # fmt: skip
    assert closed.progress == "done" and closed.closed_by == actors.working_group
    with pytest.raises(NotAllowed):
        do_attach_task_evidence(acting_user=actors.section, task_id=task.pk, upload=_pdf())


def test_a_stale_version_is_refused(actors, year_a):
    task = _task(actors, year_a)
    with pytest.raises(Exception, match="已被他人修改"):
        do_update_task(acting_user=actors.section, task_id=task.pk,
                       expected_version=task.version + 1, measure="x", progress_note="")  # fmt: skip


def test_a_new_deadline_is_for_finance_or_the_working_group(actors, year_a):
    task = _task(actors, year_a)
    later = task.deadline + timedelta(days=10)
    with pytest.raises(NotAllowed):
        do_update_task(acting_user=actors.section, task_id=task.pk, expected_version=1,
                       measure="", progress_note="", deadline=later)  # fmt: skip
    moved = do_update_task(acting_user=actors.finance, task_id=task.pk, expected_version=1,
                           measure="", progress_note="", deadline=later)  # fmt: skip
    assert moved.deadline == later


def _findings(year):
    """Two stored findings as recomputation leaves them (the builder's year has none)."""
    rows = [
        models.Finding.objects.create(
            department_year=year,
            project=year.projects.get(code=code),
            code="SELF_SCORE_GAP",
            severity="warning",
            message=f"项目{code}自评总分高于计算得分",
            location="",
        )
        for code in ("P1", "P2")
    ]
    return [row.pk for row in rows]


def test_findings_become_tasks_once_each(actors, year_a):
    ids = _findings(year_a)
    first = do_create_tasks_from_findings(
        acting_user=actors.finance, department_year_id=year_a.pk, finding_ids=ids
    )
    again = do_create_tasks_from_findings(
        acting_user=actors.finance, department_year_id=year_a.pk, finding_ids=ids
    )
    assert len(first.created) == len(ids) and first.already == 0
    assert again.created == [] and again.already == len(ids)
    assert [task.section.name for task in first.created] == ["城管办", "社事办"]
