"""Tables flattened one cell a line (a Word or PDF table copied into text) rebuilt."""

from jixiao.core.audit import document_from_text
from jixiao.core.audit.document import RawParagraph, build_document
from tests.audit.reports import audit_text, codes, serious

INCOME = """\
二、收入决算情况
单位：万元
项目
决算数
占比
一般公共预算财政拨
款收入
1,245.36
95.76%
其他收入
55.20
4.24%
合计
1,300.56
100.00%
本年收入合计1,300.56万元。
"""


def test_a_table_whose_header_names_its_columns_is_rebuilt_row_by_row():
    [table] = document_from_text(INCOME).tables
    assert table.rows == (
        ("项目", "决算数", "占比"),
        ("一般公共预算财政拨款收入", "1,245.36", "95.76%"),  # a wrapped cell joined back
        ("其他收入", "55.20", "4.24%"),
        ("合计", "1,300.56", "100.00%"),
    )


def test_the_cells_of_a_rebuilt_table_leave_the_prose():
    document = document_from_text(INCOME)
    assert [block.text for block in document.paragraphs] == [
        "二、收入决算情况",
        "单位：万元",
        "本年收入合计1,300.56万元。",
    ]
    assert document.tables[0].section == "二、收入决算情况"


def test_a_correct_flattened_table_raises_nothing():
    assert serious(audit_text(INCOME)) == []


def test_a_wrong_total_in_a_flattened_table_is_an_error():
    findings = audit_text(INCOME.replace("合计\n1,300.56", "合计\n1,310.56"))
    assert codes(serious(findings)) == ["table-sum-mismatch"]  # its shares are not blamed too
    assert findings[0].computed == "1,300.56"


def test_a_wrong_share_in_a_flattened_table_is_an_error():
    findings = audit_text(INCOME.replace("4.24%", "5.24%"))
    assert [(f.code, f.computed) for f in serious(findings)] == [("table-share-mismatch", "4.24%")]


def test_blank_cells_and_a_total_row_first_are_read():
    text = "项目\n预算数\n决算数\n合计\n7.50\n6.60\n因公出国（境）费\n\n0.00\n公务接待费\n1.50\n1.18\n公务用车运行维护费\n6.00\n5.42\n"
    [table] = document_from_text(text).tables
    assert table.rows[1:3] == (("合计", "7.50", "6.60"), ("因公出国（境）费", "", "0.00"))
    assert serious(audit_text(text)) == []


def test_a_page_break_that_repeats_the_header_is_stepped_over():
    text = (
        "表3 支出决算表\n项目\n决算数\n农林水支出\n13,604.26\n城乡社区支出\n1,862.40\n"
        "\n- 5 -\n\n表3（续）\n项目\n决算数\n卫生健康支出\n534.50\n合计\n16,001.16\n"
    )
    [table] = document_from_text(text).tables
    assert [row[0] for row in table.rows] == [
        "项目",
        "农林水支出",
        "城乡社区支出",
        "卫生健康支出",
        "合计",
    ]
    assert serious(audit_text(text)) == []


def test_a_unit_in_the_header_and_half_width_brackets_are_read():
    text = "支出项目\n金额(万元)\n占比(%)\n基本支出\n21,600.00\n56.02\n项目支出\n16,960.00\n43.98\n合计\n38,560.00\n100.00\n"
    assert serious(audit_text(text)) == []
    assert codes(audit_text(text.replace("56.02", "54.02")), "error") == ["table-share-mismatch"]


def test_a_web_page_that_spaces_every_cell_with_a_blank_line_is_read():
    cells = [
        "项目",
        "预算数",
        "决算数",
        "因公出国（境）费",
        "",
        "0.00",
        "公务接待费",
        "1.50",
        "1.18",
    ]
    cells += ["公务用车运行维护费", "6.00", "5.42", "合计", "7.50", "6.60"]
    text = "\n\n".join(cells) + "\n"
    [table] = document_from_text(text).tables
    assert table.rows[1] == ("因公出国（境）费", "", "0.00")
    assert serious(audit_text(text)) == []


def test_a_missing_cell_is_not_guessed_at():
    # the 预算数 of 公务接待费 is lost: the rows can no longer be told apart
    text = (
        "项目\n预算数\n决算数\n公务接待费\n1.18\n公务用车运行维护费\n6.00\n5.42\n合计\n7.50\n6.60\n"
    )
    document = document_from_text(text)
    assert all(len(row) == 1 for table in document.tables for row in table.rows)
    assert serious(audit_text(text)) == []


def test_two_tables_side_by_side_are_not_read_as_one():
    text = (
        "项目\n决算数\n项目\n决算数\n一、财政拨款收入\n100.00\n一、一般公共服务支出\n60.00\n"
        "二、其他收入\n0.00\n二、教育支出\n40.00\n总计\n100.00\n总计\n100.00\n三、下一步工作\n"
    )
    document = document_from_text(text)
    assert all(len(row) == 1 for table in document.tables for row in table.rows)
    # their labels are cells, not the report's headings
    assert [block.text for block in document.paragraphs] == ["三、下一步工作"]
    assert serious(audit_text(text)) == []


def test_a_total_row_right_after_the_header_is_a_row_not_a_column():
    # "合计" may close the header or open the rows: only the reading whose rows fit is taken
    text = "项目\n决算数\n合计\n10.00\n甲\n4.00\n乙\n6.00\n"
    [table] = document_from_text(text).tables
    assert table.rows == (("项目", "决算数"), ("合计", "10.00"), ("甲", "4.00"), ("乙", "6.00"))
    assert serious(audit_text(text)) == []


def test_a_word_document_of_one_cell_a_paragraph_is_rebuilt():
    cells = "项目 决算数 占比 基本支出 400.00 40.00% 项目支出 600.00 60.00% 合计 1,000.00 100.00%"
    document = build_document("test", [RawParagraph(cell) for cell in cells.split()])
    [table] = document.tables
    assert table.rows[-1] == ("合计", "1,000.00", "100.00%")


def test_tables_of_one_header_with_the_same_prose_between_stay_apart():
    # the note stood before the third table too: still prose, not a page's furniture
    table = "项目\n决算数\n甲\n1.00\n乙\n2.00\n合计\n3.00\n"
    document = document_from_text(f"{table}上表为本级，单位万元。\n" * 3)
    assert len(document.tables) == 3
    assert [block.text for block in document.paragraphs] == ["上表为本级，单位万元。"] * 3
