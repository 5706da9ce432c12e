"""Parts against totals, with a tolerance inferred from the precision of the figures."""

from tests.audit.reports import audit_text, codes, serious


def test_it_accepts_a_rounded_total_within_tolerance():
    findings = audit_text(
        "支出合计 25,748.56 万元。其中：一般公共预算 18,738.13 万元；政府性基金 7,010.44 万元。"
    )
    assert codes(findings) == ["sum-rounding"]
    assert findings[0].severity.value == "info"
    assert findings[0].stated == "25,748.56 万元"
    assert findings[0].computed == "25,748.57 万元"


def test_it_says_nothing_when_the_parts_add_up_exactly():
    assert (
        audit_text("支出合计 300.00 万元。其中：基本支出 100.00 万元，项目支出 200.00 万元。") == ()
    )


def test_it_flags_parts_exceeding_their_total():
    findings = audit_text("支出合计 100.00 万元。其中：基本支出 60.00 万元，项目支出 50.00 万元。")
    assert codes(findings, "error") == ["sum-exceeds-total"]
    assert findings[0].computed == "110.00 万元"


def test_it_never_calls_a_gap_beyond_one_cent_per_part_rounding():
    findings = audit_text("支出合计 100.00 万元。其中：基本支出 60.00 万元，项目支出 40.02 万元。")
    assert codes(findings, "error") == ["sum-exceeds-total"]


def test_it_warns_when_a_complete_looking_list_falls_short():
    findings = audit_text("支出合计 100.00 万元。其中：基本支出 60.00 万元，项目支出 30.00 万元。")
    assert codes(findings) == ["sum-short-of-total"]
    assert findings[0].severity.value == "warning"


def test_it_accepts_a_short_list_that_says_deng():
    findings = audit_text("支出合计 100.00 万元。其中：培训费 60.00 万元，印刷费 30.00 万元等。")
    assert codes(findings) == ["sum-partial-list"]
    assert not serious(findings)


def test_it_lets_a_single_qiz_hong_item_be_a_subset():
    assert audit_text("支出合计 100.00 万元，其中基本支出 60.00 万元。") == ()


def test_it_compares_parts_of_counts_too():
    findings = audit_text("共实施项目 10 个，其中新建项目 6 个，续建项目 5 个。")
    assert codes(findings, "error") == ["sum-exceeds-total"]


def test_it_checks_a_stated_sum():
    findings = audit_text("基本支出 400.00 万元，项目支出 800.00 万元，合计 1,300.00 万元。")
    assert codes(findings, "error") == ["sum-mismatch"]


def test_it_accepts_a_correct_stated_sum():
    assert audit_text("基本支出 400.00 万元，项目支出 800.00 万元，合计 1,200.00 万元。") == ()


def test_it_ignores_change_amounts_when_summing_parts():
    text = (
        "支出合计 300.00 万元。其中：一般公共预算 200.00 万元，比年初预算数增加 50.00 万元，"
        "增长 33.3%；政府性基金 100.00 万元。"
    )
    assert audit_text(text) == ()


def test_it_notes_a_change_list_that_says_deng():
    text = (
        "一般公共预算支出 1,200.00 万元，比年初预算数增加 200.00 万元，增长 20.0%；"
        "主要变动情况：一是城乡社区支出增加 150.00 万元，二是教育支出增加 30.00 万元等。"
    )
    findings = audit_text(text)
    assert codes(findings) == ["change-list-partial"]
    assert findings[0].severity.value == "info"


def test_it_warns_when_listed_changes_do_not_explain_the_change():
    text = (
        "一般公共预算支出 1,200.00 万元，比年初预算数增加 200.00 万元，增长 20.0%；"
        "其中城乡社区支出增加 150.00 万元，教育支出增加 30.00 万元。"
    )
    assert codes(audit_text(text)) == ["change-list-mismatch"]


def test_it_accepts_listed_changes_that_explain_the_change():
    text = (
        "一般公共预算支出 1,200.00 万元，比年初预算数增加 200.00 万元，增长 20.0%；"
        "主要变动情况：一是城乡社区支出增加 250.00 万元，二是教育支出减少 50.00 万元。"
    )
    assert audit_text(text) == ()


def test_a_qizhong_inside_brackets_closes_with_the_bracket():
    text = "一期投资300万元（其中工程280万元），二期投资200万元（其中工程150万元），合计500万元。"
    assert serious(audit_text(text)) == []


def test_a_stated_sum_adds_only_the_figures_outside_brackets():
    text = "一期投资300万元（其中工程280万元），二期投资200万元（其中工程150万元），合计600万元。"
    findings = audit_text(text)
    assert codes(findings, "error") == ["sum-mismatch"]
    assert findings[0].computed == "500 万元"


def test_a_change_is_never_the_total_a_qizhong_breaks_down():
    text = "收入1000.00万元，比上年减收50.00万元，下降4.76%。其中：税收700.00万元；非税300.00万元。"
    assert serious(audit_text(text)) == []


def test_levels_of_a_hierarchy_are_not_parts_of_a_total():
    text = "共设置12个绩效指标，其中一级指标3个，二级指标9个，三级指标12个。"
    assert serious(audit_text(text)) == []


def test_a_stock_and_its_flows_add_up_to_the_total():
    assert serious(audit_text("全年实施项目共11个，其中年初安排6个，年中追加5个。")) == []
    findings = audit_text("全年实施项目共10个，其中年初安排6个，年中追加5个。")
    assert codes(findings, "error") == ["sum-exceeds-total"]


def test_a_whole_amount_beside_cents_is_exact():
    findings = audit_text(
        "共完成资金59.97万元。其中：20万元用于甲；20万元用于乙；19.99万元用于丙。"
    )
    assert codes(findings, "error") == ["sum-exceeds-total"]
    assert findings[0].computed == "59.99 万元"


def test_a_qizhong_without_a_colon_ends_at_the_semicolon():
    text = "实有在职人员81人，其中行政编制45人，事业编制36人；离退休人员32人。"
    assert audit_text(text) == ()


def test_counts_listed_under_qizhong_may_be_a_subset():
    findings = audit_text("全年实施项目46个，其中重点项目12个，民生项目20个。")
    assert [(f.code, f.severity.value) for f in findings] == [("sum-subset", "info")]


def test_a_closing_stock_is_the_opening_plus_the_flows():
    text = "年初有在建项目10个，年中增加3个，减少1个，年末在建项目{end}个。"
    assert audit_text(text.format(end=12)) == ()
    findings = audit_text(text.format(end=13))
    assert [(f.code, f.computed) for f in findings] == [("stock-flow-mismatch", "12 个")]


def test_a_closing_figure_of_another_measure_is_no_stock():
    assert audit_text("年初预算500.00万元，年中追加100.00万元，年末执行数570.00万元。") == ()


def test_an_estimated_total_holds_no_exact_sum():
    text = "固定资产原值约1.05亿元，其中房屋建筑物7,826.30万元，教学仪器设备1,964.18万元。"
    assert serious(audit_text(text)) == []
    assert codes(audit_text(text.replace("约", "")), "warning") == ["sum-short-of-total"]


def test_a_saving_is_a_change_and_never_the_total_of_a_list():
    text = (
        "“三公”经费支出18.36万元，比预算23.00万元节约4.64万元。其中：公务用车运行维护费"
        "14.20万元，公务接待费4.16万元，因公出国（境）费0元。"
    )
    assert serious(audit_text(text)) == []
