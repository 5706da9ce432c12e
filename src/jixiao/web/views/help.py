"""The 使用说明 page: who does what in the year, the workbook, what each finding means."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web.selectors import help as content


@require_GET
def help_page(request: HttpRequest) -> HttpResponse:
    """Open to everyone, signed in or not: it shows no data, only how the system works."""
    return render(request, "jixiao/help.html", {
        "roles": content.ROLE_STEPS, "sheets": content.workbook_sheets(),
        "profile_items": content.profile_items(), "metrics": content.metrics(),
        "findings": content.findings(), "active": "help",
    })  # fmt: skip
