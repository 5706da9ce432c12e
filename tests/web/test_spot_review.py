"""The bureau's spot review: the draw, the 复核得分, the gap flag, the 复核结果表, the scoping."""

from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.contrib.auth.models import User

from jixiao.core.profile import shipped_profile_text
from jixiao.core.spot_review import draw_sample
from jixiao.web import models
from jixiao.web.models import Status
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.spot_review import (
    _candidates,
    do_draw_sample,
    do_review_indicator,
    recorded_rules,
)
from jixiao.web.services.spot_review_rectification import review_finding

D = Decimal


@pytest.fixture
def signed_off(actors, year_a, year_b):
    """Both departments' 2023 years signed off; P1 of department A self-scored 98."""
    models.DepartmentYear.objects.filter(pk__in=[year_a.pk, year_b.pk]).update(
        status=Status.GROUP_APPROVED
    )
    year_a.projects.filter(code="P1").update(self_score=D(98))
    return actors


def p1_item(sample):
    return sample.items.get(
        project__code="P1", project__department_year__department__name="示例街道办事处"
    )


def test_a_draw_takes_the_high_unsupported_score_and_records_its_seed(signed_off):
    sample = do_draw_sample(acting_user=signed_off.bureau, year=2023, seed=11)
    assert sample.seed == 11 and sample.rules["gap_threshold"] == "5"
    assert p1_item(sample).reason == "自评高分且缺佐证材料"
    # 3 at random besides: the district has 4 projects, so all are drawn.
    assert sample.items.count() == 4
    assert sample.history.count() == 1 and models.SpotReviewItem.history.count() == 4


def test_the_recorded_seed_and_rules_redo_the_draw(signed_off):
    sample = do_draw_sample(acting_user=signed_off.bureau, year=2023, seed=5)
    redone = draw_sample(_candidates("示例区", 2023), recorded_rules(sample), sample.seed)
    assert {int(p.key) for p in redone.picks} == set(
        sample.items.values_list("project_id", flat=True)
    )


def test_years_not_signed_off_are_not_drawn(actors):
    with pytest.raises(InvalidInput, match="无可抽查的项目"):
        do_draw_sample(acting_user=actors.bureau, year=2023)


def test_a_year_is_drawn_once_and_only_by_the_bureau(signed_off):
    with pytest.raises(NotAllowed, match="只有财政局"):
        do_draw_sample(acting_user=signed_off.working_group, year=2023)
    do_draw_sample(acting_user=signed_off.bureau, year=2023)
    with pytest.raises(NotAllowed, match="已抽取过样本"):
        do_draw_sample(acting_user=signed_off.bureau, year=2023)


def review(user, item, indicator, score, reason=""):
    return do_review_indicator(acting_user=user, item_id=item.pk, indicator_id=indicator.pk,
                               score=score, reason=reason, expected_version=item.version)  # fmt: skip


def test_a_score_above_the_weight_is_refused_in_chinese_and_nothing_is_kept(signed_off):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    indicator = item.project.indicators.get(name="完成数")
    with pytest.raises(InvalidInput, match="复核得分应在 0 与分值 50 之间"):
        review(signed_off.bureau, item, indicator, "51", "过高")
    assert not models.IndicatorReview.objects.exists()
    item.refresh_from_db()
    assert item.review_total is None and item.version == 1


def test_a_different_score_needs_a_reason(signed_off):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    indicator = item.project.indicators.get(name="完成数")
    with pytest.raises(InvalidInput, match="须填写复核理由"):
        review(signed_off.bureau, item, indicator, "40")


def test_a_rescored_indicator_sets_the_total_and_flags_a_large_gap(signed_off):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    indicator = item.project.indicators.get(name="完成数")
    item = review(signed_off.bureau, item, indicator, "40", "佐证材料只能支撑 8 成")
    # 9.83 (execution 118,000 ÷ 120,000 × 10) + 40 + 30 + 10
    assert item.review_total == D("89.83")
    assert item.self_gap == D("8.17") and item.computed_gap == D("10.00")
    assert item.flagged
    assert models.IndicatorReview.history.filter(history_user=signed_off.bureau).count() == 1
    finding = review_finding(item)
    assert finding.source == "财政抽查复核" and "89.83" in finding.problem


