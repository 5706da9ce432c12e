"""``load_district_monitoring``: a monitoring round for every department of a loaded district.

For the monitoring benchmark, after ``load_district``: each department's latest year gets
the profile's round (default 1-7月) with execution to date on every project and progress on
every indicator, written in bulk (``bulk_create``, no history rows: synthetic data to
measure reading, not the import or the entry forms, which have their own benchmarks).

    jixiao-manage load_district_monitoring --district 示例区

Each project is drawn, with random numbers seeded by its department's name and year, into
a colour by ``MIX`` (about 10% red, 15% yellow, 65% green, 10% blue) and filled so the core's
rules give it that colour: its 执行率 a share of 序时进度 drawn inside the colour's band of
the default profile (red 15–55%, yellow 62–78%, others 82–115%), its indicators on track, and a blue
project one indicator at 150% of what is due. Every non-green project states a cause and
a measure, its indicators a likelihood; half the rounds are submitted by the working group
with a decision on every red project, the others are still filling with some decided.
Each round's review is then stored as every write stores it (``services.monitoring_store``).
"""

from __future__ import annotations

import random
import time
from decimal import ROUND_HALF_UP, Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jixiao.core.monitoring import Decision, DeviationCause, Likelihood
from jixiao.core.monitoring_colours import time_progress
from jixiao.core.records import IndicatorKind, Operator
from jixiao.web import models
from jixiao.web.management.commands.load_district import system_user
from jixiao.web.services.monitoring_store import store_round
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.revision import touch

# (colour, share of projects, 执行率 as a share of 序时进度 from–to, indicator factor of
# what is due): each band inside the default profile's, clear of its edges (60%, 80%).
MIX = (("红", 0.10, (15, 55), "1"), ("黄", 0.15, (62, 78), "1"), ("绿", 0.65, (82, 115), "1"),
       ("蓝", 0.10, (82, 115), "1.5"))  # fmt: skip
CAUSES = tuple(DeviationCause)
DECISIONS = tuple(Decision)
CENT = Decimal("0.01")
FOURTH = Decimal("0.0001")
BATCH = 2000


def draw(rng: random.Random) -> tuple[str, Decimal, Decimal]:
    """A project's colour, its execution share of 序时进度 and its indicator factor."""
    point = rng.random()
    chosen = MIX[-1]
    for item in MIX:
        if point < item[1]:
            chosen = item
            break
        point -= item[1]
    colour, _, (low, high), factor = chosen
    return colour, Decimal(rng.randint(low, high)) / 100, Decimal(factor)


def indicator_values(indicator: models.Indicator, due: Decimal, factor: Decimal) -> dict:
    """The progress fields of an indicator on track (× ``factor`` for a higher-is-better one)."""
    if indicator.kind == IndicatorKind.QUALITATIVE:
        return {"achievement": "达成", "value_text": "按计划推进"}
    if indicator.target is None or not indicator.operator:
        return {"value_text": "按计划推进"}
    if not Operator(indicator.operator).higher_is_better:
        return {"value": indicator.target / 2}  # within a ≤ or ＜ target
    return {"value": (indicator.target * due * factor).quantize(FOURTH, ROUND_HALF_UP)}


