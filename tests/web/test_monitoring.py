"""Monitoring rounds on the web: opening, filling, the section's and working group's
submissions, decisions, the bureau's return, and what each role may reach.

Department A's 1-7月 round: P1 环卫保洁 (城管办, 120,000 元 budgeted) and P2 社区服务
(社事办, 40,000 元), three indicators each (完成数 ≥10 个, 受益人数 ≥100 人, 满意度 ≥90%).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao.web.models import RoundStatus
from jixiao.web.monitoring_conversion import review_round
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.indicators import do_update_indicator
from jixiao.web.services.monitoring_entries import do_fill_project
from jixiao.web.services.monitoring_rounds import (
    do_decide,
    do_open_round,
    do_return_round,
    do_submit_round,
    do_submit_section,
)
from jixiao.web.services.reports import evaluate_year, report_document
from tests.web.monitoring_round import (
    entry,
    fill,
    indicator,
    on_track,
    open_round,
    red_and_submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_a(actors, year_a):
    return open_round(actors, year_a)


def test_opening_lists_every_project_and_indicator_with_history(actors, year_a, round_a):
    assert round_a.projects.count() == 2
    assert round_a.indicators.count() == year_a.indicators.count()
    assert round_a.end_month == 7
    assert round_a.history.first().history_user == actors.finance
    assert entry(round_a, "P1").history.first().history_change_reason == "发起1-7月绩效运行监控"


def test_only_finance_opens_a_round_of_the_profile_once(actors, year_a, round_a):
    with pytest.raises(NotAllowed):
        do_open_round(acting_user=actors.section, year_id=year_a.pk, round_name="1-7月")
    with pytest.raises(InvalidInput, match="已发起"):
        do_open_round(acting_user=actors.finance, year_id=year_a.pk, round_name="1-7月")
    with pytest.raises(InvalidInput, match="不是规则配置中的轮次"):
        do_open_round(acting_user=actors.finance, year_id=year_a.pk, round_name="1-9月")


def test_execution_above_the_final_budget_or_outside_the_round_is_refused(actors, round_a):
    with pytest.raises(
        InvalidInput, match=re.escape("累计执行数 120,000.01 元超过全年预算数 120,000.00 元")
    ):
        fill(actors.finance, round_a, "P1", {"executed": "120000.01"})
    with pytest.raises(InvalidInput, match="截至月份应为 1 至 7"):
        fill(actors.finance, round_a, "P1", {"month": "8"})
    assert entry(round_a, "P1").executed == Decimal(0)


def test_a_section_fills_only_its_projects_and_not_the_money(actors, round_a):
    with pytest.raises(NotAllowed):
        fill(actors.other_section, round_a, "P1", {"measure": "加快"})
    with pytest.raises(NotAllowed, match="执行数由财务人员填报"):
        fill(actors.section, round_a, "P1", {"executed": "1000"})


def test_colours_come_from_the_core_rules(actors, round_a):
    fill(actors.finance, round_a, "P1", {"executed": "70000"})  # 58.3% of 120,000 by July: 100%
    fill(actors.section, round_a, "P1", indicators=on_track(round_a, "P1"))
    statuses = {status.execution.code: status for status in review_round(round_a).projects}
    assert statuses["P1"].colour.value == "绿"
    fill(actors.section, round_a, "P1", indicators={
        indicator(round_a, "P1", "完成数").pk: {"value": "2", "likelihood": "完全不可能"}})  # fmt: skip
    statuses = {status.execution.code: status for status in review_round(round_a).projects}
    assert statuses["P1"].colour.value == "红"


def test_a_red_indicator_needs_cause_and_measure_before_the_section_submits(actors, round_a):
    fill(actors.finance, round_a, "P1", {"executed": "70000"})
    red = on_track(round_a, "P1")
    red[indicator(round_a, "P1", "完成数").pk] = {"value": "2", "likelihood": "完全不可能"}
    fill(actors.section, round_a, "P1", indicators=red)
    with pytest.raises(NotAllowed, match=r"须填写偏差原因.*须填写纠偏措施"):
        do_submit_section(acting_user=actors.section, round_id=round_a.pk)
    assert not entry(round_a, "P1").submitted
    red[indicator(round_a, "P1", "完成数").pk] |= {
        "cause": "人员",
        "cause_text": "人手不足",
        "measure": "增派人员",
    }
    fill(actors.section, round_a, "P1", indicators=red)
    assert do_submit_section(acting_user=actors.section, round_id=round_a.pk) == 1
    assert entry(round_a, "P1").submitted and not entry(round_a, "P2").submitted
    with pytest.raises(NotAllowed, match="已提交"):
        fill(actors.section, round_a, "P1", {"measure": "再改"})


def test_an_unknown_choice_and_a_stale_form_are_refused(actors, round_a):
    with pytest.raises(InvalidInput, match="偏差原因应为 经费、制度、人员、硬件、其他 之一"):
        fill(actors.section, round_a, "P1", {"cause": "天气"})
    row = entry(round_a, "P1")
    fill(actors.section, round_a, "P1", {"measure": "先改"})
    with pytest.raises(EditConflict):
        do_fill_project(acting_user=actors.section, entry_id=row.pk, expected_version=row.version,
                        execution={"measure": "后改"}, indicators={})  # fmt: skip
    assert entry(round_a, "P1").measure == "先改"


def test_the_working_group_decides_on_red_projects_then_submits(actors, round_a):
    red_and_submitted(actors, round_a)
    with pytest.raises(NotAllowed, match="须由工作组作出处理意见"):
        do_submit_round(acting_user=actors.working_group, round_id=round_a.pk,
                        expected_version=round_a.version)  # fmt: skip
    with pytest.raises(NotAllowed):
        do_decide(acting_user=actors.finance, entry_id=entry(round_a, "P1").pk,
                  expected_version=entry(round_a, "P1").version, decision="调整目标")  # fmt: skip
    row = entry(round_a, "P1")
    do_decide(acting_user=actors.working_group, entry_id=row.pk, expected_version=row.version,
              decision="调整目标")  # fmt: skip
    submitted = do_submit_round(
        acting_user=actors.working_group, round_id=round_a.pk, expected_version=round_a.version
    )
    assert submitted.status == RoundStatus.SUBMITTED
    assert entry(round_a, "P1").decision == "调整目标"


def test_the_working_group_waits_for_every_section(actors, round_a):
    with pytest.raises(NotAllowed, match="业务科室尚未提交"):
        do_submit_round(acting_user=actors.working_group, round_id=round_a.pk,
                        expected_version=round_a.version)  # fmt: skip


def test_the_bureau_returns_a_round_with_a_reason(actors, round_a):
    red_and_submitted(actors, round_a)
    row = entry(round_a, "P1")
    do_decide(acting_user=actors.working_group, entry_id=row.pk, expected_version=row.version,
              decision="继续实施")  # fmt: skip
    round_ = do_submit_round(acting_user=actors.working_group, round_id=round_a.pk,
                             expected_version=round_a.version)  # fmt: skip
    with pytest.raises(InvalidInput, match="退回须填写原因"):
        do_return_round(acting_user=actors.bureau, round_id=round_.pk,
                        expected_version=round_.version, reason=" ")  # fmt: skip
    with pytest.raises(NotAllowed):
        do_return_round(acting_user=actors.outsider, round_id=round_.pk,
                        expected_version=round_.version, reason="不全")  # fmt: skip
    returned = do_return_round(acting_user=actors.bureau, round_id=round_.pk,
                               expected_version=round_.version, reason="纠偏措施过于笼统")  # fmt: skip
    assert returned.status == RoundStatus.FILLING
    assert returned.return_reason == "纠偏措施过于笼统"
    assert not entry(round_a, "P1").submitted
    assert entry(round_a, "P1").decision == "继续实施"  # the decision made is kept


def _submitted_round(actors, round_a):
    red_and_submitted(actors, round_a)
    row = entry(round_a, "P1")
    do_decide(acting_user=actors.working_group, entry_id=row.pk, expected_version=row.version,
              decision="调整目标")  # fmt: skip
    return do_submit_round(acting_user=actors.working_group, round_id=round_a.pk,
                           expected_version=round_a.version)  # fmt: skip


def _score_full(actors, year, explanation: str = ""):
    target = year.indicators.get(project__code="P1", name="完成数")
    changes = {"self_score": str(target.weight), "explanation": explanation}
    do_update_indicator(acting_user=actors.section, indicator_id=target.pk,
                        expected_version=target.version, changes=changes)  # fmt: skip


def test_full_marks_on_an_indicator_the_round_wrote_off_is_a_finding(actors, year_a, round_a):
    _score_full(actors, year_a)
    assert not year_a.findings.filter(code="MONITOR_IMPOSSIBLE_FULL_MARKS").exists()
    _submitted_round(actors, round_a)  # submitting rescored the year against the round
    finding = year_a.findings.get(code="MONITOR_IMPOSSIBLE_FULL_MARKS")
    assert "完成数" in finding.message and "1-7月" in finding.message
    assert finding.project.code == "P1"
    _score_full(actors, year_a, "8 月追加资金后于 11 月全部完成")
    assert not year_a.findings.filter(code="MONITOR_IMPOSSIBLE_FULL_MARKS").exists()


def test_an_inline_full_mark_after_the_round_is_submitted_is_a_finding(actors, year_a, round_a):
    _submitted_round(actors, round_a)
    assert not year_a.findings.filter(code="MONITOR_IMPOSSIBLE_FULL_MARKS").exists()

    _score_full(actors, year_a)  # the inline save rescores the project alone

    assert year_a.findings.get(code="MONITOR_IMPOSSIBLE_FULL_MARKS").project.code == "P1"


def test_the_report_says_which_rounds_were_held(actors, year_a, round_a):
    def efficiency_text():
        document = report_document(evaluate_year(year_a))
        return "".join(getattr(block, "text", "") for block in document.blocks)

    assert "绩效运行监控" not in efficiency_text()
    _submitted_round(actors, round_a)
    assert ("本年度开展1-7月绩效运行监控，监控项目 2 个，预警红色 1 个、绿色 1 个；"
            "红色预警项目处理意见为调整目标 1 个。") in efficiency_text()  # fmt: skip