def test_a_small_rescore_is_not_flagged(signed_off):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    indicator = item.project.indicators.get(name="完成数")
    item = review(signed_off.bureau, item, indicator, "47", "略有不足")
    assert item.review_total == D("96.83") and not item.flagged
    assert review_finding(item) is None


def test_a_stale_version_is_refused(signed_off):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    indicator = item.project.indicators.get(name="完成数")
    review(signed_off.bureau, item, indicator, "50")
    with pytest.raises(Exception, match="已被他人修改"):
        review(signed_off.bureau, item, indicator, "45", "x")


def test_the_results_workbook_lists_the_flagged_project_in_the_notice(signed_off, client_for):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    review(signed_off.bureau, item, item.project.indicators.get(name="完成数"), "30", "不足")
    response = client_for(signed_off.bureau).get(
        f"/bureau/spot-review/{item.sample_id}/results.xlsx"
    )
    workbook = openpyxl.load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["复核结果", "通报"]
    notice = [row for row in workbook["通报"].iter_rows(min_row=4, values_only=True)]
    assert [(row[0], row[1], row[4]) for row in notice] == [("示例街道办事处", "P1", 79.83)]
    assert workbook["复核结果"].max_row == 3 + 4


def test_the_project_page_offers_the_form_to_the_bureau_only(signed_off, client_for):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    page = client_for(signed_off.bureau).get(f"/projects/{item.project_id}/").content.decode()
    assert "财政抽查复核" in page and 'name="score"' in page
    page = client_for(signed_off.finance).get(f"/projects/{item.project_id}/").content.decode()
    assert "财政抽查复核" in page and 'name="score"' not in page


def test_the_page_posts_a_score_and_shows_the_flag(signed_off, client_for):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    indicator = item.project.indicators.get(name="完成数")
    client = client_for(signed_off.bureau)
    response = client.post(f"/spot-review/items/{item.pk}/score/", {
        "version": "1", "indicator": str(indicator.pk), "score": "60", "reason": "x"}, follow=True)  # fmt: skip
    assert "复核得分应在 0 与分值 50 之间" in response.content.decode()
    response = client.post(f"/spot-review/items/{item.pk}/score/", {
        "version": "1", "indicator": str(indicator.pk), "score": "20", "reason": "x"}, follow=True)  # fmt: skip
    assert "差距超过阈值" in response.content.decode()
    page = client.get("/bureau/spot-review/").content.decode()
    assert "通报名单（1）" in page


def test_other_districts_and_other_roles_see_nothing(signed_off, client_for):
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    stranger = User.objects.create_user("stranger")
    models.Membership.objects.create(user=stranger, role=models.Role.BUREAU, district="他区")
    client = client_for(stranger)
    assert client.get(f"/bureau/spot-review/{item.sample_id}/results.xlsx").status_code == 404
    assert client.post(f"/spot-review/items/{item.pk}/score/", {"version": "1"}).status_code == 404
    assert "通报名单" not in client.get("/bureau/spot-review/").content.decode()
    assert client_for(signed_off.finance).get("/bureau/spot-review/").status_code == 404


def test_a_changed_rules_profile_rejudges_a_reviewed_project(
    signed_off, django_capture_on_commit_callbacks
):
    """Execution scored by tiers gives P1's 98.3% the whole 10: its computed score and the
    review total move, and the stored gaps follow them; the 复核得分 and reviewer stay."""
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023))
    indicator = item.project.indicators.get(name="完成数")
    item = review(signed_off.bureau, item, indicator, "40", "佐证材料只能支撑 8 成")
    reviewed_at = item.reviewed_at
    text = shipped_profile_text("default").replace('\nmethod = "linear"', '\nmethod = "tiers"')
    with django_capture_on_commit_callbacks(execute=True):
        models.RulesProfileRecord.objects.create(key="default", text=text)
    item.refresh_from_db()
    item.project.refresh_from_db()
    assert item.project.computed_score == D("100.00")
    assert item.review_total == D("90.00")
    assert item.self_gap == D("8.00") and item.computed_gap == D("10.00") and item.flagged
    assert item.reviewed_by == signed_off.bureau and item.reviewed_at == reviewed_at
    assert item.scores.get().score == D("40")
