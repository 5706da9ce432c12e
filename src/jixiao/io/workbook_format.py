"""The department workbook's format: sheets, Chinese headers, what each column holds.

One description serves the reader, the writer and the blank template, so the three
cannot drift apart. Each data sheet has a note in row 1 (instructions, and for money
sheets the unit: ``金额单位：元`` or ``金额单位：万元``), headers in row 2, data from row 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cell(StrEnum):
    TEXT = "text"
    AMOUNT = "amount"  # money in the sheet's unit, stored as exact 元
    NUMBER = "number"  # a plain Decimal (targets, weights, scores)
    YES_NO = "yes_no"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    key: str
    kind: Cell = Cell.TEXT
    required: bool = False
    help: str = ""
    width: int = 14


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    note: str
    has_money: bool = False

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


NOTE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3

PROFILE_SHEET = SheetSpec(
    "部门信息",
    (
        Column("项目", "key", required=True, width=16),
        Column("内容", "value", width=100),
    ),
    "每行一项。部门名称、年度必填；部门职能、年度工作任务、整体绩效目标等可分多行填写，"
    "每行一段，按原文写入报告。规则配置留空则用默认规则。",
)

PROFILE_KEYS = {
    "部门名称": "name",
    "部门全称": "full_name",
    "主管部门": "parent",
    "年度": "year",
    "地区": "jurisdiction",
    "规则配置": "profile",
    "部门自评总分": "self_score",
    "部门职能": "functions",
    "年度工作任务": "tasks",
    "整体绩效目标": "overall_goal",
    "履职效能说明": "effectiveness_text",
    "管理效率说明": "management_text",
    "自评结论说明": "conclusion_text",
    "内设机构": "institutions",
    "编制数": "staff_quota",
    "实有在职人数": "staff_in_post",
    "离退休人数": "retired",
    "成文日期": "signing_date",
}
HEADCOUNT_KEYS = ("staff_quota", "staff_in_post", "retired")
MULTI_PARAGRAPH_KEYS = {
    "functions",
    "tasks",
    "overall_goal",
    "effectiveness_text",
    "management_text",
    "conclusion_text",
    "institutions",
}

BUDGET_SHEET = SheetSpec(
    "预算收支",
    (
        Column(
            "预算类型",
            "source",
            required=True,
            help="一般公共预算/政府性基金预算/国有资本经营预算/其他资金",
        ),
        Column(
            "科目编码",
            "class_code",
            required=True,
            help="支出功能分类科目编码，类 3 位、款 5 位、项 7 位",
        ),
        Column("科目名称", "class_name", width=22),
        Column("支出类型", "kind", required=True, help="基本支出/项目支出"),
        Column("年初预算数", "initial", Cell.AMOUNT, required=True),
        Column("全年预算数", "final", Cell.AMOUNT, required=True),
        Column("全年执行数", "actual", Cell.AMOUNT, required=True),
    ),
    "金额单位：元。每行一个 预算类型 × 功能分类科目 × 支出类型；金额单位可改为“万元”。",
    has_money=True,
)

PROJECT_SHEET = SheetSpec(
    "项目",
    (
        Column("项目编码", "code", required=True),
        Column("项目名称", "name", required=True, width=36),
        Column("项目层级", "level", help="一级/二级，留空为二级"),
        Column("预算类型", "source", required=True),
        Column("科目编码", "class_code", required=True),
        Column("责任科室", "section", required=True),
        Column("年初预算数", "initial", Cell.AMOUNT, required=True),
        Column("全年预算数", "final", Cell.AMOUNT, required=True),
        Column("全年执行数", "actual", Cell.AMOUNT, required=True),
        Column("上年结转年初预算数", "carryover_initial", Cell.AMOUNT),
        Column("上年结转预算数", "carryover_final", Cell.AMOUNT),
        Column("上年结转执行数", "carryover_actual", Cell.AMOUNT),
        Column("其他资金年初预算数", "other_initial", Cell.AMOUNT),
        Column("其他资金预算数", "other_final", Cell.AMOUNT),
        Column("其他资金执行数", "other_actual", Cell.AMOUNT),
        Column("年度总体目标", "goal", width=40),
        Column("实际完成情况", "goal_outcome", width=40),
        Column("执行偏差说明", "execution_explanation", width=30, help="执行率低于规则阈值时必填"),
        Column("自评总分", "self_score", Cell.NUMBER, help="单位自报的总分，与依据计算的得分对照"),
        Column("示例数据", "illustrative", Cell.YES_NO, help="“是”表示该行为示意数据"),
    ),
    "金额单位：元。年初/全年预算数、全年执行数为财政拨款；上年结转、其他资金另填其年初预算数、"
    "全年预算数和执行数。",
    has_money=True,
)

_INDICATOR_COLUMNS = (
    Column("一级指标", "level1", required=True, help="产出指标/效益指标/满意度指标/成本指标"),
    Column("二级指标", "level2", required=True),
    Column("三级指标", "name", required=True, width=30),
    Column("指标性质", "kind", required=True, help="定量/定性"),
    Column("运算符", "operator", help="≥ ＞ = ≤ ＜（定量必填）"),
    Column("年度指标值", "target", help="定量填数值；定性填文字"),
    Column("度量单位", "unit"),
    Column("分值", "weight", Cell.NUMBER, required=True),
)
_RESULT_COLUMNS = (
    Column("实际完成值", "actual", help="定量填数值；定性填完成情况文字"),
    Column("完成等级", "band", help="定性指标：达成/部分达成/未达成"),
    Column("自评得分", "self_score", Cell.NUMBER),
    Column("是否适用", "applicable", Cell.YES_NO, help="“否”表示不适用，其余指标按 100 分折算"),
    Column("偏差原因分析及改进措施", "explanation", width=36),
    Column("佐证材料", "evidence", width=24),
    Column("指标值依据", "basis", help="计划标准/行业标准/历史标准/其他"),
)

INDICATOR_SHEET = SheetSpec(
    "项目绩效指标",
    (Column("项目编码", "owner", required=True), *_INDICATOR_COLUMNS, *_RESULT_COLUMNS),
    "每行一个三级指标。预算执行率分值由规则配置给出（默认 10 分），其余指标分值合计应为 90。",
)

DEPARTMENT_INDICATOR_SHEET = SheetSpec(
    "部门整体指标",
    (
        Column("维度", "dimension", required=True, help="履职效能/管理效率"),
        *_INDICATOR_COLUMNS,
        Column("自动取数", "metric", help="填写后实际完成值由系统从预算数据计算"),
        *_RESULT_COLUMNS,
    ),
    "部门整体自评指标，分值合计 100；管理效率指标的一级指标填“管理效率”。自动取数可选："
    "budget_execution_rate（预算执行率）、budget_adjustment_rate（预算调整率）、"
    "self_evaluation_coverage（项目自评覆盖率）、goal_coverage（绩效目标覆盖率）、"
    "project_average_score（项目平均得分），以及据“决算与管理数据”计算的 carryover_rate"
    "（结转结余率）、itemised_adjustment_rate（预算调整率，不含政策性调整）、"
    "three_public_control_rate / three_public_change_rate（“三公”经费控制率/变动率）、"
    "public_funds_control_rate（公用经费控制率）、procurement_execution_rate（政府采购执行率）、"
    "staff_control_rate（在职人员控制率）、fixed_asset_use_rate（固定资产利用率）、"
    "publication_timeliness（公开及时性）。",
)

STATEMENT_SHEET = SheetSpec(
    "问题与措施",
    (
        Column("类型", "type", required=True, help="问题/措施"),
        Column("标题", "title", required=True, width=40),
        Column("内容", "body", width=90),
    ),
    "单位自己的文字：存在的主要问题、下一步改进措施，按原文写入报告。",
)

MANAGEMENT_SHEET = SheetSpec(
    "决算与管理数据",
    (
        Column(
            "类别",
            "category",
            required=True,
            help="“三公”经费/公用经费/结转结余/政府采购/固定资产/预算调整/信息公开",
        ),
        Column(
            "项目",
            "name",
            required=True,
            width=30,
            help="各类别的固定项目见第 1 行说明；预算调整填调整事项",
        ),
        Column("预算数", "budget", Cell.AMOUNT),
        Column("决算数", "actual", Cell.AMOUNT, help="决算（实际）数；结转结余、固定资产填金额"),
        Column("上年决算数", "previous", Cell.AMOUNT, help="“三公”经费填上年决算数"),
        Column("调整金额", "adjustment", Cell.AMOUNT, help="预算调整：追加、削减或结构调整的金额"),
        Column(
            "政策性调整",
            "policy",
            Cell.YES_NO,
            help="“是”：政策性或上级交办的调整，不计入预算调整率",
        ),
        Column("批复日期", "approved_on", help="信息公开：预算、决算批复（绩效信息形成）日期"),
        Column("公开日期", "published_on", help="信息公开：公开日期，未公开留空"),
        Column("公开网址", "address", width=36),
        Column("说明", "note", width=30),
        Column("示例数据", "illustrative", Cell.YES_NO, help="“是”表示该行为示意数据"),
    ),
    "金额单位：元。管理效率指标据此计算（公式见规则配置）。“三公”经费：因公出国（境）费、"
    "公务接待费、公务用车购置及运行费，填预算数、决算数、上年决算数；公用经费、政府采购：预算数、"
    "决算数；结转结余：年初结转结余、年末结转结余，填决算数；固定资产：固定资产总额、在用固定资产，"
    "填决算数（年末数）；预算调整：每项调整一行，填调整金额，政策性调整填“是”；信息公开：预算公开、"
    "决算公开、绩效信息公开，填批复日期、公开日期、网址。编制数、在职和离退休人数填在“部门信息”。",
    has_money=True,
)

# 类别 → the 项目 it holds (empty: free text, one row per item) and the columns each row
# must fill. The metrics' formulas are the rules profile's; this is only the sheet's layout.
MANAGEMENT_CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "“三公”经费": (("因公出国（境）费", "公务接待费", "公务用车购置及运行费"),
                 ("budget", "actual")),
    "公用经费": (("公用经费",), ("budget", "actual")),
    "结转结余": (("年初结转结余", "年末结转结余"), ("actual",)),
    "政府采购": (("政府采购",), ("budget", "actual")),
    "固定资产": (("固定资产总额", "在用固定资产"), ("actual",)),
    "预算调整": ((), ("adjustment",)),
    "信息公开": (("预算公开", "决算公开", "绩效信息公开"), ("approved_on",)),
}  # fmt: skip

DATA_SHEETS = (
    BUDGET_SHEET,
    PROJECT_SHEET,
    INDICATOR_SHEET,
    DEPARTMENT_INDICATOR_SHEET,
    STATEMENT_SHEET,
    MANAGEMENT_SHEET,
)
ALL_SHEETS = (PROFILE_SHEET, *DATA_SHEETS)
