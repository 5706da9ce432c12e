"""Playwright on Debian's Chromium for the browser tests: the browser, a page, logging in.

Imported by the browser test modules (``from .browser import ...``) rather than kept in
conftest, so the database-only runs never import Playwright.
"""

from __future__ import annotations

import os
import shutil

import pytest

from .conftest import PASSWORD

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


def log_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
