"""部门整体收支情况 and 部门整体绩效管理情况: the report's sentences from the budget data."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.budget_analysis import ClassChange, SourceSummary, change_list
from jixiao.core.coverage import Coverage
from jixiao.core.evaluation import Evaluation
from jixiao.core.money import format_percent, format_share, format_wan, yuan_to_wan
from jixiao.core.narrative.numerals import chinese_number
from jixiao.core.records import FISCAL_SOURCES, Amounts, BudgetSource
from jixiao.core.report_model import Table

ZERO = Decimal(0)
SOURCE_NOUN = {
    BudgetSource.GENERAL: "一般公共预算财政拨款支出",
    BudgetSource.FUND: "政府性基金预算财政拨款支出",
    BudgetSource.STATE_CAPITAL: "国有资本经营预算财政拨款支出",
    BudgetSource.OTHER: "其他资金支出",
}


def wan(amount_yuan: Decimal, *, grouping: bool = True) -> str:
    return format_wan(yuan_to_wan(amount_yuan), grouping=grouping)


def _class_change_text(index: int, item: ClassChange) -> str:
    verb = "增加" if item.change > ZERO else "减少"
    amount = wan(abs(item.change))
    return f"{chinese_number(index)}是{item.class_name}{verb} {amount} 万元"


def _change_text(summary: SourceSummary, evaluation: Evaluation) -> str:
    """``比年初预算数增加 X 万元，增长 Y%`` (or why there is no rate)."""
    change = summary.change
    if summary.change_rate is None:
        return "年初预算数为零（年中新增），不计算变动率"
    if change == ZERO:
        return "与年初预算数持平"
    verb, trend = ("增加", "增长") if change > ZERO else ("减少", "下降")
    rate = format_percent(abs(summary.change_rate), evaluation.profile.rate_places)
    return f"比年初预算数{verb} {wan(abs(change))} 万元，{trend} {rate}"


def _movements_text(summary: SourceSummary, evaluation: Evaluation) -> str:
    listing = change_list(summary, evaluation.profile.change_min_wan)
    if not listing.listed:
        return ""
    items = "，".join(
        _class_change_text(index, item) for index, item in enumerate(listing.listed, start=1)
    )
    return f"；主要变动情况：{items}{'等' if listing.more_omitted else ''}"


def _source_sentence(summary: SourceSummary, evaluation: Evaluation) -> str:
    noun = SOURCE_NOUN[summary.source]
    head = f"{noun} {wan(summary.amounts.actual)} 万元，{_change_text(summary, evaluation)}"
    return head + _movements_text(summary, evaluation)


def income_and_expenditure(evaluation: Evaluation) -> str:
    """The seed's 收支情况 paragraph, with this department's numbers."""
    department = evaluation.data.department
    fiscal = [s for s in evaluation.budget.sources if s.source in FISCAL_SOURCES]
    others = [s for s in evaluation.budget.sources if s.source not in FISCAL_SOURCES]
    opening = (
        f"{department.full_name or department.name} {department.year} 年度财政拨款支出合计 "
        f"{wan(evaluation.budget.fiscal.actual)} 万元。"
    )
    parts = [_source_sentence(summary, evaluation) for summary in fiscal]
    text = opening + ("其中：" + "；".join(parts) + "。" if parts else "")
    for summary in others:
        text += f"另有{_source_sentence(summary, evaluation)}。"
    return text


def budget_table(evaluation: Evaluation) -> Table:
    """收支情况表: per source and kind, budget, spending, execution and change."""
    rows = []
    for summary in evaluation.budget.sources:
        rows.append(_budget_row(summary.source.value, summary.amounts, evaluation))
        for label, amounts in (
            ("  其中：基本支出", summary.basic),
            ("        项目支出", summary.project),
        ):
            if amounts.final or amounts.actual or amounts.initial:
                rows.append(_budget_row(label, amounts, evaluation))
    rows.append(_budget_row("财政拨款合计", evaluation.budget.fiscal, evaluation))
    return Table(
        "表1 部门整体收支情况（万元）",
        ("项目", "年初预算数", "全年预算数", "全年执行数", "执行率", "比年初增减", "增减率"),
        tuple(rows),
        frozenset(range(1, 7)),
        "执行率 = 全年执行数 ÷ 全年预算数；增减 = 全年执行数 − 年初预算数；合计由精确金额求和后四舍五入，"
        "可能与各项四舍五入后之和相差分位。",
        wide_columns=frozenset({0}),
    )


def _budget_row(label: str, amounts: Amounts, evaluation: Evaluation) -> tuple[str, ...]:
    change = amounts.actual - amounts.initial
    execution = format_percent(amounts.actual / amounts.final) if amounts.final else "—"
    rate = (
        format_percent(change / amounts.initial, evaluation.profile.rate_places)
        if amounts.initial
        else "—"
    )
    return (label, wan(amounts.initial), wan(amounts.final), wan(amounts.actual), execution,
            wan(change), rate)  # fmt: skip


def _coverage_sentence(item: Coverage, year: int, names: tuple[str, ...]) -> str:
    share = format_share(item.share) if item.share is not None else "—"
    noun = item.source.value
    if item.source is BudgetSource.GENERAL:
        return (
            f"组织对 {year} 年度{noun}项目支出开展绩效自评，其中一级项目 {item.first_level_count} 个，"
            f"二级项目 {item.second_level_count} 个，共涉及资金 {wan(item.evaluated_amount)} 万元，"
            f"占{noun}项目支出总额的 {share}"
        )
    named = "、".join(names[:2])
    more = "等" if item.count > len(names[:2]) else ""
    return (
        f"组织对 {year} 年度{named}{more} {item.count} 个{noun}项目开展绩效自评，共涉及资金 "
        f"{wan(item.evaluated_amount)} 万元，占{noun}项目支出总额的 {share}"
    )


def performance_management(evaluation: Evaluation) -> str:
    """The seed's 绩效管理情况 sentence: what was self-evaluated and its coverage."""
    year = evaluation.data.department.year
    largest = _largest_project_names(evaluation)
    parts = [
        _coverage_sentence(item, year, largest.get(item.source, ())) for item in evaluation.coverage
    ]
    if not parts:
        return "本年度未开展项目支出绩效自评。"
    text = "根据财政预算绩效管理要求，我部门" + "；".join(parts) + "。"
    carried = evaluation.carryover_scores
    if carried:
        amount = sum((s.project.carryover.actual for s in carried), ZERO)
        text += (
            f"另对 {len(carried)} 个项目的上年结转资金单独开展绩效自评，"
            f"共涉及资金 {wan(amount)} 万元。"
        )
    return text


def _largest_project_names(evaluation: Evaluation) -> dict[BudgetSource, tuple[str, ...]]:
    """Each source's evaluated projects, largest spending first (the ones a reader knows)."""
    by_source: dict[BudgetSource, list] = {}
    for score in evaluation.project_scores:
        if score.indicator_scores:
            by_source.setdefault(score.project.source, []).append(score.project)
    return {
        source: tuple(p.name for p in sorted(items, key=lambda p: -p.fiscal.actual))
        for source, items in by_source.items()
    }
