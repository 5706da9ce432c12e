"""（二）设置机构及人员情况: the internal units and headcounts from 部门信息."""

from __future__ import annotations

from jixiao.core.records import Department
from jixiao.core.report_model import Block, Paragraph


def has_organisation(department: Department) -> bool:
    """Whether the department filed any of the section's items (else the section is left out)."""
    counts = (department.staff_quota, department.staff_in_post, department.retired)
    return bool(department.institutions) or any(count is not None for count in counts)


def organisation(department: Department) -> list[Block]:
    """The department's own description of its units, then one sentence of headcounts."""
    blocks: list[Block] = [Paragraph(text, generated=False) for text in department.institutions]
    counts = [
        f"{label} {count} 名"
        for label, count in (
            ("核定编制", department.staff_quota),
            ("实有在职人员", department.staff_in_post),
            ("离退休人员", department.retired),
        )
        if count is not None
    ]
    if counts:
        blocks.append(Paragraph(f"{department.year} 年末，本部门" + "，".join(counts) + "。"))
    return blocks
