"""What the audit reads out of a report before it checks anything.

Every figure becomes a :class:`Mention`: the quantity, the paragraph it sits in, the
sentence and clause around it, the words that label it and whether a change verb
(增加, 减少 …) governs it. The report's year, the body it speaks for and its kind are
read from the title. Extraction runs once; every check reads the same result.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from jixiao.core.audit.document import Block, Document
from jixiao.core.audit.numbers import Quantity, find_quantities, normalize_digits

_SENTENCE_END = "。！？!?"
_SEGMENT_END = "；;" + _SENTENCE_END
_SENTENCE_END_MARK = re.compile(f"[{_SENTENCE_END}]")
_SEGMENT_END_MARK = re.compile(f"[{_SEGMENT_END}]")
_CLAUSE_BREAKS = frozenset("，：:；;。！？!?")
_DIGIT_GROUP = re.compile(r"\d{3}")
# Verbs that make the figure after them a change, not a level. Single 增 / 减 / 多 / 少
# close the list ("比上年增 50 万元"); "增至 / 减到" name a level and end in 至 / 到.
_INCREASE = (
    *("增加", "增长", "提高", "上升", "上涨", "提升", "扩大", "超支", "超收", "增收"),
    *("增支", "净增", "净增加", "递增", "追加", "调增", "增幅", "涨幅", "增", "多"),
)
_DECREASE = (
    *("减少", "下降", "降低", "回落", "下滑", "缩小", "收窄", "节约", "节支", "压减"),
    *("缩减", "减收", "短收", "减支", "净减", "净减少", "调减", "核减", "降幅", "减幅"),
    *("减", "降", "少"),
)
_FILLER = " 了约为达"
# Words that make a figure approximate or a bound ("约 2.3 万人次", "超过 95%", "98% 以上"):
# no relation between exact figures holds for it. 约 after 节 / 制 / 合 … is a word of its
# own (节约 4.64 万元 is a change, not an estimate).
_HEDGE_BEFORE = re.compile(
    r"(?:(?<![节制合预签履契公特])约|大约|近|将近|接近|超过|逾|不足|不到|不超过|不少于|不低于)$"
)
_HEDGE_AFTER = re.compile(r"\s*(?:以上|以下|以内|左右|上下|之内)")
_HEDGE_REACH = 4
_SERIES_JOINERS = ("、", "和", "及", "与", "以及")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_FISCAL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_TITLE_WORDS = ("报告", "自评表", "自评", "决算", "预算")
_SUBJECT_END = r"(?:部门整体|整体支出|项目支出|绩效|自评|(?:部门|单位)?(?:决算|预算))"
_REPORT_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年度?\s*(?:部门|单位)?(?:整体支出|项目支出)?(?:决算|预算|绩效自评|自评)"
)
_OPENING_PARAGRAPHS = 6
PLAN_SECTION_WORDS = ("下一步", "改进", "计划", "展望", "打算")
_COMPARISON_REACH = 8
_COMPARISON_WORDS = (
    *("上年", "上一年", "去年", "以前", "往年", "历年", "连续", "下一年", "明年"),
    *("比", "较", "同期", "至", "到", "—", "-", "～", "~"),
)
# a report looks back, in the same clause, at last year's carry-over and at what last
# year's review found
_LOOK_BACK_WORDS = ("结转", "结余", "整改", "评价结果", "反馈", "审计")
_SUBJECT_AFTER_YEAR = re.compile(rf"年度?\s*(?P<subject>[^\s\d]{{2,30}}?){_SUBJECT_END}")
_SUBJECT_BEFORE_YEAR = re.compile(r"^(?:关于)?(?P<subject>[^\s\d]{2,30}?)\s*(?:19|20)\d{2}")
_BODY_KINDS = (
    ("街道", ("街道办事处", "街道", "街")),
    ("镇", ("镇人民政府", "镇")),
    ("局", ("局",)),
    ("委员会", ("委员会", "委")),
    ("学校", ("学校", "中学", "小学", "学院", "大学", "幼儿园")),
    ("医院", ("医院", "卫生院")),
    ("中心", ("中心",)),
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure in a paragraph, with what the text around it says about it."""

    quantity: Quantity
    block: Block
    sentence: int
    segment: int
    label: str
    change: int
    series: int = 0
    position: int = 0
    hedged: bool = False

    @property
    def is_change(self) -> bool:
        """A figure governed by 增加 / 减少 …: a difference, not a level."""
        return self.change != 0

    @property
    def span(self) -> tuple[int, int]:
        """Where the figure (with its unit) sits in the block's text."""
        return self.quantity.start, self.quantity.end


@dataclass(frozen=True, slots=True)
class DateMention:
    """A year-month (and day) written in the text."""

    block: Block
    year: int
    month: int
    day: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the title says: the year, the body (and its kind) and the kind of report."""

    year: int | None
    subject: str
    body_kind: str
    report_kind: str
    title: Block | None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph with its figures."""

    block: Block
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the checks read: the document, its figures, dates and facts."""

    document: Document
    paragraphs: tuple[Paragraph, ...]
    dates: tuple[DateMention, ...]
    facts: ReportFacts


def extract(document: Document) -> Extraction:
    """Read every figure, date and the report's facts once, for all checks."""
    paragraphs = tuple(Paragraph(block, mentions_in(block)) for block in document.paragraphs)
    dates = tuple(date for block in document.paragraphs for date in dates_in(block))
    return Extraction(document, paragraphs, dates, report_facts(document))


