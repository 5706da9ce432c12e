"""The ledger's screens: the list with its filters and overdue rows, a task's page with
its forms by role, tasks from the 问题 screen, tasks by hand, and the to-do lists."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.services.rectification import create_task_from_source

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _task(actors, year, problem="保洁经费支付进度慢", code="P1"):
    return create_task_from_source(
        acting_user=actors.working_group, department_year_id=year.pk,
        source=TaskSource.AUDIT_INSPECTION, problem=problem,
        project_id=year.projects.get(code=code).pk,
    )  # fmt: skip


def _overdue(task):
    """A task whose deadline has passed (set directly: the service refuses past deadlines)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    models.RectificationTask.objects.filter(pk=task.pk).update(
        created_on=yesterday - timedelta(days=30), deadline=yesterday
    )


def test_the_ledger_marks_overdue_rows_and_filters_by_status(actors, year_a, client_for):
    late = _task(actors, year_a, "逾期的问题")
    _task(actors, year_a, "按期的问题")
    _overdue(late)
    page = client_for(actors.working_group).get(reverse("rectification_list")).content.decode()
    assert page.count("task-overdue") == 1 and "逾期的问题" in page
    assert f'href="{reverse("rectification_task", args=[late.pk])}"' in page
    only = client_for(actors.working_group).get(reverse("rectification_list"), {"status": "逾期"})
    assert "逾期的问题" in only.content.decode() and "按期的问题" not in only.content.decode()


def test_a_section_lists_only_its_own_tasks(actors, year_a, client_for):
    _task(actors, year_a, "城管办的问题", "P1")
    _task(actors, year_a, "社事办的问题", "P2")
    page = client_for(actors.section).get(reverse("rectification_list")).content.decode()
    assert "城管办的问题" in page and "社事办的问题" not in page


def test_a_task_outside_the_users_reach_is_a_404(actors, year_a, client_for):
    task = _task(actors, year_a)
    assert (
        client_for(actors.outsider).get(reverse("rectification_task", args=[task.pk])).status_code
        == 404
    )
    assert (
        client_for(actors.other_section)
        .get(reverse("rectification_task", args=[task.pk]))
        .status_code
        == 404
    )


def test_the_section_uploads_evidence_and_the_working_group_closes(actors, year_a, client_for):
    task = _task(actors, year_a)
    section = client_for(actors.section)
    section.post(reverse("rectification_update", args=[task.pk]),
                 {"version": task.version, "measure": "每月通报支付进度", "progress_note": "已支付"})  # fmt: skip
    section.post(reverse("rectification_evidence", args=[task.pk]),
                 {"file": SimpleUploadedFile("整改报告.pdf", PDF)})  # fmt: skip
    task.refresh_from_db()
    assert task.progress == "in_progress" and task.evidence_files.count() == 1
    group = client_for(actors.working_group)
    assert (
        "核实佐证材料并销号"
        in group.get(reverse("rectification_task", args=[task.pk])).content.decode()
    )
    response = group.post(reverse("rectification_close", args=[task.pk]),
                          {"version": task.version, "note": "已核实"}, follow=True)  # fmt: skip
    assert "已销号" in response.content.decode()
    task.refresh_from_db()
    assert task.progress == "done"


def test_closing_without_evidence_says_why_on_the_page(actors, year_a, client_for):
    task = _task(actors, year_a)
    models.RectificationTask.objects.filter(pk=task.pk).update(measure="每月通报")
    response = client_for(actors.working_group).post(
        reverse("rectification_close", args=[task.pk]), {"version": task.version}, follow=True
    )
    assert "尚未上传整改佐证材料" in response.content.decode()


def test_findings_become_tasks_in_bulk_and_one_click_from_the_findings_screen(
    actors, year_a, client_for
):
    made = [
        models.Finding.objects.create(
            department_year=year_a,
            project=year_a.projects.get(code=code),
            code="SELF_SCORE_GAP",
            severity="warning",
            message=f"项目{code}自评总分缺乏依据",
        )
        for code in ("P1", "P2")
    ]
    client = client_for(actors.finance)
    page = client.get(reverse("finding_list", args=[year_a.pk])).content.decode()
    assert "所选问题列入整改台账" in page
    client.post(reverse("findings_rectify", args=[year_a.pk]), {"one": made[0].pk})
    response = client.post(reverse("findings_rectify", args=[year_a.pk]),
                           {"finding": [f.pk for f in made]}, follow=True)  # fmt: skip
    assert "已列入整改台账 1 项，另有 1 项此前已列入" in response.content.decode()
    assert models.RectificationTask.objects.count() == 2
    assert "已列入" in client.get(reverse("finding_list", args=[year_a.pk])).content.decode()


def test_a_task_entered_by_hand_with_a_past_deadline_is_refused(actors, year_a, client_for):
    client = client_for(actors.working_group)
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = client.post(reverse("rectification_new"), {
        "year": year_a.pk, "source": "audit_inspection", "problem": "审计指出公务用车管理不规范",
        "section": "", "deadline": past,
    })  # fmt: skip
    assert "早于任务创建日期" in response.content.decode()
    assert not models.RectificationTask.objects.exists()
    ok = client.post(reverse("rectification_new"), {
        "year": year_a.pk, "source": "audit_inspection", "problem": "审计指出公务用车管理不规范",
    }, follow=True)  # fmt: skip
    assert "已列入整改台账" in ok.content.decode()
    assert models.RectificationTask.objects.get().source == "audit_inspection"


def test_each_roles_home_page_lists_its_open_tasks(actors, year_a, client_for):
    late = _task(actors, year_a, "逾期的保洁问题")
    _overdue(late)
    assert "逾期的保洁问题" in client_for(actors.section).get(reverse("home")).content.decode()
    assert (
        "逾期的保洁问题"
        not in client_for(actors.other_section).get(reverse("home")).content.decode()
    )
    assert (
        "逾期的保洁问题" in client_for(actors.working_group).get(reverse("home")).content.decode()
    )
    bureau = client_for(actors.bureau).get(reverse("home")).content.decode()
    assert "1 项整改任务已逾期" in bureau


def test_the_cached_list_shows_a_change_at_once(actors, year_a, client_for):
    task = _task(actors, year_a, "支付进度慢")
    group = client_for(actors.working_group)
    assert "每月通报支付进度" not in group.get(reverse("rectification_list")).content.decode()
    section = client_for(actors.section)
    section.post(reverse("rectification_update", args=[task.pk]),
                 {"version": task.version, "measure": "每月通报支付进度", "progress_note": ""})  # fmt: skip
    page = client_for(actors.working_group).get(reverse("rectification_list")).content.decode()
    assert "每月通报支付进度" in page and "整改中" in page
