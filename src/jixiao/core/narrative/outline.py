"""The report's outline: sections numbered as they are written, empty ones left out.

A heading with nothing under it (a 部门职能 not filed, no improvement measure) would be a
blank a department has to delete before filing, so it is not written, and the headings
that remain are numbered in order (一、二、三 … and （一）（二） … within each).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.narrative.numerals import chinese_number
from jixiao.core.report_model import Block, Heading


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, the blocks directly under it, and its subsections."""

    title: str
    content: list[Block] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.content and all(part.is_empty for part in self.parts)


def outline_blocks(sections: list[Section]) -> list[Block]:
    """The headings and blocks of every non-empty section, numbered as written."""
    blocks: list[Block] = []
    chapters = [section for section in sections if not section.is_empty]
    for number, chapter in enumerate(chapters, start=1):
        blocks += [Heading(1, f"{chinese_number(number)}、{chapter.title}"), *chapter.content]
        parts = [part for part in chapter.parts if not part.is_empty]
        for index, part in enumerate(parts, start=1):
            blocks += [Heading(2, f"（{chinese_number(index)}）{part.title}"), *part.content]
    return blocks
