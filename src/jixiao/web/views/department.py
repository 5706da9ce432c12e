"""The department overall page: dimension totals, department indicators, the year's workflow."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web.roles import can_edit_department
from jixiao.web.selectors.department import department_indicators, dimension_totals, metric_values
from jixiao.web.selectors.indicators import rows_for, with_evidence
from jixiao.web.selectors.lock import blockers, lock_state
from jixiao.web.selectors.management import (
    AMOUNT_HEADERS,
    management_metric_lines,
    management_rows,
)
from jixiao.web.selectors.scoping import get_department_year
from jixiao.web.services import workflow
from jixiao.web.services.profiles import profile_for


@login_required
@require_GET
def department_overall(request: HttpRequest, pk: int) -> HttpResponse:
    """Whole-department users only; finance edits the department indicators while filling.
    Evidence files whose indicators an import removed are listed here, still downloadable."""
    year = get_department_year(request.user, pk)
    profile = profile_for(year.profile)
    indicators = list(with_evidence(department_indicators(year)))
    transitions = workflow.available(request.user, year)
    wanted = {row.metric for row in indicators if row.metric}
    filed = management_rows(year)
    if filed:
        wanted |= set(profile.management_metrics)
    metrics = metric_values(year, profile, wanted)
    return render(request, "jixiao/department.html", {
        "year": year, "active": "department", "dimensions": dimension_totals(year),
        "rows": rows_for(request.user, indicators, year=year, profile=profile, metrics=metrics),
        "can_edit": can_edit_department(request.user, year),
        "transitions": transitions, "unreviewed": blockers(year, transitions),
        "lock": lock_state(year),
        "kept_evidence": year.kept_evidence.select_related("uploaded_by").order_by("pk"),
        "management": filed, "amount_headers": AMOUNT_HEADERS,
        "management_metrics": management_metric_lines(profile, metrics) if filed else [],
    })  # fmt: skip
