"""Outline and inline numbering: repeated or skipped numbers at any level."""

from tests.audit.reports import audit_text, codes


def test_it_accepts_numbering_with_mixed_bracket_widths():
    text = "一、基本情况\n（一）职能\n(二)收支\n（三）管理\n二、自评情况\n（一）结论\n(1) 一项。\n（2）二项。"
    assert audit_text(text) == ()


def test_it_flags_a_skipped_top_level_number():
    findings = audit_text("一、基本情况\n二、自评情况\n四、改进措施")
    assert codes(findings) == ["numbering"]
    assert findings[0].quote == "四、"


def test_it_flags_a_repeated_number_at_a_lower_level():
    findings = audit_text("一、基本情况\n（一）职能\n（二）收支\n（二）管理")
    assert codes(findings) == ["numbering"]
    assert "重复" in findings[0].message


def test_it_restarts_numbering_under_each_parent():
    assert audit_text("一、甲\n1. 子一\n2. 子二\n二、乙\n1. 子一\n2. 子二") == ()


def test_it_flags_a_skipped_inline_enumeration():
    findings = audit_text("主要做法：一是加强领导，二是完善制度，四是强化监督。")
    assert codes(findings) == ["numbering"]


def test_it_accepts_two_inline_enumerations_in_one_paragraph():
    text = "增加的原因：一是甲，二是乙；减少的原因：一是丙，二是丁。"
    assert audit_text(text) == ()


def test_inline_arabic_items_must_not_repeat():
    findings = audit_text("主要措施：1.加强预算管理；2.完善制度；3.强化监督；3.推进公开。")
    assert [(f.code, f.stated) for f in findings] == [("numbering", "3.")]
    assert audit_text("主要措施：1.加强预算管理；2.完善制度，增长3.5%；3.强化监督。") == ()


def test_a_paragraph_marker_counts_as_the_first_inline_item():
    assert audit_text("（一）部门职能\n1.加强预算管理；2.完善制度建设。") == ()


def test_an_excerpt_may_open_below_its_top_level():
    text = "（三）部门整体支出绩效目标\n目标明确。\n（四）部门整体收支情况\n收支平衡。\n二、绩效自评情况\n（一）自评结论\n得分高。"
    assert audit_text(text) == ()
