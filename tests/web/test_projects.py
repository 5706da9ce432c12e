"""The project list (scope, filters, sorting, score gap, pages) and the project page.

From tests/builders.py (two_project_department): P1 环卫保洁 (城管办, 一般公共预算, 全年预算 120,000 元
= 12.00 万元, executed 118,000 = 11.80 万元) scores 99.83; P2 社区服务 (社事办,
政府性基金预算, 40,000 executed in full) scores 100.00.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.core.profile import shipped_profile_text
from jixiao.web import models
from jixiao.web.services.evidence import do_attach_evidence
from jixiao.web.services.indicators import do_update_indicator, do_update_project

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
HTMX = {"HTTP_HX_REQUEST": "true"}


def listed(client, year, **params) -> list[str]:
    response = client.get(reverse("project_list", args=[year.pk]), params)
    assert response.status_code == 200
    return [row["code"] for row in table_rows(response)]


def table_rows(response) -> list[dict[str, object]]:
    """The listed projects as the page shows them: code, cell texts, highlighted or not."""
    html = response.content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = []
    for opening, cells in re.findall(r"<tr([^>]*)>(.*?)</tr>", body, flags=re.S):
        texts = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, flags=re.S)
        ]
        if len(texts) > 1:
            rows.append({"code": texts[0], "cells": texts, "gap_high": "gap-high" in opening})
    return rows


def declare(user, project: models.Project, score: str) -> models.Project:
    return do_update_project(acting_user=user, project_id=project.pk, expected_version=project.version,
                             changes={"self_score": score})  # fmt: skip


def test_finance_lists_every_project_with_scores_and_status(year_a, actors, client_for):
    response = client_for(actors.finance).get(reverse("project_list", args=[year_a.pk]))
    html = response.content.decode()
    assert [row["code"] for row in table_rows(response)] == ["P1", "P2"]
    assert "环卫保洁" in html and "99.83" in html and "12.00" in html and "填报中" in html


def test_a_section_user_lists_only_its_own_projects(year_a, actors, client_for):
    assert listed(client_for(actors.section), year_a) == ["P1"]
    assert listed(client_for(actors.other_section), year_a) == ["P2"]


def test_a_section_user_cannot_widen_the_list_with_another_sections_filter(
    year_a, actors, client_for
):
    other = year_a.department.sections.get(name="社事办")
    assert listed(client_for(actors.section), year_a, section=other.pk) == []


def test_the_outsider_gets_404_for_the_project_list(year_a, actors, client_for):
    response = client_for(actors.outsider).get(reverse("project_list", args=[year_a.pk]))
    assert response.status_code == 404


def test_the_list_filters_by_section_source_grade_status_and_search(year_a, actors, client_for):
    client = client_for(actors.finance)
    section = year_a.department.sections.get(name="社事办")
    assert listed(client, year_a, section=section.pk) == ["P2"]
    assert listed(client, year_a, source="一般公共预算") == ["P1"]
    assert listed(client, year_a, q="社区") == ["P2"]
    assert listed(client, year_a, q="p1") == ["P1"]
    assert listed(client, year_a, grade="优") == ["P1", "P2"]
    assert listed(client, year_a, grade="差") == []
    assert listed(client, year_a, status="submitted") == []


def test_the_list_sorts_by_score_both_ways(year_a, actors, client_for):
    client = client_for(actors.finance)
    assert listed(client, year_a, sort="score") == ["P1", "P2"]
    assert listed(client, year_a, sort="-score") == ["P2", "P1"]
    assert listed(client, year_a, sort="-final") == ["P1", "P2"]
    assert listed(client, year_a, sort="final") == ["P2", "P1"]


def test_the_list_sorts_by_gap_with_undeclared_projects_last(year_a, actors, client_for):
    declare(actors.finance, year_a.projects.get(code="P2"), "90")
    assert listed(client_for(actors.finance), year_a, sort="-gap") == ["P2", "P1"]
    assert listed(client_for(actors.finance), year_a, sort="gap") == ["P2", "P1"]


def test_a_gap_beyond_the_profile_threshold_is_highlighted(year_a, actors, client_for):
    declare(actors.finance, year_a.projects.get(code="P1"), "100")  # gap 0.17: fine
    declare(actors.finance, year_a.projects.get(code="P2"), "90")  # gap 10.00 > 5
    response = client_for(actors.finance).get(reverse("project_list", args=[year_a.pk]))
    rows = {row["code"]: row for row in table_rows(response)}
    assert (rows["P1"]["cells"][9], rows["P1"]["gap_high"]) == ("0.17", False)
    assert (rows["P2"]["cells"][9], rows["P2"]["gap_high"]) == ("10.00", True)
    assert response.content.decode().count('class="gap-high"') == 1


def test_the_sort_links_keep_the_filters(year_a, actors, client_for):
    response = client_for(actors.finance).get(
        reverse("project_list", args=[year_a.pk]), {"q": "环卫", "sort": "score"}
    )
    link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>计算得分', response.content.decode())
    assert link is not None
    url = unescape(link.group(1))
    assert "q=%E7%8E%AF%E5%8D%AB" in url and "sort=-score" in url


def test_the_list_pages_fifty_projects_at_a_time(year_a, actors, client_for):
    section = year_a.department.sections.first()
    models.Project.objects.bulk_create([
        models.Project(department_year=year_a, section=section, code=f"X{n:03}", name=f"项目{n}",
                       source="一般公共预算", class_code="212", initial=Decimal(0), final=Decimal(0),
                       actual=Decimal(0), position=10 + n)
        for n in range(60)
    ])  # fmt: skip
    client = client_for(actors.finance)
    assert len(listed(client, year_a)) == 50
    assert len(listed(client, year_a, page=2)) == 12


def test_the_project_page_shows_funds_scores_and_indicators(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    response = client_for(actors.working_group).get(reverse("project_detail", args=[project.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["funds"][0].label == "年度资金总额"
    assert "11.80" in html and "98.33%" in html and "99.83" in html
    assert "完成数" in html and "≥10个" in html and "变更记录" in html


def test_the_working_group_reads_the_project_page_without_inputs(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    html = (
        client_for(actors.working_group)
        .get(reverse("project_detail", args=[project.pk]))
        .content.decode()
    )
    assert reverse("indicator_edit", args=[project.indicators.first().pk]) not in html
    assert 'name="actual"' not in html


def test_the_owning_section_gets_an_editable_indicator_table(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    response = client_for(actors.section).get(reverse("project_detail", args=[project.pk]))
    html = response.content.decode()
    assert all(row.inputs for row in response.context["rows"])
    assert reverse("indicator_edit", args=[project.indicators.first().pk]) in html
    assert 'hx-swap="outerHTML"' in html and 'name="version"' in html


def test_the_section_sees_its_submit_button(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    html = (
        client_for(actors.section)
        .get(reverse("project_detail", args=[project.pk]))
        .content.decode()
    )
    assert reverse("project_transition", args=[project.pk]) in html
    assert 'value="submit"' in html


def test_another_sections_project_page_is_404(year_a, actors, client_for):
    project = year_a.projects.get(code="P2")
    assert (
        client_for(actors.section).get(reverse("project_detail", args=[project.pk])).status_code
        == 404
    )
    assert (
        client_for(actors.outsider).get(reverse("project_detail", args=[project.pk])).status_code
        == 404
    )


def test_the_project_page_lists_recent_changes_of_the_project_and_its_indicators(
    year_a, actors, client_for
):
    project = year_a.projects.get(code="P1")
    indicator = project.indicators.get(name="完成数")
    do_update_indicator(acting_user=actors.section, indicator_id=indicator.pk, expected_version=1,
                        changes={"actual": "5"})  # fmt: skip
    declare(actors.section, project, "95")
    response = client_for(actors.finance).get(reverse("project_detail", args=[project.pk]))
    newest, older = response.context["history"][:2]
    assert (newest.subject, newest.who) == ("项目", "section")
    assert [(c.label, c.new) for c in newest.changes] == [("自评总分", "95.00")]
    assert older.subject == "指标“完成数”"
    assert '10</span> → <span class="new">5' in response.content.decode()


def test_the_project_page_takes_a_bounded_number_of_queries(
    year_a, actors, client_for, settings, tmp_path, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    project = year_a.projects.get(code="P1")
    for indicator in project.indicators.all():
        for name in ("a.pdf", "b.pdf"):
            do_attach_evidence(acting_user=actors.section, indicator_id=indicator.pk,
                               upload=SimpleUploadedFile(name, PDF))  # fmt: skip
    client = client_for(actors.section)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("project_detail", args=[project.pk]))
    assert response.content.decode().count("/evidence/") >= 6


def test_saving_the_projects_own_fields_answers_with_the_form_and_the_score(
    year_a, actors, client_for
):
    project = year_a.projects.get(code="P1")
    url = reverse("project_edit", args=[project.pk])
    data = {
        "version": 1,
        "self_score": "80",
        "goal_outcome": "全年完成保洁任务",
        "execution_explanation": "",
    }
    response = client_for(actors.section).post(url, data, **HTMX)
    project.refresh_from_db()
    html = response.content.decode()
    assert (project.self_score, project.goal_outcome) == (Decimal("80.00"), "全年完成保洁任务")
    assert 'id="project-score"' in html and "19.83" in html and "gap-high" in html


def test_a_stale_project_version_is_refused(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    declare(actors.finance, project, "90")
    response = client_for(actors.section).post(
        reverse("project_edit", args=[project.pk]), {"version": 1, "self_score": "80"}, **HTMX
    )
    project.refresh_from_db()
    assert "已被他人修改" in response.content.decode()
    assert project.self_score == Decimal("90.00")


def test_a_project_self_score_that_is_not_a_number_is_refused(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    response = client_for(actors.section).post(
        reverse("project_edit", args=[project.pk]), {"version": 1, "self_score": "九十"}, **HTMX
    )
    project.refresh_from_db()
    assert "“九十”不是数字" in response.content.decode()
    assert project.self_score is None and project.version == 1


def test_another_section_cannot_edit_the_project(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    response = client_for(actors.other_section).post(
        reverse("project_edit", args=[project.pk]), {"version": 1, "self_score": "80"}
    )
    assert response.status_code == 404


def test_the_page_title_is_plain_text_even_when_the_list_is_paged(
    year_a, actors, client_for, monkeypatch
):
    import re

    from jixiao.web.views import projects as view

    monkeypatch.setattr(view, "PAGE_SIZE", 1)
    text = (
        client_for(actors.finance).get(reverse("project_list", args=[year_a.pk])).content.decode()
    )
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    assert "<" not in title and "分页" not in title


def test_the_indicator_table_shows_the_execution_line_so_weights_add_up_to_100(
    actors, year_a, client_for
):
    project = year_a.projects.get(code="P1")
    response = client_for(actors.section).get(reverse("project_detail", args=[project.pk]))
    execution = response.context["execution"]
    # 118,000 of 120,000 spent: 98.33% of the 10 points.
    assert (execution.weight, execution.score, execution.total_weight) == (10, Decimal("9.83"), 100)
    text = response.content.decode()
    assert 'class="execution-row"' in text and '<td class="num">100</td>' in text


def test_sortable_headers_say_which_one_sorts_and_in_which_direction(actors, year_a, client_for):
    url = reverse("project_list", args=[year_a.pk])
    text = client_for(actors.finance).get(url, {"sort": "-score"}).content.decode()
    assert text.count('class="sort"') == 6 and text.count('class="sort sorted"') == 1
    assert 'aria-sort="descending"' in text and "计算得分↓" in text


def test_the_form_names_the_profiles_execution_threshold(actors, year_a, client_for):
    text = shipped_profile_text("default").replace(
        "reason_required_below = 0.90", "reason_required_below = 0.85"
    )
    models.RulesProfileRecord.objects.create(key="default", text=text)
    project = year_a.projects.get(code="P1")
    page = client_for(actors.section).get(reverse("project_detail", args=[project.pk])).content
    assert "执行率低于 85% 须说明原因" in page.decode()
