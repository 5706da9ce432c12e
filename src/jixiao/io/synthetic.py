"""Synthetic department workbooks of any size: valid, deterministic, for tests and benchmarks.

``synthetic_department`` builds a DepartmentYear that passes every error-level check of
the default profile: the projects' 财政拨款 add up exactly to the 项目支出 budget lines per
source, the weights follow the profile (预算执行率 10, 产出 50, 效益 30, 满意度 10;
department 履职效能 60, 管理效率 40), qualitative self-scores sit inside their bands and
every deviation is explained. Money is drawn as integer 分 and becomes exact Decimal 元;
no float touches an amount. The same ``seed`` and ``index`` always give the same data.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.core.classification import class_names
from jixiao.core.profile import EXECUTION_LINE, Band, RulesProfile, load_profile
from jixiao.core.records import (
    DEPARTMENT_OWNER,
    ZERO_AMOUNTS,
    Amounts,
    BudgetLine,
    BudgetSource,
    Department,
    DepartmentYear,
    Dimension,
    ExpenditureKind,
    Indicator,
    IndicatorKind,
    Operator,
    Project,
    Statement,
)
from jixiao.core.scoring import score_project
from jixiao.io.workbook_writer import write_workbook

YEAR = 2023
SECTIONS = ("综合办公室", "党建工作办公室", "公共服务办公室", "城市管理办公室", "平安建设办公室")
# 项-level codes (valid under the 2023 类 catalogue) each source's projects are booked to.
PROJECT_CLASSES = {
    BudgetSource.GENERAL: ("2010301", "2040299", "2050299", "2080208", "2100408", "2120104",
                           "2130122", "2110302", "2240106", "2070109"),
    BudgetSource.FUND: ("2120801", "2120899", "2296004"),
}  # fmt: skip
BASIC_CLASSES = ("2010301", "2080505", "2101101", "2210201")
TOPICS = ("社区治理", "环境卫生", "平安建设", "公共服务", "文化活动", "民生保障", "城市更新")
LEVEL2 = {
    "产出指标": ("数量指标", "质量指标", "时效指标"),
    "效益指标": ("社会效益指标", "经济效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
UNITS = ("次", "个", "件", "人", "场", "户")
DEVIATION = "受实施条件变化影响未完全达到目标，下一步将加强进度管理并调整目标测算。"
OVER_EXPLANATION = "实际需求高于预期，目标设置偏低，下一年度将按历史数据调高目标值。"
# Actual as a percentage of the target, per intended outcome (lower-is-better: no "over").
HIGHER_PERCENTS = {"missed": (60, 99), "over": (131, 160), "achieved": (100, 125)}
LOWER_PERCENTS = {"missed": (110, 210), "over": (40, 100), "achieved": (40, 100)}
METRIC_EXPLANATION = "按预算数据自动计算；未达目标时，原因及改进措施见管理效率分析。"
EXECUTION_EXPLANATION = "部分合同款项按进度于次年支付，执行率偏低；将加快支付进度。"


def synthetic_department(
    index: int, projects: int = 200, indicators_per_project: int = 10, seed: int = 0
) -> DepartmentYear:
    """A valid department-year with ``projects`` projects of ``indicators_per_project`` each."""
    profile = load_profile()
    if projects < 1 or indicators_per_project < len(_level_weights(profile)):
        raise ValueError("合成数据至少需要 1 个项目，每个项目至少 3 个指标（产出、效益、满意度）")
    rng = random.Random(seed + index)
    project_list = [_project(rng, index, number) for number in range(1, projects + 1)]
    indicators = [
        indicator
        for project in project_list
        for indicator in _project_indicators(rng, project.code, indicators_per_project, profile)
    ]
    project_list = _with_self_scores(rng, project_list, indicators, profile)
    return DepartmentYear(
        department=_department(index),
        budget_lines=tuple(_budget_lines(rng, project_list)),
        projects=tuple(project_list),
        indicators=tuple(indicators),
        department_indicators=tuple(_department_indicators(rng, profile)),
        problems=(Statement("项目绩效目标设置不够细化", "部分项目产出指标与资金量匹配度不足。"),),
        measures=(Statement("加强绩效目标审核", "业务科室与财务人员共同审核绩效目标。"),),
    )


def write_synthetic_workbooks(
    folder: str | Path, count: int, projects: int = 200, indicators_per_project: int = 10,
    seed: int = 0,
) -> list[Path]:  # fmt: skip
    """Write ``count`` synthetic department workbooks into ``folder``; return their paths."""
    folder = Path(folder)
    return [
        write_workbook(
            synthetic_department(index, projects, indicators_per_project, seed),
            folder / f"synthetic_{index:03d}.xlsx",
        )
        for index in range(count)
    ]


def _hundredths(cents: int) -> Decimal:
    """Integer hundredths (分, for money) → an exact two-decimal Decimal."""
    return Decimal(cents).scaleb(-2)


def _share_of(cents: int, low_percent: int, high_percent: int, rng: random.Random) -> int:
    """A random whole number of 分 between low% and high% of ``cents`` (integer arithmetic)."""
    return cents * rng.randint(low_percent * 100, high_percent * 100) // 10000


def _department(index: int) -> Department:
    """The 部门信息 of synthetic department ``index``."""
    name = f"合成{index:03d}街道"
    return Department(
        name=name,
        year=YEAR,
        jurisdiction="合成区",
        parent="合成区人民政府",
        full_name=f"合成区{name}办事处",
        functions=("负责辖区社会治理、公共服务和城市管理等工作。",),
        tasks=("完成年度民生实事和重点工作任务。",),
        overall_goal=("提升基层治理和公共服务水平。",),
    )


def _project(rng: random.Random, index: int, number: int) -> Project:
    """A project: mostly general budget, some added mid-year, some executed below 90 %."""
    source = BudgetSource.FUND if rng.random() < 0.15 else BudgetSource.GENERAL
    initial = 0 if rng.random() < 0.05 else rng.randint(1_000_000, 300_000_000)
    final = _share_of(initial, 85, 120, rng) if initial else rng.randint(500_000, 50_000_000)
    low_execution = rng.random() < 0.1
    actual = _share_of(final, 60, 89, rng) if low_execution else _share_of(final, 92, 100, rng)
    topic = rng.choice(TOPICS)
    return Project(
        code=f"HC{index:03d}-{number:04d}",
        name=f"{topic}提升项目（第 {number} 项）",
        source=source,
        class_code=rng.choice(PROJECT_CLASSES[source]),
        fiscal=Amounts(_hundredths(initial), _hundredths(final), _hundredths(actual)),
        section=rng.choice(SECTIONS),
        level="一级" if rng.random() < 0.1 else "二级",
        carryover=_extra_funds(rng, 0.1),
        other_funds=_extra_funds(rng, 0.05),
        goal=f"完成{topic}年度任务，服务辖区居民。",
        goal_outcome=f"{topic}年度任务基本完成。",
        execution_explanation=EXECUTION_EXPLANATION if low_execution else "",
    )


def _extra_funds(rng: random.Random, chance: float) -> Amounts:
    """上年结转 or 其他资金 for some projects: a final budget and most of it spent."""
    if rng.random() >= chance:
        return ZERO_AMOUNTS
    final = rng.randint(100_000, 20_000_000)
    return Amounts(Decimal(0), _hundredths(final), _hundredths(_share_of(final, 90, 100, rng)))


def _level_weights(profile: RulesProfile) -> dict[str, Decimal]:
    """一级指标 → weight, without the 预算执行率 line the profile scores itself."""
    return {name: w for name, w in profile.project_weights.items() if name != EXECUTION_LINE}


def _split_counts(total: int, weights: dict[str, Decimal]) -> dict[str, int]:
    """Spread ``total`` indicators over the levels by weight, at least one each."""
    full = sum(weights.values())
    counts = {name: max(1, int(total * weight / full)) for name, weight in weights.items()}
    largest = max(weights, key=lambda name: weights[name])
    counts[largest] += total - sum(counts.values())
    return counts


def _split_weight(weight: Decimal, parts: int) -> list[Decimal]:
    """``weight`` in ``parts`` two-decimal pieces that add up to it exactly."""
    cents = int(weight * 100)
    base, extra = divmod(cents, parts)
    return [_hundredths(base + (1 if part < extra else 0)) for part in range(parts)]


def _project_indicators(
    rng: random.Random, owner: str, count: int, profile: RulesProfile
) -> Iterator[Indicator]:
    """``count`` indicators whose weights add up to each 一级指标's weight in the profile."""
    levels = _level_weights(profile)
    for level1, parts in _split_counts(count, levels).items():
        for weight in _split_weight(levels[level1], parts):
            if level1 == "满意度指标":
                yield _satisfaction(rng, owner, weight)
            elif rng.random() < 0.15:
                yield _qualitative(rng, owner, level1, weight, profile)
            else:
                yield _quantitative(rng, owner, level1, weight, profile)


