"""The quick path for indicator rows accepts only what the validating reader accepts,
and builds the same record from it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.findings import Finding
from jixiao.io.indicator_rows import TYPICAL_KEYS, read_indicator, typical_indicator
from jixiao.io.sheet_cells import SheetCells
from jixiao.io.workbook_format import INDICATOR_SHEET

HEADERS = [column.header for column in INDICATOR_SHEET.columns]
KEYS = [column.key for column in INDICATOR_SHEET.columns]
CODES = {"P1", "P2"}

# For each column, values a user typically types; then values that are odd for it, and
# values odd anywhere: stray blanks, numbers as text, out-of-range numbers, NaN.
TYPICAL: dict[str, list[object]] = {
    "owner": ["P1", " P2 "],
    "level1": ["产出指标", "效益", "满意度指标"],
    "level2": ["数量指标", " 质量指标 "],
    "name": ["完成场次", " 覆盖人数 "],
    "kind": ["定量", "定性"],
    "operator": ["≥", "<=", "＝", ""],
    "target": [10.0, 12.5, 0.0],
    "unit": ["次", " 人 ", ""],
    "weight": [10.0, 7.5, 100.0],
    "actual": [9.0, 12.5, 13.0, ""],
    "band": ["达成", "部分达成", ""],
    "self_score": [5.0, 7.5, ""],
    "applicable": ["是", "否", "Y", ""],
    "explanation": ["按计划完成", ""],
    "evidence": ["工作台账", ""],
    "basis": ["计划标准", ""],
}
ODD_FOR: dict[str, list[object]] = {
    "owner": ["P9", 1.0],
    "level1": ["产出 指标"],
    "kind": ["定 量"],
    "operator": ["=>"],
    "target": ["全面完成", "10", "95%"],
    "weight": [100.5, "10"],
    "actual": ["已完成", "9"],
    "self_score": [12.0, "5"],
    "applicable": ["不适用"],
}
ODD = [None, "", "  ", 0.0, -1.0, 1e9, 1e30, -1e308, 12.00001, 0.125, float("nan"),
       float("inf"), "abc", "inf", 5, True]  # fmt: skip


@st.composite
def rows(draw: st.DrawFn) -> dict[str, object]:
    """A typical row, with up to two of its cells then made odd."""
    values = {key: draw(st.sampled_from(TYPICAL.get(key, [""]))) for key in KEYS}
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=2)):
        values[key] = draw(st.sampled_from(ODD_FOR.get(key, []) + ODD))
    return values


@settings(max_examples=3000, deadline=None)
@given(rows())
def test_the_quick_path_agrees_with_the_validating_reader(values):
    row = [values[key] for key in KEYS]
    errors: list[Finding] = []
    cells = SheetCells(INDICATOR_SHEET, [["说明"], HEADERS, row], errors)
    del errors[:]  # the sheet's own checks (text) apply to both paths alike
    ((number, data_row),) = list(cells.data_rows())
    try:
        quick = typical_indicator(cells.getter(TYPICAL_KEYS)(data_row), CODES, "项目绩效指标", 3)
    except Exception as error:  # the reader catches NotANumber from a NaN float
        quick = error
    checked = read_indicator(cells, number, data_row, CODES, False)
    if quick is None:
        return
    if isinstance(quick, Exception):
        assert type(quick).__name__ == "NotANumber"
        return
    assert errors == [] and quick == checked


def test_a_typical_row_takes_the_quick_path():
    values = {key: "" for key in KEYS} | {
        "owner": "P1", "level1": "产出指标", "level2": "数量指标", "name": "完成场次",
        "kind": "定量", "operator": "≥", "target": 10.0, "weight": 10.0, "actual": 9.0,
    }  # fmt: skip
    cells = SheetCells(INDICATOR_SHEET, [["说明"], HEADERS, [values[k] for k in KEYS]], [])
    ((_, data_row),) = list(cells.data_rows())
    quick = typical_indicator(cells.getter(TYPICAL_KEYS)(data_row), CODES, "项目绩效指标", 3)
    assert quick is not None and quick.location is not None and quick.location.row == 3
