from decimal import Decimal

from jixiao.web import models


def test_importing_scores_the_department_year_and_its_projects(year_a):
    assert year_a.computed_score is not None and year_a.grade
    project = year_a.projects.get(code="P1")
    assert project.computed_score == Decimal("99.83")
    assert project.initial == Decimal("100000.00")
    assert (
        models.Indicator.objects.filter(department_year=year_a, computed_score__isnull=True).count()
        == 0
    )


def test_money_sums_in_the_database_are_exact(year_a):
    from django.db.models import Sum

    total = year_a.budget_lines.aggregate(total=Sum("actual"))["total"]
    # Stored as whole 分, summed as integers by SQL, returned as exact Decimal 元.
    assert total == Decimal("448000.00")