def _satisfaction(rng: random.Random, owner: str, weight: Decimal) -> Indicator:
    """服务对象满意度 ≥ 90 %, sometimes just missed."""
    actual = Decimal(rng.randint(85, 99))
    return Indicator(
        owner=owner, level1="满意度指标", level2="服务对象满意度指标", name="服务对象满意度",
        kind=IndicatorKind.QUANTITATIVE, weight=weight, operator=Operator.AT_LEAST,
        target=Decimal(90), unit="%", actual=actual, basis="历史标准",
        explanation=DEVIATION if actual < 90 else "", evidence="满意度调查报告",
    )  # fmt: skip


def _quantitative(
    rng: random.Random, owner: str, level1: str, weight: Decimal, profile: RulesProfile
) -> Indicator:
    """A 定量 indicator with any operator; about one in seven misses, a few over-achieve."""
    operator = rng.choice(tuple(Operator))
    outcome = _outcome(rng)
    if operator is Operator.EQUAL and rng.random() < 0.3:
        target, actual, unit, name = Decimal(0), Decimal(0), "起", "安全责任事故"
    elif operator.higher_is_better:
        target = Decimal(rng.randint(5, 500))
        actual = _scaled(target, rng.randint(*HIGHER_PERCENTS[outcome]))
        unit, name = rng.choice(UNITS), f"完成{rng.choice(TOPICS)}任务数"
    else:
        target = Decimal(rng.randint(2, 30))
        actual = _scaled(target, rng.randint(*LOWER_PERCENTS[outcome]))
        unit, name = "%", f"{rng.choice(TOPICS)}投诉率"
    missed = actual < target if operator.higher_is_better else actual > target
    over = operator.higher_is_better and target > 0 and actual >= target * profile.over_threshold
    return Indicator(
        owner=owner, level1=level1, level2=rng.choice(LEVEL2[level1]), name=name,
        kind=IndicatorKind.QUANTITATIVE, weight=weight, operator=operator, target=target,
        unit=unit, actual=actual, basis="计划标准", evidence="工作台账",
        explanation=DEVIATION if missed else OVER_EXPLANATION if over else "",
    )  # fmt: skip


