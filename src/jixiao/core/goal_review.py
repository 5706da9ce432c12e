"""绩效目标审核 (goal review): run the rules, then grade each project and the department.

Every project, and the department, gets a review score (100 less the profile's
deduction for each rule that fired for it, once per rule) and a grade 优/良/中/差 by the
profile's bands, with the findings as its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.findings import Finding
from jixiao.core.goal_rules import PRINCIPLES, REVIEW_CHECKS, ReviewInput, project_money
from jixiao.core.money import quantize_half_up
from jixiao.core.profile import GoalReviewRules, RulesProfile
from jixiao.core.records import DEPARTMENT_OWNER, DepartmentYear

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Deduction:
    """One rule that fired for a subject: its code, principle, points and findings."""

    code: str
    principle: str
    points: Decimal
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class ReviewGrade:
    """A project's (or the department's) review score, grade and reasons."""

    subject: str
    name: str
    money: Decimal
    score: Decimal
    grade: str
    deductions: tuple[Deduction, ...]

    @property
    def reasons(self) -> tuple[Finding, ...]:
        return tuple(finding for item in self.deductions for finding in item.findings)


@dataclass(frozen=True, slots=True)
class GoalReview:
    """The whole review of one department-year's goals."""

    data: DepartmentYear
    profile: RulesProfile
    findings: tuple[Finding, ...]
    projects: tuple[ReviewGrade, ...]
    department: ReviewGrade
    projects_mean: Decimal | None


def review_goals(data: DepartmentYear, profile: RulesProfile) -> GoalReview:
    """Run every review check, then grade each project and the department."""
    review = ReviewInput(data, profile, data.indicators_by_project())
    findings = tuple(finding for check in REVIEW_CHECKS for finding in check(review))
    by_subject: dict[str, list[Finding]] = {}
    for finding in findings:
        by_subject.setdefault(finding.subject, []).append(finding)
    rules = profile.goal_review
    projects = tuple(
        _grade(
            project.code,
            project.name,
            project_money(project),
            by_subject.get(project.code, []),
            rules,
        )
        for project in data.projects
    )
    mean = _money_weighted_mean(projects)
    own_findings = by_subject.get(DEPARTMENT_OWNER, [])
    own = _subtract(own_findings, rules)
    share = rules.department_project_share
    score = own if mean is None else share * mean + (1 - share) * own
    money = sum((project.money for project in projects), ZERO)
    department = _grade(
        DEPARTMENT_OWNER, data.department.name, money, own_findings, rules, score=score
    )
    return GoalReview(data, profile, findings, projects, department, mean)


def _deductions(findings: list[Finding], rules: GoalReviewRules) -> tuple[Deduction, ...]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.code, []).append(finding)
    return tuple(
        Deduction(code, PRINCIPLES.get(code, ""), rules.deduction(code), tuple(items))
        for code, items in grouped.items()
    )


def _subtract(findings: list[Finding], rules: GoalReviewRules) -> Decimal:
    """100 less each fired rule's deduction, never below zero."""
    lost = sum((item.points for item in _deductions(findings, rules)), ZERO)
    return max(ZERO, HUNDRED - lost)


def _grade(
    subject: str,
    name: str,
    money: Decimal,
    findings: list[Finding],
    rules: GoalReviewRules,
    score: Decimal | None = None,
) -> ReviewGrade:
    value = quantize_half_up(_subtract(findings, rules) if score is None else score)
    return ReviewGrade(
        subject, name, money, value, rules.grade(value), _deductions(findings, rules)
    )


def _money_weighted_mean(projects: tuple[ReviewGrade, ...]) -> Decimal | None:
    """Projects weigh by their money; with no money at all, equally; None without any."""
    if not projects:
        return None
    money = sum((project.money for project in projects), ZERO)
    if money == ZERO:
        return sum((project.score for project in projects), ZERO) / Decimal(len(projects))
    return sum((project.score * project.money for project in projects), ZERO) / money
