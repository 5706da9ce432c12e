"""Changes and rates: growth against the base the sentence implies, shares, execution.

"X 万元，比年初预算数增加 Δ 万元，增长 r%" implies the base X − Δ (X + Δ for a decrease),
and r must be Δ ÷ base. A rate that matches Δ ÷ X instead divides by the wrong base, a
distinct finding. Every comparison allows for the rounding of each stated figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.audit.arithmetic import itemizations
from jixiao.core.audit.bounds import agrees, exact_half, ratio, ratio_range
from jixiao.core.audit.extract import Extraction, Mention, Paragraph, clause_start
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.numbers import Kind, Quantity, show
from jixiao.core.findings import Severity
from jixiao.core.money import quantize_half_up
from jixiao.core.profile import RulesProfile

_COMPARATIVES = ("比", "较", "相比")
_FUNDS_RATE = re.compile(r"(?:执行|支付|到位|拨付|使用|支出|完成|兑现)率")
_SPENT_WORDS = ("执行", "支出", "实际", "使用", "拨付", "完成", "到位", "支付", "兑现")
_BUDGET_WORDS = ("预算", "下达", "安排", "批复", "资金总额", "计划投资")
_FINAL_BUDGET_WORDS = ("全年", "调整后", "年度预算")
PERCENT_PLACES = Decimal("0.01")
_SHARE_FILLER = "的比重比例为达约"
_LABEL_FILLER = "为是达共计合：:"
_MIN_NAME = 2
_LONG_NAME = 6
_STATING_VERBS = ("完成", "实现", "达到")
_EARLIER_YEAR_WORDS = ("上年", "去年", "上一年", "同期")
_VERB_CHARACTERS = "增加减少长降低提高上升下滑回落了共约为"
_WHOLE_WORDS = ("合计", "总计", "共计", "总额", "总")


@dataclass(frozen=True, slots=True)
class ChangeRelation:
    """ "current, 比 base 增加/减少 change, 增长/下降 rate" as the sentence states it."""

    paragraph: Paragraph
    current: Mention
    base: Mention | None
    change: Mention
    rate: Mention

    @property
    def implied_base(self) -> Decimal:
        """The base the sentence implies: stated, or current − signed change."""
        if self.base is not None:
            return self.base.quantity.value
        return self.current.quantity.value - self.change.change * self.change.quantity.value

    def half(self, mention: Mention) -> Decimal:
        """How much rounding one of the relation's figures may hide."""
        figures = [self.current, self.change] + ([self.base] if self.base else [])
        return exact_half(mention.quantity, *(m.quantity for m in figures))

    @property
    def base_half(self) -> Decimal:
        """How much rounding the implied base may hide."""
        if self.base is not None:
            return self.half(self.base)
        return self.half(self.current) + self.half(self.change)

    def rate_range(self) -> tuple[Decimal, Decimal] | None:
        """The rate (in percent) the figures allow: change ÷ base."""
        change = self.change
        return ratio_range(
            change.quantity.value, self.half(change), self.implied_base, self.base_half
        )

    def wrong_base_range(self) -> tuple[Decimal, Decimal] | None:
        """The rate had the change been divided by the current figure instead."""
        change, current = self.change, self.current
        return ratio_range(
            change.quantity.value,
            self.half(change),
            current.quantity.value,
            self.half(current),
        )


def change_relations(paragraph: Paragraph) -> Iterator[ChangeRelation]:
    """Every "比…增加 Δ，增长 r%" with the level figure it is about."""
    mentions = paragraph.mentions
    for index, rate in enumerate(mentions):
        if rate.quantity.kind is not Kind.PERCENT or not rate.is_change:
            continue
        if "率" in _clause_before(rate):
            continue  # "执行率提高 2.5%" is the change of a rate, not of the amount before it
        earlier = [m for m in mentions[:index] if m.segment == rate.segment]
        changes = [m for m in earlier if m.is_change and m.quantity.kind is not Kind.PERCENT]
        if not changes:
            continue
        change = changes[-1]
        levels = [
            m
            for m in earlier
            if not m.is_change
            and m.quantity.start < change.quantity.start
            and m.quantity.same_kind(change.quantity)
        ]
        base = levels[-1] if levels and _compares(levels[-1]) else None
        currents = [m for m in levels if not _compares(m)]
        current = currents[-1] if currents else _named_current(mentions[:index], change)
        if current is None:
            continue
        rates = _series(mentions, rate)
        if len(rates) > 1:
            # "各是 a、b，各减少 Δa、Δb，各下降 ra、rb": the j-th rate goes with the j-th figures
            changes, levels = _series(mentions, change), _series(mentions, current)
            if base is not None or not len(rates) == len(changes) == len(levels):
                continue
            change, current = changes[rate.position], levels[rate.position]
        yield ChangeRelation(paragraph, current, base, change, rate)


