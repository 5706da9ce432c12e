"""The 绩效监控报告 as report blocks, written from a reviewed round.

What was monitored, execution against time progress, the projects by colour, the
causes and measures, and the working group's decisions: every figure and name comes
from the round; the Word renderer (``io.report_docx``) lays the blocks out in the same
official style as the self-evaluation report.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from jixiao.core.money import format_percent, format_wan, yuan_to_wan
from jixiao.core.monitoring import Deviation, DeviationCause
from jixiao.core.monitoring_review import MonitoringReview, ProjectStatus
from jixiao.core.monitoring_rules import COLOUR_ORDER, Colour, ColourBands, ExecutionRule, TimeRule
from jixiao.core.narrative.numerals import chinese_number
from jixiao.core.report_model import Block, Heading, Paragraph, ReportDocument, Table

NUMERIC = frozenset({1, 2, 3, 4})


def _wan(amount: Decimal) -> str:
    return format_wan(yuan_to_wan(amount))


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else format_percent(value)


def _names(projects: tuple[ProjectStatus, ...]) -> str:
    return "、".join(f"“{p.execution.name}”" for p in projects)


def _bands_text(bands: ColourBands, what: str) -> str:
    parts = []
    for index, (colour, lowest) in enumerate(bands.bands):
        upper = bands.bands[index + 1][1] if index + 1 < len(bands.bands) else None
        if index == 0:
            parts.append(f"{what}低于{format_percent(upper, Decimal(1))}为{colour.value}色"
                         if upper is not None else f"{colour.value}色")  # fmt: skip
        elif upper is None:
            parts.append(f"{format_percent(lowest, Decimal(1))}及以上为{colour.value}色")
        else:
            parts.append(f"{format_percent(lowest, Decimal(1))}至{format_percent(upper, Decimal(1))}"
                         f"为{colour.value}色")  # fmt: skip
    return "，".join(parts)


def _overview(review: MonitoringReview) -> list[Block]:
    round_, rules = review.round, review.rules
    count = len(review.round.indicators)
    rule = "已过月数 ÷ 12" if rules.time_rule is TimeRule.MONTHS else "已过天数 ÷ 全年天数"
    totals = review.totals()
    if rules.execution_rule is ExecutionRule.RATIO:
        execution = _bands_text(rules.execution_ratio, "执行率与序时进度之比")
    else:
        steps = "、".join(
            f"{m}月末{format_percent(r, Decimal(1))}" for m, r in rules.execution_thresholds
        )
        execution = f"执行率低于当月固定阈值（{steps}）为{rules.below_threshold.value}色"
    return [
        Heading(1, "一、监控基本情况"),
        Paragraph(
            f"按照预算绩效运行监控“双监控”要求，{round_.department}对{round_.year}年{review.months}"
            f"预算执行进度和绩效目标实现程度开展了监控，共监控项目 {len(review.projects)} 个、"
            f"绩效指标 {count} 个。序时进度按{rule}计算，截至 {round_.end_month} 月末为"
            f"{_percent(totals.time.share)}。"
        ),
        Paragraph(
            f"预警标准：{execution}；数量类指标以累计完成值与年度指标值按序时进度折算数之比计，"
            f"{_bands_text(rules.indicator_progress, '低于')[2:]}{_unprorated(review)}；成本类指标在年度指标值以内为"
            f"{rules.lower_within.value}色，超出为{rules.lower_beyond.value}色；定性指标达成为绿色、"
            "部分达成为黄色、未达成为红色。项目取预算执行与各项指标中最重的预警颜色。"
        ),
    ]


def _unprorated(review: MonitoringReview) -> str:
    units = sorted(review.rules.unprorated_units)
    if not units:
        return ""
    return f"（度量单位为{units[0]}的比率类指标直接与年度指标值相比，不按序时进度折算）"


def _execution(review: MonitoringReview) -> list[Block]:
    totals = review.totals()
    expected = (f"，预计全年执行 {_wan(totals.expected)} 万元"
                if totals.expected is not None else "")  # fmt: skip
    # The table lists the projects behind time; every project is on the 部门整体 form.
    behind = [p for p in review.projects if p.execution_colour is not Colour.GREEN]
    rows = tuple(
        (p.execution.name, _wan(p.execution.final), _wan(p.execution.executed),
         _percent(p.rate), _percent(p.time.share), f"{p.execution_colour.value}色")
        for p in behind
    )  # fmt: skip
    lagging = (f"执行进度未达到序时进度要求的项目 {len(behind)} 个，见表1。" if behind
               else "各项目执行进度均达到序时进度要求。")  # fmt: skip
    blocks: list[Block] = [
        Heading(1, "二、预算执行情况"),
        Paragraph(
            f"纳入监控的项目全年预算数 {_wan(totals.final)} 万元（年初预算数 {_wan(totals.initial)} 万元），"
            f"{review.months}执行 {_wan(totals.executed)} 万元，执行率 {_percent(totals.rate)}，"
            f"序时进度 {_percent(totals.time.share)}{expected}。{lagging}"
        ),
    ]
    if behind:
        headers = (
            "项目名称",
            "全年预算数",
            f"{review.months}执行数",
            "执行率",
            "序时进度",
            "执行预警",
        )
        caption = f"表1 {review.months}执行进度滞后项目（万元）"
        blocks.append(Table(caption, headers, rows, NUMERIC))
    return blocks


def _goals(review: MonitoringReview) -> list[Block]:
    statuses = [(p.execution.name, i) for p in review.projects for i in p.indicators]
    statuses += [("部门整体", i) for i in review.department]
    counts = Counter(i.colour for _, i in statuses)
    shown = "、".join(f"{c.value}色 {counts[c]} 个" for c in COLOUR_ORDER if counts[c])
    blocks: list[Block] = [Heading(1, "三、绩效目标实现情况")]
    text = f"监控的 {len(statuses)} 个绩效指标中，{shown or '均未填报完成值'}"
    if counts[None]:
        text += f"，未填报完成值 {counts[None]} 个"
    off = [(owner, i) for owner, i in statuses if i.colour not in (None, Colour.GREEN)]
    blocks.append(Paragraph(text + "。"))
    if off:
        rows = tuple(
            (owner, i.indicator.name, i.indicator.target_shown,
             _value(i.indicator), i.indicator.likelihood.value if i.indicator.likelihood else "—",
             f"{i.colour.value}色")  # type: ignore[union-attr]
            for owner, i in off
        )  # fmt: skip
        headers = ("项目", "指标", "年度指标值", f"{review.months}完成值", "完成可能性", "预警")
        blocks.append(Table("表2 预警指标情况", headers, rows))
    return blocks


def _value(indicator) -> str:
    if indicator.value is None:
        return "；".join(part for part in (indicator.value_text, indicator.achievement) if part)
    return f"{format(indicator.value.normalize(), 'f')}{indicator.unit}"


def _colours(review: MonitoringReview) -> list[Block]:
    counts = review.counts()
    parts = "，".join(f"{c.value}色 {counts[c]} 个" for c in COLOUR_ORDER)
    blocks: list[Block] = [
        Heading(1, "四、预警情况"),
        Paragraph(f"按项目汇总，{parts}。"),
    ]
    meaning = {
        Colour.RED: "执行或目标进度严重滞后，须由工作组作出处理意见",
        Colour.YELLOW: "进度有所滞后，须分析原因并落实纠偏措施",
        Colour.BLUE: "指标完成进度明显超前，年度指标值可能偏低，须说明原因",
        Colour.GREEN: "执行与目标进度正常",
    }
    present = [(colour, review.by_colour(colour)) for colour in COLOUR_ORDER]
    for number, (colour, projects) in enumerate([item for item in present if item[1]], start=1):
        blocks.append(Heading(2, f"（{chinese_number(number)}）{colour.value}色项目"))
        # Green projects need no action: their count says enough, the form lists them.
        names = "" if colour is Colour.GREEN else f"{_names(projects)}，"
        blocks.append(Paragraph(f"{names}共 {len(projects)} 个，{meaning[colour]}。"))
    return blocks


def _deviations(project: ProjectStatus) -> list[tuple[str, Deviation]]:
    """What is off track in a project (its execution, its indicators) and why."""
    found = []
    if project.execution_colour is not Colour.GREEN:
        found.append(("预算执行", project.execution.deviation))
    found += [(f"指标“{i.indicator.name}”", i.indicator.deviation) for i in project.indicators
              if i.colour not in (None, Colour.GREEN)]  # fmt: skip
    return found


def _causes_line(owner: str, found: list[tuple[str, Deviation]]) -> str:
    """One sentence per project: the items sharing a cause and measure said together."""
    grouped: dict[Deviation, list[str]] = {}
    for what, deviation in found:
        grouped.setdefault(deviation, []).append(what)
    parts = []
    for deviation, items in grouped.items():
        cause = deviation.described or "未填写原因"
        measure = deviation.measure or "未填写纠偏措施"
        parts.append(f"{'、'.join(items)}偏差原因为{cause}，纠偏措施为{measure}")
    return f"{owner}：{'；'.join(parts)}。"


def _causes(review: MonitoringReview) -> list[Block]:
    tally: Counter[DeviationCause] = Counter()
    lines, count = [], 0
    for project in review.projects:
        found = _deviations(project)
        if not found:
            continue
        count += len(found)
        tally.update(d.cause for _, d in found if d.cause is not None)
        lines.append(_causes_line(f"“{project.execution.name}”", found))
    department = [(f"指标“{i.indicator.name}”", i.indicator.deviation) for i in review.department
                  if i.colour not in (None, Colour.GREEN)]  # fmt: skip
    if department:
        count += len(department)
        tally.update(d.cause for _, d in department if d.cause is not None)
        lines.append(_causes_line("部门整体", department))
    blocks: list[Block] = [Heading(1, "五、偏差原因及纠偏措施")]
    if not lines:
        return [*blocks, Paragraph("本轮监控未发现偏差。")]
    summary = "、".join(f"{cause.value} {n} 项" for cause, n in tally.most_common())
    blocks.append(Paragraph(f"本轮监控在 {len(lines)} 个项目中发现偏差 {count} 项，"
                            f"按原因分：{summary or '未分类'}。"))  # fmt: skip
    blocks.extend(Paragraph(line) for line in lines)
    return blocks


def _decisions(review: MonitoringReview) -> list[Block]:
    red = review.by_colour(Colour.RED)
    blocks: list[Block] = [Heading(1, "六、处理意见")]
    if not red:
        return [*blocks, Paragraph("本轮监控无红色预警项目，各项目按计划继续实施。")]
    for project in red:
        decision = project.execution.decision
        verdict = f"工作组意见为“{decision.value}”" if decision else "工作组尚未作出处理意见"
        blocks.append(Paragraph(f"“{project.execution.name}”为红色预警项目，{verdict}。"))
    return blocks


def build_monitoring_report(review: MonitoringReview) -> ReportDocument:
    """The round's 绩效监控报告, every section in order."""
    round_ = review.round
    title = f"{round_.department}{round_.year}年{review.months}绩效运行监控报告"
    blocks = [*_overview(review), *_execution(review), *_goals(review), *_colours(review),
              *_causes(review), *_decisions(review)]  # fmt: skip
    return ReportDocument(title, tuple(blocks), (round_.department,))
