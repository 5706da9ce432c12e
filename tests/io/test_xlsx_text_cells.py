"""Every user text in every .xlsx we write is a string cell: never a formula, never a link.

A department's own words (project names, goals, outcomes, explanations, its name) go into
the 自评表 and the exported workbook, files it sends to the finance bureau. Text that
starts like a formula (``=``, ``+``, ``-``, ``@``, also after a tab or a carriage return)
or looks like a link must arrive as typed, and an exported workbook must import back to
the same words.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import cycle
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from jixiao.core.evaluation import evaluate
from jixiao.core.profile import load_profile
from jixiao.core.records import DepartmentYear, Statement
from jixiao.io.tables_xlsx import write_tables
from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_writer import write_workbook
from tests.builders import REPO, small_department_year

# What a spreadsheet would run or follow if it were not text. The reader strips the
# whitespace around a cell's text, so the tab- and CR-led ones are checked on writing only.
FORMULA_LIKE = (
    "=cmd|'/c calc'!A1",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "{=1+1}",
    '=HYPERLINK("http://example.com","点击")',
    "http://example.com/x",
    "external:c:\\evil.xlsx",
    "mailto:someone@example.com",
    "-",
    "=",
)
WHITESPACE_LED = ("\t=1+1", "\r=1+1", "\t+1", "\r-1")


# 指标值依据 holds a short label (计划标准 …): the reader refuses a longer one.
BASIS_LENGTH = 20


def hostile_year(texts: tuple[str, ...]) -> DepartmentYear:
    """The small department-year with every free text replaced by one of ``texts``."""
    pick = cycle(texts).__next__
    data = small_department_year()
    department = replace(
        data.department, name=pick(), full_name=pick(), parent=pick(),
        functions=(pick(),), tasks=(pick(), pick()), overall_goal=(pick(),),
    )  # fmt: skip
    project = replace(
        data.projects[0], name=pick(), goal=pick(), goal_outcome=pick(),
        execution_explanation=pick(), section=pick(),
    )  # fmt: skip
    indicators = tuple(
        replace(item, name=f"{pick()}{index}", level2=pick(), explanation=pick(),
                evidence=pick(), basis=pick()[:BASIS_LENGTH], unit=item.unit)
        for index, item in enumerate(data.indicators)
    )  # fmt: skip
    department_indicators = tuple(
        replace(item, name=f"{pick()}D{index}", explanation=pick())
        for index, item in enumerate(data.department_indicators)
    )
    return replace(
        data,
        department=department,
        projects=(project,),
        indicators=indicators,
        department_indicators=department_indicators,
        problems=(Statement(pick(), pick()),),
        measures=(Statement(pick(), pick()),),
    )


def user_texts(data: DepartmentYear) -> set[str]:
    """Every free text the department typed, as it would sit alone in a cell."""
    department = data.department
    texts = {department.name, department.full_name, department.parent}
    texts |= {*department.functions, *department.tasks, *department.overall_goal}
    for project in data.projects:
        texts |= {project.name, project.goal, project.goal_outcome,
                  project.execution_explanation, project.section}  # fmt: skip
    for item in (*data.indicators, *data.department_indicators):
        texts |= {item.name, item.level2, item.explanation, item.evidence, item.basis}
    for statement in (*data.problems, *data.measures):
        texts |= {statement.title, statement.body}
    return texts - {""}


def cells(path: Path) -> list[openpyxl.cell.Cell]:
    workbook = openpyxl.load_workbook(path)
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def assert_text_only(path: Path) -> list[str]:
    """No cell of ``path`` is a formula or links outside the workbook; its strings."""
    found = cells(path)
    formulas = [f"{c.parent.title}!{c.coordinate}" for c in found if c.data_type == "f"]
    assert formulas == []
    links = [c.hyperlink for c in found if c.hyperlink is not None]
    assert [link.target for link in links if link.target] == []
    # openpyxl leaves OOXML's escapes (a CR is stored as ``_x000D_``) in the text it reads.
    return [unescape(c.value) for c in found if c.data_type == "s"]


@pytest.mark.parametrize("texts", [FORMULA_LIKE, WHITESPACE_LED], ids=["formula", "whitespace"])
def test_the_tables_workbook_writes_every_user_text_as_a_string(
    texts: tuple[str, ...], tmp_path: Path
) -> None:
    data = hostile_year(texts)
    path = write_tables(evaluate(data, load_profile()), tmp_path / "tables.xlsx")

    strings = assert_text_only(path)

    # The 自评表 shows each project's and indicator's words in a cell of their own.
    project = data.projects[0]
    shown = {project.name, project.goal, project.goal_outcome, project.section}
    shown |= {item.name for item in (*data.indicators, *data.department_indicators)}
    shown |= {item.explanation for item in (*data.indicators, *data.department_indicators)}
    shown |= {data.department.parent}
    assert shown - set(strings) == set()


@pytest.mark.parametrize("texts", [FORMULA_LIKE, WHITESPACE_LED], ids=["formula", "whitespace"])
def test_the_exported_workbook_writes_every_user_text_as_a_string(
    texts: tuple[str, ...], tmp_path: Path
) -> None:
    data = hostile_year(texts)
    path = write_workbook(data, tmp_path / "export.xlsx")

    strings = assert_text_only(path)

    assert user_texts(data) - set(strings) == set()


def test_an_exported_workbook_imports_back_to_the_same_words(tmp_path: Path) -> None:
    data = hostile_year(FORMULA_LIKE)
    result = read_workbook(write_workbook(data, tmp_path / "export.xlsx"))

    assert [finding.describe() for finding in result.errors] == []
    assert result.data is not None
    assert user_texts(result.data) == user_texts(data)
    assert {"=cmd|'/c calc'!A1", "-2+3", "=", "-"} <= user_texts(result.data)
    assert [replace(p, location=None) for p in result.data.projects] == list(data.projects)


def test_the_blank_template_has_no_formula_and_no_link(tmp_path: Path) -> None:
    assert_text_only(write_workbook(None, tmp_path / "template.xlsx"))


def test_every_xlsx_writer_goes_through_the_shared_constructor() -> None:
    """A new writer calling xlsxwriter directly would bring back the guessing."""
    source = REPO / "src" / "jixiao"
    direct = [
        path.relative_to(source).as_posix()
        for path in source.rglob("*.py")
        if "xlsxwriter.Workbook(" in path.read_text(encoding="utf-8")
    ]
    assert direct == ["io/xlsx_workbook.py"]
