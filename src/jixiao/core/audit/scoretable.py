"""A 项目支出绩效自评表 read out of a table grid: funds rows, indicator rows, total, grade.

Provinces vary the layout, so columns are found by their header words (年初预算数,
全年预算数, 全年执行数, 分值, 执行率, 得分; 三级指标, 年度指标值, 实际完成值 …), not by
position. A table without those headers is not a self-evaluation table and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.audit.document import Block, Table
from jixiao.core.money import NotANumber, parse_decimal
from jixiao.core.records import Operator

_FUNDS_COLUMNS = {
    "initial": ("年初预算",),
    "final": ("全年预算", "调整后预算"),
    "actual": ("全年执行", "执行数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率",),
    "score": ("得分",),
}
_INDICATOR_COLUMNS = {
    "name": ("三级指标", "指标名称"),
    "target": ("年度指标值", "指标值", "目标值"),
    "actual": ("实际完成值", "实际值", "完成值"),
    "weight": ("分值", "权重"),
    "score": ("得分",),
    "deviation": ("偏差", "未完成原因"),
}
_TOTAL_WORDS = ("总分", "合计得分")
_GRADE_LABELS = ("等级", "评价结论", "自评结论")
_GRADE = re.compile(r"(优秀|良好|中等|较差|优|良|中|差)")
_GRADE_NAMES = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}
_OPERATOR_WORDS = (
    (("≥", ">=", "不低于", "不少于", "大于等于", "达到"), Operator.AT_LEAST),
    (("＞", ">", "大于", "高于", "超过"), Operator.MORE_THAN),
    (("≤", "<=", "不高于", "不超过", "不多于", "小于等于"), Operator.AT_MOST),
    (("＜", "<", "小于", "低于"), Operator.LESS_THAN),
    (("=", "＝", "等于"), Operator.EQUAL),
)
# Indicators whose bare target ("100%") can only mean "at least": rates of something
# done or reached. Rates a unit keeps low (投诉率, 调整率 …) are not here, so a bare
# target of theirs states no direction and is not scored.
_HIGHER_IS_BETTER = (
    *("执行率", "完成率", "覆盖率", "满意度", "合格率", "达标率", "到位率", "及时率"),
    *("知晓率", "支付率", "使用率", "参与率", "通过率", "办结率", "完好率", "普及率"),
    *("验收率", "就业率", "回收率", "利用率", "处置率", "结案率", "兑现率", "发放率"),
    *("落实率", "公开率", "完成度", "达成率"),
)
_MEASURE = re.compile(r"^\s*(?P<number>[-+]?[\d０-９,，.．]+)\s*(?P<unit>[^\d\s]*)\s*$")
BANDS = ("部分达成", "未达成", "达成")


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text and where it is; ``number`` when it holds one."""

    table: Table
    row: int
    column: int
    text: str

    @property
    def number(self) -> Decimal | None:
        """The number the cell holds, if any."""
        return cell_number(self.text)

    @property
    def block(self) -> Block:
        """The cell as a block, so a finding can quote it and say where it is."""
        return Block(self.text, self.table.place(self.row, self.column), self.table.section)


@dataclass(frozen=True, slots=True)
class FundsRow:
    label: str
    cells: dict[str, Cell]


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    level1: str
    cells: dict[str, Cell]


@dataclass(frozen=True, slots=True)
class ScoreTable:
    """What a self-evaluation table states, cell by cell."""

    table: Table
    funds: tuple[FundsRow, ...]
    indicators: tuple[IndicatorRow, ...]
    total: dict[str, Cell]
    grade: Cell | None


def cell_number(text: str) -> Decimal | None:
    """A cell's number (``95%`` → 95, ``1,200.50`` → 1200.50), or None."""
    cleaned = text.strip().rstrip("%％分").strip()
    if not cleaned:
        return None
    try:
        return parse_decimal(cleaned)
    except NotANumber:
        return None


def parse_target(text: str) -> tuple[Operator, Decimal, str] | None:
    """``≥95%`` → (≥, 95, '%'); None without an explicit comparison (ambiguous direction)."""
    stripped = text.strip()
    for words, operator in _OPERATOR_WORDS:
        for word in words:
            if stripped.startswith(word):
                measured = parse_measure(stripped[len(word) :])
                return (operator, *measured) if measured else None
    return None


def parse_measure(text: str) -> tuple[Decimal, str] | None:
    """``96%`` → (96, '%'), ``12 个`` → (12, '个'); None for words."""
    match = _MEASURE.match(text)
    if not match:
        return None
    number = cell_number(match.group("number"))
    unit = match.group("unit").replace("％", "%")
    return (number, unit) if number is not None else None


