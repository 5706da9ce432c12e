"""Text from Word, PDF and web pages made into the paragraphs and tables the audit reads."""

from jixiao.core.audit import document_from_text
from jixiao.core.audit.plaintext import normalize_punctuation
from tests.audit.reports import audit_text, codes, serious


def test_half_width_punctuation_becomes_full_width_in_place():
    text = "收入1,200.50万元,其中:基本支出(含工资)9:30前到位;"
    normalized = normalize_punctuation(text)
    assert normalized == "收入1,200.50万元，其中：基本支出（含工资）9:30前到位；"
    assert len(normalized) == len(text)


def test_a_figure_after_an_ascii_comma_is_read():
    findings = audit_text("收入合计100.00万元,其中:基本支出60.00万元,项目支出50.00万元。")
    assert codes(findings, "error") == ["sum-exceeds-total"]


def test_a_half_width_list_opener_opens_a_list():
    findings = audit_text("全年开展3项工作,分别为:培训干部、走访企业。")
    assert [(f.code, f.computed) for f in findings] == [("count-mismatch", "2")]


def test_hard_wrapped_lines_are_joined_into_their_paragraph():
    document = document_from_text(
        "社保支出116万元，占支\n出总预算10%，同比增加16万元，增长13.79%。\n"
    )
    assert [block.text for block in document.paragraphs] == [
        "社保支出116万元，占支出总预算10%，同比增加16万元，增长13.79%。"
    ]
    assert document.paragraphs[0].place.line == 1


def test_a_heading_after_prose_without_a_stop_starts_its_own_paragraph():
    text = "（一）部门职能\n负责辖区内的城市管理，统筹社区建设\n（二）部门整体收支情况\n收支平衡。"
    document = document_from_text(text)
    assert [block.section for block in document.paragraphs][1:3] == [
        "（一）部门职能",
        "（二）部门整体收支情况",
    ]


def test_lines_wrapped_at_a_fixed_width_are_joined_without_commas():
    lines = [
        "全年组织开展城市管理执法检查和市容环境整治专项行动并持续",
        "推进背街小巷环境提升工程完成老旧小区改造二十三个惠及居",
        "民八千余户同步完善社区公共服务设施和无障碍设施建设改造",
        "工作。",
    ]
    text = "\n".join(lines)
    assert len(document_from_text(text).paragraphs) == 1


def test_a_table_written_with_pipes_is_read_as_a_table():
    text = (
        "| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "|---|---|---|---|---|\n"
        "| 政府采购执行率 | 100% | 72.74% | 2 | 2 |\n"
    )
    document = document_from_text(text)
    assert document.paragraphs == ()
    assert document.tables[0].rows[1] == ("政府采购执行率", "100%", "72.74%", "2", "2")
    assert codes(audit_text(text), "error") == ["indicator-full-marks-missed"]


def test_tab_and_space_aligned_tables_are_read_as_tables():
    tabbed = "三级指标\t年度指标值\t实际完成值\t分值\t得分\n群众满意度\t≥90%\t80%\t5\t5\n"
    spaced = "三级指标    年度指标值    实际完成值    分值    得分\n群众满意度    ≥90%    80%    5    5\n"
    for text in (tabbed, spaced):
        assert codes(audit_text(text), "error") == ["indicator-full-marks-missed"]


def test_a_flattened_row_of_merged_cells_is_no_repeated_phrase():
    text = "产出指标 产出指标 数量指标 办件量\n本年度 2023 年度 2023 年度完成。"
    assert [f.code for f in serious(audit_text(text))] == ["repeated-phrase"]


def test_page_numbers_and_running_headers_are_left_out():
    page = "示范街 2023 年度部门决算说明\n本年收入合计100.00万元，全部为财政拨款。\n- {n} -"
    text = "\n".join(page.format(n=n) for n in range(1, 4))
    blocks = [block.text for block in document_from_text(text).paragraphs]
    assert (
        blocks
        == ["示范街 2023 年度部门决算说明"] + ["本年收入合计100.00万元，全部为财政拨款。"] * 3
    )


def test_a_table_of_contents_is_not_read_as_the_outline():
    text = (
        "目  录\n第一部分 部门概况\n一、部门职责\n第二部分 部门决算情况说明\n"
        "第一部分 部门概况\n一、部门职责\n负责全区审计工作。\n"
        "第二部分 部门决算情况说明\n一、收入支出决算总体情况说明\n收支平衡。"
    )
    document = document_from_text(text)
    assert document.paragraphs[0].text == "第一部分 部门概况"
    assert [f.code for f in serious(audit_text(text))] == []


def test_contents_entries_with_page_numbers_are_left_out():
    text = "目录\n一、部门职责……………3\n二、机构设置\tPAGEREF _Toc8401 h 4\n一、部门职责\n负责全区审计工作。"
    document = document_from_text(text)
    assert [block.text for block in document.paragraphs] == ["一、部门职责", "负责全区审计工作。"]


def test_a_header_printed_beside_the_page_number_twice_is_left_out():
    text = (
        "2023年度示范街部门整体支出绩效自评报告\n本年收入合计100.00万元，\n示范街部门自评报告\n- 1 -\n"
        "示范街部门自评报告\n全部为财政拨款。\n- 2 -"
    )
    blocks = [block.text for block in document_from_text(text).paragraphs]
    assert blocks == [
        "2023年度示范街部门整体支出绩效自评报告",
        "本年收入合计100.00万元，全部为财政拨款。",
    ]


def test_an_indented_row_of_aligned_columns_stays_in_its_table():
    text = (
        "项目            决算数      项目            决算数\n"
        "一、财政拨款收入    1,245.36    一、一般公共服务支出    986.20\n"
        "                                二、卫生健康支出        52.68\n"
        "负责全区市场监督管理。"
    )
    document = document_from_text(text)
    assert [block.text for block in document.paragraphs] == ["负责全区市场监督管理。"]
    assert document.tables[0].rows[2][:3] == ("", "二、卫生健康支出", "52.68")


def test_a_paragraph_keeps_its_source_line_after_page_furniture():
    text = (
        "示范街自评报告\n- 1 -\n\n支出合计100.00万元。其中：基本支出60.00万元，项目支出50.00万元。"
    )
    [finding] = audit_text(text)
    assert finding.place.line == 4


def test_a_half_width_full_stop_after_chinese_text_ends_the_sentence():
    text = "收入36.82亿元,同比增长6.8%.其中:税收28.15亿元;非税8.67亿元.第二季度收入17.36亿元."
    assert normalize_punctuation(text) == (
        "收入36.82亿元，同比增长6.8%。其中：税收28.15亿元；非税8.67亿元。第二季度收入17.36亿元。"
    )
    assert serious(audit_text(text)) == []


def test_a_line_ending_with_a_half_width_full_stop_is_not_run_on():
    text = "全区收入完成36.82亿元,同比增长6.8%.\n全区支出完成58.46亿元,同比增长3.2%.\n"
    assert len(document_from_text(text).paragraphs) == 2