def _named_current(earlier: tuple[Mention, ...], change: Mention) -> Mention | None:
    """The figure a change is about, stated in an earlier sentence and named again.

    "财政拨款支出 6,258.93 万元，……。与上年相比，财政拨款支出增加 385.27 万元，增长
    6.56%": the one earlier level figure whose label ends with the change's subject.
    """
    subject = _change_subject(change)
    if len(subject) < _MIN_NAME:
        return None
    matches = [
        m
        for m in earlier
        if m.sentence < change.sentence
        and not m.is_change
        and not _compares(m)
        and m.quantity.same_kind(change.quantity)
        and m.label.strip().rstrip(_LABEL_FILLER).endswith(subject)
        and not any(word in m.label for word in _EARLIER_YEAR_WORDS)  # that is the base
    ]
    return matches[0] if len(matches) == 1 else None


def _change_subject(change: Mention) -> str:
    """What a change clause says changed: "财政拨款支出" of "财政拨款支出增加"."""
    clause = _clause_before(change)
    comparison = [i for i in (clause.find(word) for word in _COMPARATIVES) if i >= 0]
    subject = clause[: min(comparison)] if comparison else clause.rstrip(_VERB_CHARACTERS)
    return subject.strip().rstrip(_LABEL_FILLER)


def _compares(mention: Mention) -> bool:
    """A figure stated as the base of a comparison: "比 / 较年初预算 10.00 万元"."""
    return any(word in mention.label for word in _COMPARATIVES)


def _series(mentions: tuple[Mention, ...], mention: Mention) -> list[Mention]:
    """The figures listed together with ``mention`` ("100 万元、120 万元")."""
    return [m for m in mentions if m.series == mention.series]


