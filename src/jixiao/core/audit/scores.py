"""Scores in a 自评表 and in the prose, against the scoring rules of the rules profile.

The execution line must earn weight × rate (as the profile scores it), each indicator
what its target and actual value earn (full marks on a missed target is an error), the
weights must add up, the total must be the sum of its parts and fall in the band of the
grade it claims. An empty score cell is a report not finished.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.audit.bounds import agrees, ratio, ratio_range
from jixiao.core.audit.extract import Extraction
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.scoretable import (
    BANDS,
    Cell,
    FundsRow,
    IndicatorRow,
    ScoreTable,
    grade_name,
    indicator_measures,
    parse_measure,
    read_score_tables,
)
from jixiao.core.findings import Severity
from jixiao.core.money import HUNDRED, ZERO, quantize_half_up, rounding_tolerance, stated_places
from jixiao.core.profile import RulesProfile
from jixiao.core.scoring import execution_share, quantitative_points, quantitative_share

_PROSE_SCORE = re.compile(
    r"(自评得分|综合得分|评价得分|总分|得分)\s*(?:为|是|达到?)?\s*(\d+(?:\.\d+)?)\s*分"
)
_PROSE_GRADE = re.compile(
    r"(?:等级|等次|结论|评定|评价)\s*(?:为|是)?\s*[“\"「『]?(优秀|良好|中等|较差|优|良|中|差)"
)
_TOTAL_SCORE_WORDS = ("自评得分", "综合得分", "评价得分", "总分")
_TOTAL_ROW_WORDS = ("总额", "合计", "总计")
_PART_ROW_WORDS = ("其中", "财政拨款", "上年结转", "其他资金")


def check_score_tables(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Every self-evaluation table: funds, execution score, indicators, weights, total."""
    for table in read_score_tables(extraction.document.tables):
        yield from _check_funds_sums(table)
        yield from _check_execution(table, profile)
        for row in table.indicators:
            yield from _check_indicator(row, profile)
        yield from _check_weights(table, profile)
        yield from _check_total(table, profile)


def _cell_finding(
    cell: Cell,
    code: str,
    severity: Severity,
    message: str,
    stated: str | None = None,
    computed: str | None = None,
) -> AuditFinding:
    block = cell.block
    return finding_at(
        block, (0, len(block.text)), code, severity, message, stated=stated, computed=computed
    )


def _show(value: Decimal, places: Decimal) -> str:
    return str(quantize_half_up(value, places)) if places < 1 else str(value)


def _check_funds_sums(table: ScoreTable) -> Iterator[AuditFinding]:
    if not table.funds or not any(word in table.funds[0].label for word in _TOTAL_ROW_WORDS):
        return
    total, parts = (
        table.funds[0],
        [row for row in table.funds[1:] if any(word in row.label for word in _PART_ROW_WORDS)],
    )
    if len(parts) < 2:
        return
    for key in ("initial", "final", "actual"):
        finding = _column_sum(total, parts, key)
        if finding is not None:
            yield finding


def _column_sum(total: FundsRow, parts: list[FundsRow], key: str) -> AuditFinding | None:
    if key not in total.cells:
        return None
    stated = total.cells[key].number
    values = [row.cells[key].number for row in parts]
    if stated is None:
        return None
    summed = sum((value for value in values if value is not None), ZERO)
    gap = summed - stated
    if gap == 0:
        return None
    texts = [total.cells[key].text, *(row.cells[key].text for row in parts if row.cells[key].text)]
    places = max(stated_places(text) for text in texts)
    cell = total.cells[key]
    computed = _show(summed, places)
    if abs(gap) <= rounding_tolerance(len(parts), places):
        message = (
            f"“{total.label}”{computed} 为各行四舍五入后相加，与所填 {cell.text} 的差在误差范围内。"
        )
        return _cell_finding(
            cell, "table-sum-rounding", Severity.INFO, message, cell.text, computed
        )
    message = f"“{total.label}”所填 {cell.text}，而下列各行合计 {computed}，相差 {_show(abs(gap), places)}。"
    return _cell_finding(cell, "table-sum-mismatch", Severity.ERROR, message, cell.text, computed)


