"""What the 使用说明 page shows, read from where each part is defined.

The steps of the year follow the workflow's transitions; the workbook's sheets and
columns come from the workbook format the reader and the template use; the findings
come from the finding-code table; the 自动取数 items from the default rules profile.
So the help cannot drift from what the system does.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.finding_codes import FINDING_KINDS, FindingKind
from jixiao.io.workbook_format import ALL_SHEETS, PROFILE_KEYS, SheetSpec
from jixiao.web.services.profiles import profile_for


@dataclass(frozen=True)
class RoleSteps:
    role: str
    sees: str
    steps: tuple[str, ...]


# In the order the year runs: finance opens it, sections fill, the group reviews and
# signs off, the bureau reviews.
ROLE_STEPS = (
    RoleSteps("财务人员", "本部门整个年度", (
        "年初导入本年度工作簿（可先下载空白工作簿，按各表说明填写）。",
        "检查“问题”页面：导入时发现的数据问题须改正工作簿后重新导入。",
        "填写部门整体指标的实际完成值、自评得分和偏差说明。",
        "督促各科室填报项目；也可代为填写、提交项目。",
        "全部项目经工作小组审核后，在“部门整体”页面提交工作小组审核。",
        "锁定后在“报告”页面下载自评报告（Word、网页）和自评表（Excel）。",
        "年中在“监控”页面发起绩效运行监控（如1-7月），导入监控工作簿或逐个项目填报截至本轮的执行数。",
        "在“问题”页面把需要整改的问题“列入整改”（可多选批量列入），审计、巡察等问题在“整改台账”中新建；与科室商定整改期限。",
        "在“结果应用”页面查看各项目下年度预算的安排建议和财政局的处理意见；在“历年”页面查看本部门历年得分、等级、执行率和问题。",
        "签发后在“公开”页面下载公开材料（报告和自评表的 Word、PDF 及公开数据），公开后登记公开日期和网址。",
    )),
    RoleSteps("业务科室", "本科室负责的项目", (
        "登录后在“待办”中查看本科室待填报和被退回的项目。",
        "在项目页面逐项填写实际完成值（定性指标选择完成等级）、自评得分。",
        "未完全完成或超额较多的指标，填写偏差原因分析及改进措施；上传佐证材料。",
        "执行率偏低的项目填写执行偏差说明；填写实际完成情况和自评总分。",
        "确认无误后提交项目；被退回的，按退回原因修改后重新提交。",
        "绩效运行监控时，在“监控”页面逐个项目填报指标累计完成值、全年预计完成值和完成可能性；红、黄、蓝色预警须填写偏差原因和纠偏措施后才能提交本科室填报。",
        "在“整改台账”（或“待办”）中查看本科室的整改任务，逾期的标红；填写整改措施和整改情况，上传整改佐证材料。",
    )),
    RoleSteps("工作小组", "本部门整个年度", (
        "在“待办”中查看已提交、待审核的项目，逐个审核通过或退回（退回须写明原因）。",
        "财务人员提交年度后，在“部门整体”页面审核签发（锁定）或退回。",
        "仍有项目未经审核时不能签发；确需签发的，须写明越过审核的原因，系统记录在案。",
        "绩效运行监控时，对每个红色预警项目作出处理意见（继续实施、调整目标、调整预算、暂缓或停止），各科室提交后提交本轮监控。",
        "在“整改台账”中核实科室上传的佐证材料后销号；可新建整改任务、调整整改期限。",
        "在“公开”页面下载公开材料，登记公开日期和网址。",
    )),
    RoleSteps("财政局", "本地区各部门", (
        "在“待办”中查看工作小组已签发、待审阅的部门年度。",
        "在“各部门对比”中比较依据计算的得分与部门自报得分，差距大的重点复核。",
        "在部门年度的“部门整体”页面审阅完成，或写明原因退回部门重新填报。",
        "在“各部门监控”中查看各部门最近一轮监控的预警项目数、红色预警项目及处理意见，必要时写明原因退回；“全区红色预警项目”把全区的红色预警项目列在一张表中，可按任一列排序、导出 Excel。",
        "在“抽查复核”中按规则抽取样本（随机种子随样本记录，填入同一种子可重现），在抽中项目的页面逐项填写复核得分；差距超过阈值的列入通报，点击“列入整改”或“全部列入整改”为项目所属科室建立整改任务。",
        "在“结果应用”中查看全区结果应用建议表，逐项采纳建议或写明理由调整金额，可下载 Excel。",
        "在“整改台账”中查看全区整改任务和逾期情况，可导出全区整改台账；在部门年度的“历年”页面查看历年变化、与上年对比。",
    )),
)  # fmt: skip


@dataclass(frozen=True)
class SheetHelp:
    name: str
    note: str
    columns: tuple[tuple[str, bool, str], ...]  # header, required, what it holds


def _sheet(spec: SheetSpec) -> SheetHelp:
    columns = tuple((c.header, c.required, c.help) for c in spec.columns)
    return SheetHelp(spec.name, spec.note, columns)


def workbook_sheets() -> list[SheetHelp]:
    """Each sheet of the workbook with its columns, required ones marked."""
    return [_sheet(spec) for spec in ALL_SHEETS]


def profile_items() -> list[str]:
    """The items of the 部门信息 sheet."""
    return list(PROFILE_KEYS)


def metrics() -> list[tuple[str, str]]:
    """The 自动取数 names a department indicator may give, with what each computes."""
    return list(profile_for("default").metrics.items())


def findings() -> tuple[FindingKind, ...]:
    return FINDING_KINDS