def check_change_rates(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Growth and decline rates against change ÷ the base the sentence implies."""
    for paragraph in extraction.paragraphs:
        for relation in change_relations(paragraph):
            yield from _check_relation(relation)


def _check_relation(relation: ChangeRelation) -> Iterator[AuditFinding]:
    change, rate = relation.change, relation.rate
    figures = (relation.current, relation.base, change, rate)
    if any(figure is not None and figure.hedged for figure in figures):
        return  # "增长超过 8%", "约 2.3 万人次": a bound or an estimate is no exact rate
    if change.change != rate.change:
        message = f"变动额写的是“{_verb(change)}”，变动率却写“{_verb(rate)}”，方向前后矛盾。"
        yield _relation_finding(relation, "change-direction", Severity.ERROR, message)
    if relation.base is not None:
        yield from _check_stated_base(relation, relation.base)
    bounds = relation.rate_range()
    if bounds is None:
        message = "基数为零（如年中新增项目），变动率无从计算，不应写出百分比。"
        yield _relation_finding(relation, "rate-zero-base", Severity.WARNING, message)
        return
    stated = rate.quantity
    if agrees(stated.value, stated.half_unit, *bounds):
        return
    yield _rate_mismatch(relation, bounds)


def _verb(mention: Mention) -> str:
    return "增加/增长" if mention.change > 0 else "减少/下降"


def _check_stated_base(relation: ChangeRelation, base: Mention) -> Iterator[AuditFinding]:
    """ "比年初预算数 B 增加 Δ": the current figure minus B must be Δ."""
    current, change = relation.current, relation.change
    difference = current.quantity.value - base.quantity.value
    expected = change.change * change.quantity.value
    tolerance = relation.half(current) + relation.half(base) + relation.half(change)
    if abs(difference - expected) > tolerance:
        stated = show(change.quantity.value, change.quantity)
        computed = show(abs(difference), change.quantity)
        message = (
            f"{current.quantity.text}与基数 {base.quantity.text} 相差 {computed}，"
            f"文中写的变动额是 {stated}。"
        )
        yield _relation_finding(
            relation, "change-amount-mismatch", Severity.ERROR, message, stated, computed
        )


def _rate_mismatch(relation: ChangeRelation, bounds: tuple[Decimal, Decimal]) -> AuditFinding:
    stated = relation.rate.quantity
    computed = _percent(ratio(relation.change.quantity.value, relation.implied_base))
    base = show(relation.implied_base, relation.current.quantity)
    change = relation.change.quantity.text
    wrong = relation.wrong_base_range()
    if wrong is not None and agrees(stated.value, stated.half_unit, *wrong):
        message = (
            f"变动率 {stated.text} 是用变动额 {change} 除以本年数 "
            f"{relation.current.quantity.text} 得出的；变动率应以基数 {base} 为分母，"
            f"应为 {computed}。"
        )
        code = "rate-wrong-base"
    else:
        message = f"变动率 {stated.text} 与变动额 {change} ÷ 基数 {base} = {computed} 不符。"
        code = "rate-mismatch"
    return _relation_finding(relation, code, Severity.ERROR, message, stated.text, computed)


def _percent(value: Decimal) -> str:
    return f"{quantize_half_up(value, PERCENT_PLACES)}%"


def _relation_finding(
    relation: ChangeRelation,
    code: str,
    severity: Severity,
    message: str,
    stated: str | None = None,
    computed: str | None = None,
) -> AuditFinding:
    span = (relation.current.quantity.start, relation.rate.quantity.end)
    block = relation.paragraph.block
    return finding_at(block, span, code, severity, message, stated=stated, computed=computed)


def check_shares(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "A，占 B 的 r%" (or a part of a "其中" list with its share) against A ÷ B.

    B may be a figure stated earlier in the section and named again after 占
    ("支出总预算 1,160 万元。……社保支出 116 万元，占支出总预算的 10%").
    """
    named: list[Mention] = []
    anywhere: list[Mention] = []
    section = None
    for paragraph in extraction.paragraphs:
        if paragraph.block.section != section:
            named, section = [], paragraph.block.section
        shares = "占" in paragraph.block.text  # most paragraphs state no share at all
        totals = {
            part.quantity.start: item.total
            for item in (itemizations(paragraph) if shares else ())
            for part in item.parts
        }
        for index, share in enumerate(paragraph.mentions if shares else ()):
            if share.quantity.kind is Kind.PERCENT and "占" in _clause_before(share):
                finding = _check_share(paragraph.mentions[:index], share, totals, named, anywhere)
                if finding is not None:
                    yield finding
        named.extend(m for m in paragraph.mentions if _is_level_amount(m))
        anywhere.extend(m for m in paragraph.mentions if _is_level_amount(m))


def _is_level_amount(mention: Mention) -> bool:
    return not mention.is_change and mention.quantity.kind is not Kind.PERCENT


def _clause_before(mention: Mention) -> str:
    text = mention.block.text
    return text[clause_start(text, mention.quantity.start) : mention.quantity.start]


def _named_whole(
    share: Mention, candidates: list[Mention], minimum: int = _MIN_NAME
) -> Mention | None:
    """The earlier figure whose label is the whole named after 占, when only one is."""
    clause = _clause_before(share)
    name = clause[clause.rfind("占") + 1 :].strip().rstrip(_SHARE_FILLER).rstrip(_LABEL_FILLER)
    if len(name) < minimum:
        return None
    matches = [m for m in candidates if _label_core(m).endswith(name)]
    if len(matches) > 1:
        # "财政拨款支出" ends both the total and "政府性基金预算财政拨款支出": the total wins
        matches = [m for m in matches if any(word in m.label for word in _WHOLE_WORDS)]
    return matches[0] if len(matches) == 1 else None


def _label_core(mention: Mention) -> str:
    """A figure's label without the verb that states it: "支出完成" → "支出"."""
    label = mention.label.strip().rstrip(_LABEL_FILLER)
    for verb in _STATING_VERBS:
        label = label.removesuffix(verb)
    return label


def _check_share(
    earlier: tuple[Mention, ...],
    share: Mention,
    totals: dict[int, Mention],
    named: list[Mention],
    anywhere: list[Mention],
) -> AuditFinding | None:
    levels = [m for m in earlier if m.segment == share.segment and _is_level_amount(m)]
    if not levels:
        return None
    if "占" in levels[-1].label and len(levels) >= 2:
        part, whole = levels[-2], levels[-1]
    else:
        part = levels[-1]
        in_reach = [*named, *(m for m in earlier if _is_level_amount(m) and m is not part)]
        whole = (
            totals.get(part.quantity.start)
            or _named_whole(share, in_reach)
            # a whole named at length ("一般公共预算支出") may have been stated sections before
            or _named_whole(share, [m for m in anywhere if m is not part], _LONG_NAME)
        )
    if whole is None or not part.quantity.same_kind(whole.quantity):
        return None
    if share.hedged or part.hedged or whole.hedged:
        return None
    part_q, whole_q = part.quantity, whole.quantity
    bounds = ratio_range(
        part_q.value,
        exact_half(part_q, whole_q),
        whole_q.value,
        exact_half(whole_q, part_q),
    )
    stated = share.quantity
    if bounds is None or agrees(stated.value, stated.half_unit, *bounds):
        return None
    computed = _percent(ratio(part.quantity.value, whole.quantity.value))
    message = (
        f"占比 {stated.text} 与 {part.quantity.text} ÷ {whole.quantity.text} = {computed} 不符。"
    )
    start = part.quantity.start
    if whole.block is share.block:
        start = min(start, whole.quantity.start)
    return finding_at(
        share.block,
        (start, stated.end),
        "share-mismatch",
        Severity.ERROR,
        message,
        stated=stated.text,
        computed=computed,
    )


@dataclass(frozen=True, slots=True)
class ExecutionRate:
    """A stated rate of money used (执行率, 到位率, 支付率 …) with the figures it rests on.

    ``budgets`` are the budget figures in reach, nearest first: those of the rate's own
    sentence, else of the paragraph or the paragraph before ("项目预算 200 万元。……
    实际到位资金 150 万元，到位率 75%").
    """

    paragraph: Paragraph
    rate: Mention
    name: str
    spent: Mention | None
    budgets: tuple[Mention, ...]

    @property
    def budget(self) -> Mention | None:
        """The budget the rate divides by: the final budget when one is named."""
        final = [m for m in self.budgets if any(w in m.label for w in _FINAL_BUDGET_WORDS)]
        if final:
            return final[0]
        return self.budgets[0] if self.budgets else None


def execution_rates(extraction: Extraction) -> Iterator[ExecutionRate]:
    """Every "执行率 / 到位率 / 支付率 … r%" in the prose, with the figures in its reach."""
    previous: list[Mention] = []
    section = None
    for paragraph in extraction.paragraphs:
        if paragraph.block.section != section:
            previous, section = [], paragraph.block.section
        reach = [*previous]
        for rate in paragraph.mentions:
            named = _FUNDS_RATE.search(rate.label)
            if rate.quantity.kind is not Kind.PERCENT or rate.is_change or named is None:
                if rate.quantity.kind is Kind.AMOUNT and not rate.is_change:
                    reach.append(rate)
                continue
            sentence = [
                m for m in reach if m.block is paragraph.block and m.sentence == rate.sentence
            ]
            budgets = _budgets(sentence) or _budgets(reach)
            yield ExecutionRate(paragraph, rate, named.group(0), _spent(sentence), budgets)
            reach = []  # the figures a rate has used are not in reach of the next one
        previous = reach


def _spent(amounts: list[Mention]) -> Mention | None:
    spent = [m for m in amounts if any(word in m.label for word in _SPENT_WORDS)]
    return spent[-1] if spent else None


def _budgets(amounts: list[Mention]) -> tuple[Mention, ...]:
    """Budget figures, nearest first: labelled 预算 / 下达 / 安排 and not spending."""
    budgets = [
        m
        for m in amounts
        if m.quantity.kind is Kind.AMOUNT
        and any(word in m.label for word in _BUDGET_WORDS)
        and not any(word in m.label for word in _SPENT_WORDS)
    ]
    return tuple(reversed(budgets))


def check_execution_rates(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "执行率 r%" against 执行数 ÷ 预算数; a rate no budget in reach explains is a finding."""
    for item in execution_rates(extraction):
        budget = item.budget
        if item.spent is None or budget is None:
            continue
        if item.rate.hedged or item.spent.hedged or budget.hedged:
            continue
        spent, rate = item.spent.quantity, item.rate.quantity
        if any(_explains(rate, spent, other.quantity) for other in item.budgets):
            continue
        computed = _percent(ratio(spent.value, budget.quantity.value))
        message = (
            f"{item.name} {rate.text} 与{spent.text} ÷ 预算数 {budget.quantity.text} = "
            f"{computed} 不符。"
        )
        same_block = budget.block is item.paragraph.block
        span = (min(spent.start, budget.quantity.start) if same_block else spent.start, rate.end)
        yield finding_at(
            item.paragraph.block,
            span,
            "execution-rate-mismatch",
            Severity.ERROR,
            message,
            stated=rate.text,
            computed=computed,
        )


def _explains(rate: Quantity, spent: Quantity, budget: Quantity) -> bool:
    """Whether spent ÷ budget, within the figures' rounding, can be the stated rate."""
    bounds = ratio_range(
        spent.value, exact_half(spent, budget), budget.value, exact_half(budget, spent)
    )
    return bounds is None or agrees(rate.value, rate.half_unit, *bounds)
