"""What the database stores of an imported workbook comes back as the same core records."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from jixiao.web.conversion import department_year_record, stored_figure
from jixiao.web.services.importing import do_import_workbook
from tests.builders import amounts
from tests.web.conftest import department_data


def test_the_organisation_items_and_every_funds_line_survive_the_database(db):
    data = department_data("示例街道办事处")
    project = replace(data.projects[0], carryover=amounts("3000.00", "5000.00", "4000.00"),
                      other_funds=amounts("1000.00", "2000.00", "2000.00"))  # fmt: skip
    department = replace(data.department, institutions=("内设 3 个机构。",), staff_quota=30,
                         staff_in_post=28, retired=5, signing_date="2024年3月29日")  # fmt: skip
    data = replace(data, department=department, projects=(project, *data.projects[1:]))
    admin = User.objects.create_superuser("root", password="x-Strong-Pass-42")
    year = do_import_workbook(acting_user=admin, data=data, source_name="a.xlsx")
    stored = department_year_record(year)
    assert (stored.projects[0].carryover, stored.projects[0].other_funds) == (
        project.carryover, project.other_funds,
    )  # fmt: skip
    kept = stored.department
    assert (kept.institutions, kept.staff_quota, kept.staff_in_post, kept.retired,
            kept.signing_date) == (("内设 3 个机构。",), 30, 28, 5, "2024年3月29日")  # fmt: skip


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("10.0000", "10"), ("1200.0000", "1200"), ("0.5000", "0.5"), ("98.30", "98.3")],
)
def test_a_stored_figure_reaches_the_core_as_typed_never_in_exponent_form(stored, shown):
    assert str(stored_figure(Decimal(stored))) == shown
