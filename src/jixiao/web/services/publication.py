"""信息公开: the publishable package of a finished year, and the record of its publication.

The package is made on request from the stored rows (nothing stored); only a signed-off
year without error-level findings has one. Recording the date and address is a service
with the acting user, one transaction and a history row; the record is then offered as
佐证材料 to the 信息公开 indicator of the department (``disclosure_evidence``).
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from jixiao.core.narrative.report import build_report
from jixiao.core.publication import published_figures, self_evaluation_forms
from jixiao.io import report_pdf
from jixiao.io.publication_package import write_package
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.roles import membership
from jixiao.web.selectors.lock import LOCKED
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.reports import ReportUnavailable, error_count, evaluate_year


def check_publishable(year: models.DepartmentYear) -> None:
    """Refuses a year that is not finished: not signed off, or with error-level findings."""
    if year.status not in LOCKED:
        raise NotAllowed("只有经工作小组审核签发的年度才能生成公开材料。")
    if year.error_count:
        raise NotAllowed(f"该年度数据尚有 {year.error_count} 处错误，修正后才能生成公开材料。")


def package(year: models.DepartmentYear) -> tuple[bytes, str]:
    """The package's .zip and its download name."""
    check_publishable(year)
    evaluation = evaluate_year(year)
    if error_count(evaluation):
        raise NotAllowed("该年度数据尚有错误，修正后才能生成公开材料。")
    stem = f"{year.department.name}-{year.year}年度"
    try:
        content = write_package(
            stem=stem, report=build_report(evaluation), forms=self_evaluation_forms(evaluation),
            figures=published_figures(evaluation), to_pdf=report_pdf.docx_to_pdf,
        )  # fmt: skip
    except report_pdf.PdfUnavailable as error:
        raise ReportUnavailable(str(error)) from error
    return content, f"{stem}-信息公开材料.zip"


def _check_recorder(user: User, year: models.DepartmentYear) -> None:
    found = membership(user)
    if (
        found is None
        or found.role not in (Role.FINANCE, Role.WORKING_GROUP)
        or found.department_id != year.department_id
    ):
        raise NotAllowed("只有本部门的财务人员或工作小组可以登记信息公开。")


def _date(raw: str) -> datetime.date:
    try:
        value = datetime.date.fromisoformat(raw.strip())
    except ValueError as error:
        raise InvalidInput("published_on", "公开日期应为“2024-05-20”这样的日期。") from error
    if value > timezone.localdate():
        raise InvalidInput("published_on", "公开日期不能晚于今天。")
    return value


def _address(raw: str) -> str:
    address = raw.strip()
    limit = models.Publication._meta.get_field("address").max_length
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError as error:
        raise InvalidInput("address", "公开网址应为以 http:// 或 https:// 开头的网址。") from error
    if len(address) > limit:
        raise InvalidInput("address", f"公开网址不能超过 {limit} 个字符。")
    return address


@transaction.atomic
def do_record_publication(*, acting_user: User, year_id: int, published_on: str, address: str,
                          expected_version: int) -> models.Publication:  # fmt: skip
    """Record (or correct) when and where the year's package was published."""
    year = models.DepartmentYear.objects.select_related("department").get(pk=year_id)
    _check_recorder(acting_user, year)
    check_publishable(year)
    record = models.Publication.objects.select_for_update().filter(department_year=year).first()
    if (record.version if record else 0) != expected_version:
        raise EditConflict("信息公开登记")
    record = record or models.Publication(department_year=year)
    record.published_on, record.address = _date(published_on), _address(address)
    record.recorded_by = acting_user
    record.version = expected_version + 1
    record._history_user = acting_user
    record.save()
    return record


def disclosure_evidence(record: models.Publication) -> str:
    """The 佐证材料 text a publication gives the 信息公开 indicator."""
    year = record.department_year
    return (
        f"{year.year}年度部门整体支出绩效自评报告及项目支出绩效自评表已于"
        f"{record.published_on:%Y年%m月%d日}在 {record.address} 公开"
    )
