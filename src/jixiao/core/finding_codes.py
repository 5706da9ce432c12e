"""What each finding code means, in Chinese: its name, what it says and how to resolve it.

The checks (``checks.py``) give every finding a stable code; this table is the one place
its words live. The report's 存在的主要问题 groups findings under the names, the web's
问题 screen and its filter show them, and the help page lists every entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FindingKind:
    """A finding code in words: its short name, what it means, and how to resolve it."""

    code: str
    name: str
    meaning: str
    remedy: str
    # Resolved by filling in the web pages (not by correcting and re-importing the workbook).
    on_page: bool = False


FINDING_KINDS: tuple[FindingKind, ...] = (
    FindingKind(
        "WEIGHT_TOTAL",
        "项目分值合计不为 100",
        "项目各三级指标分值加上预算执行率分值，合计应为 100。",
        "在“项目绩效指标”表中调整该项目的指标分值，使合计为 100 后重新导入。",
    ),
    FindingKind(
        "LEVEL_WEIGHTS",
        "指标分值与规则不一致",
        "项目一级指标（产出、效益、满意度）的分值合计与规则配置的权重不一致。",
        "按规则配置的权重调整各一级指标下的分值；确有特殊安排的，在偏差说明中写明。",
    ),
    FindingKind(
        "DEPARTMENT_INDICATORS_MISSING",
        "缺少部门整体指标",
        "没有部门整体绩效指标，无法进行部门整体自评。",
        "在工作簿“部门整体指标”表中填写履职效能和管理效率指标后重新导入。",
    ),
    FindingKind(
        "DEPARTMENT_WEIGHT_TOTAL",
        "部门整体分值合计不为 100",
        "部门整体各指标分值合计应为 100。",
        "在“部门整体指标”表中调整分值，使合计为 100。",
    ),
    FindingKind(
        "DIMENSION_WEIGHT",
        "部门整体指标分值与规则不一致",
        "部门整体指标中某一维度（履职效能、管理效率）的分值合计与规则配置不一致。",
        "按规则配置的维度权重调整各指标分值。",
    ),
    FindingKind(
        "QUALITATIVE_BAND",
        "定性指标完成等级无效",
        "定性指标须选择规则配置中的完成等级（如达成、部分达成、未达成）。",
        "在项目页面的指标表中为该指标选择完成等级。",
        on_page=True,
    ),
    FindingKind(
        "QUALITATIVE_SCORE_OUT_OF_BAND",
        "定性指标自评得分超出等级区间",
        "定性指标的自评得分不在所选完成等级对应的得分区间内。",
        "改选与实际相符的完成等级，或把自评得分改到该等级的区间内。",
        on_page=True,
    ),
    FindingKind(
        "TARGET_INCOMPLETE",
        "定量指标目标不完整",
        "定量指标须有运算符（≥ ＞ = ≤ ＜）和年度指标值，否则无法计分。",
        "在“项目绩效指标”表中补充运算符和年度指标值后重新导入。",
    ),
    FindingKind(
        "UNIT_MISSING",
        "指标度量单位缺失",
        "定量指标没有度量单位，目标和完成值的含义不明确。",
        "在工作簿中为该指标填写度量单位（如 %、个、次、万元）。",
    ),
    FindingKind(
        "ACTUAL_MISSING",
        "实际完成值未填报",
        "定量指标未填写实际完成值，按 0 分计。",
        "在项目页面的指标表中填写实际完成值，并上传佐证材料。",
        on_page=True,
    ),
    FindingKind(
        "DEVIATION_EXPLANATION_MISSING",
        "偏差原因分析缺失",
        "指标未完全完成，或超过目标较多（目标可能偏低），须说明偏差原因及改进措施。",
        "在项目页面该指标的“偏差原因分析及改进措施”栏中写明原因和下一步措施。",
        on_page=True,
    ),
    FindingKind(
        "INDICATOR_CLASS",
        "一级指标不在指标体系中",
        "指标的一级指标名称不是规则配置的指标体系所列的一级指标，无法按权重计分。",
        "在“项目绩效指标”表中把一级指标改为规则配置所列的名称（如产出指标、效益指标、满意度指标）后重新导入。",
    ),
    FindingKind(
        "EXECUTION_REASON_MISSING",
        "预算执行偏慢且未说明原因",
        "项目预算执行率低于规则配置的要求，须说明原因。",
        "在项目页面的“执行偏差说明”中写明执行偏慢的原因和措施。",
        on_page=True,
    ),
    FindingKind(
        "GOAL_MISSING",
        "资金未被绩效目标覆盖",
        "项目没有绩效指标，其资金未被绩效目标覆盖（目标与预算“两张皮”）。",
        "在“项目绩效指标”表中为该项目补充产出、效益指标后重新导入。",
    ),
    FindingKind(
        "GOAL_LEVEL_MISSING",
        "绩效指标设置不完整",
        "项目缺少产出指标或效益指标。",
        "为该项目补充缺少的一级指标及其三级指标。",
    ),
    FindingKind(
        "QUALITATIVE_SHARE",
        "绩效目标量化不足",
        "项目定性指标所占比例超过规则配置的上限。",
        "能量化的目标改用定量指标，写明运算符、目标值和单位。",
    ),
    FindingKind(
        "INPUT_AS_OUTPUT",
        "以投入代替产出",
        "产出指标以金额为单位，把资金投入当作了产出。",
        "改用反映实际产出的数量、质量或时效指标；金额类指标归入成本指标。",
    ),
    FindingKind(
        "PROJECTS_VS_BUDGET",
        "项目资金与预算收支不符",
        "同一预算类型下各项目财政拨款合计与预算收支表的项目支出不一致。",
        "核对“项目”表与“预算收支”表的金额，修正后重新导入。",
    ),
    FindingKind(
        "PROJECT_SOURCE_NOT_IN_BUDGET",
        "项目预算类型无对应预算",
        "项目的预算类型在预算收支表中没有对应行。",
        "在“预算收支”表中补充该预算类型的项目支出行，或改正项目的预算类型。",
    ),
    FindingKind(
        "PROJECT_LINES_MISSING",
        "预算收支缺少项目支出",
        "某预算类型下有项目，但预算收支表中没有项目支出行。",
        "在“预算收支”表中补充该预算类型的项目支出行后重新导入。",
    ),
    FindingKind(
        "SELF_SCORE_GAP",
        "自评打分缺乏依据",
        "项目自评总分与依据指标计算的得分相差超过规则配置的阈值。",
        "核对各指标的实际完成值和佐证材料；自评总分应与计算得分相符，差异须有依据。",
        on_page=True,
    ),
    FindingKind(
        "MANAGEMENT_METRIC_TYPED",
        "管理效率指标手工填报",
        "该部门整体指标（如“三公”经费控制率、结转结余率）可由系统依据“决算与管理数据”计算，"
        "却手工填写了完成值或完成等级。",
        "在“部门整体指标”表该行的“自动取数”列填写对应的指标代码（见使用说明），删去手填的完成值。",
    ),
    FindingKind(
        "DEPARTMENT_CLASS",
        "部门整体指标一级指标与维度不符",
        "部门整体指标的一级指标不是其维度下的一级指标（如管理效率指标标为产出指标）。",
        "按规则配置修改“部门整体指标”表该行的“一级指标”（管理效率指标的一级指标为“管理效率”）。",
    ),
    FindingKind(
        "METRIC_UNKNOWN",
        "自动取数项不存在",
        "部门整体指标的“自动取数”一栏写了系统不认识的取数项。",
        "改为规则配置列出的取数项之一，或清空该栏改为手工填写实际完成值。",
    ),
    FindingKind(
        "METRIC_UNAVAILABLE",
        "自动取数无法计算",
        "部门整体指标的自动取数无法计算（如分母为零）。",
        "检查预算收支数据是否完整；确实无法计算的，改为手工填写实际完成值。",
    ),
    FindingKind(
        "MONITOR_IMPOSSIBLE_FULL_MARKS",
        "监控预警“完全不可能”的指标自评满分",
        "该指标在年中绩效运行监控中为红色预警、完成可能性为“完全不可能”，年终自评却为满分。",
        "核实实际完成值和自评得分；确已完成的，在“偏差原因分析及改进措施”中说明监控后采取的措施和完成情况。",
        on_page=True,
    ),
)
KINDS_BY_CODE = {kind.code: kind for kind in FINDING_KINDS}
ON_PAGE_CODES = tuple(kind.code for kind in FINDING_KINDS if kind.on_page)
UNKNOWN_NAME = "数据检查问题"


def finding_name(code: str) -> str:
    """The Chinese name of a finding code (a generic name for a code not in the table)."""
    kind = KINDS_BY_CODE.get(code)
    return kind.name if kind else UNKNOWN_NAME
