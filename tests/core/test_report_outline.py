"""The outline writes only sections with something in them, numbered as written."""

from __future__ import annotations

from jixiao.core.narrative.outline import Section, outline_blocks
from jixiao.core.report_model import Heading, Paragraph


def test_an_empty_chapter_and_an_empty_part_are_left_out_and_the_rest_renumbered() -> None:
    blocks = outline_blocks([
        Section("甲", parts=[Section("空"), Section("有", [Paragraph("内容。")])]),
        Section("乙"),
        Section("丙", [Paragraph("内容。")]),
    ])  # fmt: skip

    assert [b.text for b in blocks if isinstance(b, Heading)] == ["一、甲", "（一）有", "二、丙"]


def test_a_chapter_whose_parts_are_all_empty_is_left_out() -> None:
    assert outline_blocks([Section("甲", parts=[Section("空")])]) == []
