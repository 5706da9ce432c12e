"""Every page speaks Chinese, whatever language the browser asks for: the users are
Chinese government staff, and a browser set to English (common on office machines set
up by IT) must not turn Django's own texts (the admin, its form errors) English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import PASSWORD

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.mark.parametrize(
    ("url", "english", "chinese"),
    [
        ("admin:jixiao_rulesprofilerecord_changelist", "to change", "选择"),
        ("admin:index", "Recent actions", "最近动作"),
    ],
)
def test_the_admin_is_chinese_to_an_english_browser(actors, client_for, url, english, chinese):
    text = client_for(actors.admin).get(reverse(url), **ENGLISH_BROWSER).content.decode()
    assert english not in text and chinese in text
    assert 'lang="zh-hans"' in text


def test_a_form_error_is_chinese_to_an_english_browser(actors, client_for):
    response = client_for(actors.admin).post(
        reverse("admin:password_change"),
        {"old_password": "not-" + PASSWORD, "new_password1": "x", "new_password2": "x"},
        **ENGLISH_BROWSER,
    )
    text = response.content.decode()
    assert "old password was entered incorrectly" not in text
    assert "旧密码不正确" in text
