"""A monitoring round's rows as the core's MonitoringRound, which the core then colours.

The web decides no colour: ``review_round`` hands the records to
``core.monitoring_review`` with the rules of the year's profile.
"""

from __future__ import annotations

from jixiao.core.monitoring import (
    Decision,
    Deviation,
    DeviationCause,
    IndicatorProgress,
    Likelihood,
    MonitoringRound,
    ProjectExecution,
)
from jixiao.core.monitoring_review import MonitoringReview, review_monitoring
from jixiao.core.records import DEPARTMENT_OWNER, IndicatorKind, Location, Operator
from jixiao.web import models
from jixiao.web.conversion import stored_figure
from jixiao.web.models.monitoring import REVIEWED_FIELDS
from jixiao.web.services.profiles import profile_for

# The columns the records and the pages read: a round of a large department loads a few
# thousand rows per review, and the year's long texts are not among what it needs. The
# stored review is read too: storing it compares with what is there.
ENTRY_FIELDS = ("round", "project", "month", "executed", "expected", "cause", "cause_text",
                "measure", "decision", "submitted", "version", *REVIEWED_FIELDS)  # fmt: skip
PROJECT_FIELDS = ("code", "name", "section", "source", "class_code", "initial", "final",
                  "illustrative", "position")  # fmt: skip
INDICATOR_ENTRY_FIELDS = ("round", "indicator", "value", "value_text", "achievement", "expected",
                          "likelihood", "cause", "cause_text", "measure")  # fmt: skip
INDICATOR_FIELDS = ("project", "level1", "level2", "name", "kind", "operator", "target", "unit",
                    "target_text", "position")  # fmt: skip


def _deviation(row: models.MonitoringProject | models.MonitoringIndicator) -> Deviation:
    cause = DeviationCause(row.cause) if row.cause else None
    return Deviation(cause, row.cause_text, row.measure)


def execution_record(row: models.MonitoringProject) -> ProjectExecution:
    project = row.project
    return ProjectExecution(
        code=project.code, name=project.name, section=project.section.name,
        initial=project.initial, final=project.final, executed=row.executed, month=row.month,
        expected=row.expected, deviation=_deviation(row),
        decision=Decision(row.decision) if row.decision else None,
        illustrative=project.illustrative, location=Location("项目执行", row.project.position + 3),
    )  # fmt: skip


def progress_record(row: models.MonitoringIndicator, owner: str) -> IndicatorProgress:
    indicator = row.indicator
    return IndicatorProgress(
        owner=owner, level1=indicator.level1, level2=indicator.level2, name=indicator.name,
        kind=IndicatorKind(indicator.kind),
        operator=Operator(indicator.operator) if indicator.operator else None,
        target=stored_figure(indicator.target),
        unit=indicator.unit, target_text=indicator.target_text,
        value=stored_figure(row.value),
        value_text=row.value_text, achievement=row.achievement, expected=row.expected,
        likelihood=Likelihood(row.likelihood) if row.likelihood else None,
        deviation=_deviation(row), location=Location("指标监控", indicator.position + 3),
    )  # fmt: skip


def entries(round_: models.MonitoringRound):
    """The round's project and indicator rows with what their records need, loaded once."""
    projects = list(
        round_.projects.select_related("project__section")
        .only(*ENTRY_FIELDS, *(f"project__{name}" for name in PROJECT_FIELDS), "project__section__name")
        .order_by("project__position")
    )  # fmt: skip
    indicators = list(
        round_.indicators.select_related("indicator__project")
        .only(*INDICATOR_ENTRY_FIELDS, *(f"indicator__{name}" for name in INDICATOR_FIELDS),
              "indicator__project__code", "indicator__project__position")
        .order_by("indicator__project__position", "indicator__position")
    )  # fmt: skip
    return projects, indicators


def round_record(
    round_: models.MonitoringRound,
    projects: list[models.MonitoringProject],
    indicators: list[models.MonitoringIndicator],
) -> MonitoringRound:
    year = round_.department_year
    return MonitoringRound(
        department=year.department.name, year=year.year, round_name=round_.name,
        end_month=round_.end_month,
        projects=tuple(execution_record(row) for row in projects),
        indicators=tuple(
            progress_record(
                row, row.indicator.project.code if row.indicator.project else DEPARTMENT_OWNER
            )
            for row in indicators
        ),
        profile=year.profile, source_name=round_.source_name,
    )  # fmt: skip


def review_round(round_: models.MonitoringRound, loaded=None) -> MonitoringReview:
    """The core's review of the round: every colour and the findings blocking submission."""
    projects, indicators = loaded if loaded is not None else entries(round_)
    rules = profile_for(round_.department_year.profile).monitoring
    return review_monitoring(round_record(round_, projects, indicators), rules)
