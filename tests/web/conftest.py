"""Named actors and department-years for the web tests (healthchecks style).

``actors`` has one user per role for department A (示例街道办事处), a finance user of
department B (the outsider), and a bureau reviewer of the district. ``year_a`` and
``year_b`` are the two departments' imported 2023 department-years. ``browser`` and
``page`` drive Debian's Chromium through Playwright (imported only when a browser test runs).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from jixiao.core.records import Department
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.services.importing import do_import_workbook
from tests.builders import two_project_department

PASSWORD = "correct-horse-battery"


@dataclass
class Actors:
    admin: User
    finance: User
    section: User
    other_section: User
    working_group: User
    bureau: User
    outsider: User


def department_data(name: str):
    data = two_project_department()
    return replace(
        data, department=Department(name=name, year=2023, jurisdiction="示例区", full_name=name)
    )


def _user(username: str, role: str | None = None, **membership) -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name=username)
    if role is not None:
        models.Membership.objects.create(user=user, role=role, **membership)
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests log in many users; the full-cost hasher would dominate their run time.
    test_security checks the production hasher on its own user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached page parts: a rolled-back test's department-year
    can come back with the same id and revision but other data in the next test."""
    cache.clear()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded evidence goes to the test's own folder, never the data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year_a(db):
    admin = User.objects.create_superuser("root", password=PASSWORD)
    return do_import_workbook(
        acting_user=admin, data=department_data("示例街道办事处"), source_name="a.xlsx"
    )


@pytest.fixture
def year_b(year_a):
    admin = User.objects.get(username="root")
    return do_import_workbook(
        acting_user=admin, data=department_data("另一街道办事处"), source_name="b.xlsx"
    )


@pytest.fixture
def actors(year_a, year_b) -> Actors:
    department = year_a.department
    sections = {s.name: s for s in department.sections.all()}
    return Actors(
        admin=User.objects.get(username="root"),
        finance=_user("finance", Role.FINANCE, department=department),
        section=_user("section", Role.SECTION, department=department, section=sections["城管办"]),
        other_section=_user(
            "other_section", Role.SECTION, department=department, section=sections["社事办"]
        ),
        working_group=_user("group", Role.WORKING_GROUP, department=department),
        bureau=_user("bureau", Role.BUREAU, district="示例区"),
        outsider=_user("outsider", Role.FINANCE, department=year_b.department),
    )


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client logged in as ``user``."""

    def login(user: User):
        client.force_login(user, backend="jixiao.web.auth_backend.MembershipBackend")
        return client

    return login


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium must not reach for Google's services on this closed network.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (scripts/test-services.sh installs it)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test
    # makes between page actions are ordinary synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=VIEWPORT)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirm() of locking moves
    yield page
    context.close()
