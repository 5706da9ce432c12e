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


def choose(page, where: str, menu: str, item: str) -> None:
    """Open the top bar's menu ``menu`` in ``where`` (.yearnav or .account) and follow ``item``."""
    page.click(f"{where} details.menu summary:text-is('{menu}')")
    page.click(f"{where} details.menu[open] a:text-is('{item}')")
