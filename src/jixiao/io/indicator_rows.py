"""The indicator sheets (项目绩效指标, 部门整体指标), row by row, into Indicator records.

A department's workbook has thousands of indicator rows, so this is the reader's hot
path. Each project indicator row is first tried as nearly every row is written: listed
words typed exactly, numbers in number cells, blanks left blank. A row that is anything
else, and every department row, goes through the validating reader, which converts what
it can and records a Chinese error naming the cell for what it cannot. The quick path
only ever accepts rows the validating reader accepts, with the same result (a test runs
both on generated rows), so it changes the speed and nothing else.
"""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal

from jixiao.core.money import NotANumber, parse_decimal
from jixiao.core.records import (
    DEPARTMENT_OWNER,
    Dimension,
    Indicator,
    IndicatorKind,
    Location,
    Operator,
)
from jixiao.io.sheet_cells import NO, YES, SheetCells, cell_text
from jixiao.io.workbook_limits import workbook_limits

INDICATOR_KINDS = {kind.value: kind for kind in IndicatorKind}
DIMENSIONS = {dimension.value: dimension for dimension in Dimension}
OPERATORS = {
    "≥": Operator.AT_LEAST, ">=": Operator.AT_LEAST, "＞＝": Operator.AT_LEAST,
    "＞": Operator.MORE_THAN, ">": Operator.MORE_THAN,
    "=": Operator.EQUAL, "＝": Operator.EQUAL,
    "≤": Operator.AT_MOST, "<=": Operator.AT_MOST, "＜＝": Operator.AT_MOST,
    "＜": Operator.LESS_THAN, "<": Operator.LESS_THAN,
}  # fmt: skip
LEVEL1 = {
    name: full
    for full in ("产出指标", "效益指标", "满意度指标", "成本指标")
    for name in (full, full.removesuffix("指标"))
}
# A department indicator may also name its dimension as its first-level class: in the
# 履职效能 / 管理效率 framework 管理效率 is itself the class (the profile's
# department.classes says which 一级 each dimension holds).
DEPARTMENT_LEVEL1 = LEVEL1 | {dimension.value: dimension.value for dimension in Dimension}
ZERO = Decimal(0)
HUNDRED = Decimal(100)
# An indicator's free-text columns, read in one call.
FREE_TEXT_KEYS = ("unit", "band", "explanation", "evidence", "basis", "metric")
# The cells the quick path reads, in the order it unpacks them.
TYPICAL_KEYS = (
    "owner", "level1", "level2", "name", "kind", "operator", "target", "unit", "weight",
    "actual", "band", "self_score", "applicable", "explanation", "evidence", "basis", "metric",
)  # fmt: skip
_QUANTITATIVE = IndicatorKind.QUANTITATIVE
# A float the quick path takes fits every indicator number column: below the target's
# magnitude bound, with no more decimals than a score holds. (Weights and scores are
# also kept to 0–100 by their own checks.) Any other goes to the validating reader,
# which checks it against its own column.
_TARGET_SIZE = workbook_limits().number_sizes["年度指标值"]
_FEWEST_PLACES = min(size.places for size in workbook_limits().number_sizes.values())
_FITS_BOUND = float(_TARGET_SIZE.bound)


def read_indicators(
    cells: SheetCells | None, project_codes: set[str] | None, *, department: bool = False
) -> list[Indicator]:
    """Project indicators (owner = 项目编码, checked against ``project_codes`` unless None)
    or, with ``department``, the department's own."""
    if cells is None:
        return []
    typical_cells = cells.getter(TYPICAL_KEYS)
    sheet = cells.spec.name
    quick = not department and project_codes is not None
    numbers: dict[float, Decimal] = {}
    indicators = []
    for number, row in cells.data_rows():
        indicator = None
        if quick:
            with suppress(NotANumber):  # a NaN or infinite float: let the reader word it
                indicator = typical_indicator(
                    typical_cells(row),
                    project_codes,
                    sheet,
                    number,
                    numbers,  # type: ignore[arg-type]
                )
        if indicator is None:
            indicator = read_indicator(cells, number, row, project_codes, department)
        if indicator is not None:
            indicators.append(indicator)
    return indicators


