"""Build ``examples/luopu-2023.xlsx``: the 洛浦街道办事处 2023 department-year.

The figures the 2023 self-evaluation report states (its 收支情况 and 绩效管理情况) are
reproduced by exact 元 amounts chosen so that every rounded figure comes out as
stated; the department indicators carry the facts the report gives (新增经济项目 12 个,
企业注册落地 31 个, 签约项目 10 个, 35 人入伍, the works completed). Everything the
report does not state (most project names, their split, targets and indicators, the
internal units and headcounts of 设置机构及人员情况, the signing date) is illustrative;
project rows are marked so in the workbook (示例数据 = 是), and the report of a workbook
with illustrative rows says so above its title.

Run: ``python examples/make_luopu_2023.py`` (deterministic; rewrites the workbook).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from jixiao.core.classification import class_names
from jixiao.core.records import (
    DEPARTMENT_OWNER,
    Amounts,
    BudgetLine,
    BudgetSource,
    Department,
    DepartmentYear,
    Dimension,
    ExpenditureKind,
    Indicator,
    IndicatorKind,
    ManagementItem,
    Operator,
    Project,
    Statement,
)
from jixiao.io.workbook_writer import write_workbook

OUTPUT = Path(__file__).with_name("luopu-2023.xlsx")
EFFICIENCY_CLASS = "管理效率"
GENERAL = BudgetSource.GENERAL
FUND = BudgetSource.FUND
NAMES = class_names(2023)


def yuan(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


# Per source and 类: (project actual, change against the initial budget), in cents.
# General budget: actual 18,738.13 万元 (187,381,258.37 元), change +2,341.35 万元;
# project expenditure 14,895.78 万元 over 195 二级项目. The nine classes the report names
# move as it says; 201, 207 and 221 move by less than 10 万元 each (the "等").
GENERAL_CLASSES = {
    # code: (project actual, change, basic actual, project count)
    "201": (9_874_512_30, 62_345_18, 2_602_145_612, 30),
    "203": (1_236_780_00, -26_958_800, 0, 4),
    "204": (6_512_300_40, -16_647_550, 0, 12),
    "205": (3_815_000_00, 66_604_800, 0, 8),
    "207": (2_145_660_00, 4_512_000, 0, 10),
    "208": (6_203_410_20, -52_041_260, 766_541_220, 16),
    "210": (17_325_900_00, 876_619_000, 312_458_641, 18),
    "211": (2_401_230_00, 42_291_120, 0, 6),
    "212": (0, 1_156_351_240, 0, 58),  # balances the project total
    "213": (9_812_000_00, 247_873_356, 0, 15),
    "221": (3_220_000_00, 730_991, 161_199_100, 4),
    "224": (4_612_500_00, 35_780_200, 0, 14),
}
GENERAL_PROJECT_ACTUAL = 14_895_781_264  # 14,895.78 万元
GENERAL_ACTUAL = 18_738_125_837  # 18,738.13 万元
GENERAL_CHANGE = 2_341_349_615  # +2,341.35 万元 (14.3%)

# Fund budget: actual 7,010.44 万元, all project expenditure over 43 projects; change
# −1,589.62 万元 (18.5%): 城乡社区 −2,136.21, 其他支出 +539.84, 农林水 +6.75 (unnamed).
FUND_CLASSES = {
    "212": (0, -2_136_208_800, 0, 38),  # balances the fund total
    "229": (550_000_000, 539_841_230, 0, 3),
    "213": (120_000_000, 6_746_730, 0, 2),
}
FUND_ACTUAL = 7_010_435_120  # 7,010.44 万元
FUND_CHANGE = -1_589_620_840

SEED_FUND_PROJECTS = ("市政环卫保洁及公园绿化养护经费", "（街）市政设施建设及维护经费")


def balance(classes: dict, total: int) -> dict:
    """Fill the balancing class (project actual 0) so project actuals sum to ``total``."""
    known = sum(values[0] for values in classes.values())
    return {
        code: (total - known if values[0] == 0 else values[0], *values[1:])
        for code, values in classes.items()
    }


def split(total: int, count: int, rng: random.Random) -> list[int]:
    """``total`` cents in ``count`` uneven positive parts that add up exactly."""
    weights = [rng.randint(30, 300) for _ in range(count)]
    parts = [total * weight // sum(weights) for weight in weights]
    parts[-1] += total - sum(parts)
    return parts


PROJECT_TOPICS = {
    "201": ["党建工作经费", "机关运行保障经费", "政务服务中心运行经费", "网格化服务管理经费",
            "人大工作经费", "政协联络站工作经费", "统计工作经费", "档案管理经费",
            "信访维稳工作经费", "纪检监察工作经费", "“五经普”清查经费", "招商引资工作经费",
            "营商环境优化经费", "农村“三资”管理经费", "意识形态与宣传工作经费"],
    "203": ["民兵整组训练经费", "征兵工作经费"],
    "204": ["综治中心运行经费", "治安联防队伍经费", "反诈宣传经费", "社区矫正与安置帮教经费",
            "护学岗执勤经费", "出租屋管理经费"],
    "205": ["公建配套教育设施经费", "洛溪村幼儿园建设经费", "校外培训治理经费", "教育设施维护经费"],
    "207": ["文化服务中心运行经费", "图书馆分馆开放经费", "龙舟文化活动经费", "非遗与文物保护经费",
            "群众体育活动经费"],
    "208": ["优抚对象补助经费", "就业服务与招聘会经费", "劳资纠纷调处经费", "社区居家养老服务经费",
            "困难群众救助经费", "残疾人服务经费", "退役军人服务站经费", "社会保障服务经费"],
    "210": ["社区卫生服务中心补助经费", "家庭医生签约服务经费", "爱国卫生运动经费", "登革热防控经费",
            "国家卫生城市复审经费", "公共卫生委员会建设经费", "无偿献血活动经费",
            "疫情防控体系经费", "洛浦医院独立运营补助"],
    "211": ["大气污染防治经费", "水污染防治巡查经费", "垃圾分类推广经费"],
    "212": ["市容环境整治经费", "口袋公园建设经费", "智慧城管运行经费", "违法建设治理经费",
            "城中村治理经费", "社区公共服务经费", "城乡社区活动经费", "公建配套项目经费",
            "道路维护经费", "城市更新路演活动经费", "土地整备工作经费", "征拆工作经费",
            "交通秩序整治经费", "村社容貌品质提升经费", "海珠湾隧道工程征拆经费",
            "环岛南路工程配套经费", "北环路升级改造配套经费", "桔树村美丽乡村建设经费",
            "旧村改造推进经费"],
    "213": ["河长制工作经费", "雨污分流工程经费", "农村生活污水治理经费", "高标准农田建设经费",
            "耕地保护与复耕经费", "农技服务与农业保险经费", "堤防巡查维护经费"],
    "221": ["保障性租赁住房筹集经费", "住房保障服务经费"],
    "224": ["“三防”应急物资经费", "抢险队伍建设经费", "安全生产检查经费", "消防安全隐患整治经费",
            "微型消防站运行经费", "内涝治理经费", "应急演练经费"],
}  # fmt: skip

FUND_TOPICS = {
    "212": ["市政环卫保洁及公园绿化养护经费", "（街）市政设施建设及维护经费", "城市基础设施配套费项目",
            "排水设施维护经费", "沙滘围流域排水单元管网改造经费", "村级道路建设经费",
            "公园升级改造前期经费", "土地收储前期经费", "堤防加固工程经费", "路灯设施维护经费"],
    "229": ["彩票公益金社会福利项目", "彩票公益金体育设施项目", "专项债券配套项目"],
    "213": ["农田水利设施维护经费", "水系连通工程经费"],
}  # fmt: skip

SECTIONS = {
    "201": "党政综合办公室", "203": "武装部", "204": "平安建设办公室", "205": "公共服务办公室",
    "207": "公共服务办公室", "208": "社会事务办公室", "210": "公共服务办公室",
    "211": "城市管理办公室", "212": "城市管理办公室", "213": "农业农村办公室",
    "221": "规划建设办公室", "224": "应急管理办公室", "229": "财政所",
}  # fmt: skip


def project_name(code: str, index: int, topics: dict[str, list[str]]) -> str:
    names = topics[code]
    base = names[index % len(names)]
    round_number = index // len(names)
    return base if round_number == 0 else f"{base}（第{round_number + 1}批）"


def build_projects(
    source: BudgetSource, classes: dict, topics: dict, prefix: str, rng: random.Random
) -> tuple[list[Project], list[BudgetLine]]:
    """Projects per class, and the class's 项目支出 line as their exact sum."""
    projects: list[Project] = []
    lines: list[BudgetLine] = []
    for class_code, (actual_total, change, _basic, count) in classes.items():
        # Largest first: the projects named first (the seed's own) are the biggest.
        actuals = sorted(split(actual_total, count, rng), reverse=True)
        initial_total = actual_total - change
        initials = split(initial_total, count, rng)
        if count > 3 and initial_total > 0:
            # A project added mid-year has no initial budget (and so no change rate).
            initials[1] += initials[0]
            initials[0] = 0
        class_projects = [
            _project(source, class_code, prefix, len(projects) + i + 1, actuals[i], initials[i],
                     project_name(class_code, i, topics), rng)
            for i in range(count)
        ]  # fmt: skip
        projects.extend(class_projects)
        total = Amounts(Decimal(0), Decimal(0), Decimal(0))
        for project in class_projects:
            total = total + project.fiscal
        lines.append(
            BudgetLine(source, class_code, NAMES[class_code], ExpenditureKind.PROJECT, total)
        )
    return projects, lines


