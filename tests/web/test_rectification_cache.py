"""The ledger's fast paths: what a cache hit serves (the list, its filter lists, the
export) equals what is built afresh, every write to a task shows on the next request, and
the counts the list takes from one query (its pager's, each task's evidence) equal the
database's own."""

from __future__ import annotations

import re
from datetime import timedelta
from io import BytesIO

import openpyxl
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.selectors.rectification import (
    STATUSES,
    LedgerFilters,
    ledger,
    ledger_entries,
    ledger_fingerprint,
    list_rows,
    list_values,
    listed_count,
    status_counts,
)
from jixiao.web.services.rectification import (
    create_task_from_source,
    do_attach_task_evidence,
    do_close_task,
    do_update_task,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _task(actors, year, problem="保洁经费支付进度慢"):
    return create_task_from_source(
        acting_user=actors.bureau, department_year_id=year.pk, source=TaskSource.BUREAU_REVIEW,
        problem=problem, project_id=year.projects.get(code="P1").pk,
    )  # fmt: skip


def _body(response) -> str:
    """The page's ledger part (the frame around it carries a per-request token)."""
    assert response.status_code == 200
    return re.search(r"<main>(.*)</main>", response.content.decode(), re.S).group(1)


def _rows(response) -> list[tuple]:
    book = openpyxl.load_workbook(BytesIO(response.content))
    return [row for sheet in book for row in sheet.iter_rows(values_only=True)]


def test_every_task_write_changes_the_ledgers_key(actors, year_a):
    users = (actors.bureau, actors.section, actors.working_group)
    seen = [tuple(ledger_fingerprint(user) for user in users)]

    def changed() -> None:
        seen.append(tuple(ledger_fingerprint(user) for user in users))
        assert all(now != before for now, before in zip(seen[-1], seen[-2], strict=True))

    task = _task(actors, year_a)
    changed()
    task = do_update_task(acting_user=actors.section, task_id=task.pk,
                          expected_version=task.version, measure="每月通报", progress_note="")  # fmt: skip
    changed()
    do_attach_task_evidence(acting_user=actors.section, task_id=task.pk,
                            upload=SimpleUploadedFile("整改报告.pdf", PDF))  # fmt: skip
    changed()
    task.refresh_from_db()
    do_close_task(acting_user=actors.working_group, task_id=task.pk,
                  expected_version=task.version, note="已核实")  # fmt: skip
    changed()


def test_a_cached_list_equals_the_list_built_afresh(actors, year_a, year_b, client_for):
    for number in range(3):
        _task(actors, year_a, f"甲部门的第 {number + 1} 项问题")
    _task(actors, year_b, "乙部门的问题")
    client = client_for(actors.bureau)
    # The district's list keeps the reach's filter lists; a department's list then uses them.
    client.get(reverse("rectification_list"))
    query = {"department": year_a.department_id}
    cached = _body(client.get(reverse("rectification_list"), query))
    assert _body(client.get(reverse("rectification_list"), query)) == cached
    cache.clear()
    assert _body(client.get(reverse("rectification_list"), query)) == cached
    assert "甲部门的第 3 项问题" in cached and "乙部门的问题" not in cached
    assert f'<option value="{year_b.department_id}">另一街道办事处</option>' in cached


def test_a_department_with_its_first_task_joins_the_cached_filter_list(
    actors, year_a, year_b, client_for
):
    _task(actors, year_a)
    client = client_for(actors.bureau)
    assert "另一街道办事处" not in _body(client.get(reverse("rectification_list")))
    _task(actors, year_b, "乙部门的问题")
    page = _body(client.get(reverse("rectification_list"), {"department": year_a.department_id}))
    assert f'<option value="{year_b.department_id}">另一街道办事处</option>' in page


def test_the_cached_export_equals_a_fresh_one_and_shows_a_change_at_once(
    actors, year_a, client_for
):
    task = _task(actors, year_a)
    url = reverse("rectification_export")
    query = {"department": year_a.department_id}
    client = client_for(actors.bureau)
    first = _rows(client.get(url, query))
    assert _rows(client.get(url, query)) == first
    cache.clear()
    assert _rows(client.get(url, query)) == first
    do_update_task(acting_user=actors.section, task_id=task.pk, expected_version=task.version,
                   measure="每月通报支付进度", progress_note="")  # fmt: skip
    rows = _rows(client_for(actors.bureau).get(url, query))
    assert any("每月通报支付进度" in row and "整改中" in row for row in rows)
    assert models.RectificationTask.objects.get().progress == "in_progress"


def _evidence(actors, task, name="整改报告.pdf"):
    do_attach_task_evidence(acting_user=actors.section, task_id=task.pk,
                            upload=SimpleUploadedFile(name, PDF))  # fmt: skip
    task.refresh_from_db()
    return task


def _one_of_each_status(actors, year):
    """Four tasks: 未开始, 整改中 (with two files), 已完成 and 逾期."""
    _task(actors, year, "未开始的问题")
    _evidence(actors, _evidence(actors, _task(actors, year, "整改中的问题")), "第二份.pdf")
    done = _task(actors, year, "已完成的问题")
    done = do_update_task(acting_user=actors.section, task_id=done.pk,
                          expected_version=done.version, measure="已整改", progress_note="")  # fmt: skip
    done = _evidence(actors, done)
    do_close_task(acting_user=actors.working_group, task_id=done.pk,
                  expected_version=done.version, note="已核实")  # fmt: skip
    late = _task(actors, year, "逾期的问题")
    yesterday = timezone.localdate() - timedelta(days=1)
    models.RectificationTask.objects.filter(pk=late.pk).update(
        created_on=yesterday - timedelta(days=30), deadline=yesterday
    )


def test_the_pagers_count_from_the_status_counts_equals_the_lists_own(actors, year_a, year_b):
    _one_of_each_status(actors, year_a)
    _task(actors, year_b, "乙部门的问题")
    today = timezone.localdate()
    for department in (None, year_a.department_id, year_b.department_id):
        for status in ("", *STATUSES, "不是状态"):
            filters = LedgerFilters(department_id=department, status=status)
            counts = status_counts(actors.bureau, filters, today)
            assert listed_count(counts, filters) == ledger(actors.bureau, filters, today).count()
    assert listed_count(status_counts(actors.bureau, LedgerFilters(), today), LedgerFilters()) == 5


def test_each_listed_and_exported_task_counts_its_own_evidence(actors, year_a):
    _one_of_each_status(actors, year_a)
    today = timezone.localdate()
    expected = {
        task.problem: task.evidence_files.count() for task in models.RectificationTask.objects.all()
    }
    assert sorted(expected.values()) == [0, 0, 1, 2]
    rows = list_rows(list_values(ledger(actors.bureau, LedgerFilters(), today)), today)
    assert {row["problem"]: row["evidence_count"] for row in rows} == expected
    entries = ledger_entries(actors.bureau, LedgerFilters(), today)
    assert {entry.task.problem: entry.evidence_files for entry in entries} == expected
