"""A 自评表's scores against the rules profile: execution, indicators, weights, total, grade."""

from tests.audit.reports import audit_table, audit_text, codes, score_table_rows, serious


def test_it_finds_nothing_wrong_in_a_clean_self_evaluation_table():
    assert serious(audit_table(score_table_rows())) == []


def test_it_flags_full_marks_on_a_missed_target():
    findings = audit_table(score_table_rows(r7c4="90%"))
    assert "indicator-full-marks-missed" in codes(findings, "error")


def test_it_accepts_a_partial_score_computed_by_the_rules():
    rows = score_table_rows(r7c4="90%", r7c6="23.68", r7c7="原因：抽检标准提高", r10c6="98.18")
    assert serious(audit_table(rows)) == []


def test_it_warns_of_a_score_the_rules_would_not_give():
    rows = score_table_rows(
        r7c4="90%", r7c6="20", r7c7="抽检标准提高", r10c6="94.50", r10c7="自评等级：优"
    )
    assert codes(audit_table(rows), "warning") == ["indicator-score-rule"]


def test_it_flags_an_execution_score_that_is_not_weight_times_rate():
    findings = audit_table(score_table_rows(r2c6="10", r10c6="100"))
    assert "execution-score-mismatch" in codes(findings, "error")


def test_it_flags_an_execution_rate_cell_that_is_not_spent_over_budget():
    findings = audit_table(score_table_rows(r2c5="98.00%"))
    assert codes(findings, "error") == ["execution-rate-mismatch"]


def test_it_flags_weights_that_do_not_sum_to_the_total():
    findings = audit_table(score_table_rows(r6c5="30", r6c6="30", r10c6="104.50"))
    assert "weights-sum" in codes(findings, "error")


def test_it_flags_a_total_that_is_not_the_sum_of_the_scores():
    findings = audit_table(score_table_rows(r10c6="97.50"))
    assert codes(findings, "error") == ["total-score-mismatch"]


def test_it_flags_a_grade_outside_the_band_of_the_total():
    findings = audit_table(score_table_rows(r10c7="自评等级：良"))
    assert codes(findings, "error") == ["grade-band"]


def test_it_flags_an_empty_score_cell():
    findings = audit_table(score_table_rows(r8c6=""))
    assert "score-empty" in codes(findings, "error")


def test_it_flags_funds_rows_that_do_not_add_up():
    findings = audit_table(score_table_rows(r4c3="20.00"))
    assert "table-sum-mismatch" in codes(findings, "error")


def test_it_flags_a_qualitative_score_outside_its_band():
    rows = score_table_rows(r9c3="满意", r9c4="部分达成", r9c6="9", r10c6="98.50")
    assert codes(audit_table(rows), "error") == ["indicator-band"]


def test_it_accepts_a_qualitative_score_inside_its_band():
    rows = score_table_rows(r9c3="满意", r9c4="部分达成", r9c6="7", r10c6="96.50")
    assert serious(audit_table(rows)) == []


def test_it_asks_for_a_deviation_reason_on_a_missed_target():
    rows = score_table_rows(r7c4="90%", r7c6="23.68", r10c6="98.18")
    assert codes(audit_table(rows), "warning") == ["deviation-missing"]


def test_it_flags_a_grade_in_prose_outside_the_band():
    assert codes(audit_text("自评得分 85 分，评价等级为“优”。"), "error") == ["grade-band"]


def test_it_accepts_a_grade_in_prose_inside_the_band():
    assert audit_text("自评得分 92.5 分，评价等级为优秀。") == ()


def test_it_leaves_tables_that_are_not_self_evaluation_tables_alone():
    assert audit_table([["姓名", "职务"], ["张三", "主任"]]) == ()


def test_a_grade_in_the_prose_is_judged_on_the_total_not_on_a_part_score():
    text = "项目预算执行率得分9.7分，绩效指标得分90分，自评总分99.7分，自评等级为“{}”。"
    assert serious(audit_text(text.format("优"))) == []
    [finding] = serious(audit_text(text.format("良")))
    assert (finding.code, finding.computed) == ("grade-band", "优")