def _execution_row(table: ScoreTable) -> FundsRow | None:
    for row in table.funds:
        if row.cells.get("score") and row.cells["score"].text:
            return row
    return table.funds[0] if table.funds else None


def _check_execution(table: ScoreTable, profile: RulesProfile) -> Iterator[AuditFinding]:
    row = _execution_row(table)
    if row is None:
        return
    final, actual = row.cells["final"], row.cells["actual"]
    if final.number is None or actual.number is None:
        return
    bounds = ratio_range(
        actual.number, stated_places(actual.text) / 2, final.number, stated_places(final.text) / 2
    )
    rate_cell = row.cells.get("rate")
    if bounds and rate_cell is not None and rate_cell.number is not None:
        rate_half = stated_places(rate_cell.text.rstrip("%％")) / 2
        if not agrees(rate_cell.number, rate_half, *bounds):
            rate = ratio(actual.number, final.number)
            computed = f"{quantize_half_up(rate, Decimal('0.01'))}%"
            message = f"执行率填 {rate_cell.text}，而全年执行数 {actual.text} ÷ 全年预算数 {final.text} = {computed}。"
            yield _cell_finding(
                rate_cell,
                "execution-rate-mismatch",
                Severity.ERROR,
                message,
                rate_cell.text,
                computed,
            )
    yield from _check_execution_score(row, profile)


def _check_execution_score(row: FundsRow, profile: RulesProfile) -> Iterator[AuditFinding]:
    score_cell, weight_cell = row.cells.get("score"), row.cells.get("weight")
    if score_cell is None or weight_cell is None:
        return  # a 得分 column without 分值 scores something else (a project's total)
    weight = weight_cell.number if weight_cell.number is not None else profile.execution_weight
    if score_cell.number is None:
        message = "预算执行率的得分未填写。"
        yield _cell_finding(score_cell, "score-empty", Severity.ERROR, message)
        return
    final, actual = row.cells["final"].number, row.cells["actual"].number
    if final is None or actual is None or final == ZERO:
        return
    rates = [actual / final]
    rate_cell = row.cells.get("rate")
    if rate_cell is not None and rate_cell.number is not None:
        rates.append(rate_cell.number / HUNDRED)
    expected = [
        quantize_half_up(execution_share(rate, profile) * weight, profile.score_places)
        for rate in rates
    ]
    if any(abs(score_cell.number - value) <= profile.score_places for value in expected):
        return
    computed = str(expected[0])
    message = (
        f"预算执行率得分填 {score_cell.text} 分，按规则配置（分值 {weight} × 执行率）"
        f"应为 {computed} 分。"
    )
    yield _cell_finding(
        score_cell, "execution-score-mismatch", Severity.ERROR, message, score_cell.text, computed
    )


def _check_indicator(row: IndicatorRow, profile: RulesProfile) -> Iterator[AuditFinding]:
    cells = row.cells
    weight, score_cell = cells["weight"].number, cells["score"]
    name = cells["name"].text
    if weight is None:
        return
    if not score_cell.text:
        yield _cell_finding(
            score_cell, "score-empty", Severity.ERROR, f"指标“{name}”的得分未填写。"
        )
        return
    score = score_cell.number
    if score is None:
        return
    if score > weight or score < ZERO:
        message = f"指标“{name}”得分 {score_cell.text} 超出分值 {cells['weight'].text} 的范围。"
        yield _cell_finding(score_cell, "score-over-weight", Severity.ERROR, message)
        return
    yield from _check_quantitative(row, weight, score, profile)
    yield from _check_band(row, weight, score, profile)


def _check_quantitative(
    row: IndicatorRow, weight: Decimal, score: Decimal, profile: RulesProfile
) -> Iterator[AuditFinding]:
    """A quantitative indicator's score against what its target and actual value earn."""
    measured = indicator_measures(row)
    if measured is None:
        return
    operator, target, actual = measured
    share = quantitative_share(operator, target, actual, profile)
    expected = quantitative_points(operator, target, actual, weight, profile)
    if share < 1 and score == weight:
        yield _score_finding(row, expected, "indicator-full-marks-missed", Severity.ERROR)
    elif abs(score - expected) > profile.score_places:
        yield _score_finding(row, expected, "indicator-score-rule", Severity.WARNING)
    yield from _check_deviation(row, share, actual, target, operator.higher_is_better, profile)


