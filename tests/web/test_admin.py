"""The admin speaks Chinese and lists the rules profiles in use, the shipped default among them."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from jixiao.core.profile import load_profile, shipped_profile_text
from jixiao.web import models

CJK = re.compile(r"[\u4e00-\u9fff]")
# simple-history's own bookkeeping columns; its screens label them through its templates.
UNSHOWN = {"id", "history_id", "history_date", "history_change_reason", "history_type",
           "history_user"}  # fmt: skip


@pytest.mark.parametrize("label", ["jixiao", "axes"])
def test_every_model_and_field_has_a_chinese_name(label):
    with translation.override("zh-hans"):
        config = apps.get_app_config(label)
        missing = [str(config.verbose_name)] if not CJK.search(str(config.verbose_name)) else []
        for model in config.get_models():
            if not CJK.search(str(model._meta.verbose_name)):
                missing.append(model.__name__)
            missing += [
                f"{model.__name__}.{field.name}"
                for field in model._meta.get_fields()
                if hasattr(field, "verbose_name") and field.name not in UNSHOWN
                and not CJK.search(str(field.verbose_name))
            ]  # fmt: skip
    assert missing == []


def test_the_profiles_list_shows_the_default_with_its_title_read_only(year_a, client_for, actors):
    response = client_for(actors.admin).get(reverse("admin:jixiao_rulesprofilerecord_changelist"))
    [default] = [item for item in response.context["profiles_in_use"] if item.key == "default"]
    assert default.title == load_profile("default").name
    assert default.source == "随系统提供的文件（只读）" and default.year_count == 2
    shipped = reverse("admin:jixiao_rulesprofile_shipped", args=["default"])
    assert shipped in response.content.decode()
    page = client_for(actors.admin).get(shipped).content.decode()
    assert load_profile("default").name in page and "[project.weights]" in page


def test_a_database_record_overrides_the_file_and_is_editable(year_a, client_for, actors):
    text = shipped_profile_text("default")
    record = models.RulesProfileRecord.objects.create(key="default", text=text)
    response = client_for(actors.admin).get(reverse("admin:jixiao_rulesprofilerecord_changelist"))
    [default] = [item for item in response.context["profiles_in_use"] if item.key == "default"]
    assert default.record_id == record.pk and default.source == "数据库（可修改）"


def test_a_missing_shipped_profile_is_not_found(client_for, actors, db):
    url = reverse("admin:jixiao_rulesprofile_shipped", args=["no-such-profile"])
    assert client_for(actors.admin).get(url).status_code == 404
