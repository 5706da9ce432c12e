"""Claims the report's own figures contradict.

"不存在问题" beside an execution rate far below the profile's threshold, "资金已全部支出"
beside a rate under 100%, "各项指标均已完成" beside an indicator that missed its target:
the text and its figures cannot both be right. A rate below the threshold also needs a
written reason (domain.md §4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.audit.bounds import plain
from jixiao.core.audit.document import Block
from jixiao.core.audit.extract import Extraction
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.rates import execution_rates
from jixiao.core.audit.scoretable import Cell, indicator_measures, read_score_tables
from jixiao.core.findings import Severity
from jixiao.core.money import HUNDRED, quantize_half_up
from jixiao.core.profile import RulesProfile
from jixiao.core.scoring import quantitative_share

_NO_PROBLEM = re.compile(
    r"(?:不存在|没有|并无|未发现)(?:任何|明显|突出|重大)?的?问题"
    r"|(?:预算)?执行(?:情况)?(?:良好|顺利)"
)
# "执行率 100%" is a figure, not a claim: beside it "项目支出执行率 93.67%" is another rate
_FULL_EXECUTION = re.compile(
    r"(?:资金|预算|经费)(?:已|均)?(?:全部|全额)(?:执行|支出|使用|拨付)(?:完毕)?"
)
_ALL_ACHIEVED = re.compile(
    r"(?:各项|所有|全部)(?:绩效)?(?:指标|目标)(?:均|都|全部)?(?:已)?(?:全部|全面|按期)?(?:完成|达成|实现)"
)
_REASON = re.compile(r"原因|由于|因为|受.{1,12}影响|导致")
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class RateFigure:
    """An execution rate the report states or its table implies, in percent."""

    rate: Decimal
    block: Block
    span: tuple[int, int]
    shown: str


def rate_figures(extraction: Extraction) -> list[RateFigure]:
    """Execution rates from the prose ("执行率 r%") and from the 自评表 funds rows."""
    figures = [
        RateFigure(
            item.rate.quantity.value, item.paragraph.block, item.rate.span, item.rate.quantity.text
        )
        for item in execution_rates(extraction)
        if item.name == "执行率"
    ]
    for table in read_score_tables(extraction.document.tables):
        for row in table.funds[:1]:
            final, actual = row.cells["final"], row.cells["actual"]
            if final.number and actual.number is not None:
                rate = actual.number / final.number * HUNDRED
                block = actual.block
                shown = f"{quantize_half_up(rate, ONE_PLACE)}%"
                figures.append(RateFigure(rate, block, (0, len(block.text)), shown))
    return figures


def check_claims_against_rates(
    extraction: Extraction, profile: RulesProfile
) -> Iterator[AuditFinding]:
    """ "不存在问题" or "全部支出" claims beside an execution rate that says otherwise."""
    figures = rate_figures(extraction)
    threshold = profile.execution_reason_below * HUNDRED
    low = [figure for figure in figures if figure.rate < threshold]
    short = [figure for figure in figures if figure.rate < HUNDRED]
    for block in extraction.document.paragraphs:
        if low:
            yield from _claims(block, _NO_PROBLEM, low[0], f"低于应说明原因的 {plain(threshold)}%")
        relevant = [figure for figure in short if _related(figure, block, figures)]
        if relevant:
            yield from _claims(block, _FULL_EXECUTION, relevant[0], "未达 100%")
    if low and not any(
        _REASON.search(block.text) and "执行" in block.text
        for block in extraction.document.blocks()
    ):
        figure = low[0]
        message = (
            f"预算执行率 {figure.shown} 低于规则配置的 {plain(threshold)}%，"
            "报告中却没有说明执行率偏低的原因。"
        )
        yield finding_at(
            figure.block, figure.span, "execution-reason-missing", Severity.WARNING, message
        )


def _related(figure: RateFigure, block: Block, figures: list[RateFigure]) -> bool:
    """A rate speaks to a claim in its paragraph or section, or as the report's only rate."""
    return len(figures) == 1 or figure.block is block or figure.block.section == block.section


def _claims(
    block: Block, pattern: re.Pattern[str], figure: RateFigure, why: str
) -> Iterator[AuditFinding]:
    for match in pattern.finditer(block.text):
        if figure.block is block and match.start() <= figure.span[0] < match.end():
            continue
        message = (
            f"文中称“{match.group(0)}”，但报告中的预算执行率为 {figure.shown}（{why}，"
            f"见{figure.block.place.describe()}），说法与数据矛盾。"
        )
        yield finding_at(
            block,
            match.span(),
            "claim-contradicts-figures",
            Severity.ERROR,
            message,
            stated=match.group(0),
            computed=figure.shown,
        )


def check_achievement_claims(
    extraction: Extraction, profile: RulesProfile
) -> Iterator[AuditFinding]:
    """ "各项指标均已完成" while the 自评表 shows an indicator below its target."""
    missed = _missed_indicators(extraction, profile)
    if not missed:
        return
    cell = missed[0]
    for block in extraction.document.paragraphs:
        for match in _ALL_ACHIEVED.finditer(block.text):
            message = (
                f"文中称“{match.group(0)}”，但自评表中指标“{cell.text}”未达到年度指标值"
                f"（见{cell.block.place.describe()}）。"
            )
            yield finding_at(
                block,
                match.span(),
                "claim-contradicts-figures",
                Severity.ERROR,
                message,
                stated=match.group(0),
                computed=f"{len(missed)} 项指标未完成",
            )


def _missed_indicators(extraction: Extraction, profile: RulesProfile) -> list[Cell]:
    """The name cells of quantitative indicators whose actual value misses the target."""
    missed = []
    for table in read_score_tables(extraction.document.tables):
        for row in table.indicators:
            measured = indicator_measures(row)
            if measured is not None and quantitative_share(*measured, profile) < 1:
                missed.append(row.cells["name"])
    return missed