def _score_finding(
    row: IndicatorRow, expected: Decimal, code: str, severity: Severity
) -> AuditFinding:
    cells = row.cells
    score = cells["score"]
    facts = f"指标“{cells['name'].text}”目标 {cells['target'].text}、实际 {cells['actual'].text}"
    if severity is Severity.ERROR:
        message = f"{facts}，未完成目标却得满分 {score.text} 分；按规则配置应得 {expected} 分。"
    else:
        message = f"{facts}，按规则配置应得 {expected} 分，表中填 {score.text} 分。"
    return _cell_finding(score, code, severity, message, score.text, str(expected))


def _check_deviation(
    row: IndicatorRow,
    share: Decimal,
    actual: Decimal,
    target: Decimal,
    higher_is_better: bool,
    profile: RulesProfile,
) -> Iterator[AuditFinding]:
    deviation = row.cells.get("deviation")
    if deviation is None or deviation.text.strip("—-/ 无"):
        return
    over = higher_is_better and target > ZERO and actual >= profile.over_threshold * target
    if share < 1 or over:
        state = "超额完成" if over else "未完成目标"
        message = f"指标“{row.cells['name'].text}”{state}，但未填写偏差原因分析及改进措施。"
        yield _cell_finding(deviation, "deviation-missing", Severity.WARNING, message)


def _check_band(
    row: IndicatorRow, weight: Decimal, score: Decimal, profile: RulesProfile
) -> Iterator[AuditFinding]:
    actual = row.cells.get("actual")
    if actual is None or parse_measure(actual.text) is not None:
        return
    band_name = next((name for name in BANDS if name in actual.text), None)
    band = profile.band(band_name) if band_name else None
    if band is None or weight == ZERO or band.contains(score / weight):
        return
    low = quantize_half_up(band.low * weight, profile.score_places)
    high = quantize_half_up(band.high * weight, profile.score_places)
    message = (
        f"定性指标“{row.cells['name'].text}”评为“{band_name}”，得分应在 {low}～{high} 分之间"
        f"{'（含上限）' if band.top else '（不含上限）'}，表中填 {row.cells['score'].text} 分。"
    )
    yield _cell_finding(row.cells["score"], "indicator-band", Severity.ERROR, message)