def _outcome(rng: random.Random) -> str:
    """Which way an indicator turns out: mostly achieved, some missed, a few over."""
    draw = rng.random()
    return "missed" if draw < 0.15 else "over" if draw < 0.2 else "achieved"


def _scaled(target: Decimal, percent: int) -> Decimal:
    """target × percent ÷ 100, to two decimals (exact: target is a whole number)."""
    return _hundredths(int(target) * percent)


def _qualitative(
    rng: random.Random, owner: str, level1: str, weight: Decimal, profile: RulesProfile
) -> Indicator:
    """A 定性 indicator in one of the profile's bands, its self-score inside the band."""
    band = rng.choices(profile.bands, weights=(8, 2, 1)[: len(profile.bands)])[0]
    return Indicator(
        owner=owner, level1=level1, level2=rng.choice(LEVEL2[level1]),
        name=f"{rng.choice(TOPICS)}工作成效", kind=IndicatorKind.QUALITATIVE, weight=weight,
        target_text="按计划完成", actual_text=f"{band.name}预期", band=band.name,
        self_score=_score_in_band(rng, weight, band),
        explanation="" if band.top else DEVIATION, basis="计划标准", evidence="工作总结",
    )  # fmt: skip


def _score_in_band(rng: random.Random, weight: Decimal, band: Band) -> Decimal:
    """A two-decimal score the band accepts: [low, high] for the top band, else at most
    high − 0.01 (the scoring clamps a lower band's score to that)."""
    cents = int(weight * 100)
    low = math.ceil(cents * band.low)
    high = math.floor(cents * band.high) - (0 if band.top else 1)
    return _hundredths(rng.randint(low, max(low, high)))


