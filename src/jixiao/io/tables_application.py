"""The 结果应用 sheet of the tables workbook: each project's grade and next year's suggestion.

From the profile's grade → budget table (``core.result_application``): the suggestion, its
factor and the proposed amount, this year's 全年预算数 (财政拨款) × the factor in 万元.
"""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from jixiao.core.evaluation import Evaluation
from jixiao.core.result_application import suggest

APPLICATION_SHEET = "结果应用"
HEADERS = (
    ("项目编码", 14), ("项目名称", 36), ("依据计算得分", 12), ("等级", 8),
    ("全年预算数（万元）", 16), ("结果应用建议", 14), ("系数", 8), ("建议金额（万元）", 16),
)  # fmt: skip


def write_application(sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation) -> None:
    """A title, the headers, then one row per project in the workbook's order."""
    department = evaluation.data.department
    last = len(HEADERS) - 1
    title = f"{department.name}{department.year}年度评价结果应用建议"
    sheet.merge_range(0, 0, 0, last, title, styles["title"])
    sheet.merge_range(1, 0, 1, last, "建议金额 = 全年预算数（财政拨款）× 等级对应系数；金额单位：万元",
                      styles["subtitle"])  # fmt: skip
    for col, (header, width) in enumerate(HEADERS):
        sheet.set_column(col, col, width)
        sheet.write_string(2, col, header, styles["label"])
    for row, score in enumerate(evaluation.project_scores, start=3):
        project = score.project
        suggestion = suggest(score.grade, project.fiscal.final, evaluation.profile)
        sheet.write_string(row, 0, project.code, styles["text"])
        sheet.write_string(row, 1, project.name, styles["text"])
        sheet.write_number(row, 2, float(score.total), styles["score"])
        sheet.write_string(row, 3, score.grade, styles["center"])
        sheet.write_number(row, 4, float(suggestion.final_budget_wan), styles["money"])
        sheet.write_string(row, 5, suggestion.text, styles["center"])
        if suggestion.factor is None:
            sheet.write_string(row, 6, "—", styles["center"])
            sheet.write_string(row, 7, "—", styles["center"])
        else:
            sheet.write_number(row, 6, float(suggestion.factor), styles["rate"])
            sheet.write_number(row, 7, float(suggestion.proposed_wan), styles["money"])
    sheet.freeze_panes(3, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
