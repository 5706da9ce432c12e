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
