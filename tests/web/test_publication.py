"""信息公开: the package of a finished year, the record of its publication, and the feed
into the 信息公开 indicator."""

import json
import shutil
import zipfile
from io import BytesIO

import docx
import pytest

from jixiao.web import models
from jixiao.web.models import Status
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.publication import do_record_publication, package

ADDRESS = "https://www.example.gov.cn/gkml/2024/jxzp.html"


@pytest.fixture
def finished(actors, year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(status=Status.GROUP_APPROVED)
    year_a.refresh_from_db()
    return year_a


def record(user, year, published_on="2024-05-20", address=ADDRESS, version=0):
    return do_record_publication(acting_user=user, year_id=year.pk, published_on=published_on,
                                 address=address, expected_version=version)  # fmt: skip


def test_a_year_still_being_filled_has_no_package(actors, year_a):
    with pytest.raises(NotAllowed, match="审核签发"):
        package(year_a)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_package_holds_both_documents_twice_and_the_figures(finished):
    content, name = package(finished)
    assert name == "示例街道办事处-2023年度-信息公开材料.zip"
    archive = zipfile.ZipFile(BytesIO(content))
    stem = "示例街道办事处-2023年度-"
    assert sorted(archive.namelist()) == sorted(
        f"{stem}{what}" for what in ("部门整体支出绩效自评报告.docx", "部门整体支出绩效自评报告.pdf",
                                     "项目支出绩效自评表.docx", "项目支出绩效自评表.pdf", "公开数据.json"))  # fmt: skip
    forms = docx.Document(BytesIO(archive.read(f"{stem}项目支出绩效自评表.docx")))
    cells = [cell.text for table in forms.tables for row in table.rows for cell in row.cells]
    text = "\n".join([paragraph.text for paragraph in forms.paragraphs] + cells)
    assert "环卫保洁" in text and "工作表" not in text and "核对" not in text
    assert forms.core_properties.author == "" and forms.core_properties.comments == ""
    assert archive.read(f"{stem}部门整体支出绩效自评报告.pdf").startswith(b"%PDF")
    figures = json.loads(archive.read(f"{stem}公开数据.json"))
    assert figures["年度"] == 2023 and [p["项目编码"] for p in figures["项目"]] == ["P1", "P2"]


def test_a_publication_is_recorded_with_its_history_and_corrected_by_version(finished, actors):
    first = record(actors.finance, finished)
    assert (str(first.published_on), first.address) == ("2024-05-20", ADDRESS)
    corrected = record(actors.working_group, finished, published_on="2024-05-21", version=1)
    assert corrected.version == 2 and corrected.history.count() == 2


@pytest.mark.parametrize(("field", "value", "message"), [
    ("published_on", "2024/5/20", "公开日期应为"),
    ("published_on", "2999-01-01", "不能晚于今天"),
    ("address", "www.example.gov.cn", "http:// 或 https://"),
    ("address", "javascript:alert(1)", "http:// 或 https://"),
])  # fmt: skip
def test_a_bad_date_or_address_is_refused_in_chinese(finished, actors, field, value, message):
    with pytest.raises(InvalidInput, match=message):
        record(actors.finance, finished, **{field: value})
    assert not models.Publication.objects.exists()


def test_only_the_departments_finance_or_working_group_records(finished, actors):
    for user in (actors.bureau, actors.section, actors.outsider):
        with pytest.raises(NotAllowed):
            record(user, finished)


def test_the_record_feeds_the_disclosure_indicator(finished, actors, client_for):
    record(actors.finance, finished)
    indicator = finished.indicators.get(project__isnull=True, name="新增经济项目")
    models.Indicator.objects.filter(pk=indicator.pk).update(name="绩效信息公开情况")
    models.DepartmentYear.objects.filter(pk=finished.pk).update(status=Status.DRAFT)
    client = client_for(actors.finance)
    page = client.get(f"/years/{finished.pk}/publication/").content.decode()
    assert "绩效信息公开情况" in page and "填入公开情况" in page
    client.post(f"/years/{finished.pk}/publication/feed/",
                {"indicator": str(indicator.pk), "version": str(indicator.version)})  # fmt: skip
    indicator.refresh_from_db()
    assert indicator.evidence == (f"2023年度部门整体支出绩效自评报告及项目支出绩效自评表已于"
                                  f"2024年05月20日在 {ADDRESS} 公开")  # fmt: skip
    assert indicator.history.first().history_user == actors.finance
