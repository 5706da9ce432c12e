"""The indicator library as shipped data, and the ranked suggestions it gives."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.indicator_library import (
    PastIndicator,
    load_indicator_library,
    name_similarity,
    suggest_indicators,
)

LIBRARY = load_indicator_library()


def past(project: str, code: str, name: str, target: str, year: int = 2022) -> PastIndicator:
    return PastIndicator("区教育局", year, project, code, "产出指标", "数量指标", name, "人", "≥",
                         Decimal(target))  # fmt: skip


def test_the_library_has_the_101_categories_with_cost_as_a_first_level_class():
    classes = {category.level1: category.level2 for category in LIBRARY.categories}
    assert classes["成本指标"] == ("经济成本指标", "社会成本指标", "生态环境成本指标")
    assert classes["产出指标"] == ("数量指标", "质量指标", "时效指标")
    assert "服务对象满意度指标" in classes["满意度指标"]
    assert all("财预〔2021〕101号" in category.source for category in LIBRARY.categories)


def test_every_library_indicator_names_its_source_and_a_known_class():
    level1s = {category.level1 for category in LIBRARY.categories}
    assert len(LIBRARY.indicators) >= 30
    for item in LIBRARY.indicators:
        assert item.source and item.level1 in level1s, item.name
    scopes = {item.scope for item in LIBRARY.indicators}
    assert scopes == {"project", "department"}


def test_a_training_project_gets_training_indicators_first():
    names = [s.name for s in suggest_indicators("社区工作者培训经费", "2010301", [], LIBRARY)]
    assert names[:5] and all("培训" in name or "受训" in name for name in names[:5])
    assert "保洁绿化养护面积" not in names


def test_the_districts_own_history_for_the_same_class_ranks_above_generic_entries():
    history = [
        past("教师培训经费", "2050801", "培训教师人数", "300"),
        past("教师业务培训经费", "2050801", "培训教师人数", "250", year=2021),
        past("校舍维修经费", "2050801", "维修校舍面积", "2000"),
        past("道路维护经费", "2120101", "维护道路长度", "12"),
    ]
    suggestions = suggest_indicators("教师培训经费", "2050801", history, LIBRARY)
    first = suggestions[0]
    assert (first.name, first.unit, first.operator) == ("培训教师人数", "人", "≥")
    assert first.target == "250"  # the lower middle of 250 and 300
    assert first.source.startswith("本地区历史：区教育局 2022 年“教师培训经费”等 2 次")
    assert "维护道路长度" not in [s.name for s in suggestions]


def test_department_suggestions_are_the_common_department_indicators():
    names = [s.name for s in suggest_indicators("", "", [], LIBRARY, scope="department", limit=20)]
    assert {"预算执行率", "结转结余率", "“三公”经费控制率", "政府采购执行率"} <= set(names)
    assert "培训参加人数" not in names


def test_name_similarity_counts_shared_character_pairs():
    assert name_similarity("教师培训经费", "教师培训经费") == 1
    assert name_similarity("教师培训经费", "道路维护") == 0
    assert 0 < name_similarity("社区培训经费", "教师培训经费") < 1
