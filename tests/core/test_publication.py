"""信息公开: the published 自评表 document and the published figures."""

import json
from decimal import Decimal

from jixiao.core.evaluation import evaluate
from jixiao.core.profile import load_profile
from jixiao.core.publication import published_figures, self_evaluation_forms
from jixiao.core.report_model import Table
from tests.builders import two_project_department

EVALUATION = evaluate(two_project_department(), load_profile())


def test_the_forms_hold_one_table_per_project_with_its_total_and_grade():
    document = self_evaluation_forms(EVALUATION)
    tables = [block for block in document.blocks if isinstance(block, Table)]
    assert [table.caption for table in tables] == [
        "环卫保洁项目支出绩效自评表",
        "社区服务项目支出绩效自评表",
    ]
    first = tables[0].rows
    assert first[0][:5] == ("预算执行率", "—", "预算执行率", "—", "98.33%")
    assert first[-1][6] == "99.83" and first[-1][7] == "自评结论：优"


def test_the_forms_say_nothing_of_workbooks_or_rules():
    document = self_evaluation_forms(EVALUATION)
    text = json.dumps([str(block) for block in document.blocks], ensure_ascii=False)
    assert "工作表" not in text and "规则配置" not in text and "第 " not in text


def test_the_published_figures_are_text_amounts_in_wan():
    figures = published_figures(EVALUATION)
    assert figures["全年预算数"] == "46.00" and figures["全年执行数"] == "44.80"
    assert figures["项目"][0] == {"项目编码": "P1", "项目名称": "环卫保洁", "全年预算数": "12.00",
                                 "全年执行数": "11.80", "执行率": "98.33%", "自评得分": "99.83",
                                 "等级": "优"}  # fmt: skip
    json.dumps(figures, ensure_ascii=False)  # every value is JSON as it stands
    assert Decimal(figures["部门整体自评得分"]) == EVALUATION.department_score.total
