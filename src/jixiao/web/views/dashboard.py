"""The department dashboard (驾驶舱): spending, execution, scores, indicators, findings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web.page_cache import cached
from jixiao.web.selectors.dashboard import dashboard as dashboard_figures
from jixiao.web.selectors.monitoring import latest_round
from jixiao.web.selectors.scoping import get_department_year
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.revision import current


@login_required
@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """For those who see the whole department; a business section gets 404."""
    year = get_department_year(request.user, pk)
    figures = cached(
        ("dashboard", year.pk, current(year)),
        lambda: dashboard_figures(year, profile_for(year.profile)),
    )
    context = {"year": year, "active": "dashboard", "figures": figures,
               "latest_round": latest_round(year)}  # fmt: skip
    return render(request, "jixiao/dashboard.html", context)
