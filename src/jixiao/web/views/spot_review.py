"""The bureau's spot review screens: draw a sample, see the results and the 通报, enter 复核得分."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.money import format_percent
from jixiao.io.spot_review_xlsx import write_review_results
from jixiao.web.query_numbers import query_number
from jixiao.web.selectors import spot_review as selectors
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.spot_review import do_draw_sample, do_review_indicator
from jixiao.web.services.spot_review_rectification import do_rectify_review_item, do_rectify_sample

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bureau_only(request: HttpRequest) -> None:
    if not selectors.district_of(request.user):
        raise Http404


@login_required
@require_GET
def spot_review_page(request: HttpRequest) -> HttpResponse:
    """The district's samples: the draw form, the chosen sample's results and its 通报."""
    _bureau_only(request)
    samples = list(selectors.samples_for(request.user))
    wanted = query_number(request.GET.get("sample"))
    sample = next((s for s in samples if s.pk == wanted), samples[0] if samples else None)
    rows = selectors.result_rows(sample) if sample else []
    drawn = {s.year for s in samples}
    return render(request, "jixiao/spot_review.html", {
        "samples": samples, "sample": sample, "rows": rows,
        "notice": selectors.notice_rows(sample, rows) if sample else [],
        "drawable": [y for y in selectors.drawable_years(request.user) if y not in drawn],
        "reviewed": sum(1 for _, row in rows if row.review_total is not None),
        **(_coverage(sample) if sample else {}),
    })  # fmt: skip


def _coverage(sample) -> dict[str, str]:
    return {"covered": format_percent(sample.money_covered, Decimal("0.01")),
            "required": format_percent(Decimal(sample.rules["money_share"]), Decimal("0.1"))}  # fmt: skip


@login_required
@require_POST
def draw(request: HttpRequest) -> HttpResponse:
    """Draw a sample for the posted year (with the posted seed, to redo a recorded draw)."""
    _bureau_only(request)
    year = query_number(request.POST.get("year"))
    seed_text = request.POST.get("seed", "").strip()
    if year is None or (seed_text and not seed_text.isdigit()):
        messages.error(request, "请选择年度；随机种子须为非负整数（可留空，由系统生成）。")
        return redirect("spot_review")
    try:
        sample = do_draw_sample(acting_user=request.user, year=year,
                                seed=int(seed_text) if seed_text else None)  # fmt: skip
    except ServiceError as failure:
        messages.error(request, str(failure))
        return redirect("spot_review")
    messages.success(request, f"已抽取 {sample.items.count()} 个项目（随机种子 {sample.seed}）。")
    return redirect(f"{reverse('spot_review')}?sample={sample.pk}")


@login_required
@require_GET
def results_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    """The 复核结果表 (复核结果 and 通报) of one sample."""
    sample = selectors.get_sample(request.user, pk)
    title = f"{sample.district}{sample.year}年度预算绩效自评财政抽查复核结果表"
    subtitle = (
        f"抽取项目 {sample.items.count()} 个，资金覆盖 {_coverage(sample)['covered']}；"
        f"随机种子 {sample.seed}；差距阈值 {sample.rules['gap_threshold']} 分"
    )
    with tempfile.TemporaryDirectory(prefix="jixiao-review-") as folder:
        path = write_review_results(Path(folder) / "review.xlsx", title=title, subtitle=subtitle,
                                    rows=[row for _, row in selectors.result_rows(sample)])  # fmt: skip
        content = path.read_bytes()
    response = HttpResponse(content, content_type=XLSX)
    name = f"{sample.district}-{sample.year}年度-复核结果表.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
@require_POST
def review_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep one 复核得分 of a drawn project, then back to the project page."""
    item = selectors.get_item(request.user, pk)
    version = request.POST.get("version", "")
    indicator = request.POST.get("indicator", "")
    if not (version.isdigit() and indicator.isdigit()):
        messages.error(request, "缺少版本号或指标，请刷新页面。")
        return redirect("project_detail", pk=item.project_id)
    try:
        item = do_review_indicator(
            acting_user=request.user, item_id=item.pk, indicator_id=int(indicator),
            score=request.POST.get("score", ""), reason=request.POST.get("reason", ""),
            expected_version=int(version),
        )  # fmt: skip
    except ServiceError as failure:
        messages.error(request, str(failure))
    else:
        flag = "，差距超过阈值" if item.flagged else ""
        messages.success(request, f"复核得分已保存：复核总分 {item.review_total} 分{flag}。")
    return redirect(reverse("project_detail", args=[item.project_id]) + "#spot-review")


@login_required
@require_POST
def rectify_item(request: HttpRequest, pk: int) -> HttpResponse:
    """列入整改: a task for the section of one flagged project, then back where it was asked."""
    item = selectors.get_item(request.user, pk)
    try:
        task = do_rectify_review_item(acting_user=request.user, item_id=item.pk)
    except ServiceError as failure:
        messages.error(request, str(failure))
    else:
        messages.success(request, f"已列入整改台账，整改期限 {task.deadline:%Y-%m-%d}。")
    if request.POST.get("back") == "sample":
        return redirect(f"{reverse('spot_review')}?sample={item.sample_id}#notice")
    return redirect(reverse("project_detail", args=[item.project_id]) + "#spot-review")


@login_required
@require_POST
def rectify_sample(request: HttpRequest, pk: int) -> HttpResponse:
    """列入整改 for every flagged gap of the sample not yet in the ledger."""
    sample = selectors.get_sample(request.user, pk)
    try:
        done = do_rectify_sample(acting_user=request.user, sample_id=sample.pk)
    except ServiceError as failure:
        messages.error(request, str(failure))
    else:
        already = f"，{done.already} 项此前已列入" if done.already else ""
        messages.success(request, f"已列入整改台账 {len(done.created)} 项{already}。")
    return redirect(f"{reverse('spot_review')}?sample={sample.pk}#notice")
