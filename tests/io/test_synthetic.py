"""Synthetic department workbooks: valid, of the requested size, deterministic."""

from __future__ import annotations

from pathlib import Path

from jixiao.core.evaluation import evaluate
from jixiao.core.findings import Severity
from jixiao.core.profile import load_profile
from jixiao.io.synthetic import synthetic_department, write_synthetic_workbooks
from jixiao.io.workbook_reader import read_workbook


def test_a_written_synthetic_workbook_reads_back_and_evaluates_without_errors(
    tmp_path: Path,
) -> None:
    (path,) = write_synthetic_workbooks(tmp_path, count=1, projects=12, indicators_per_project=7)

    loaded = read_workbook(path)

    assert loaded.errors == ()
    assert loaded.data is not None
    evaluation = evaluate(loaded.data, load_profile())
    errors = [f.describe() for f in evaluation.findings if f.severity is Severity.ERROR]
    assert errors == []


def test_it_has_the_requested_number_of_projects_and_indicators(tmp_path: Path) -> None:
    (path,) = write_synthetic_workbooks(tmp_path, count=1, projects=12, indicators_per_project=7)

    data = read_workbook(path).data

    assert data is not None
    assert len(data.projects) == 12
    assert len(data.indicators) == 12 * 7
    per_project = data.indicators_by_project()
    assert all(len(per_project[project.code]) == 7 for project in data.projects)


def test_the_same_seed_gives_equal_data_and_another_seed_does_not() -> None:
    first = synthetic_department(3, projects=20, indicators_per_project=5, seed=7)
    again = synthetic_department(3, projects=20, indicators_per_project=5, seed=7)
    other = synthetic_department(3, projects=20, indicators_per_project=5, seed=8)

    assert first == again
    assert first != other


def test_weights_follow_the_default_profile() -> None:
    data = synthetic_department(0, projects=30, indicators_per_project=10)
    profile = load_profile()

    evaluation = evaluate(data, profile)

    for score in evaluation.project_scores:
        weights = {name: weight for name, (weight, _) in score.level_totals().items()}
        assert weights == profile.project_weights
    department = evaluation.department_score.dimension_totals
    assert {name: weight for name, (weight, _) in department.items()} == profile.dimensions


def test_a_larger_department_evaluates_without_errors() -> None:
    data = synthetic_department(5, projects=200, indicators_per_project=10, seed=1)

    evaluation = evaluate(data, load_profile())

    assert not [f for f in evaluation.findings if f.severity is Severity.ERROR]
    assert len(data.indicators) == 2000
