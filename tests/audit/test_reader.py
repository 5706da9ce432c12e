"""Reading .txt, .docx and .pdf reports into the audit's document model."""

import pytest

from jixiao.io.report_reader import ReportReadError, UnsupportedFormatError, read_report
from tests.audit.reports import score_table_rows, write_docx, write_pdf


def test_it_reads_a_text_file_in_gb18030(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("一、部门基本情况\n\n支出合计 100.00 万元。".encode("gb18030"))
    document = read_report(path)
    assert [block.text for block in document.paragraphs] == [
        "一、部门基本情况",
        "支出合计 100.00 万元。",
    ]
    assert document.paragraphs[1].place.line == 3
    assert document.paragraphs[1].section == "一、部门基本情况"


def test_it_reads_paragraphs_and_tables_of_a_word_file(tmp_path):
    path = write_docx(tmp_path / "r.docx", ["一、部门基本情况", "正文。"], [score_table_rows()])
    document = read_report(path)
    assert [block.text for block in document.paragraphs] == ["一、部门基本情况", "正文。"]
    [table] = document.tables
    assert table.rows[1][1] == "年初预算数"
    assert table.section == "一、部门基本情况"


def test_it_reads_pages_and_tables_of_a_pdf(tmp_path):
    path = write_pdf(
        tmp_path / "r.pdf",
        [["一、部门基本情况", "第一页正文。"], ["二、绩效自评情况"]],
        score_table_rows(),
    )
    document = read_report(path)
    texts = [(block.text, block.place.page) for block in document.paragraphs]
    assert texts == [("一、部门基本情况", 1), ("第一页正文。", 1), ("二、绩效自评情况", 2)]
    [table] = document.tables
    assert table.page == 2
    assert "年初预算数" in table.rows[1]


def test_it_joins_pdf_lines_that_run_to_the_margin(tmp_path):
    long_paragraph = "洛浦街道办事处负责辖区内的经济建设、行政管理、执法监督和城市管理等职能。" * 4
    document = read_report(write_pdf(tmp_path / "r.pdf", [[long_paragraph, "下一段。"]]))
    assert [block.text for block in document.paragraphs] == [long_paragraph, "下一段。"]


def test_it_refuses_an_unsupported_format(tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormatError, match=r"另存为 \.docx"):
        read_report(path)


def test_it_refuses_a_corrupt_word_file(tmp_path):
    path = tmp_path / "report.docx"
    path.write_text("not a zip")
    with pytest.raises(ReportReadError, match="无法读取 Word 文件"):
        read_report(path)


def test_it_refuses_a_corrupt_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(ReportReadError, match="PDF"):
        read_report(path)


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(ReportReadError, match="找不到文件"):
        read_report(tmp_path / "absent.txt")


def test_it_refuses_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n")
    with pytest.raises(ReportReadError, match="没有可读取的文字"):
        read_report(path)


def test_a_word_table_keeps_its_section_when_the_contents_are_left_out(tmp_path):
    paragraphs = ["2023年度示范街部门整体支出绩效自评报告", "目  录", "一、部门基本情况\t1"]
    paragraphs += ["二、绩效自评情况\t3", "一、部门基本情况", "负责辖区事务。", "二、绩效自评情况"]
    rows = [["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]]
    rows.append(["合计", "100.00", "100.00", "95.00", "95.00%"])
    document = read_report(write_docx(tmp_path / "toc.docx", paragraphs, [rows]))
    assert [block.text for block in document.paragraphs][1:3] == [
        "一、部门基本情况",
        "负责辖区事务。",
    ]
    assert document.tables[0].section == "二、绩效自评情况"


def test_a_table_pasted_into_word_one_cell_a_paragraph_is_rebuilt_beside_a_real_table(tmp_path):
    cells = ["项目", "决算数", "占比", "基本支出", "400.00", "40.00%", "项目支出", "600.00"]
    cells += ["60.00%", "合计", "1,000.00", "100.00%"]
    path = write_docx(
        tmp_path / "r.docx", ["二、支出决算情况", *cells, "正文。"], [score_table_rows()]
    )
    document = read_report(path)
    assert [block.text for block in document.paragraphs] == ["二、支出决算情况", "正文。"]
    flattened, real = document.tables
    assert flattened.rows[-1] == ("合计", "1,000.00", "100.00%")
    assert flattened.section == "二、支出决算情况"
    assert real.rows[1][1] == "年初预算数"
