"""Write a monitoring workbook (``jixiao template --monitoring``, the monitoring example)
in the format ``monitoring_reader`` takes: what it writes reads back to the same round."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jixiao.core.monitoring import Deviation, IndicatorProgress, MonitoringRound, ProjectExecution
from jixiao.core.records import DepartmentYear, IndicatorKind
from jixiao.io.monitoring_format import EXECUTION_SHEET, INFO_KEYS, INFO_SHEET, PROGRESS_SHEET
from jixiao.io.workbook_writer import write_sheets

MONITORING_GUIDE = (
    "jixiao 绩效运行监控工作簿（双监控）：每个部门每个监控轮次一个文件。",
    "各工作表第 1 行为填表说明，第 2 行为表头（请勿改动表头文字），第 3 行起填数据。",
    "“监控信息”：部门名称、年度、监控轮次（如“1-7月”，须为规则配置中的轮次）。",
    "“项目执行”：每个项目一行，年初预算数、全年预算数、1 月至截至月份的累计执行数（不得超过全年预算数）、"
    "全年预计执行数；预警项目填偏差原因（经费/制度/人员/硬件/其他）、说明与纠偏措施，红色项目填处理意见。",
    "“指标监控”：每个三级指标一行，批复的年度指标值、累计完成值（定性指标填完成情况：达成/部分达成/未达成）、"
    "全年预计完成值与完成可能性（确定能/有可能/完全不可能）；非绿色预警须填偏差原因与纠偏措施。",
    "预警：执行率 ÷ 序时进度 低于 60% 红、60%–80% 黄、80% 及以上绿；指标完成进度另有 120% 及以上为蓝；"
    "分档以规则配置为准。项目取其执行与各指标中最重的颜色。",
    "生成监控表与监控报告：jixiao monitor 本文件.xlsx --approved 目标工作簿.xlsx -o 输出目录/",
)


def write_monitoring_workbook(round_: MonitoringRound | None, path: str | Path) -> Path:
    """Write ``round_`` (or, with None, a blank monitoring workbook) to ``path``."""
    sheets = (
        (INFO_SHEET, _info_rows(round_)),
        (EXECUTION_SHEET, _execution_rows(round_.projects if round_ else ())),
        (PROGRESS_SHEET, _progress_rows(round_.indicators if round_ else ())),
    )
    return write_sheets(path, MONITORING_GUIDE, sheets)


def write_monitoring_template(
    goals: DepartmentYear, round_name: str, profile: str, path: str | Path
) -> Path:
    """A monitoring workbook for ``round_name`` laid out from the approved ``goals``: each
    project with its 年初预算数 (and, until adjusted, the same 全年预算数), each indicator
    with its approved target; the values to date are left for the sections to fill."""
    info = {"部门名称": goals.department.name, "年度": goals.department.year,
            "监控轮次": round_name, "规则配置": profile}  # fmt: skip
    projects = [
        {"code": p.code, "name": p.name, "section": p.section, "initial": p.fiscal.initial,
         "final": p.fiscal.final, "illustrative": "是" if p.illustrative else ""}
        for p in goals.projects
    ]  # fmt: skip
    indicators = [
        {"owner": i.owner, "level1": i.level1, "level2": i.level2, "name": i.name,
         "kind": i.kind.value, "operator": i.operator.value if i.operator else "",
         "target": i.target if i.kind is IndicatorKind.QUANTITATIVE else i.target_text,
         "unit": i.unit}
        for i in (*goals.indicators, *goals.department_indicators)
    ]  # fmt: skip
    sheets = (
        (INFO_SHEET, [{"key": key, "value": value} for key, value in info.items()]),
        (EXECUTION_SHEET, projects),
        (PROGRESS_SHEET, indicators),
    )
    return write_sheets(path, MONITORING_GUIDE, sheets)


def _info_rows(round_: MonitoringRound | None) -> list[dict]:
    if round_ is None:
        return [{"key": key} for key in INFO_KEYS]
    values = {
        "部门名称": round_.department,
        "年度": round_.year,
        "监控轮次": round_.round_name,
        "规则配置": round_.profile,
    }
    return [{"key": key, "value": value} for key, value in values.items()]


def _deviation(deviation: Deviation) -> dict:
    return {
        "cause": deviation.cause.value if deviation.cause else "",
        "cause_text": deviation.text,
        "measure": deviation.measure,
    }


def _execution_rows(projects: Iterable[ProjectExecution]) -> Iterable[dict]:
    for item in projects:
        yield {
            "code": item.code,
            "name": item.name,
            "section": item.section,
            "initial": item.initial,
            "final": item.final,
            "month": item.month,
            "executed": item.executed,
            "expected": item.expected,
            **_deviation(item.deviation),
            "decision": item.decision.value if item.decision else "",
            "illustrative": "是" if item.illustrative else "",
        }


def _progress_rows(indicators: Iterable[IndicatorProgress]) -> Iterable[dict]:
    for item in indicators:
        quantitative = item.kind is IndicatorKind.QUANTITATIVE
        yield {
            "owner": item.owner,
            "level1": item.level1,
            "level2": item.level2,
            "name": item.name,
            "kind": item.kind.value,
            "operator": item.operator.value if item.operator else "",
            "target": item.target if quantitative else item.target_text,
            "unit": item.unit,
            "value": item.value if quantitative else item.value_text,
            "achievement": item.achievement,
            "expected": item.expected,
            "likelihood": item.likelihood.value if item.likelihood else "",
            **_deviation(item.deviation),
        }
