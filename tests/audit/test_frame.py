"""The document frame: the report's year and kind, year-end dates, template leftovers."""

from jixiao.core.audit import document_from_text
from jixiao.core.audit.extract import report_facts
from tests.audit.reports import audit_text, codes, serious


def test_without_a_year_in_the_title_the_report_year_is_not_the_comparison_year():
    text = (
        "区审计局部门决算说明\n"
        "2023年度收入总计500万元，与2022年度相比增加50万元。2022年度支出400万元。2022年度收入450万元。"
    )
    assert report_facts(document_from_text(text)).year == 2023


def test_a_year_named_with_the_report_in_the_opening_wins():
    text = "区审计局部门决算说明\n现将我局2023年度部门决算公开如下。\n2024年度预算已编制。"
    facts = report_facts(document_from_text(text))
    assert (facts.year, facts.report_kind) == (2023, "决算")


def test_staff_counts_of_a_final_account_are_as_of_its_own_year_end():
    final = "2023年度区审计局部门决算说明\n截至{when}12月31日，本部门编制数20人。"
    assert codes(audit_text(final.format(when="2023年"))) == []
    findings = audit_text(final.format(when="上年"))
    assert [(f.code, f.stated, f.computed) for f in findings] == [
        ("reference-date", "2022", "2023")
    ]


def test_a_budget_states_staff_as_of_the_year_before():
    budget = "区审计局2024年部门预算说明\n截至{when}12月31日，本部门编制数20人。"
    assert codes(audit_text(budget.format(when="上年"))) == []
    assert codes(audit_text(budget.format(when="2024年"))) == ["reference-date"]


def test_a_final_account_may_state_the_year_before():
    text = "2023年度区审计局部门决算说明\n2022年度支出总计400.00万元，2023年度支出总计450.00万元。"
    assert serious(audit_text(text)) == []


def test_a_word_limit_left_from_the_form_is_an_error():
    findings = audit_text("评价结论\n本项目自评得分95分，等级为优。（200字以内）")
    assert codes(findings, "error") == ["template-left"]


def test_an_instruction_to_the_writer_left_in_is_found():
    assert codes(audit_text("存在问题\n结合自评情况，分析存在的问题及原因。")) == [
        "template-instruction"
    ]


def test_the_writers_own_sentences_are_no_instruction():
    text = (
        "针对上述问题，提出以下改进措施：\n结合年度工作任务，我街道全面完成了各项指标。\n"
        "根据评价结果，分析了存在问题的原因，并已逐项整改。"
    )
    assert serious(audit_text(text)) == []


def test_xx_is_an_unfilled_placeholder_not_a_latin_word():
    findings = audit_text("xx街道办事处2023年度共开展培训12次。")
    assert codes(findings) == ["template-left"]


def test_last_years_review_and_carry_over_may_be_named():
    text = "2023年度示范街部门整体支出绩效自评报告\n根据2022年度评价结果，已完成整改。2022年度结转资金已全部使用。"
    assert serious(audit_text(text)) == []


def test_a_date_announced_as_a_target_is_no_slip():
    text = (
        "2023年度示范街部门整体支出绩效自评报告\n项目力争2025年6月前完工。\n项目于2025年6月完工。"
    )
    assert codes(audit_text(text)) == ["date-out-of-period"]


def test_an_imperative_sentence_asking_for_nothing_a_form_asks_is_prose():
    assert audit_text("围绕中心工作，分析研判形势，推动各项工作落实。") == ()