def _project(
    source: BudgetSource, class_code: str, prefix: str, number: int, actual: int, initial: int,
    name: str, rng: random.Random,
) -> Project:  # fmt: skip
    rate_per_mille = rng.choice([1000] * 6 + [990, 985, 975, 960, 930, 880, 820, 760])
    final = actual * 1000 // rate_per_mille
    explanation = ""
    if rate_per_mille < 900:
        # Every slow project explains itself (the form requires it); two illustrative reasons.
        explanation = (
            "部分工程款按合同约定待验收后支付，结余资金已按规定收回统筹。"
            if rng.random() < 0.7
            else "部分采购项目招标延期，合同于第四季度签订，资金将按合同进度支付。"
        )
    return Project(
        code=f"{prefix}{number:03d}",
        name=name,
        source=source,
        class_code=class_code,
        fiscal=Amounts(yuan(initial), yuan(final), yuan(actual)),
        section=SECTIONS[class_code],
        goal=f"保障{name.removesuffix('经费')}按计划实施，完成年度工作任务。",
        goal_outcome="已按计划组织实施，年度任务基本完成。",
        execution_explanation=explanation,
        illustrative=name not in SEED_FUND_PROJECTS,
    )


def basic_lines(classes: dict) -> list[BudgetLine]:
    """基本支出 lines (staff and running costs): fully spent, no change."""
    lines = []
    for class_code, (_project_actual, _change, basic, _count) in classes.items():
        if basic:
            final = basic + basic // 100
            amounts = Amounts(yuan(basic), yuan(final), yuan(basic))
            lines.append(
                BudgetLine(GENERAL, class_code, NAMES[class_code], ExpenditureKind.BASIC, amounts)
            )
    return lines


