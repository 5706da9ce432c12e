"""Consistency: the report's year, the body it speaks for, unfilled template text.

A report for 2023 that speaks of "2022 年度" outside a comparison was probably copied
from last year's; a 街道 report that says "我局" or names another 街道办事处 was probably
copied from another body's. Template instructions and placeholders must not survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.core.audit.document import Block
from jixiao.core.audit.extract import (
    PLAN_SECTION_WORDS,
    DateMention,
    Extraction,
    body_kind,
    in_comparison,
)
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.numbers import normalize_digits
from jixiao.core.findings import Severity
from jixiao.core.profile import RulesProfile

_FISCAL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
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
_YEAR_END = re.compile(
    r"截至(?:到)?\s*(?P<year>上一?年度?|本年度?|当年|(?:19|20)\d{2}\s*年)\s*"
    r"(?:末|底|12\s*月\s*31\s*日)"
)
_KIND_WORDS = {"决算": "决算", "预算": "预算"}
_FUTURE_WORDS = ("计划", "预计", "力争", "争取", "将于", "拟", "到", "至", "前", "目标")
_LOOK_AHEAD_REACH = 8
_FULL_NAME = re.compile(r"(街道办事处|镇人民政府)")
_SUFFIXES = ("街道办事处", "镇人民政府", "街道", "街", "镇")
_PLACEHOLDER = re.compile(
    r"请(?:在此|根据|按照)?填(?:写|报|列)|填(?:写|报)说明|此处(?:填|输入)|（单位名称）|（项目名称）"
    r"|[XＸ×*＊ｘ]{2,}(?![A-Za-z])|(?<![A-Za-z])[xX]{2,}(?![A-Za-z])|_{3,}|＿{2,}"
    r"|【[^】]{0,20}填[^】]{0,20}】"
    r"|[（(]\s*(?:限|不超过|不少于)?\s*\d{2,4}\s*字(?:以内|以下|左右|内)?\s*[）)]"
)
# a character every placeholder above holds: most paragraphs have none, and a search for
# one character is far cheaper than trying each alternative at every position
_PLACEHOLDER_HINT = re.compile(r"[请填此XＸ×*＊ｘx_＿【字称]")
# An instruction of the form is addressed to the writer: it opens with what to draw on
# (结合 / 根据 / 对照 / 针对 …) and goes straight on to what to write, with no subject and
# no figure ("结合自评情况，说明项目自评总分。").
_INSTRUCTION = re.compile(
    r"^(?:请)?(?:结合|根据|对照|围绕|针对|依据)[^，。：；\d]{1,20}，"
    r"(?:简要|重点|逐项|如实|分别|具体)?(?:说明|阐述|分析|概述|描述|填写|列出|提出|简述|列明)"
    r"(?![了过])[^\d：]*。?$"
)
_WRITER_SPEAKS = re.compile(r"我|本(?:单位|部门|街道|局|镇|中心)|已|均|并将")
_ASKED_FOR = ("情况", "原因", "问题", "成效", "成果", "措施", "建议", "意见", "总分", "做法")
_INSTRUCTION_MAX = 80


def check_report_year(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "YYYY 年度" that is not the report's year, outside comparisons and plans."""
    year = extraction.facts.year
    if year is None:
        return
    title = extraction.facts.title
    # 决算 and 预算 texts state the year before as a matter of course (上年决算数)
    allowed = {year, year - 1} if extraction.facts.report_kind in ("决算", "预算") else {year}
    for block in extraction.document.paragraphs:
        if block is title or any(word in block.section for word in PLAN_SECTION_WORDS):
            continue
        text = normalize_digits(block.text)
        for match in _FISCAL_YEAR.finditer(text):
            stated = int(match.group(1))
            if stated not in allowed and not in_comparison(text, match.start(), match.end()):
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


def check_dates(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Dates that cannot exist, or that lie past the year after the report's year."""
    year = extraction.facts.year
    for date in extraction.dates:
        span = (date.start, date.end)
        if not 1 <= date.month <= 12 or (date.day is not None and not 1 <= date.day <= 31):
            message = f"日期“{date.block.text[date.start : date.end]}”不存在。"
            yield finding_at(date.block, span, "date-invalid", Severity.ERROR, message)
        elif year is not None and date.year > year + 1 and not _looks_ahead(date):
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


def _looks_ahead(date: DateMention) -> bool:
    """A date in the plans, or announced as one ("力争 2025 年 6 月前完成")."""
    if any(word in date.block.section for word in PLAN_SECTION_WORDS):
        return True
    before = date.block.text[max(date.start - _LOOK_AHEAD_REACH, 0) : date.start]
    return any(word in before for word in _FUTURE_WORDS)


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


def check_reference_date(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "截至 … 12 月 31 日" figures (staff, assets) as of the right year-end.

    A 决算 or self-evaluation of year Y states them at the end of Y; a 预算 of year Y,
    written early in Y, at the end of Y − 1 ("截至上年 12 月 31 日" is right there only).
    """
    facts = extraction.facts
    if facts.year is None or not facts.report_kind:
        return
    expected = facts.year - 1 if facts.report_kind == "预算" else facts.year
    for block in extraction.document.paragraphs:
        text = normalize_digits(block.text)
        for match in _YEAR_END.finditer(text):
            stated = _year_meant(match.group("year"), facts.year)
            if stated is None or stated == expected:
                continue
            message = (
                f"本报告为 {facts.year} 年度{_KIND_WORDS.get(facts.report_kind, '报告')}，"
                f"年末数应截至 {expected} 年 12 月 31 日，此处却写“{match.group(0)}”"
                f"（即 {stated} 年末），疑为沿用其他年度的报告。"
            )
            yield finding_at(
                block,
                match.span(),
                "reference-date",
                Severity.WARNING,
                message,
                stated=str(stated),
                computed=str(expected),
            )


def _year_meant(written: str, year: int) -> int | None:
    """The calendar year "上年 / 本年 / 2023 年" means in a report of ``year``."""
    relative = {"上年": year - 1, "上一年": year - 1, "上年度": year - 1, "本年": year}
    relative |= {"本年度": year, "当年": year}
    if written in relative:
        return relative[written]
    digits = re.match(r"(?:19|20)\d{2}", written)
    return int(digits.group(0)) if digits else None


def _is_instruction(text: str) -> bool:
    """A form's instruction to the writer: short, imperative, asking for a kind of content."""
    return (
        len(text) <= _INSTRUCTION_MAX
        and _INSTRUCTION.match(text) is not None
        and _WRITER_SPEAKS.search(text) is None
        and any(word in text for word in _ASKED_FOR)
    )


def check_template_left(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Template instructions and placeholders (请填写…, XX, ____) left in the report."""
    for block in extraction.document.blocks():
        placeholders = (
            _PLACEHOLDER.finditer(block.text) if _PLACEHOLDER_HINT.search(block.text) else ()
        )
        for match in placeholders:
            message = f"模板说明或占位符“{match.group(0)}”未替换为实际内容。"
            yield finding_at(block, match.span(), "template-left", Severity.ERROR, message)
        text = block.text.strip()
        if _is_instruction(text):
            message = "此段是模板中给填报人的填写说明，未替换为实际内容。"
            yield finding_at(
                block, (0, len(block.text)), "template-instruction", Severity.WARNING, message
            )
