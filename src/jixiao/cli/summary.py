"""What the commands print about one department-year, as text or as JSON-ready data."""

from __future__ import annotations

from pathlib import Path

from jixiao.core.evaluation import Evaluation
from jixiao.core.findings import Finding, Severity, count_by_severity


def findings_line(findings: tuple[Finding, ...] | list[Finding]) -> str:
    counts = count_by_severity(findings)
    return "，".join(f"{severity.label} {counts[severity]} 条" for severity in Severity)


def headline(evaluation: Evaluation) -> str:
    department = evaluation.data.department
    score = evaluation.department_score
    return (
        f"{department.name} {department.year} 年度：部门整体得分 {score.total} 分，等级“{score.grade}”；"
        f"项目 {len(evaluation.project_scores)} 个；检查发现 {findings_line(evaluation.findings)}"
    )


def rules_line(evaluation: Evaluation) -> str:
    """Which rules scored the year, and how many of their values lack a published text.

    Printed by the command, never written into the report or onto a form.
    """
    profile = evaluation.profile
    line = f"  规则配置：{profile.name}"
    if profile.unconfirmed:
        line += (
            f"；其中 {len(profile.unconfirmed)} 项为通行做法，尚未对应地方正式文件"
            "（逐项见自评表的“说明”工作表）"
        )
    return line


def evaluation_dict(evaluation: Evaluation) -> dict[str, object]:
    department = evaluation.data.department
    score = evaluation.department_score
    counts = count_by_severity(evaluation.findings)
    return {
        "department": department.name,
        "year": department.year,
        "profile": evaluation.profile.id,
        "score": str(score.total),
        "grade": score.grade,
        "dimensions": {
            name: {"weight": str(weight), "score": str(value)}
            for name, (weight, value) in score.dimension_totals.items()
        },
        "projects": len(evaluation.project_scores),
        "findings_count": {severity.value: counts[severity] for severity in Severity},
    }


def print_findings(
    findings: tuple[Finding, ...] | list[Finding], source: Path | None = None
) -> None:
    prefix = f"{source.name}：" if source else ""
    for finding in findings:
        print(f"{prefix}{finding.describe()}")