def _indicator(owner: str, level1: str, level2: str, name: str, weight: int, **fields) -> Indicator:
    kind = IndicatorKind.QUALITATIVE if "band" in fields else IndicatorKind.QUANTITATIVE
    return Indicator(
        owner=owner, level1=level1, level2=level2, name=name, kind=kind,
        weight=Decimal(weight), **fields,
    )  # fmt: skip


def project_indicators(project: Project, rng: random.Random) -> list[Indicator]:
    """产出 50 (数量 20, 质量 15, 时效 15), 效益 30, 满意度 10: five illustrative rows.

    About one project in eight misses a target; each has its deviation explanation (the
    form requires one), in one of a few illustrative wordings.
    """
    code = project.code
    topic = re.sub(r"经费|（第\d+批）", "", project.name)
    planned = rng.choice([4, 6, 8, 10, 12, 20, 24, 50])
    done = planned if rng.random() > 0.2 else planned - max(1, planned * rng.randint(1, 5) // 10)
    explain = ""
    if done != planned:
        explain = (
            "部分任务因上级部署调整未启动，已按调整后的计划推进。"
            if rng.random() < 0.25
            else "受施工周期影响部分任务顺延至次年，已纳入下年度计划。"
        )
    satisfaction = rng.choice([84, 88, 92, 93, 95, 96, 97, 98])
    satisfaction_note = ""
    if satisfaction < 90:
        satisfaction_note = (
            "服务对象对办理时效意见较多，下年度优化流程、增加回访。"
            if rng.random() < 0.7
            else "部分服务对象对服务覆盖面提出意见，下年度扩大服务范围并加强宣传。"
        )
    on_time = rng.random() > 0.08
    return [
        _indicator(code, "产出指标", "数量指标", f"{topic}完成任务数", 20,
                   operator=Operator.AT_LEAST, target=Decimal(planned), unit="项",
                   actual=Decimal(done), self_score=Decimal(20), explanation=explain,
                   evidence="工作台账", basis="计划标准"),
        _indicator(code, "产出指标", "质量指标", "验收合格率", 15,
                   operator=Operator.AT_LEAST, target=Decimal(95), unit="%",
                   actual=Decimal(100), self_score=Decimal(15), evidence="验收资料",
                   basis="行业标准"),
        _indicator(code, "产出指标", "时效指标", "按计划时限完成", 15,
                   band="达成" if on_time else "部分达成", target_text="年内按计划完成",
                   actual_text="按计划完成" if on_time else "部分任务延期",
                   self_score=Decimal(15 if on_time else 11),
                   explanation="" if on_time else "前期手续办理时间较长，已压实进度责任。",
                   evidence="进度台账", basis="计划标准"),
        _indicator(code, "效益指标", "社会效益指标", f"{topic}服务保障作用", 30,
                   band="达成", target_text="有效保障辖区工作开展",
                   actual_text="有效保障", self_score=Decimal(29), evidence="工作总结",
                   basis="其他"),
        _indicator(code, "满意度指标", "服务对象满意度指标", "服务对象满意度", 10,
                   operator=Operator.AT_LEAST, target=Decimal(90), unit="%",
                   actual=Decimal(satisfaction), self_score=Decimal(10), evidence="满意度问卷",
                   explanation=satisfaction_note,
                   basis="历史标准"),
    ]  # fmt: skip


def department_indicators() -> list[Indicator]:
    """履职效能 60 from the facts the report states; 管理效率 40 computed from the budget and
    from 决算与管理数据 (the 管理效率 rows' first-level class is 管理效率 itself)."""
    d = DEPARTMENT_OWNER
    eff = Dimension.EFFECTIVENESS
    mgmt = Dimension.EFFICIENCY
    at_least = Operator.AT_LEAST
    at_most = Operator.AT_MOST
    return [
        _indicator(d, "产出指标", "数量指标", "新增经济项目", 6, dimension=eff, operator=at_least,
                   target=Decimal(10), unit="个", actual=Decimal(12), evidence="经济项目库台账",
                   basis="计划标准"),
        _indicator(d, "产出指标", "数量指标", "企业注册落地", 6, dimension=eff, operator=at_least,
                   target=Decimal(30), unit="个", actual=Decimal(31), evidence="企业注册登记清单",
                   basis="计划标准"),
        _indicator(d, "产出指标", "数量指标", "签约项目", 6, dimension=eff, operator=at_least,
                   target=Decimal(10), unit="个", actual=Decimal(10), evidence="签约协议",
                   basis="计划标准"),
        _indicator(d, "产出指标", "数量指标", "征兵任务实际入伍人数", 6, dimension=eff,
                   operator=at_least, target=Decimal(30), unit="人", actual=Decimal(35),
                   evidence="入伍通知书名册", basis="计划标准"),
        _indicator(d, "产出指标", "时效指标", "重点工程按期完工", 6, dimension=eff,
                   operator=at_least, target=Decimal(5), unit="项", actual=Decimal(5),
                   evidence="竣工验收资料：500千伏变电站配套工程、桔树村美丽乡村建设项目、"
                   "沙滘围流域排水单元配套公共管网、沙滘围北堤中海蓝湾北门段堤防加固、"
                   "南大围（丽江花园段）堤防加固", basis="计划标准"),
        _indicator(d, "产出指标", "质量指标", "国家卫生城市复审", 5, dimension=eff, band="达成",
                   target_text="通过复审", actual_text="完成国家卫生城市复审",
                   self_score=Decimal(5), evidence="复审结果通报", basis="其他"),
        _indicator(d, "产出指标", "时效指标", "雨污分流工程进度", 5, dimension=eff,
                   band="部分达成", target_text="厦滘村、洛溪村年内完工",
                   actual_text="厦滘村、洛溪村基本完工；上滘村、西三村、桔树村 11 月进场",
                   self_score=Decimal("3.5"),
                   explanation="部分村雨污分流工程 11 月方进场施工，年底未全部完工；已列入下年度重点督办。",
                   evidence="工程进度月报", basis="计划标准"),
        _indicator(d, "效益指标", "社会效益指标", "海珠湾隧道工程征拆任务", 5, dimension=eff,
                   band="达成", target_text="完成征拆任务", actual_text="完成用地移交和补偿协议签订",
                   self_score=Decimal(5), evidence="补偿协议、移交记录", basis="计划标准"),
        _indicator(d, "效益指标", "生态效益指标", "高标准农田建设通过验收", 5, dimension=eff,
                   band="达成", target_text="通过验收", actual_text="通过验收",
                   self_score=Decimal("4.5"), evidence="验收意见", basis="计划标准"),
        _indicator(d, "满意度指标", "服务对象满意度指标", "辖区群众满意度", 10, dimension=eff,
                   operator=at_least, target=Decimal(90), unit="%", actual=Decimal(92),
                   evidence="群众满意度调查（示例）", basis="历史标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算编制", "绩效目标覆盖率", 4, dimension=mgmt,
                   operator=Operator.EQUAL, target=Decimal(100), unit="%",
                   metric="goal_coverage", basis="计划标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算执行", "预算执行率", 8, dimension=mgmt, operator=at_least,
                   target=Decimal(95), unit="%", metric="budget_execution_rate", basis="行业标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算执行", "预算调整率", 4, dimension=mgmt, operator=at_most,
                   target=Decimal(10), unit="%", metric="itemised_adjustment_rate",
                   basis="行业标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算执行", "结转结余率", 4, dimension=mgmt, operator=at_most,
                   target=Decimal(5), unit="%", metric="carryover_rate", basis="行业标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算管理", "“三公”经费控制率", 4, dimension=mgmt,
                   operator=at_most, target=Decimal(100), unit="%",
                   metric="three_public_control_rate", basis="计划标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算管理", "公用经费控制率", 3, dimension=mgmt,
                   operator=at_most, target=Decimal(100), unit="%",
                   metric="public_funds_control_rate", basis="计划标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算管理", "政府采购执行率", 3, dimension=mgmt,
                   operator=at_least, target=Decimal(90), unit="%",
                   metric="procurement_execution_rate", basis="行业标准"),
        _indicator(d, EFFICIENCY_CLASS, "预算管理", "在职人员控制率", 2, dimension=mgmt,
                   operator=at_most, target=Decimal(100), unit="%", metric="staff_control_rate",
                   basis="计划标准"),
        _indicator(d, EFFICIENCY_CLASS, "资产管理", "固定资产利用率", 2, dimension=mgmt,
                   operator=at_least, target=Decimal(95), unit="%",
                   metric="fixed_asset_use_rate", basis="行业标准"),
        _indicator(d, EFFICIENCY_CLASS, "绩效管理", "项目自评覆盖率", 4, dimension=mgmt,
                   operator=Operator.EQUAL, target=Decimal(100), unit="%",
                   metric="self_evaluation_coverage", basis="计划标准"),
        _indicator(d, EFFICIENCY_CLASS, "信息公开", "公开及时性", 2, dimension=mgmt,
                   operator=Operator.EQUAL, target=Decimal(100), unit="%",
                   metric="publication_timeliness", basis="其他"),
    ]  # fmt: skip


FUNCTIONS = (
    "洛浦街道办事处在番禺区人民政府和街道党工委的领导下，负责辖区内的经济建设、行政管理、执法监督、"
    "城市管理等职能。其主要职责包括：执行党和国家的方针政策，领导地区性、群众性、公益性、社会性工作；"
    "全面从严治党，推进党的各项建设；加强基层党建，管理党员，负责思想政治工作；管理街道机关和所属单位的"
    "干部及工作人员；负责公共服务，改善民生，管理社会事务；综合治理，维护社会稳定，负责安全生产和应急管理；"
    "完善基层社会治理体系，指导村民委员会建设，动员社会力量参与治理；负责规划建设、经济发展，管理国有资产，"
    "优化营商环境；以及完成上级交办的其他任务。",
)
TASKS = (
    "（1）推动经济协同发展，优化疫情防控措施，明确洛浦经济定位，规划产业布局，增强招商引资和科技创新，"
    "培育专业企业。重点发展医疗、建筑、文创、传媒和数字经济，打造标志性产业园区。加强招商引资，完善经济"
    "项目库，提供企业服务，优化政务服务，改善营商环境，举办招聘会促进就业。",
    "（2）提升城市功能品质，推动城乡融合发展，创造宜居环境。重点推进沙溪大桥、沙溪大道等基础设施建设。"
    "加强河长责任，推进排水整治和治水工程。全力推进旧村改造，完善交通规划，加大土地收储，改善城乡环境，"
    "推进垃圾分类，提升人居环境。",
    "（3）构建高效安全治理体系，推动社会治理精细化。完善治安防控和应急处置机制，推进平安建设，加强社会"
    "治理，深化交通秩序治理，加强安全生产责任，提高“三防”防御能力，做好极端天气应对。",
    "（4）关注民生，提升生活品质。优化疫情防控体系，支持洛浦医院独立运营，完善社卫中心；推进养老保险和"
    "医疗保险，促进就业，强化劳资纠纷治理；增加教育投入，完善文化体育服务，保护非遗文物。",
    "（5）强化政治建设，推动从严治党，实施“第一议题”制度，确保习近平新时代中国特色社会主义思想和党的"
    "二十大精神在基层落实。加强党风廉政建设，深化作风和队伍建设，整改巡察反馈问题，加强法治政府建设。",
)
INSTITUTIONS = (
    "本部门内设党政综合办公室、党建工作办公室、经济发展办公室、公共服务办公室、平安建设办公室、"
    "规划建设办公室、城市管理办公室（综合行政执法队）等 7 个机构，下设党群服务中心、政务服务中心、"
    "退役军人服务站等事业单位。",
)
OVERALL_GOAL = (
    "认真贯彻落实党的二十大精神，紧密围绕区委区政府构建新时代高质量发展新格局的目标要求，将“党建引领、"
    "班子建设”作为街党工委的头号工程、将“经济建设发展”作为办事处的头号工程，为番禺区打造大湾区世界级"
    "城市群中的现代化亲海智城，推动高质量发展“智慧洛浦、魅力洛浦、幸福洛浦、时尚洛浦”接续奋斗。",
)
CONCLUSION = (
    "2023 年，洛浦街党工委、办事处牢固树立“主动作为、异军突围、大有可为”的“三为意识”，不断强化践行"
    "“三年功夫两年干，竞标争先冲冲冲”的行动共识，真抓实干，谋定快干，埋头苦干，为夯实番禺“智造创新城”"
    "新战略定位而努力，开创高质量发展新局面。",
)
EFFECTIVENESS = (
    "提供优质服务以促进发展，完善“百千万工程”高质量发展机制。深化产业链招商，推动四大产业集聚。今年新增"
    "经济项目12个，完成企业注册落地31个，签约项目10个。",
    "完成海珠湾隧道工程征拆任务；500 千伏变电站配套工程完工，桔树村美丽乡村建设项目竣工验收；完成沙滘围"
    "流域排水单元配套公共管网完善及改造工程、沙滘围北堤中海蓝湾北门段堤防加固工程和南大围（丽江花园段）"
    "堤防加固工程建设；厦滘村、洛溪村雨污分流工程基本完工。",
    "强化党建引领，确保党管武装工作落实，超额完成征兵任务，35人实际入伍。高标准农田建设通过验收，完成"
    "国家卫生城市复审。",
)
MANAGEMENT = (
    "政府预算编制工作日益规范，注重绩效目标的设定与量化；加强预算执行监控、定期评估等措施，确保预算执行"
    "的规范性和有效性。通过政府网站、媒体等渠道及时公开预算、决算、绩效评价等信息。政府采购管理逐步规范，"
    "落实节能产品、环保标志产品、促进中小企业发展等政策。建立了较为完善的资产管理制度和台账，通过定期盘点、"
    "清查等方式确保资产的安全和完整。",
)
PROBLEMS = (
    (
        "部门绩效主体意识不强、绩效管理形式大于内容",
        "部分预算单位编报的绩效目标不科学、不全面，不能据此安排单位年度预算，绩效目标与预算安排存在“两张皮”"
        "现象。大部分预算单位绩效目标和结果自评打分都在 95-100 之间，自评结果打分随意、缺乏说服力。对于需要"
        "开展绩效评价的项目缺乏跟踪，跟踪评价中发现的问题和相关责任还没有形成有效的制约机制。",
    ),
    (
        "绩效管理体制、机制还不健全",
        "绝大多数单位把绩效管理工作只落实到财务人员头上，单位内部没有建立绩效评价协调机制，而财务人员对"
        "绩效指标的一些基础数据、信息资料不是很清楚，存在被动应付现象。",
    ),
    ("评价结果应用不足", "评价结果未能有效应用于政策制定、执行和监督过程中。"),
)
MEASURES = (
    ("加强绩效管理培训，提升部门绩效主体意识",
     "改进绩效目标的科学性和全面性，确保绩效目标与年度预算安排紧密结合，消除“两张皮”现象；规范绩效目标和"
     "自评结果的打分机制，确保评价的客观性和准确性；建立绩效评价跟踪机制，对项目执行中的问题及时监控，明确"
     "相关责任。"),
    ("成立部门预算绩效管理工作小组",
     "加强部门预算绩效管理组织保障，由业务科室填报本科室项目的指标与佐证，解决主体责任落实不到位问题。"),
    ("建立及时有效的反馈机制",
     "设定明确的整改时间节点，及时反馈评价结果并提出具体改进建议，跟踪整改落实情况并应用于下年度预算安排。"),
)  # fmt: skip


def _wan(text: str) -> Decimal:
    return Decimal(text) * 10000


def _published(name: str, approved: date, published: date) -> ManagementItem:
    return ManagementItem("信息公开", name, approved_on=approved, published_on=published,
                          address="番禺区人民政府门户网站·洛浦街道信息公开专栏（示例）",
                          illustrative=True)  # fmt: skip


def management_data() -> tuple[ManagementItem, ...]:
    """决算与管理数据: illustrative figures (示例数据), not the department's final accounts;
    only 年末结转结余 follows from the workbook (全年预算数 − 全年执行数)."""
    item = ManagementItem
    three = "“三公”经费"
    return (
        item(three, "因公出国（境）费", budget=Decimal(0), actual=Decimal(0), previous=Decimal(0),
             illustrative=True),
        item(three, "公务接待费", budget=_wan("8"), actual=_wan("5.6213"), previous=_wan("6.3105"),
             illustrative=True),
        item(three, "公务用车购置及运行费", budget=_wan("25"), actual=_wan("21.36884"),
             previous=_wan("23.852"), illustrative=True),
        item("公用经费", "公用经费", budget=_wan("1250"), actual=_wan("1186.421536"),
             illustrative=True),
        item("结转结余", "年初结转结余", actual=_wan("982.643015"), illustrative=True),
        item("结转结余", "年末结转结余", actual=_wan("1137.150863"),
             note="全年预算数减全年执行数", illustrative=True),
        item("政府采购", "政府采购", budget=_wan("3860"), actual=_wan("3702.18065"),
             illustrative=True),
        item("固定资产", "固定资产总额", actual=_wan("9560.331822"), illustrative=True),
        item("固定资产", "在用固定资产", actual=_wan("9410.80156"), illustrative=True),
        item("预算调整", "年中追加城乡社区支出（雨污分流及排水管网工程）",
             adjustment=_wan("1156.35"), illustrative=True),
        item("预算调整", "追加卫生健康支出（疫情防控，上级交办）", adjustment=_wan("876.62"),
             policy=True, illustrative=True),
        item("预算调整", "追加农林水支出（高标准农田建设）", adjustment=_wan("247.87"),
             illustrative=True),
        item("预算调整", "基本支出与项目支出之间的结构调整", adjustment=_wan("120"),
             illustrative=True),
        _published("预算公开", date(2023, 1, 20), date(2023, 2, 6)),
        _published("决算公开", date(2023, 8, 4), date(2023, 8, 22)),
        _published("绩效信息公开", date(2023, 8, 4), date(2023, 8, 22)),
    )  # fmt: skip


def build() -> DepartmentYear:
    rng = random.Random(2023)
    general = balance(GENERAL_CLASSES, GENERAL_PROJECT_ACTUAL)
    fund = balance(FUND_CLASSES, FUND_ACTUAL)
    general_projects, general_lines = build_projects(GENERAL, general, PROJECT_TOPICS, "LP23G", rng)
    fund_projects, fund_lines = build_projects(FUND, fund, FUND_TOPICS, "LP23F", rng)
    projects = general_projects + fund_projects
    indicators = [row for project in projects for row in project_indicators(project, rng)]
    projects = [_with_self_score(project) for project in projects]
    department = Department(
        name="洛浦街道办事处",
        full_name="广州市番禺区人民政府洛浦街道办事处",
        parent="广州市番禺区人民政府",
        year=2023,
        jurisdiction="广东省广州市番禺区",
        profile="default",
        self_score=Decimal(99),
        functions=FUNCTIONS,
        tasks=TASKS,
        overall_goal=OVERALL_GOAL,
        effectiveness_text=EFFECTIVENESS,
        management_text=MANAGEMENT,
        conclusion_text=CONCLUSION,
        institutions=INSTITUTIONS,
        staff_quota=86,
        staff_in_post=81,
        retired=47,
        signing_date="2024年3月29日",
    )
    data = DepartmentYear(
        department=department,
        budget_lines=tuple(basic_lines(general) + general_lines + fund_lines),
        projects=tuple(projects),
        indicators=tuple(indicators),
        department_indicators=tuple(department_indicators()),
        problems=tuple(Statement(title, body) for title, body in PROBLEMS),
        measures=tuple(Statement(title, body) for title, body in MEASURES),
        management=management_data(),
    )
    _assert_reproduces_report(data)
    return data


def _with_self_score(project: Project) -> Project:
    """Self-declared totals as departments file them: 95–100 whatever the evidence."""
    score = Decimal(95 + int(project.code[-3:]) % 6)
    return replace(project, self_score=score)


def _assert_reproduces_report(data: DepartmentYear) -> None:
    def total(source: BudgetSource, field: str) -> int:
        return sum(
            int(getattr(line.amounts, field) * 100)
            for line in data.budget_lines
            if line.source is source
        )

    assert total(GENERAL, "actual") == GENERAL_ACTUAL
    assert total(GENERAL, "actual") - total(GENERAL, "initial") == GENERAL_CHANGE
    assert total(FUND, "actual") == FUND_ACTUAL
    assert total(FUND, "actual") - total(FUND, "initial") == FUND_CHANGE
    assert sum(1 for p in data.projects if p.source is GENERAL) == 195
    assert sum(1 for p in data.projects if p.source is FUND) == 43


def main() -> None:
    path = write_workbook(build(), OUTPUT)
    print(f"已写入 {path}")


if __name__ == "__main__":
    main()
