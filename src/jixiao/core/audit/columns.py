"""The header words of a report's tables: which column holds labels, amounts or shares.

A table of 收支 figures names its columns the same few ways in every province: the
label column first (项目, 科目 …), then amounts (预算数, 决算数, 金额 …), shares
(占比, 比重, 构成), rates and changes (增长率, 同比, 增减 …) and counts (个数, 人数).
A unit may follow in brackets ("金额（万元）"); it says nothing of the column's kind.
"""

from __future__ import annotations

import re
from enum import StrEnum

LABEL_HEADERS = frozenset(
    {
        *("项目", "科目", "科目名称", "项目名称", "功能分类科目", "支出功能分类科目", "名称"),
        *("类别", "收入项目", "支出项目", "单位名称", "资金来源", "费用项目", "指标"),
        *("支出内容", "项目内容", "资金用途", "用途", "内容", "分类", "类型", "明细"),
        *("指标名称", "部门", "部门名称", "地区", "镇街", "区域"),
    }
)
_SHARE_ENDINGS = ("占比", "比重", "比例", "构成", "所占比例", "占总支出比重")
_RATE_ENDINGS = (
    *("增减率", "增长率", "变动率", "执行率", "完成率", "增幅", "同比", "环比", "率"),
    *("增减", "增减额", "变动", "差额", "增加额", "减少额"),
)
_COUNT_ENDINGS = ("个数", "人数", "数量")
_AMOUNT_ENDINGS = (
    *("预算数", "决算数", "执行数", "预算", "决算", "金额", "本年数", "上年数", "本期数"),
    *("合计", "小计", "数", "支出", "收入"),
)
_UNIT_SUFFIX = re.compile(r"\s*[（(]\s*(?:万元|亿元|元|%|％|个|人|万元、%)\s*[）)]$")
HEADER_MAX = 16
LABEL_HEADER_MAX = 24  # "支出功能分类科目（万元）" with blanks around
COLUMN_NAME_MAX = 10
_COLUMN_NAME_ENDINGS = (
    *("数", "金额", "占比", "比重", "比例", "构成", "率", "同比", "环比", "增减", "增减额"),
)


class Column(StrEnum):
    """What a value column of a table holds."""

    AMOUNT = "amount"
    SHARE = "share"
    RATE = "rate"
    COUNT = "count"


def without_unit(text: str) -> str:
    """A header without its bracketed unit: "金额（万元）" → "金额"."""
    return _UNIT_SUFFIX.sub("", text.strip()).strip()


def _core(text: str) -> str:
    """A header cell without its unit and blanks: "金 额（万元）" → "金额"."""
    text = without_unit(text) if "（" in text or "(" in text else text.strip()
    return re.sub(r"\s+", "", text) if " " in text or "\u3000" in text else text


def is_label_header(text: str) -> bool:
    """Whether a header cell names the label column (项目, 科目 …)."""
    if len(text) > LABEL_HEADER_MAX:
        return False  # most lines are prose: no need to take them apart
    return _core(text) in LABEL_HEADERS


def is_column_name(text: str) -> bool:
    """Whether a line can only be a header cell, never a row's label: 项目, 决算数,
    占比, 增长率 … ("一般公共预算" and "合计" name rows as often as columns)."""
    if len(text) > LABEL_HEADER_MAX:
        return False
    core = _core(text)
    return core in LABEL_HEADERS or (
        len(core) <= COLUMN_NAME_MAX and core.endswith(_COLUMN_NAME_ENDINGS)
    )


def value_column(text: str) -> Column | None:
    """The kind of a value column, from its header cell; None for any other header."""
    core = _core(text)
    if not core or len(core) > HEADER_MAX or any(mark in core for mark in "。，,"):
        return None
    if core[0].isdigit() and not re.match(r"^(?:19|20)\d{2}年", core):
        return None  # a figure, not a header ("2023年预算数" is one)
    for endings, kind in (
        (_SHARE_ENDINGS, Column.SHARE),
        (_RATE_ENDINGS, Column.RATE),
        (_COUNT_ENDINGS, Column.COUNT),
        (_AMOUNT_ENDINGS, Column.AMOUNT),
    ):
        if core.endswith(endings):
            return kind
    return None
