"""The 使用说明 page: open to everyone, linked from every page, built from the system's own
definitions (workflow steps, workbook format, finding codes)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.core.finding_codes import FINDING_KINDS
from jixiao.io.workbook_format import ALL_SHEETS

pytestmark = pytest.mark.django_db


def test_it_is_open_without_signing_in_and_linked_from_the_login_page(client):
    response = client.get(reverse("help"))
    assert response.status_code == 200
    assert reverse("help") in client.get(reverse("login")).content.decode()


def test_it_lists_every_sheet_with_its_columns_required_ones_marked(client):
    text = client.get(reverse("help")).content.decode()
    for sheet in ALL_SHEETS:
        assert f"<h3>{sheet.name}</h3>" in text
        for column in sheet.columns:
            assert column.header in text
    assert "<strong>项目编码</strong>（必填）" in text


def test_it_explains_every_finding_and_how_to_resolve_it(client):
    text = client.get(reverse("help")).content.decode()
    for kind in FINDING_KINDS:
        assert kind.name in text and kind.remedy in text


def test_it_says_what_each_role_does_in_order(client, actors, client_for):
    text = client_for(actors.section).get(reverse("help")).content.decode()
    roles = ("财务人员", "业务科室", "工作小组", "财政局")
    positions = [text.index(f"<h3>{n}. {role}</h3>") for n, role in enumerate(roles, start=1)]
    assert positions == sorted(positions)
    assert "越过审核的原因" in text


def test_each_role_is_told_the_screens_after_the_self_evaluation(client, actors, client_for):
    text = client_for(actors.section).get(reverse("help")).content.decode()
    roles = text[text.index('id="roles"') : text.index('id="workbook"')]
    for screen in ("“整改台账”", "“抽查复核”", "“结果应用”", "“历年”", "“公开”", "“列入整改”"):
        assert screen in roles
    bureau = roles[roles.index("4. 财政局") :]
    assert "“抽查复核”" in bureau and "“全部列入整改”" in bureau