def mentions_in(block: Block) -> tuple[Mention, ...]:
    """The figures of one block with their sentence, segment, label and change sign."""
    text = block.text
    mentions: list[Mention] = []
    previous_end = 0
    sentence_ends = [match.start() for match in _SENTENCE_END_MARK.finditer(text)]
    segment_ends = [match.start() for match in _SEGMENT_END_MARK.finditer(text)]
    for index, quantity in enumerate(find_quantities(text)):
        between = text[previous_end : quantity.start]
        sentence = bisect.bisect_left(sentence_ends, quantity.start)
        segment = bisect.bisect_left(segment_ends, quantity.start)
        label = text[max(clause_start(text, quantity.start, "、"), previous_end) : quantity.start]
        change = change_sign(label)
        series, position = index, 0
        if mentions and between.strip() in _SERIES_JOINERS:
            # "各减少 100 万元、120 万元": the second figure shares the first one's verb
            previous = mentions[-1]
            series, position = previous.series, previous.position + 1
            change = change or previous.change
        hedged = is_hedged(text, quantity.start, quantity.end)
        mentions.append(
            Mention(quantity, block, sentence, segment, label, change, series, position, hedged)
        )
        previous_end = quantity.end
    return tuple(mentions)


def is_hedged(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] is stated as approximate or as a bound."""
    before = text[max(start - _HEDGE_REACH, 0) : start].rstrip()
    return _HEDGE_BEFORE.search(before) is not None or _HEDGE_AFTER.match(text, end) is not None


def clause_start(text: str, offset: int, also: str = "") -> int:
    """Where the clause holding ``offset`` begins (a thousands comma is no break)."""
    start = 0
    for index in range(offset - 1, -1, -1):  # clauses are short: scan back, not forward
        char = text[index]
        if char in _CLAUSE_BREAKS or (char == "," and not _DIGIT_GROUP.match(text, index + 1)):
            start = index + 1
            break
    for char in also:
        start = max(start, text.rfind(char, 0, offset) + 1)
    return start


def change_sign(label: str) -> int:
    """+1 when an increase verb directly precedes a figure, -1 for a decrease, else 0."""
    for stripped in (label.rstrip(), label.rstrip(_FILLER)):  # 节约 ends with the filler 约
        if stripped.endswith(("新增", "不少", "多少", "至少")):
            return 0
        if stripped.endswith(_INCREASE):
            return 1
        if stripped.endswith(_DECREASE):
            return -1
    return 0


def dates_in(block: Block) -> list[DateMention]:
    """Year-month dates in a block (``2023 年 11 月``)."""
    text = normalize_digits(block.text)
    return [
        DateMention(
            block,
            int(match.group(1)),
            int(match.group(2)),
            int(match.group(3)) if match.group(3) else None,
            match.start(),
            match.end(),
        )
        for match in _DATE.finditer(text)
    ]


def report_facts(document: Document) -> ReportFacts:
    """The report's year, the body it speaks for and its kind, read from the title."""
    title = _title_block(document)
    title_text = normalize_digits(title.text) if title else ""
    year_match = _YEAR.search(title_text)
    year = int(year_match.group(1)) if year_match else _framed_year(document)
    subject = _subject(title_text)
    return ReportFacts(year, subject, body_kind(subject), _report_kind(title_text), title)


def _subject(title: str) -> str:
    for pattern in (_SUBJECT_AFTER_YEAR, _SUBJECT_BEFORE_YEAR):
        match = pattern.search(title)
        if match:
            return match.group("subject")
    return ""


def _title_block(document: Document) -> Block | None:
    for block in document.paragraphs[:6]:
        if any(word in block.text for word in _TITLE_WORDS) and len(block.text) <= 60:
            return block
    return None


def _framed_year(document: Document) -> int | None:
    """The report's year when the title gives none.

    The year an opening paragraph names with the report itself ("2023 年度部门决算"),
    else the latest "YYYY 年度" written outside a comparison and outside the plans: a
    report looks back at its own year and at the years before it (in 决算 text the
    comparison year is often the most frequent), not past it.
    """
    for block in document.paragraphs[:_OPENING_PARAGRAPHS]:
        match = _REPORT_YEAR.search(normalize_digits(block.text))
        if match:
            return int(match.group(1))
    years = [
        int(match.group(1))
        for block in document.paragraphs
        if not any(word in block.section for word in PLAN_SECTION_WORDS)
        for text in (normalize_digits(block.text),)
        for match in _FISCAL_YEAR.finditer(text)
        if not in_comparison(text, match.start(), match.end())
    ]
    return max(years, default=None)


def in_comparison(text: str, start: int, end: int) -> bool:
    """Whether the year at text[start:end] is compared with ("比 2022 年度", "上年"), or
    looked back at ("2022 年度结转资金", "根据 2022 年度评价结果")."""
    window = text[max(start - _COMPARISON_REACH, 0) : end + _COMPARISON_REACH]
    if any(word in window for word in _COMPARISON_WORDS):
        return True
    clause_end = min(
        (i for i in (text.find(c, end) for c in "，。；") if i >= 0), default=len(text)
    )
    clause = text[clause_start(text, start) : clause_end]
    return any(word in clause for word in _LOOK_BACK_WORDS)


def body_kind(name: str) -> str:
    """The kind of body a name denotes (街道, 镇, 局 …), from its ending."""
    for kind, endings in _BODY_KINDS:
        if name.endswith(endings):
            return kind
    return ""


def _report_kind(title: str) -> str:
    if "决算" in title:
        return "决算"
    if "预算" in title and not any(word in title for word in ("执行", "绩效", "自评")):
        return "预算"
    if "部门整体" in title or "整体支出" in title:
        return "部门整体支出绩效自评"
    if "项目" in title:
        return "项目支出绩效自评"
    return ""
