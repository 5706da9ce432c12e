"""列入整改 from the bureau's spot review: a flagged gap becomes one task for its section."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from jixiao.web import models
from jixiao.web.models import Status
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.spot_review import do_draw_sample, do_review_indicator
from jixiao.web.services.spot_review_rectification import (
    do_rectify_review_item,
    do_rectify_sample,
)

Task = models.RectificationTask


@pytest.fixture
def signed_off(actors, year_a, year_b):
    """Both departments' 2023 years signed off; P1 of department A self-scored 98."""
    models.DepartmentYear.objects.filter(pk__in=[year_a.pk, year_b.pk]).update(
        status=Status.GROUP_APPROVED
    )
    year_a.projects.filter(code="P1").update(self_score=Decimal(98))
    return actors


def p1_item(sample):
    return sample.items.get(
        project__code="P1", project__department_year__department__name="示例街道办事处"
    )


def rescore(user, item, score):
    indicator = item.project.indicators.get(name="完成数")
    return do_review_indicator(acting_user=user, item_id=item.pk, indicator_id=indicator.pk,
                               score=score, reason="佐证不足", expected_version=item.version)  # fmt: skip


@pytest.fixture
def flagged(signed_off):
    """P1 drawn and re-scored 30 of 50: its gap is over the threshold."""
    item = p1_item(do_draw_sample(acting_user=signed_off.bureau, year=2023, seed=3))
    return rescore(signed_off.bureau, item, "30")


def test_a_flagged_gap_becomes_one_task_for_the_projects_section(signed_off, flagged):
    task = do_rectify_review_item(acting_user=signed_off.bureau, item_id=flagged.pk)
    assert task.source == "bureau_review" and task.project_id == flagged.project_id
    assert task.section_id == flagged.project.section_id is not None
    assert "79.83" in task.problem and task.progress == "not_started"
    assert task.history.get().history_user == signed_off.bureau


def test_twice_is_refused_in_chinese_and_nothing_more_is_saved(signed_off, flagged):
    do_rectify_review_item(acting_user=signed_off.bureau, item_id=flagged.pk)
    with pytest.raises(InvalidInput, match="该问题已列入整改台账"):
        do_rectify_review_item(acting_user=signed_off.bureau, item_id=flagged.pk)
    assert Task.objects.count() == 1 and Task.history.count() == 1


def test_a_gap_within_the_threshold_is_not_listed(signed_off):
    item = rescore(signed_off.bureau, p1_item(do_draw_sample(acting_user=signed_off.bureau,
                                                             year=2023)), "47")  # fmt: skip
    with pytest.raises(InvalidInput, match="未超过阈值"):
        do_rectify_review_item(acting_user=signed_off.bureau, item_id=item.pk)
    with pytest.raises(InvalidInput, match="暂无差距超过阈值"):
        do_rectify_sample(acting_user=signed_off.bureau, sample_id=item.sample_id)
    assert not Task.objects.exists()


def test_only_the_districts_bureau_lists_a_gap(signed_off, flagged):
    stranger = User.objects.create_user("stranger")
    models.Membership.objects.create(user=stranger, role=models.Role.BUREAU, district="他区")
    for user in (signed_off.working_group, signed_off.finance, stranger):
        with pytest.raises(NotAllowed, match="只有本区财政局"):
            do_rectify_review_item(acting_user=user, item_id=flagged.pk)
    assert not Task.objects.exists()


def test_the_sample_lists_its_new_gaps_and_counts_the_listed_ones(signed_off, flagged):
    do_rectify_review_item(acting_user=signed_off.bureau, item_id=flagged.pk)
    done = do_rectify_sample(acting_user=signed_off.bureau, sample_id=flagged.sample_id)
    assert (done.created, done.already) == ([], 1)
    other = flagged.sample.items.exclude(pk=flagged.pk).select_related("project").first()
    rescore(signed_off.bureau, other, "0")
    done = do_rectify_sample(acting_user=signed_off.bureau, sample_id=flagged.sample_id)
    assert [task.project_id for task in done.created] == [other.project_id] and done.already == 1
    assert Task.objects.count() == 2


def test_the_notice_offers_the_button_then_shows_the_task(signed_off, flagged, client_for):
    client = client_for(signed_off.bureau)
    page = client.get("/bureau/spot-review/").content.decode()
    assert "列入整改" in page and 'data-ledger="listed"' not in page
    response = client.post(f"/spot-review/items/{flagged.pk}/rectify/", {"back": "sample"},
                           follow=True)  # fmt: skip
    page = response.content.decode()
    assert (
        "已列入整改台账" in page and 'data-ledger="listed"' in page and "已列入（未开始）" in page
    )
    response = client.post(f"/bureau/spot-review/{flagged.sample_id}/rectify/", follow=True)
    assert "已列入整改台账 0 项，1 项此前已列入" in response.content.decode()
    response = client.post(f"/spot-review/items/{flagged.pk}/rectify/", follow=True)
    assert "该问题已列入整改台账" in response.content.decode()
    assert Task.objects.count() == 1


def test_the_project_card_offers_the_button_to_the_bureau_only(signed_off, flagged, client_for):
    url = f"/projects/{flagged.project_id}/"
    assert "列入整改</button>" in client_for(signed_off.bureau).get(url).content.decode()
    assert "列入整改</button>" not in client_for(signed_off.finance).get(url).content.decode()
    do_rectify_review_item(acting_user=signed_off.bureau, item_id=flagged.pk)
    page = client_for(signed_off.finance).get(url).content.decode()
    assert "已列入整改台账" in page and "列入整改</button>" not in page


def test_other_districts_cannot_post(signed_off, flagged, client_for):
    stranger = User.objects.create_user("stranger")
    models.Membership.objects.create(user=stranger, role=models.Role.BUREAU, district="他区")
    client = client_for(stranger)
    assert client.post(f"/spot-review/items/{flagged.pk}/rectify/").status_code == 404
    assert client.post(f"/bureau/spot-review/{flagged.sample_id}/rectify/").status_code == 404
    assert not Task.objects.exists()
