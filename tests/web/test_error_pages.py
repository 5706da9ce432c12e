"""Error pages: Chinese, in the site's layout, saying where to go next, leaking nothing.

DEBUG is off in the tests, as in production. A page must not show the requested path,
the exception's text or its type, must satisfy the strict CSP, and must offer a way on
(返回首页, and 登录 to a visitor who is not logged in).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from .error_urls import INTERNAL_DETAIL
from .test_security import csp_violations

pytestmark = pytest.mark.urls("tests.web.error_urls")
MAIN = re.compile(r"<main>(.*)</main>", re.DOTALL)
DJANGO_DEFAULTS = (
    "Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF verification", "Traceback",
)  # fmt: skip


def assert_helpful_error_page(response, status: int, heading: str) -> str:
    """The page's status, heading and links; nothing leaked; nothing the CSP blocks."""
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html
    assert f'<h1 id="error-heading">{heading}</h1>' in html
    assert f'href="{reverse("home")}">返回首页</a>' in html
    assert "系统管理员" in html
    for leak in (*DJANGO_DEFAULTS, INTERNAL_DETAIL, "RuntimeError", "Exception"):
        assert leak not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert csp_violations(html) == []
    return html


def main_part(response) -> str:
    """The page below the header (the header's logout form has a fresh CSRF token)."""
    return MAIN.search(response.content.decode()).group(1)


def test_an_unknown_address_is_a_chinese_404_that_does_not_echo_the_path(actors, client_for):
    response = client_for(actors.finance).get("/no-such-page-7f3a/?q=<b>")

    html = assert_helpful_error_page(response, 404, "找不到您要打开的页面")
    assert "no-such-page-7f3a" not in html and "&lt;b&gt;" not in html


def test_a_visitor_who_is_not_logged_in_is_offered_the_login(db, client):
    html = assert_helpful_error_page(client.get("/no-such-page/"), 404, "找不到您要打开的页面")

    assert f'href="{reverse("login")}"' in html


def test_another_departments_year_looks_exactly_like_one_that_does_not_exist(
    actors, year_a, client_for
):
    client = client_for(actors.outsider)
    outside = client.get(reverse("dashboard", args=[year_a.pk]))
    missing = client.get(reverse("dashboard", args=[year_a.pk + 10_000]))

    assert_helpful_error_page(outside, 404, "找不到您要打开的页面")
    assert main_part(outside) == main_part(missing)


def test_a_refused_action_is_a_chinese_403_without_the_reason(actors, client_for):
    response = client_for(actors.finance).get("/failing/forbidden/")

    assert_helpful_error_page(response, 403, "您的账户无权进行这项操作")


def test_a_failed_csrf_check_says_the_page_expired_and_nothing_was_changed(actors, year_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(actors.finance, backend="jixiao.web.auth_backend.MembershipBackend")
    response = client.post(reverse("year_transition", args=[year_a.pk]), {"name": "submit"})

    html = assert_helpful_error_page(response, 403, "页面已过期，本次提交未被接受")
    assert "系统未做任何修改" in html


def test_a_malformed_request_is_a_chinese_400(actors, client_for):
    response = client_for(actors.finance).get("/failing/bad-request/")

    assert_helpful_error_page(response, 400, "无法处理这次请求")


def test_a_request_for_a_host_the_site_does_not_serve_is_a_chinese_400(db):
    # The host is refused before the session middleware gives the request its user.
    client = Client(raise_request_exception=False, HTTP_HOST="elsewhere.example")

    assert_helpful_error_page(client.get("/"), 400, "无法处理这次请求")


def test_a_crash_is_a_chinese_500_without_the_exception(actors):
    client = Client(raise_request_exception=False)
    client.force_login(actors.finance, backend="jixiao.web.auth_backend.MembershipBackend")

    html = assert_helpful_error_page(client.get("/failing/crash/"), 500, "抱歉，系统处理时出错了")

    assert "无法打开" not in html