def indicator_measures(row: IndicatorRow) -> tuple[Operator, Decimal, Decimal] | None:
    """(operator, target, actual) of a quantitative indicator row, when both are legible.

    None when either cell is words, the target states no comparison (unless the
    indicator is a rate of something done, where a bare target means "at least"), or
    the units differ.
    """
    if "target" not in row.cells or "actual" not in row.cells:
        return None
    target = parse_target(row.cells["target"].text)
    name = row.cells["name"].text if "name" in row.cells else ""
    if target is None and name.strip().endswith(_HIGHER_IS_BETTER):
        bare = parse_measure(row.cells["target"].text)
        target = (Operator.AT_LEAST, *bare) if bare else None
    actual = parse_measure(row.cells["actual"].text)
    if target is None or actual is None:
        return None
    operator, target_value, target_unit = target
    actual_value, actual_unit = actual
    if actual_unit and target_unit and actual_unit != target_unit:
        return None
    return operator, target_value, actual_value


def grade_name(text: str) -> str | None:
    """The grade a cell or phrase names (优秀 → 优), or None."""
    match = _GRADE.search(text)
    return _GRADE_NAMES.get(match.group(1), match.group(1)) if match else None


def read_score_tables(tables: tuple[Table, ...]) -> Iterator[ScoreTable]:
    """Every table that has a funds block or an indicator block."""
    for table in tables:
        rows = [tuple(cell.strip() for cell in row) for row in table.rows]
        funds = _funds_rows(table, rows)
        indicators, indicator_columns = _indicator_rows(table, rows)
        if funds or indicators:
            total = _total_cells(table, rows, indicator_columns)
            yield ScoreTable(table, funds, indicators, total, _grade_cell(table, rows))


def _header(rows: list[tuple[str, ...]], words: dict[str, tuple[str, ...]], *required: str):
    """The first row naming every required column, and each column's index."""
    for index, row in enumerate(rows):
        columns: dict[str, int] = {}
        for key, options in words.items():
            for column, text in enumerate(row):
                if key not in columns and any(option in text for option in options):
                    columns[key] = column
        if all(key in columns for key in required):
            return index, columns
    return None, {}


def _funds_rows(table: Table, rows: list[tuple[str, ...]]) -> tuple[FundsRow, ...]:
    header, columns = _header(rows, _FUNDS_COLUMNS, "final", "actual")
    if header is None or not ("initial" in columns or "weight" in columns):
        # 全年预算 and 执行数 alone head a list of projects (one row each), not a funds block
        return ()
    found = []
    first = min(columns.values())
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if (
            cell_number(_at(row, columns["final"])) is None
            and cell_number(_at(row, columns["actual"])) is None
        ):
            break
        label = "".join(dict.fromkeys(text for text in row[:first] if text))
        cells = {
            key: Cell(table, index, column, _at(row, column)) for key, column in columns.items()
        }
        found.append(FundsRow(label, cells))
    return tuple(found)


def _indicator_rows(
    table: Table, rows: list[tuple[str, ...]]
) -> tuple[tuple[IndicatorRow, ...], dict[str, int]]:
    header, columns = _header(rows, _INDICATOR_COLUMNS, "name", "weight", "score")
    if header is None:
        return (), {}
    found = []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if any(word in "".join(row[:2]) for word in _TOTAL_WORDS):
            break
        if cell_number(_at(row, columns["weight"])) is None:
            continue
        cells = {
            key: Cell(table, index, column, _at(row, column)) for key, column in columns.items()
        }
        found.append(IndicatorRow(row[0] if row else "", cells))
    return tuple(found), columns


def _total_cells(
    table: Table, rows: list[tuple[str, ...]], columns: dict[str, int]
) -> dict[str, Cell]:
    if "weight" not in columns:
        return {}
    for index, row in enumerate(rows):
        if any(word in "".join(row[:2]) for word in _TOTAL_WORDS):
            return {
                key: Cell(table, index, columns[key], _at(row, columns[key]))
                for key in ("weight", "score")
            }
    return {}


def _grade_cell(table: Table, rows: list[tuple[str, ...]]) -> Cell | None:
    """The cell stating the grade: after "自评等级：" in the same cell, or the next cell."""
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            if not any(word in text for word in _GRADE_LABELS):
                continue
            _, colon, after = text.replace(":", "：").partition("：")
            if colon and _is_grade(after):
                return Cell(table, index, column, text)
            later = [c for c in range(column + 1, len(row)) if row[c] and row[c] != text]
            if later and _is_grade(row[later[0]]):
                return Cell(table, index, later[0], row[later[0]])
    return None


def _is_grade(text: str) -> bool:
    return len(text.strip()) <= 4 and grade_name(text) is not None


def _at(row: tuple[str, ...], column: int) -> str:
    return row[column] if column < len(row) else ""