def _with_self_scores(
    rng: random.Random, projects: list[Project], indicators: list[Indicator], profile: RulesProfile
) -> list[Project]:
    """Give each project a self-declared total near its computed one (within ±3)."""
    grouped: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        grouped[indicator.owner].append(indicator)
    result = []
    for project in projects:
        total = score_project(project, grouped[project.code], profile).total
        declared = min(Decimal(100), max(Decimal(0), total + _hundredths(rng.randint(-300, 300))))
        result.append(replace(project, self_score=declared))
    return result


def _budget_lines(rng: random.Random, projects: list[Project]) -> Iterator[BudgetLine]:
    """基本支出 lines, then one 项目支出 line per source × class adding up its projects."""
    names = class_names(YEAR)
    for code in BASIC_CLASSES:
        initial = rng.randint(50_000_000, 2_000_000_000)
        final = _share_of(initial, 95, 110, rng)
        amounts = Amounts(
            _hundredths(initial), _hundredths(final), _hundredths(_share_of(final, 95, 100, rng))
        )
        yield BudgetLine(
            BudgetSource.GENERAL, code, names[code[:3]], ExpenditureKind.BASIC, amounts
        )
    sums: dict[tuple[BudgetSource, str], Amounts] = defaultdict(lambda: ZERO_AMOUNTS)
    for project in projects:
        sums[project.source, project.class_code] += project.fiscal
    for (source, code), amounts in sorted(sums.items()):
        yield BudgetLine(source, code, names[code[:3]], ExpenditureKind.PROJECT, amounts)


def _department_indicators(rng: random.Random, profile: RulesProfile) -> Iterator[Indicator]:
    """履职效能 from the department's own tasks, 管理效率 mostly computed (自动取数)."""
    effectiveness, efficiency = (profile.dimensions[d.value] for d in Dimension)
    task_weights = _split_weight(effectiveness - 10, 4)
    for number, weight in enumerate(task_weights, start=1):
        actual = Decimal(rng.randint(90, 120))
        yield _department_indicator(
            Dimension.EFFECTIVENESS, "产出指标", "数量指标", f"重点工作任务{number}完成数",
            weight, Operator.AT_LEAST, Decimal(100), "件", actual,
        )  # fmt: skip
    yield _department_indicator(
        Dimension.EFFECTIVENESS, "满意度指标", "服务对象满意度指标", "辖区居民满意度",
        Decimal(10), Operator.AT_LEAST, Decimal(90), "%", Decimal(rng.randint(88, 98)),
    )  # fmt: skip
    metric_weight = efficiency - 10
    for name, (operator, target), weight in zip(
        ("budget_execution_rate", "budget_adjustment_rate", "self_evaluation_coverage"),
        ((Operator.AT_LEAST, Decimal(95)), (Operator.AT_MOST, Decimal(20)),
         (Operator.EQUAL, Decimal(100))),
        _split_weight(metric_weight, 3),
        strict=True,
    ):  # fmt: skip
        yield _department_indicator(
            Dimension.EFFICIENCY, "管理效率", "预算管理", profile.metrics[name].split("（")[0],
            weight, operator, target, "%", None, metric=name,
        )  # fmt: skip
    yield Indicator(
        owner=DEPARTMENT_OWNER, level1="管理效率", level2="信息公开", name="预决算及绩效信息公开",
        kind=IndicatorKind.QUALITATIVE, weight=Decimal(10), target_text="按规定公开",
        actual_text="已按规定公开", band=profile.bands[0].name, self_score=Decimal(10),
        dimension=Dimension.EFFICIENCY,
    )  # fmt: skip


def _department_indicator(
    dimension: Dimension, level1: str, level2: str, name: str, weight: Decimal,
    operator: Operator, target: Decimal, unit: str, actual: Decimal | None, metric: str = "",
) -> Indicator:  # fmt: skip
    """A quantitative department indicator, explained when it misses its target."""
    missed = actual is not None and actual < target
    # A computed metric's value is known only at evaluation, so it is explained in advance.
    explanation = METRIC_EXPLANATION if metric else DEVIATION if missed else ""
    return Indicator(
        owner=DEPARTMENT_OWNER, level1=level1, level2=level2, name=name,
        kind=IndicatorKind.QUANTITATIVE, weight=weight, operator=operator, target=target,
        unit=unit, actual=actual, dimension=dimension, metric=metric,
        explanation=explanation,
    )  # fmt: skip
