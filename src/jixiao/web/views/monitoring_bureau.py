"""The bureau's list of its district's monitoring rounds: colours per department, the red
projects with each department's decisions, and a return with a reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web import models
from jixiao.web.roles import department_filter, is_bureau
from jixiao.web.selectors.monitoring import round_view


@login_required
@require_GET
def bureau_monitoring(request: HttpRequest) -> HttpResponse:
    """Each department's latest round, sortable by its red projects."""
    if not is_bureau(request.user):
        raise Http404
    rounds = (
        models.MonitoringRound.objects.filter(
            department_filter(request.user, "department_year__department")
        )
        .select_related("department_year__department")
        .order_by("department_year__department__name", "-department_year__year", "-end_month")
    )
    latest: dict[int, models.MonitoringRound] = {}
    for round_ in rounds:
        latest.setdefault(round_.department_year.department_id, round_)
    views = [round_view(round_) for round_ in latest.values()]
    if request.GET.get("sort") == "red":
        views.sort(key=lambda view: -len(view.red))
    context = {"views": views, "sort": request.GET.get("sort", "")}
    return render(request, "jixiao/monitoring_bureau.html", context)
