"""Rescoring one edited project agrees with evaluating the whole department-year."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.core.evaluation import evaluate
from jixiao.core.partial_evaluation import KeptScore, evaluate_edit
from jixiao.core.profile import load_profile
from tests.builders import two_project_department

PROFILE = load_profile("default")


def edited_department():
    """P1's 完成数 missed without a reason, P2 overclaiming its self-score."""
    data = two_project_department()
    indicators = tuple(
        replace(i, actual=Decimal(1), explanation="")
        if (i.owner, i.name) == ("P1", "完成数")
        else i
        for i in data.indicators
    )
    projects = (data.projects[0], replace(data.projects[1], self_score=Decimal(100)))
    return replace(data, indicators=indicators, projects=projects)


def test_the_edited_project_and_the_department_are_scored_as_in_full():
    data = edited_department()
    full = evaluate(data, PROFILE)
    kept = {s.project.code: KeptScore(s.total, bool(s.indicator_scores))
            for s in full.project_scores if s.project.code != "P1"}  # fmt: skip
    part_data = replace(data, indicators=tuple(i for i in data.indicators if i.owner == "P1"))
    part = evaluate_edit(part_data, PROFILE, "P1", kept)
    assert part.project_scores == full.project_scores[:1]
    assert part.metrics == full.metrics
    assert part.department_score == full.department_score
    about_p1_or_department = {f for f in full.findings if f.subject in ("P1", None, "")}
    assert {f for f in part.findings if f.subject != "P2"} == about_p1_or_department
    assert any(f.subject == "P1" for f in part.findings)


def test_a_department_indicator_edit_rescores_no_project():
    data = two_project_department()
    full = evaluate(data, PROFILE)
    kept = {s.project.code: KeptScore(s.total, True) for s in full.project_scores}
    part = evaluate_edit(replace(data, indicators=()), PROFILE, None, kept)
    assert part.project_scores == ()
    assert part.department_score == full.department_score
