"""Helpers of the browser tests (the ``browser`` and ``page`` fixtures are in conftest)."""

from __future__ import annotations

from .conftest import PASSWORD


def log_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
