"""An import into a year whose goals are approved (目标已批复), or under review, keeps them.

Every target, operator, unit and weight was fixed by the bureau's approval; only an
approved adjustment changes one. A workbook row that states another value is refused
for those fields (its actual values still import), with the sheet, row and column of
each difference; a workbook that adds or drops an indicator is refused that too.
"""

from __future__ import annotations

from jixiao.core.records import DEPARTMENT_OWNER
from jixiao.core.records import Indicator as IndicatorRecord
from jixiao.io.workbook_format import DEPARTMENT_INDICATOR_SHEET, INDICATOR_SHEET
from jixiao.web.goal_roles import GOALS_FIXED, targets_locked

# The goal fields an approval fixes, and the workbook column each is read from.
LOCKED_FIELDS = {"kind": "kind", "operator": "operator", "target": "target",
                 "target_text": "target", "unit": "unit", "weight": "weight"}  # fmt: skip
REASON = (
    "目标已批复：年度指标值、运算符、度量单位和分值以批复目标为准，导入不修改；"
    "如需变更，请提出目标调整申请。"
)
IN_REVIEW = (
    "目标审核中：年度指标值、运算符、度量单位和分值导入不修改；如需修改，须由工作小组或财政局退回。"
)


def locks_goals(year) -> bool:
    """Whether an import must keep the year's goals: submitted, reviewed or approved."""
    return year is not None and year.goal_phase in GOALS_FIXED


def reason_for(year) -> str:
    return REASON if targets_locked(year) else IN_REVIEW


def goals_word(year) -> str:
    """What the kept goals are called in the messages: approved, or filed for review."""
    return "批复" if targets_locked(year) else "申报"


def removed_project(word: str) -> str:
    return f"删除该项目（工作簿中已没有该项目编码）：该项目有{word}目标，不能删除"


def _column(record: IndicatorRecord, key: str) -> tuple[str, str]:
    """The column letter and header of ``key`` on the record's sheet."""
    sheet = DEPARTMENT_INDICATOR_SHEET if record.owner == DEPARTMENT_OWNER else INDICATOR_SHEET
    for index, column in enumerate(sheet.columns):
        if column.key == key:
            return chr(ord("A") + index), column.header
    return "", key


def _where(record: IndicatorRecord, key: str) -> str:
    letter, header = _column(record, key)
    location = record.location
    sheet = location.sheet if location else INDICATOR_SHEET.name
    row = f"第 {location.row} 行" if location and location.row else ""
    return f"工作表“{sheet}”{row} {letter} 列“{header}”"


def split_locked(
    row, record: IndicatorRecord, values: dict[str, object], show, word: str
) -> tuple[dict[str, object], list[str]]:
    """``values`` without the approved goal fields, and a message for each that differs.

    ``show(name, value)`` renders a value as the preview does.
    """
    kept = {name: value for name, value in values.items() if name not in LOCKED_FIELDS}
    refused = []
    for name, key in LOCKED_FIELDS.items():
        if name not in values or getattr(row, name) == values[name]:
            continue
        header = _column(record, key)[1]
        differs = f"{'年度指标值' if key == 'target' else header}与{word}目标不一致"
        refused.append(
            f"{_where(record, key)}：{differs}"
            f"（{word} {show(name, getattr(row, name))}，工作簿 {show(name, values[name])}）"
        )
    return kept, refused


def added_refused(record: IndicatorRecord, word: str) -> str:
    row = f"第 {record.location.row} 行" if record.location and record.location.row else ""
    return f"{row}新增指标“{record.level2} / {record.name}”：{word}目标中没有该指标"


def removed_refused(row, word: str) -> str:
    return f"删除指标“{row.level2} / {row.name}”：该指标是{word}目标，不能删除"
