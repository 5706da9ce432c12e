"""Figures as reports write them: units, Chinese numerals, separators, full-width digits."""

from decimal import Decimal

from jixiao.core.audit.numbers import Kind, find_quantities, show
from jixiao.core.audit.outline import parse_marker


def only(text: str):
    [quantity] = find_quantities(text)
    return quantity


def test_it_reads_an_amount_in_wan_with_thousands_separators():
    quantity = only("支出合计 25,748.56 万元。")
    assert quantity.kind is Kind.AMOUNT
    assert quantity.value == Decimal("257485600")
    assert quantity.places == Decimal("100")
    assert show(quantity.value, quantity) == "25,748.56 万元"


def test_it_reads_wan_without_yuan_as_wan_yuan():
    quantity = only("节能环保支出增加 42.29 万，")
    assert quantity.unit == "万元"
    assert quantity.value == Decimal("422900")


def test_it_does_not_read_wan_before_a_noun_as_money():
    assert only("服务 3 万人次").kind is Kind.COUNT


def test_it_reads_capital_chinese_numerals():
    quantity = only("安排资金壹仟贰佰万元")
    assert quantity.value == Decimal("12000000")
    assert quantity.unit == "万元"


def test_it_reads_plain_chinese_numerals_with_wan():
    assert only("增加三百二十万。").value == Decimal("3200000")


def test_it_reads_full_width_digits_and_percent_signs():
    assert only("增长１２．５％").value == Decimal("12.5")
    assert only("合计２５，７４８．５６万元").value == Decimal("257485600")


def test_it_reads_yi_yuan():
    assert only("总额 1.2 亿元").value == Decimal("120000000")


def test_it_reads_counts_with_their_measure_words():
    kinds = [
        (q.value, q.unit) for q in find_quantities("二级项目 195 个，培训 3 次，35人入伍，两项任务")
    ]
    assert kinds == [(195, "个"), (3, "次"), (35, "人"), (2, "项")]


def test_it_reads_spoken_percentages():
    assert only("占百分之十五").value == Decimal("15")


def test_it_ignores_years_ordinals_and_numbers_without_units():
    assert find_quantities("2023 年度第一项，打分在 95-100 之间，500 千伏变电站") == []


def test_it_keeps_decimal_chinese_numerals_exact():
    quantity = only("增加三点五万元")
    assert quantity.value == Decimal("35000.0")


def test_it_recognises_every_outline_marker_style():
    markers = ["一、总体", "（二）部门", "(3) 项目", "4. 措施", "５．措施", "⑥ 其他", "第七章 附则"]
    numbers = [parse_marker(text).number if parse_marker(text) else None for text in markers]
    assert numbers[:4] == [1, 2, 3, 4]
    assert numbers[5:] == [6, 7]


def test_it_does_not_take_a_decimal_for_a_marker():
    assert parse_marker("1.5 万元的项目") is None


def test_the_small_numerals_agree_with_cn2an() -> None:
    import cn2an

    from jixiao.core.audit.numbers import SMALL_CHINESE_INTEGERS

    assert len(SMALL_CHINESE_INTEGERS) == 99
    for text, value in SMALL_CHINESE_INTEGERS.items():
        assert cn2an.cn2an(text, "normal") == value, text
