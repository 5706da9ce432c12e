"""The monitoring workbook's format (``jixiao template --monitoring``): one round's
budget execution to date and goal progress, per project and per indicator.

Like the department workbook: a note in row 1 (for money sheets, the unit), headers in
row 2, data from row 3. The indicator rows carry the approved 年度指标值 beside the
values to date, so a section fills the round on one sheet.
"""

from __future__ import annotations

from jixiao.io.workbook_format import Cell, Column, SheetSpec

INFO_SHEET = SheetSpec(
    "监控信息",
    (
        Column("项目", "key", required=True, width=16),
        Column("内容", "value", width=60),
    ),
    "每行一项：部门名称、年度、监控轮次（规则配置中的轮次，如“1-7月”）必填；规则配置留空则用默认规则。",
)
INFO_KEYS = {"部门名称": "department", "年度": "year", "监控轮次": "round", "规则配置": "profile"}

CAUSE_COLUMNS = (
    Column("偏差原因", "cause", help="经费/制度/人员/硬件/其他；非绿色预警必填"),
    Column("偏差原因说明", "cause_text", width=30),
    Column("纠偏措施", "measure", width=30, help="非绿色预警必填"),
)

EXECUTION_SHEET = SheetSpec(
    "项目执行",
    (
        Column("项目编码", "code", required=True),
        Column("项目名称", "name", required=True, width=36),
        Column("责任科室", "section"),
        Column("年初预算数", "initial", Cell.AMOUNT, required=True),
        Column("全年预算数", "final", Cell.AMOUNT, required=True, help="含年中调整"),
        Column("截至月份", "month", Cell.NUMBER, help="执行数截至的月份，留空为本轮截止月份"),
        Column("累计执行数", "executed", Cell.AMOUNT, required=True, help="1 月至截至月份的执行数"),
        Column("全年预计执行数", "expected", Cell.AMOUNT),
        *CAUSE_COLUMNS,
        Column("处理意见", "decision", help="红色预警项目：继续实施/调整目标/调整预算/暂缓或停止"),
        Column("示例数据", "illustrative", Cell.YES_NO, help="“是”表示该行为示意数据"),
    ),
    "金额单位：元。每个项目一行：财政拨款的年初预算数、全年预算数和 1 月至截至月份的累计执行数；"
    "金额单位可改为“万元”。",
    has_money=True,
)

PROGRESS_SHEET = SheetSpec(
    "指标监控",
    (
        Column("项目编码", "owner", required=True, help="部门整体绩效指标填“部门整体”"),
        Column("一级指标", "level1", required=True),
        Column("二级指标", "level2", required=True),
        Column("三级指标", "name", required=True, width=30),
        Column("指标性质", "kind", required=True, help="定量/定性"),
        Column("运算符", "operator", help="≥ ＞ = ≤ ＜（定量必填）"),
        Column("年度指标值", "target", help="批复的年度指标值：定量填数值，定性填文字"),
        Column("度量单位", "unit"),
        Column("累计完成值", "value", help="1 月至本轮截止月份的完成值；定性指标填完成情况文字"),
        Column("完成情况", "achievement", help="定性：达成/部分达成/未达成"),
        Column("全年预计完成值", "expected"),
        Column("完成可能性", "likelihood", help="确定能/有可能/完全不可能"),
        *CAUSE_COLUMNS,
    ),
    "每行一个三级指标（部门整体指标的项目编码填“部门整体”）：批复的年度指标值，截至本轮的完成值或完成情况，全年预计完成值与完成可能性；"
    "非绿色预警须填偏差原因与纠偏措施。",
)

MONITORING_SHEETS = (INFO_SHEET, EXECUTION_SHEET, PROGRESS_SHEET)
