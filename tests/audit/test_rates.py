"""Changes against the base the sentence implies, shares and execution rates."""

from decimal import Decimal

from jixiao.core.audit import document_from_text
from jixiao.core.audit.bounds import agrees
from jixiao.core.audit.extract import extract
from jixiao.core.audit.rates import change_relations
from tests.audit.reports import audit_text, codes, serious


def test_it_confirms_a_growth_rate_against_the_initial_budget():
    text = "支出 18,738.13 万元，比年初预算数增加 2,341.35 万元，增长 14.3%。"
    [paragraph] = extract(document_from_text(text)).paragraphs
    [relation] = change_relations(paragraph)
    assert agrees(Decimal("14.3"), Decimal("0.05"), *relation.rate_range())
    assert audit_text(text) == ()


def test_it_confirms_a_decline_rate_against_the_initial_budget():
    assert audit_text("支出 7,010.44 万元，比年初预算数减少 1,589.62 万元，下降 18.5%。") == ()


def test_it_flags_a_change_divided_by_the_wrong_base():
    findings = audit_text("支出 18,738.13 万元，比年初预算数增加 2,341.35 万元，增长 12.5%。")
    assert codes(findings) == ["rate-wrong-base"]
    assert findings[0].stated == "12.5%"
    assert findings[0].computed == "14.28%"


def test_it_flags_a_rate_that_matches_no_base():
    findings = audit_text("支出 1,200.00 万元，比年初预算数增加 200.00 万元，增长 30.0%。")
    assert codes(findings, "error") == ["rate-mismatch"]


def test_it_flags_a_change_and_rate_pointing_opposite_ways():
    findings = audit_text("支出 800.00 万元，比年初预算数减少 200.00 万元，增长 20.0%。")
    assert "change-direction" in codes(findings, "error")


def test_it_checks_a_stated_base_against_the_change():
    findings = audit_text(
        "支出 1,200.00 万元，比年初预算数 1,000.00 万元增加 300.00 万元，增长 30.0%。"
    )
    assert "change-amount-mismatch" in codes(findings, "error")


def test_it_accepts_a_stated_base_that_agrees():
    assert (
        audit_text("支出 1,200.00 万元，比年初预算数 1,000.00 万元增加 200.00 万元，增长 20.0%。")
        == ()
    )


def test_it_warns_of_a_rate_on_a_zero_base():
    findings = audit_text("支出 50.00 万元，比年初预算数增加 50.00 万元，增长 100.0%。")
    assert codes(findings) == ["rate-zero-base"]


def test_it_flags_a_wrong_share_of_a_listed_total():
    text = "支出合计 1,000.00 万元。其中：基本支出 400.00 万元，占 45.0%；项目支出 600.00 万元，占 60.0%。"
    findings = audit_text(text)
    assert codes(findings, "error") == ["share-mismatch"]
    assert findings[0].stated == "45.0%"


def test_it_accepts_correct_shares():
    text = "支出合计 1,000.00 万元。其中：基本支出 400.00 万元，占 40.0%；项目支出 600.00 万元，占 60.0%。"
    assert audit_text(text) == ()


def test_it_checks_a_share_with_its_denominator_stated():
    findings = audit_text("项目支出 600.00 万元，占总支出 1,000.00 万元的 50%。")
    assert codes(findings) == ["share-mismatch"]


def test_it_leaves_a_share_of_an_unstated_total_alone():
    assert audit_text("共涉及资金 14,895.78 万元，占一般公共预算项目支出总额的 100%。") == ()


def test_it_flags_an_execution_rate_that_is_not_spent_over_budget():
    findings = audit_text(
        "全年预算数 1,000.00 万元，全年执行数 850.00 万元，预算执行率 95.0%，主要原因是工程延后。"
    )
    assert "execution-rate-mismatch" in codes(findings, "error")


def test_it_accepts_a_correct_execution_rate():
    assert audit_text("全年预算数 1,000.00 万元，全年执行数 950.00 万元，预算执行率 95.0%。") == ()


def test_a_share_of_counts_is_exact_and_shows_the_ratio_itself():
    findings = audit_text("共审核41个项目。其中35个项目评为中，占84.5%；6个项目评为中，占14.63%。")
    [finding] = findings
    assert finding.code == "share-mismatch"
    assert (finding.stated, finding.computed) == ("84.5%", "85.37%")


def test_a_rate_mismatch_shows_the_ratio_of_the_stated_figures():
    findings = audit_text("全年预算数 1,000.00 万元，全年执行数 950.00 万元，预算执行率 90.0%。")
    assert [f.computed for f in findings if f.code == "execution-rate-mismatch"] == ["95.00%"]


def test_revenue_verbs_make_a_change():
    text = "收入1000.00万元，比上年减收50.00万元，下降4.76%；支出900.00万元，比上年增支100.00万元，增长12.50%。"
    assert serious(audit_text(text)) == []
    findings = audit_text("收入1000.00万元，比上年减收50.00万元，下降5.00%。")
    assert codes(findings, "error") == ["rate-wrong-base"]


def test_a_verb_ending_in_zhi_names_a_level():
    assert serious(audit_text("收入增至1000.00万元，比上年增加50.00万元，增长5.26%。")) == []


