"""Every page of every role, in Chromium at 1280×720: Chinese only, nothing spilling sideways.

The visible text of each page may hold no Latin word outside a short allow-list (the
product's name, file types, units); the main content may not be wider than the window.
Each page is screenshotted (into ``JIXIAO_SCREENSHOTS`` when set, else the test's own
folder) so a person can look at them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from jixiao.core.profile import load_profile
from jixiao.web import models

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# File names, URL paths and media types (a login log's 访问路径 and 浏览器接受类型) are data.
FILE_NAME = re.compile(
    r"\S+\.(?:xlsx|docx|html|pdf|txt|toml)\b|(?<!\S)/\S*|\b[a-z]+/[\w.+*-]+", re.IGNORECASE
)
ALLOWED = {
    "jixiao",  # the product's name
    "docx", "xlsx", "html", "pdf", "txt", "toml", "PDF", "HTML", "Word", "Excel", "TOML",
    "km", "kg", "kWh", "cm", "mm", "MB",  # units
    # The names a workbook's 自动取数 column takes, which the help and the sheet notes list.
    *(word for key in load_profile("default").metrics for word in key.split("_")),
}  # fmt: skip


BROWSER_WORDS = {"mozilla", "applewebkit", "khtml", "like", "gecko", "headlesschrome",
                 "safari", "linux", "x86_64", "chrome"}  # fmt: skip


def whole_department_pages(year: models.DepartmentYear, project: models.Project) -> list[str]:
    return [
        reverse("dashboard", args=[year.pk]),
        reverse("project_list", args=[year.pk]),
        reverse("project_detail", args=[project.pk]),
        reverse("department_overall", args=[year.pk]),
        reverse("finding_list", args=[year.pk]),
        reverse("report", args=[year.pk]),
    ]


def pages_of(role: str, year: models.DepartmentYear) -> list[str]:
    project = year.projects.get(code="P1")
    indicator = project.indicators.first()
    common = [reverse("home"), reverse("help")]
    reports = [reverse("audit_report")]  # the audit is not for sections
    own = {
        "section": [
            reverse("project_list", args=[year.pk]),
            reverse("project_detail", args=[project.pk]),
            reverse("indicator_history", args=[indicator.pk]),
        ],
        "finance": [*whole_department_pages(year, project), reverse("upload"), *reports],
        "working_group": [*whole_department_pages(year, project), *reports],
        "bureau": [reverse("bureau"), *whole_department_pages(year, project), *reports],
    }
    return common + own[role]


def admin_pages() -> list[str]:
    from django.contrib import admin

    pages = ["/admin/"]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
            if hasattr(model, "history"):
                pages.append(
                    reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[first.pk])
                )
    return pages


def latin_words(text: str, data: set[str]) -> set[str]:
    """The Latin words of ``text`` outside the allow-list and the test's own ``data``."""
    words = LATIN_WORD.findall(FILE_NAME.sub(" ", text))
    return {word for word in words if word not in ALLOWED and word.lower() not in data}


def visible_text(page) -> str:
    """The page's text, leaving out what Django isolates as data in ``<bdi>`` (a password
    hash's algorithm and salt)."""
    return page.evaluate(
        """() => {
          const copy = document.body.cloneNode(true);
          copy.querySelectorAll('bdi').forEach(node => node.remove());
          document.body.appendChild(copy);
          copy.style.position = 'absolute';
          const text = copy.innerText;
          copy.remove();
          return text;
        }"""
    )


def overflow(page) -> int:
    """How many pixels the page or its main content is wider than the window."""
    return page.evaluate(
        """() => {
          const main = document.querySelector('main') || document.body;
          const spill = Math.max(document.documentElement.scrollWidth, main.scrollWidth);
          return Math.max(0, spill - document.documentElement.clientWidth);
        }"""
    )


def screenshot_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("JIXIAO_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def walk(page, username: str, urls: list[str], folder: Path, data: set[str]) -> list[str]:
    """Visit ``urls`` as ``username``; what is wrong with each, as readable lines."""
    log_in(page, username)
    problems = []
    for index, url in enumerate(urls):
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        if response is None or response.status != 200:
            problems.append(f"{username} {url}: HTTP {response.status if response else '—'}")
            continue
        page.screenshot(path=str(folder / f"{username}-{index:02d}.png"))
        words = latin_words(visible_text(page), data)
        if words:
            problems.append(f"{username} {url}: Latin words {sorted(words)}")
        spill = overflow(page)
        if spill:
            problems.append(f"{username} {url}: {spill}px wider than the window")
    return problems


def test_every_page_of_every_role_speaks_chinese_and_fits_the_window(
    page, actors, year_a, tmp_path
):
    folder = screenshot_folder(tmp_path)
    # User names are what the test typed, not the interface's words; the browser's own
    # identification (the login log's 浏览器标识) is data too.
    users = list(User.objects.all())
    for user in users:
        user.first_name = f"用户{user.pk}"
        user.save()
    names = {word for user in users for word in LATIN_WORD.findall(user.username)}
    data = {name.lower() for name in names} | BROWSER_WORDS
    problems = []
    for role in ("section", "finance", "working_group", "bureau"):
        user = getattr(actors, role)
        problems += walk(page, user.username, pages_of(role, year_a), folder, data)
    # The admin shows a rules profile's key (what a workbook's 规则配置 names) beside its title.
    keys = set(models.DepartmentYear.objects.values_list("profile", flat=True))
    urls = [reverse("help"), *admin_pages()]
    problems += walk(page, actors.admin.username, urls, folder, data | keys)
    assert not problems, "\n".join(problems)