def _check_weights(table: ScoreTable, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Indicator weights plus the execution weight against the total (100 by default)."""
    if not table.indicators:
        return
    execution_weight = _execution_weight(table)
    total_cell = table.total.get("weight")
    if execution_weight is None and total_cell is None:
        return
    if execution_weight is None:
        execution_weight = profile.execution_weight
    summed = execution_weight + sum(
        (row.cells["weight"].number or ZERO for row in table.indicators), ZERO
    )
    stated = total_cell.number if total_cell and total_cell.number is not None else HUNDRED
    if summed == stated:
        return
    message = (
        f"各项分值（含预算执行率 {execution_weight} 分）合计 {summed}，与总分值 {stated} 不符。"
    )
    cell = total_cell or table.indicators[-1].cells["weight"]
    yield _cell_finding(cell, "weights-sum", Severity.ERROR, message, str(stated), str(summed))


def _execution_weight(table: ScoreTable) -> Decimal | None:
    execution = _execution_row(table)
    cell = execution.cells.get("weight") if execution is not None else None
    return cell.number if cell is not None else None


def _check_total(table: ScoreTable, profile: RulesProfile) -> Iterator[AuditFinding]:
    total_cell = table.total.get("score")
    if total_cell is None or total_cell.number is None:
        return
    parts = [row.cells["score"] for row in table.indicators]
    execution = _execution_row(table)
    if execution is not None and execution.cells.get("score"):
        parts.append(execution.cells["score"])
    numbers = [cell.number for cell in parts if cell.number is not None]
    if numbers and len(numbers) == len(parts):
        yield from _check_sum(table, total_cell, parts, numbers, profile)
    yield from _check_grade(table, total_cell.number, profile)


def _check_sum(
    table: ScoreTable, total: Cell, parts: list[Cell], numbers: list[Decimal],
    profile: RulesProfile,
) -> Iterator[AuditFinding]:  # fmt: skip
    """The total is the parts' sum, or the cap its execution band sets when that is lower."""
    caps = _execution_caps(table, profile)
    summed = sum(numbers, ZERO)
    if any(cap is not None and summed > cap == total.number for cap in caps):
        return
    definite = caps[0]
    if definite is not None and summed > definite and (total.number or ZERO) > definite:
        yield _above_cap(total, definite, profile)
        return
    yield from _compare_total(total, parts, numbers, profile.score_places)


def _execution_caps(
    table: ScoreTable, profile: RulesProfile
) -> tuple[Decimal | None, Decimal | None]:
    """The total caps at the highest and the lowest execution rate the stated 全年预算数 and
    全年执行数 allow (rounded figures leave a range); None where no cap applies."""
    row = _execution_row(table)
    if not profile.execution_caps or row is None:
        return None, None
    final, actual = row.cells["final"], row.cells["actual"]
    if final.number is None or actual.number is None:
        return None, None
    bounds = ratio_range(
        actual.number, stated_places(actual.text) / 2, final.number, stated_places(final.text) / 2
    )
    if bounds is None:
        return None, None
    low, high = (rate / HUNDRED for rate in bounds)
    return profile.total_cap(high), profile.total_cap(low)


def _above_cap(total: Cell, cap: Decimal, profile: RulesProfile) -> AuditFinding:
    shown = _show(cap, profile.score_places)
    message = f"总分填 {total.text}，而按执行率分档，该项目总分最高为 {shown} 分。"
    return _cell_finding(total, "total-above-execution-cap", Severity.ERROR, message,
                         total.text, shown)  # fmt: skip


def _compare_total(
    total: Cell, parts: list[Cell], numbers: list[Decimal], places: Decimal
) -> Iterator[AuditFinding]:
    """Scores are given to the profile's places, so only their rounding is tolerated."""
    summed = sum(numbers, ZERO)
    gap = summed - (total.number or ZERO)
    if gap == 0:
        return
    computed = _show(summed, places)
    if abs(gap) <= rounding_tolerance(len(parts), places):
        message = f"总分 {total.text} 与各项得分之和 {computed} 的差在四舍五入误差范围内。"
        yield _cell_finding(
            total, "total-score-rounding", Severity.INFO, message, total.text, computed
        )
        return
    message = f"总分填 {total.text}，而各项得分之和为 {computed}。"
    yield _cell_finding(
        total, "total-score-mismatch", Severity.ERROR, message, total.text, computed
    )


def _check_grade(
    table: ScoreTable, total: Decimal, profile: RulesProfile
) -> Iterator[AuditFinding]:
    cell = table.grade
    if cell is None:
        return
    stated = grade_name(cell.text.replace(":", "：").split("：")[-1])
    expected = profile.grade(total)
    if stated and stated != expected:
        message = f"总分 {total} 分按等级划分属于“{expected}”，表中评为“{stated}”。"
        yield _cell_finding(cell, "grade-band", Severity.ERROR, message, stated, expected)


def _graded_score(scores: list[re.Match[str]]) -> re.Match[str]:
    """The score a grade is given for: "执行率得分 9.7 分，指标得分 90 分，自评总分 99.7 分，
    等级为优" grades the total, the last score named as one, else the last score."""
    totals = [match for match in scores if match.group(1) in _TOTAL_SCORE_WORDS]
    return (totals or scores)[-1]


def check_prose_grades(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "自评得分 N 分，等级为优" in the prose against the profile's grade bands."""
    for paragraph in extraction.paragraphs:
        text = paragraph.block.text
        first = _PROSE_SCORE.search(text)
        grade = _PROSE_GRADE.search(text, first.end()) if first else None
        if first is None or grade is None:
            continue
        score = _graded_score(list(_PROSE_SCORE.finditer(text, 0, grade.start())))
        total = Decimal(score.group(2))
        stated = grade_name(grade.group(1))
        expected = profile.grade(total)
        if stated != expected:
            message = f"得分 {score.group(2)} 分按等级划分属于“{expected}”，文中评为“{stated}”。"
            yield finding_at(
                paragraph.block,
                (score.start(), grade.end()),
                "grade-band",
                Severity.ERROR,
                message,
                stated=stated,
                computed=expected,
            )
