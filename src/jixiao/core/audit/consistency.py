"""Consistency: the report's year, the body it speaks for, unfilled template text.

A report for 2023 that speaks of "2022 年度" outside a comparison was probably copied
from last year's; a 街道 report that says "我局" or names another 街道办事处 was probably
copied from another body's. Template instructions and placeholders must not survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.core.audit.document import Block
from jixiao.core.audit.extract import Extraction, body_kind
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.numbers import normalize_digits
from jixiao.core.findings import Severity
from jixiao.core.profile import RulesProfile

_FISCAL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
_COMPARISON_WORDS = (
    *("上年", "上一年", "去年", "以前", "往年", "历年", "连续", "下一年", "明年"),
    *("比", "较", "同期", "至", "到", "—", "-", "～", "~"),
)
_PLAN_SECTION_WORDS = ("下一步", "改进", "计划", "展望", "打算")
_SELF_REFERENCE = re.compile(r"我(街道|街|镇|局|委|院|校|中心)")
_SELF_KINDS = {
    "街道": "街道",
    "街": "街道",
    "镇": "镇",
    "局": "局",
    "委": "委员会",
    "院": "医院",
    "校": "学校",
    "中心": "中心",
}
_FULL_NAME = re.compile(r"(街道办事处|镇人民政府)")
_SUFFIXES = ("街道办事处", "镇人民政府", "街道", "街", "镇")
_PLACEHOLDER = re.compile(
    r"请(?:在此|根据|按照)?填(?:写|报|列)|填(?:写|报)说明|此处(?:填|输入)|（单位名称）|（项目名称）"
    r"|[XＸ×*＊]{2,}(?![A-Za-z])|(?<![A-Za-z])[xX]{3,}(?![A-Za-z])|_{3,}|＿{2,}|【[^】]{0,20}填[^】]{0,20}】"
)


def check_report_year(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "YYYY 年度" that is not the report's year, outside comparisons and plans."""
    year = extraction.facts.year
    if year is None:
        return
    title = extraction.facts.title
    for block in extraction.document.paragraphs:
        if block is title or any(word in block.section for word in _PLAN_SECTION_WORDS):
            continue
        text = normalize_digits(block.text)
        for match in _FISCAL_YEAR.finditer(text):
            stated = int(match.group(1))
            if stated != year and not _in_comparison(text, match.start(), match.end()):
                message = (
                    f"报告年度为 {year} 年，此处却写“{match.group(0)}”，疑为沿用其他年度的报告。"
                )
                yield finding_at(
                    block,
                    match.span(),
                    "year-mismatch",
                    Severity.WARNING,
                    message,
                    stated=str(stated),
                    computed=str(year),
                )


def _in_comparison(text: str, start: int, end: int) -> bool:
    window = text[max(start - 8, 0) : end + 8]
    return any(word in window for word in _COMPARISON_WORDS)


def check_dates(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Dates that cannot exist, or that lie past the year after the report's year."""
    year = extraction.facts.year
    for date in extraction.dates:
        span = (date.start, date.end)
        if not 1 <= date.month <= 12 or (date.day is not None and not 1 <= date.day <= 31):
            message = f"日期“{date.block.text[date.start : date.end]}”不存在。"
            yield finding_at(date.block, span, "date-invalid", Severity.ERROR, message)
        elif year is not None and date.year > year + 1:
            message = f"报告年度为 {year} 年，日期却在 {date.year} 年，疑为笔误。"
            yield finding_at(
                date.block,
                span,
                "date-out-of-period",
                Severity.WARNING,
                message,
                stated=str(date.year),
                computed=str(year),
            )


def check_self_description(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """The body describing itself as another kind (我局 in a 街道 report) or by another name."""
    facts = extraction.facts
    if not facts.body_kind:
        return
    core = _core_name(facts.subject)
    for block in extraction.document.blocks():
        for match in _SELF_REFERENCE.finditer(block.text):
            kind = _SELF_KINDS[match.group(1)]
            if kind != facts.body_kind:
                message = f"报告主体是{facts.subject}（{facts.body_kind}），此处却自称“{match.group(0)}”。"
                yield finding_at(
                    block, match.span(), "self-kind-mismatch", Severity.WARNING, message
                )
        yield from _other_names(block, core, facts.subject)


def _core_name(subject: str) -> str:
    for suffix in _SUFFIXES:
        if subject.endswith(suffix) and len(subject) > len(suffix) + 1:
            return subject[: -len(suffix)]
    return ""


def _other_names(block: Block, core: str, subject: str) -> Iterator[AuditFinding]:
    if not core or body_kind(subject) not in ("街道", "镇"):
        return
    for match in _FULL_NAME.finditer(block.text):
        before = block.text[max(match.start() - len(core), 0) : match.start()]
        if before != core and len(before) == len(core):
            span = (match.start() - len(core), match.end())
            message = f"报告主体是{subject}，此处却写“{block.text[span[0] : span[1]]}”，疑为沿用其他单位的报告。"
            yield finding_at(block, span, "subject-mismatch", Severity.WARNING, message)


def check_template_left(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Template instructions and placeholders (请填写…, XX, ____) left in the report."""
    for block in extraction.document.blocks():
        for match in _PLACEHOLDER.finditer(block.text):
            message = f"模板说明或占位符“{match.group(0)}”未替换为实际内容。"
            yield finding_at(block, match.span(), "template-left", Severity.ERROR, message)
