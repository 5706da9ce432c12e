"""Which of a department-year's figures are illustrative (示例数据), so no page passes them
off as real: projects marked 示例数据 and rows of 决算与管理数据 marked so."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.web import models


@dataclass(frozen=True)
class Illustrative:
    """How much of the year is illustrative: projects and 决算与管理数据 rows."""

    projects: int
    management_rows: int

    @property
    def parts(self) -> str:
        """``12 个项目、决算与管理数据 16 行``: what the banner names."""
        named = []
        if self.projects:
            named.append(f"{self.projects} 个项目")
        if self.management_rows:
            named.append(f"决算与管理数据 {self.management_rows} 行")
        return "、".join(named)


def illustrative_data(year: models.DepartmentYear) -> Illustrative | None:
    """The year's illustrative parts, or None when every figure is the department's own."""
    projects = year.projects.filter(illustrative=True).count()
    rows = sum(1 for row in year.management or () if row.get("illustrative"))
    return Illustrative(projects, rows) if projects or rows else None
