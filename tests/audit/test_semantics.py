"""Claims the report's own figures contradict."""

from tests.audit.reports import audit_table, audit_text, codes, score_table_rows

LOW_RATE = "全年预算数 1,000.00 万元，全年执行数 700.00 万元，预算执行率 70.0%。"


def test_it_flags_no_problems_claimed_beside_a_low_execution_rate():
    findings = audit_text(LOW_RATE + "\n本年度预算管理不存在问题。")
    assert "claim-contradicts-figures" in codes(findings, "error")


def test_it_asks_for_a_reason_for_a_low_execution_rate():
    assert codes(audit_text(LOW_RATE)) == ["execution-reason-missing"]


def test_it_accepts_a_low_rate_with_its_reason_and_no_contrary_claim():
    assert audit_text(LOW_RATE + "\n执行率偏低的主要原因是工程招标延后。") == ()


def test_it_accepts_no_problems_claimed_beside_a_high_rate():
    text = (
        "全年预算数 1,000.00 万元，全年执行数 980.00 万元，预算执行率 98.0%。\n项目执行不存在问题。"
    )
    assert audit_text(text) == ()


def test_it_flags_funds_claimed_fully_spent_beside_a_rate_below_100():
    text = "全年预算数 1,000.00 万元，全年执行数 950.00 万元，预算执行率 95.0%，资金已全部支出。"
    assert codes(audit_text(text), "error") == ["claim-contradicts-figures"]


def test_it_flags_a_full_execution_claim_against_the_table():
    rows = score_table_rows()
    findings = audit_table(rows, "项目资金已全部支出完毕。")
    assert "claim-contradicts-figures" in codes(findings, "error")


def test_it_flags_all_targets_claimed_met_beside_a_missed_indicator():
    rows = score_table_rows(r7c4="90%", r7c6="23.68", r7c7="抽检标准提高", r10c6="98.18")
    findings = audit_table(rows, "各项绩效指标均已完成。")
    assert codes(findings, "error") == ["claim-contradicts-figures"]


def test_it_accepts_all_targets_claimed_met_when_they_were():
    assert codes(audit_table(score_table_rows(), "各项绩效指标均已完成。"), "error") == []


def test_the_threshold_prints_as_a_plain_number():
    findings = audit_text("全年预算数 100.00 万元，全年执行数 80.00 万元，预算执行率 80.0%。")
    [finding] = [f for f in findings if f.code == "execution-reason-missing"]
    assert "低于规则配置的 90%" in finding.message


def test_a_rate_of_100_beside_another_rate_is_no_claim():
    text = (
        "全年预算数1,000.00万元，全年执行数950.00万元，预算执行率95.00%，"
        "其中基本支出执行率100%，项目支出执行率93.67%。"
    )
    assert codes(audit_text(text), "error") == []