class Command(BaseCommand):
    help = "为已导入的合成地区每个部门写入一轮绩效运行监控（批量写入，用于监控基准测试）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--district", default="示例区", help="地区名称")
        parser.add_argument("--round", default="1-7月", help="规则配置中的监控轮次")
        parser.add_argument("--seed", type=int, default=0, help="随机种子")

    def handle(self, *args, **options) -> None:
        years = list(
            models.DepartmentYear.objects.filter(department__district=options["district"])
            .select_related("department")
            .order_by("department__name", "-year")
        )
        latest = {year.department_id: year for year in reversed(years)}
        if not latest:
            raise CommandError(f"地区“{options['district']}”没有部门，请先运行 load_district。")
        user = system_user()
        started = time.perf_counter()
        counts = {colour: 0 for colour, *_ in MIX}
        for index, year in enumerate(sorted(latest.values(), key=lambda y: y.department.name)):
            if year.monitoring_rounds.filter(name=options["round"]).exists():
                continue
            # Seeded by what names the year, not its id: the same district draws the same
            # colours on any database, however its ids were given out.
            rng = random.Random(f"{options['seed']}:{year.department.name}:{year.year}")
            for colour in self._load_round(year, options["round"], user, rng, index % 2 == 0):
                counts[colour] += 1
        spent = time.perf_counter() - started
        summary = "，".join(f"{colour} {count}" for colour, count in counts.items())
        self.stdout.write(
            f"{len(latest)} 个部门的{options['round']}监控：{summary}（{spent:.1f} 秒）"
        )

    @transaction.atomic
    def _load_round(self, year, name: str, user, rng: random.Random, submitted: bool) -> list[str]:
        """One department's round; returns the colour drawn for each project."""
        rules = profile_for(year.profile).monitoring
        spec = rules.round(name)
        if spec is None:
            raise CommandError(f"监控轮次“{name}”不是规则配置中的轮次。")
        status = models.RoundStatus.SUBMITTED if submitted else models.RoundStatus.FILLING
        round_ = models.MonitoringRound.objects.create(
            department_year=year, name=spec.name, end_month=spec.end_month, opened_by=user,
            status=status, source_name="synthetic-monitoring.xlsx",
        )  # fmt: skip
        time_share = time_progress(year.year, spec.end_month, rules.time_rule)
        due = Decimal(time_share.elapsed) / Decimal(time_share.total)
        indicators: dict[int | None, list[models.Indicator]] = {}
        for indicator in year.indicators.order_by("position"):
            indicators.setdefault(indicator.project_id, []).append(indicator)
        project_rows, indicator_rows, colours = [], [], []
        for project in year.projects.order_by("position"):
            colour, execution, factor = draw(rng)
            own = indicators.get(project.pk, [])
            if colour == "蓝" and not any(_higher_is_better(i) for i in own):
                colour = "绿"  # nothing of it can run ahead of its target
            colours.append(colour)
            project_rows.append(self._project_row(round_, project, colour, execution, due, rng,
                                                  submitted))  # fmt: skip
            indicator_rows += self._indicator_rows(round_, own, colour, factor, due, rules)
        indicator_rows += self._indicator_rows(
            round_, indicators.get(None, []), "绿", Decimal(1), due, rules
        )
        models.MonitoringProject.objects.bulk_create(project_rows, batch_size=BATCH)
        models.MonitoringIndicator.objects.bulk_create(indicator_rows, batch_size=BATCH)
        store_round(round_)  # as every monitoring write stores its review
        touch([year.pk])
        return colours

    @staticmethod
    def _project_row(round_, project, colour, execution, due, rng, submitted):
        executed = (project.final * execution * due).quantize(CENT, ROUND_HALF_UP)
        row = models.MonitoringProject(
            round=round_, project=project, month=round_.end_month, executed=executed,
            expected=project.final, submitted=submitted,
        )  # fmt: skip
        if colour in ("红", "黄"):
            row.cause = rng.choice(CAUSES).value
            row.cause_text = "项目实施进度滞后，资金支付未达序时进度"
            row.measure = "加快项目实施和资金支付进度"
            row.expected = (project.final * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)
        if colour == "红" and (submitted or rng.random() < 0.5):
            row.decision = rng.choice(DECISIONS).value
        return row

    @staticmethod
    def _indicator_rows(round_, indicators, colour, factor, due, rules):
        rows = []
        boosted = False
        for indicator in indicators:
            prorated = due if indicator.unit not in rules.unprorated_units else Decimal(1)
            boost = not boosted and factor != 1 and _higher_is_better(indicator)
            values = indicator_values(indicator, prorated, factor if boost else Decimal(1))
            boosted = boosted or boost
            likelihood = Likelihood.CERTAIN if colour in ("绿", "蓝") else Likelihood.POSSIBLE
            if colour == "红" and not rows:
                likelihood = Likelihood.IMPOSSIBLE
            row = models.MonitoringIndicator(
                round=round_, indicator=indicator, likelihood=likelihood.value,
                expected="按年度指标值完成" if colour != "红" else "难以完成", **values,
            )  # fmt: skip
            if boost:
                row.cause = DeviationCause.OTHER.value
                row.cause_text = "年度指标值设定偏低"
                row.measure = "下年度据实调整指标值"
            rows.append(row)
        return rows


def _higher_is_better(indicator: models.Indicator) -> bool:
    return (
        indicator.kind == IndicatorKind.QUANTITATIVE
        and indicator.target is not None
        and indicator.target > 0  # a zero target expects nothing to date: always green
        and bool(indicator.operator)
        and Operator(indicator.operator).higher_is_better
    )