def test_every_rate_of_money_used_is_checked_against_its_budget():
    findings = audit_text("项目预算200万元，实际到位资金150万元，到位率80%。")
    assert [(f.code, f.computed) for f in findings] == [("execution-rate-mismatch", "75.00%")]
    assert audit_text("项目预算200万元，实际到位资金150万元，到位率75%。") == ()


def test_a_budget_stated_a_paragraph_before_its_rate_is_in_reach():
    text = "项目年初预算200.00万元，全年预算250.00万元。\n全年执行数237.50万元，预算执行率96.00%。"
    assert codes(audit_text(text), "error") == ["execution-rate-mismatch"]


def test_a_budget_used_by_one_rate_is_not_lent_to_the_next():
    text = "A项目预算100.00万元，执行90.00万元，执行率90.00%。B项目执行50.00万元，执行率83.33%。"
    assert codes(audit_text(text), "error") == []


def test_parallel_lists_pair_their_items_in_order():
    text = (
        "收、支总计各是400.00万元、380.00万元，较上年各减少100.00万元、120.00万元，"
        "各下降20.00%、{rate}。"
    )
    assert serious(audit_text(text.format(rate="24.00%"))) == []
    findings = audit_text(text.format(rate="25.00%"))
    assert [(f.code, f.computed) for f in findings] == [("rate-mismatch", "24.00%")]


def test_a_share_finds_the_whole_it_names_in_an_earlier_sentence():
    text = "本年支出总预算1160.00万元。社保支出116.00万元，占支出总预算的{share}。"
    assert audit_text(text.format(share="10.00%")) == ()
    assert codes(audit_text(text.format(share="12.00%")), "error") == ["share-mismatch"]


def test_the_change_of_a_rate_is_not_a_rate_of_the_amount_before_it():
    text = "项目支出237.56万元，比上年增加20.00万元，主要是信息化项目增加，执行率增长2.5%。"
    assert audit_text(text) == ()


def test_fenbie_lists_pair_like_ge_lists():
    text = (
        "收入、支出分别为1,300.56万元、1,289.74万元，分别比上年增加85.30万元、80.20万元，"
        "分别增长7.02%、{rate}。"
    )
    assert audit_text(text.format(rate="6.63%")) == ()
    assert codes(audit_text(text.format(rate="7.63%")), "error") == ["rate-mismatch"]


def test_a_base_after_jiao_is_the_base_of_the_change():
    text = "“三公”经费支出决算为8.62万元，较年初预算10.00万元减少1.38万元，下降{rate}。"
    assert audit_text(text.format(rate="13.80%")) == ()
    assert codes(audit_text(text.format(rate="12.80%")), "error") == ["rate-mismatch"]


def test_a_change_that_names_its_figure_again_in_a_later_sentence_is_checked():
    text = (
        "财政拨款支出6,258.93万元，占本年支出的93.62%。与2022年度相比，"
        "财政拨款支出增加385.27万元，增长{}。"
    )
    assert serious(audit_text(text.format("6.56%"))) == []
    assert codes(audit_text(text.format("6.86%")), "error") == ["rate-mismatch"]


def test_a_share_of_a_whole_named_at_length_sections_before_is_checked():
    text = (
        "一、支出情况\n全区一般公共预算支出完成58.46亿元，同比增长3.2%。\n"
        "二、重点工作\n上半年“三保”支出31.28亿元，占一般公共预算支出的{}。\n"
    )
    assert serious(audit_text(text.format("53.5%"))) == []
    assert codes(audit_text(text.format("55.3%")), "error") == ["share-mismatch"]


def test_a_rate_stated_as_a_bound_or_an_estimate_is_not_taken_as_exact():
    assert audit_text("全年预算900万元，全年执行880万元，执行率超过95%。") == ()
    assert audit_text("全年预算900万元，全年执行880万元，执行率达95%以上。") == ()
    assert audit_text("收入约1,000万元，比上年增加100万元，增长5%。") == ()
    assert codes(audit_text("全年预算900万元，全年执行880万元，执行率95%。"), "error") == [
        "execution-rate-mismatch"
    ]


def test_a_rate_of_two_counts_is_their_exact_ratio():
    assert audit_text("全年受理群众诉求4,862件，办结4,835件，办结率99.44%。") == ()
    [finding] = audit_text("全年受理群众诉求4,862件，办结4,835件，办结率99.64%。")
    assert (finding.code, finding.computed) == ("count-rate-mismatch", "99.44%")


def test_a_rate_of_counts_may_exceed_the_plan_and_needs_counts_of_one_unit():
    assert audit_text("新增就业岗位580个，年度目标500个，完成率116%。") == ()
    assert audit_text("培训20次，参训300人次，覆盖率100%。") == ()
    assert audit_text("共划分网格156个，配备网格员156名，化解率达98%以上。") == ()
    # the rate names what it counts (覆盖), and neither count is said to be covered
    assert audit_text("项目涉及12个镇街、186个村（社区），覆盖率100%。") == ()
    assert audit_text("办结118件，其余2件正在办理，办结率98.3%。") == ()  # no whole stated
    [finding] = audit_text("计划建设500个，完成580个，完成率106%。")
    assert finding.computed == "116.00%"
