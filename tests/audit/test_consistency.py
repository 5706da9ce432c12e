"""The report's year, the body it speaks for, and template text left unfilled."""

from tests.audit.reports import audit_table, audit_text, codes

TITLE = "2023 年度示范街部门整体支出绩效自评报告\n一、部门基本情况\n"


def test_it_flags_a_fiscal_year_other_than_the_reports():
    findings = audit_text(TITLE + "我部门组织对 2022 年度项目支出开展绩效自评。")
    assert codes(findings) == ["year-mismatch"]
    assert findings[0].computed == "2023"


def test_it_accepts_other_years_in_comparisons_and_plans():
    text = TITLE + "支出比 2022 年度增加。\n二、下一步改进措施\n2024 年度起全面开展事前评估。"
    assert audit_text(text) == ()


def test_it_flags_a_date_that_cannot_exist():
    assert codes(audit_text(TITLE + "于 2023 年 13 月完成验收。")) == ["date-invalid"]


def test_it_flags_a_date_far_past_the_report_year():
    assert codes(audit_text(TITLE + "于 2033 年 3 月完成验收。")) == ["date-out-of-period"]


def test_it_accepts_dates_within_the_report_year():
    assert audit_text(TITLE + "于 2023 年 11 月进场施工，2024 年 3 月完成验收。") == ()


def test_it_flags_a_street_office_calling_itself_a_bureau():
    findings = audit_text(TITLE + "我局认真贯彻落实预算绩效管理要求。")
    assert codes(findings) == ["self-kind-mismatch"]


def test_it_flags_another_street_offices_name():
    findings = audit_text(TITLE + "大石街道办事处 2023 年度财政拨款支出合计 100.00 万元。")
    assert codes(findings) == ["subject-mismatch"]


def test_it_accepts_the_bodys_own_full_name():
    text = TITLE + "番禺区人民政府示范街道办事处负责辖区事务，我街认真落实。"
    assert audit_text(text) == ()


def test_it_flags_template_instructions_left_in_the_text():
    findings = audit_text(TITLE + "部门职能：（请填写部门主要职能）。资金 XX 万元。")
    assert codes(findings, "error") == ["template-left", "template-left"]


def test_it_flags_placeholders_in_table_cells():
    assert codes(audit_table([["项目名称", "××××"]])) == ["template-left"]


def test_it_does_not_take_acronyms_for_placeholders():
    assert audit_text(TITLE + "推进 PPP 项目和 5G 基站建设。") == ()
