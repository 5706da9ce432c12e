"""Figure tables: the 合计 row against its parts, 占比 against the amounts, 其中 rows."""

from tests.audit.reports import audit_table, audit_text, codes, serious

HEADER = ["项目", "年初预算数", "全年执行数", "占比"]


def rows(*body: list[str]) -> list[list[str]]:
    return [HEADER, *body]


def test_a_total_row_that_adds_up_raises_nothing():
    table = rows(
        ["基本支出", "3,120.00", "3,275.18", "38.96%"],
        ["项目支出", "4,980.00", "5,131.17", "61.04%"],
        ["合计", "8,100.00", "8,406.35", "100.00%"],
    )
    assert serious(audit_table(table)) == []


def test_a_total_row_that_does_not_add_up_is_an_error_naming_its_column():
    table = rows(
        ["基本支出", "3,120.00", "3,275.18", ""],
        ["项目支出", "4,980.00", "5,131.17", ""],
        ["合计", "8,100.00", "8,416.35", ""],
    )
    [finding] = serious(audit_table(table))
    assert (finding.code, finding.stated, finding.computed) == (
        "table-sum-mismatch",
        "8,416.35",
        "8,406.35",
    )
    assert "全年执行数" in finding.message
    assert finding.place.describe() == "表 1 第 4 行第 3 列"


def test_a_gap_within_the_rounding_of_the_parts_is_only_a_note():
    table = rows(["甲", "1.01", "", ""], ["乙", "2.01", "", ""], ["合计", "3.03", "", ""])
    assert codes(audit_table(table)) == ["table-sum-rounding"]


def test_a_share_that_does_not_match_its_amount_is_an_error():
    table = rows(
        ["基本支出", "3,120.00", "3,275.18", "40.96%"],
        ["项目支出", "4,980.00", "5,131.17", "61.04%"],
        ["合计", "8,100.00", "8,406.35", "100.00%"],
    )
    [finding] = serious(audit_table(table))
    assert (finding.code, finding.computed) == ("table-share-mismatch", "38.96%")


def test_a_share_of_last_years_column_is_no_error():
    table = [
        ["项目", "本年决算数", "上年决算数", "占比"],
        ["甲", "60.00", "45.00", "45.00%"],
        ["乙", "40.00", "55.00", "55.00%"],
        ["合计", "100.00", "100.00", "100.00%"],
    ]
    assert serious(audit_table(table)) == []


def test_a_share_of_counts_is_exact():
    table = [
        ["类别", "人数", "占比"],
        ["甲", "35", "84.5%"],  # 35 / 41 = 85.37%: a count hides no rounding
        ["乙", "6", "15.5%"],
        ["合计", "41", "100.0%"],
    ]
    assert codes(serious(audit_table(table))) == ["table-share-mismatch"] * 2


def test_rows_of_several_levels_are_not_summed():
    coded = [
        ["项目", "决算数"],
        ["合计", "300.00"],
        ["201一般公共服务支出", "100.00"],
        ["20101人大事务", "100.00"],
        ["208社会保障和就业支出", "200.00"],
    ]
    named = [
        ["项目", "决算数"],
        ["合计", "300.00"],
        ["一般公共服务支出", "100.00"],
        ["人大事务", "60.00"],
        ["政协事务", "40.00"],
        ["社会保障和就业支出", "200.00"],
    ]
    assert serious(audit_table(coded)) == []
    assert serious(audit_table(named)) == []  # 一般公共服务支出 is the sum of the two after it


def test_a_subtotal_or_two_tables_side_by_side_are_not_summed():
    subtotal = [
        ["项目", "决算数"],
        ["甲", "1.00"],
        ["小计", "1.00"],
        ["乙", "5.00"],
        ["合计", "9.00"],
    ]
    side_by_side = [["项目", "决算数", "项目", "决算数"], ["收入", "9.00", "支出", "1.00"]]
    side_by_side += [["其他", "1.00", "其他", "1.00"], ["合计", "9.00", "合计", "2.00"]]
    assert serious(audit_table(subtotal)) == []
    assert serious(audit_table(side_by_side)) == []


def test_a_qizhong_row_larger_than_its_row_is_an_error():
    table = [
        ["项目", "预算数", "决算数"],
        ["公务用车购置及运行维护费", "9.80", "7.95"],
        ["其中：公务用车购置费", "10.80", "0.00"],
        ["公务接待费", "2.80", "1.92"],
    ]
    [finding] = serious(audit_table(table))
    assert (finding.code, finding.stated, finding.computed) == (
        "table-part-exceeds-total",
        "9.80",
        "10.80",
    )
    table[2][1] = "0.00"
    assert serious(audit_table(table)) == []


def test_a_row_whose_total_column_is_not_the_sum_of_its_parts_is_an_error():
    table = [
        ["项目", "合计", "基本支出", "项目支出"],
        ["社会保障和就业支出", "412.36", "412.36", "—"],
        ["农林水支出", "8,472.60", "1,554.85", "6,927.75"],
    ]
    [finding] = serious(audit_table(table))
    assert (finding.code, finding.computed) == ("table-sum-mismatch", "8,482.60")
    assert finding.place.describe() == "表 1 第 3 行第 2 列"


def test_a_row_beside_last_years_figures_is_not_summed_across():
    table = [["项目", "合计", "本年预算数", "上年预算数"], ["甲", "100.00", "100.00", "90.00"]]
    table.append(["乙", "50.00", "50.00", "45.00"])
    assert serious(audit_table(table)) == []


def test_a_text_table_whose_rows_lost_an_empty_cell_is_not_summed():
    # aligned with spaces, the empty 年初预算数 of 项目支出 leaves no trace: its figure
    # would be read into the wrong column
    text = (
        "项目          年初预算数    全年执行数\n"
        "基本支出      3,120.00      3,275.18\n"
        "项目支出                    5,131.17\n"
        "合计          3,120.00      8,406.35\n"
    )
    assert serious(audit_text(text)) == []
    assert codes(
        audit_text(
            text.replace("8,406.35", "8,416.35").replace(
                "                    5,131.17", "      0.00          5,131.17"
            )
        ),
        "error",
    ) == ["table-sum-mismatch"]


def test_a_label_column_merged_over_two_grid_columns_is_one_column():
    table = [
        ["项目", "项目", "决算数"],
        ["201", "一般公共服务支出", "60.00"],
        ["205", "教育支出", "40.00"],
        ["合计", "合计", "110.00"],
    ]
    assert codes(serious(audit_table(table))) == ["table-sum-mismatch"]
