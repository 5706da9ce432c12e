"""Counts against the items the text lists."""

from tests.audit.reports import audit_text, codes, serious


def test_it_flags_a_count_the_inline_list_does_not_match():
    findings = audit_text(
        "主要存在以下三个问题：一是目标不细，二是执行偏慢，三是监控不足，四是应用不够。"
    )
    assert codes(findings, "error") == ["count-mismatch"]
    assert findings[0].stated == "3"
    assert findings[0].computed == "4"


def test_it_accepts_a_count_the_inline_list_matches():
    assert audit_text("主要存在以下三个问题：一是目标不细，二是执行偏慢，三是监控不足。") == ()


def test_it_counts_the_numbered_paragraphs_that_follow():
    text = "一、存在的主要问题\n主要有两个方面的问题：\n（一）目标不细。\n（二）执行偏慢。\n（三）监控不足。\n二、下一步改进措施"
    assert codes(audit_text(text), "error") == ["count-mismatch"]


def test_it_accepts_numbered_paragraphs_that_match():
    text = "一、存在的主要问题\n主要有三个方面的问题：\n（一）目标不细。\n（二）执行偏慢。\n（三）监控不足。\n二、下一步改进措施"
    assert audit_text(text) == ()


def test_it_checks_a_list_before_the_count():
    findings = audit_text("重点支持教育、卫生健康、城乡社区 4 个领域。")
    assert codes(findings, "warning") == ["count-mismatch"]


def test_it_lets_a_list_with_deng_be_a_sample():
    assert audit_text("对市政环卫保洁经费、市政设施维护经费等 43 个项目开展自评。") == ()


def test_it_accepts_a_list_joined_by_he():
    assert audit_text("重点支持教育、卫生健康和城乡社区 3 个领域。") == ()


def test_it_does_not_count_a_list_for_a_later_count():
    assert audit_text("组织对城乡社区、教育、卫生健康 3 个领域的 12 个项目开展绩效自评。") == ()


def test_items_are_counted_at_the_top_level_of_brackets():
    text = "三批项目涉及甲镇（A村、B村、C村）、乙镇（D村）2个镇4个村。"
    assert serious(audit_text(text)) == []
    findings = audit_text("三批项目涉及甲镇（A村、B村、C村）、乙镇（D村）3个镇。")
    assert [(f.code, f.computed) for f in findings] == [("count-mismatch", "2")]


def test_a_count_is_checked_against_the_names_in_its_bracket():
    assert serious(audit_text("共有10个机构，其中3个行政部门（甲、乙和丙）和7个事业单位。")) == []
    findings = audit_text("共有10个机构，其中3个行政部门（甲、乙）和7个事业单位。")
    assert [(f.code, f.computed) for f in findings] == [("count-mismatch", "2")]


def test_a_list_opened_by_ji_is_counted():
    findings = audit_text("直属单位5个，即甲中心、乙中心、丙中心、丁中心。")
    assert [(f.code, f.computed) for f in findings] == [("count-mismatch", "4")]
    assert audit_text("直属单位4个，即甲中心、乙中心、丙中心、丁中心。") == ()


def test_a_list_of_counted_groups_is_not_counted_as_items():
    assert audit_text("部门所属事业单位15个，即3家医院、12个社区卫生服务中心。") == ()
