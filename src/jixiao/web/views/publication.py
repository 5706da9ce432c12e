"""信息公开 screens: the package of a finished year, the record of its publication, and the
record offered to the 信息公开 indicator as its 佐证材料."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from jixiao.web.models import Role
from jixiao.web.query_numbers import query_number
from jixiao.web.roles import can_edit_department, role_of
from jixiao.web.selectors.publication import disclosure_indicators, publication_of
from jixiao.web.selectors.scoping import get_department_year
from jixiao.web.services import publication as service
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.indicators import do_update_indicator


@login_required
@require_GET
def publication_page(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk)
    record = publication_of(year)
    try:
        service.check_publishable(year)
        refusal = ""
    except ServiceError as failure:
        refusal = str(failure)
    indicators = [
        {"row": row, "editable": can_edit_department(request.user, row.department_year)}
        for row in disclosure_indicators(year)
    ]
    return render(request, "jixiao/publication.html", {
        "year": year, "active": "publication", "record": record, "refusal": refusal,
        "can_record": role_of(request.user) in (Role.FINANCE, Role.WORKING_GROUP),
        "indicators": indicators,
        "evidence": service.disclosure_evidence(record) if record else "",
    })  # fmt: skip


@login_required
@require_GET
def publication_package(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk)
    try:
        content, name = service.package(year)
    except ServiceError as failure:
        messages.error(request, str(failure))
        return redirect("publication", pk=year.pk)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
@require_POST
def record_publication(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk)
    version = query_number(request.POST.get("version"))
    try:
        service.do_record_publication(
            acting_user=request.user, year_id=year.pk, expected_version=version or 0,
            published_on=request.POST.get("published_on", ""),
            address=request.POST.get("address", ""),
        )  # fmt: skip
    except ServiceError as failure:
        messages.error(request, str(failure))
    else:
        messages.success(request, "信息公开情况已登记。")
    return redirect("publication", pk=year.pk)


@login_required
@require_POST
def feed_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the publication record into a 信息公开 indicator's 佐证材料 (finance, draft year)."""
    year = get_department_year(request.user, pk)
    record = publication_of(year)
    indicator = next((row for row in disclosure_indicators(year)
                      if row.pk == query_number(request.POST.get("indicator"))), None)  # fmt: skip
    try:
        if record is None or indicator is None:
            raise ServiceError("请先登记信息公开情况，并选择本部门的信息公开指标。")
        do_update_indicator(
            acting_user=request.user, indicator_id=indicator.pk,
            expected_version=query_number(request.POST.get("version")) or 0,
            changes={"evidence": service.disclosure_evidence(record)},
        )  # fmt: skip
    except ServiceError as failure:
        messages.error(request, str(failure))
    else:
        messages.success(request, f"已将公开情况填入指标“{indicator.name}”的佐证材料。")
    return redirect("publication", pk=year.pk)