def typical_indicator(
    values: tuple[object, ...],
    codes: set[str],
    sheet: str,
    number: int,
    numbers: dict[float, Decimal] | None = None,
) -> Indicator | None:
    """The project indicator a typical row holds, or None to send the row to
    ``read_indicator``. Accepts only what that reader accepts without an error.

    ``numbers`` remembers the Decimal of each float met so far in the sheet: weights and
    targets repeat from row to row, and a Decimal is immutable, so one can serve them all.
    A float is remembered only once it fits every number column (``_FITS_ALL``); one that
    does not is left to the reader, which checks it against its own column.
    """
    if numbers is None:
        numbers = {}
    (
        owner, level1, level2, name, kind, operator, target, unit, weight, actual, band,
        self_score, applicable, explanation, evidence, basis, metric,
    ) = values  # fmt: skip
    level1 = LEVEL1.get(level1)  # type: ignore[call-overload]
    kind = INDICATOR_KINDS.get(kind)  # type: ignore[call-overload]
    if level1 is None or kind is None or type(weight) is not float:
        return None
    if type(owner) is not str or type(name) is not str or type(level2) is not str:
        return None
    owner, name, level2 = owner.strip(), name.strip(), level2.strip()
    if not (owner and name and level2) or owner not in codes:
        return None
    if operator == "" or operator is None:
        operator = None
    elif (operator := OPERATORS.get(operator)) is None:  # type: ignore[call-overload]
        return None
    weight = _decimal(weight, numbers)
    if not ZERO < weight <= HUNDRED:
        return None
    metric = cell_text(metric)
    if kind is _QUANTITATIVE:
        if type(target) is not float:
            return None
        target, target_text, actual_text = _decimal(target, numbers), "", ""
        if metric or actual == "" or actual is None:
            actual = None
        elif type(actual) is float:
            actual = _decimal(actual, numbers)
        else:
            return None
    else:
        target_text, actual_text = cell_text(target), cell_text(actual)
        target = actual = None
    if self_score == "" or self_score is None:
        self_score = None
    elif (
        type(self_score) is float
        and ZERO <= (self_score := _decimal(self_score, numbers)) <= weight
    ):
        pass
    else:
        return None
    applicable = cell_text(applicable)
    if applicable in NO:
        applicable = False
    elif applicable == "" or applicable in YES:
        applicable = True
    else:
        return None
    return Indicator(
        owner, level1, level2, name, kind, weight, operator, target, cell_text(unit), actual,
        cell_text(band), self_score, applicable, cell_text(explanation), cell_text(evidence),
        cell_text(basis), target_text, actual_text, None, metric, Location(sheet, number),
    )  # fmt: skip


def _decimal(value: float, numbers: dict[float, Decimal]) -> Decimal:
    found = numbers.get(value)
    if found is None:
        found = parse_decimal(value)
        # A float's Decimal is its shortest repr, so its exponent counts its decimals.
        if not -_FITS_BOUND < value < _FITS_BOUND or found.as_tuple().exponent < -_FEWEST_PLACES:  # type: ignore[operator]
            raise NotANumber(repr(value))  # the reader says what is wrong, for its column
        numbers[value] = found
    return found


def _owner(
    cells: SheetCells, number: int, row: list[object], codes: set[str] | None, department: bool
) -> str:
    if department:
        return DEPARTMENT_OWNER
    owner = cells.text(number, row, "owner")
    if owner and codes is not None and owner not in codes:
        cells.invalid(number, "owner", f"项目编码“{owner}”在“项目”表中不存在")
    return owner


def read_indicator(
    cells: SheetCells, number: int, row: list[object], codes: set[str] | None, department: bool
) -> Indicator | None:
    owner = _owner(cells, number, row, codes, department)
    dimension = cells.choice(number, row, "dimension", DIMENSIONS) if department else None
    level1 = cells.choice(number, row, "level1", DEPARTMENT_LEVEL1 if department else LEVEL1)
    kind = cells.choice(number, row, "kind", INDICATOR_KINDS)
    weight = cells.number(number, row, "weight")
    if weight is not None and not ZERO < weight <= HUNDRED:
        cells.invalid(number, "weight", f"分值应大于 0 且不超过 100，实为 {weight}")
    operator = cells.choice(number, row, "operator", OPERATORS)
    quantitative = kind is IndicatorKind.QUANTITATIVE
    unit, band, explanation, evidence, basis, metric = cells.plains(row, FREE_TEXT_KEYS)
    target = cells.number(number, row, "target") if quantitative else None
    # A department metric row may leave its actual for the system to compute.
    actual = cells.number(number, row, "actual") if quantitative and not metric else None
    self_score = cells.number(number, row, "self_score")
    if self_score is not None and weight is not None and not 0 <= self_score <= weight:
        cells.invalid(
            number, "self_score", f"自评得分应在 0 与分值 {weight} 之间，实为 {self_score}"
        )
    name = cells.text(number, row, "name")
    level2 = cells.text(number, row, "level2")
    if not (owner and level1 and kind and weight is not None and name and level2):
        return None
    if department and dimension is None:
        return None
    return Indicator(
        owner=owner, level1=str(level1), level2=level2, name=name, kind=kind,
        weight=weight, operator=operator, target=target, unit=unit, actual=actual,
        band=band, self_score=self_score,
        applicable=cells.yes_no(number, row, "applicable", True),
        explanation=explanation, evidence=evidence, basis=basis,
        # 定量 values live in target/actual; the words are only the 定性 indicator's.
        target_text="" if quantitative else cells.plain(row, "target"),
        actual_text="" if quantitative else cells.plain(row, "actual"),
        dimension=dimension, metric=metric,
        location=cells.location(number),
    )  # fmt: skip
