"""A workbook built to exhaust the reader is refused quickly, in bounded memory, with a
Chinese message naming what is wrong: far cells (calamine would build a dense grid to
them), zip bombs, and archives whose directory lies."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable
from tests.builders import write_small_workbook
from tests.io.hostile_files import (
    SHEET_PARTS,
    rewritten,
    with_far_cell,
    with_inflating_part,
    with_understated_size,
)
from tests.io.measured_read import measured_read

# Generous next to the measured figures (well under 1 s and 100 MB), tight next to what
# the dense grid costs (2.6 GB at ALL65536, an abort at XFD1048576).
PEAK_MB = 200


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_small_workbook(tmp_path / "示例街道-2023.xlsx")


@pytest.mark.parametrize("sheet", sorted(SHEET_PARTS))
@pytest.mark.parametrize("cell", ["XFD1048576", "ALL65536", "AO1", "A100001"])
def test_a_value_past_the_sheets_area_is_refused_naming_the_sheet(
    workbook: Path, tmp_path: Path, sheet: str, cell: str
) -> None:
    hostile = with_far_cell(workbook, tmp_path / "远.xlsx", sheet, cell)

    with pytest.raises(WorkbookUnreadable) as refused:
        read_workbook(hostile)

    assert f"工作表“{sheet}”有数据写到了 {cell} 单元格，超出该表的范围" in str(refused.value)


@pytest.mark.parametrize(("sheet", "cell"), [("项目绩效指标", "XFD1048576"), ("项目", "ALL65536")])
def test_a_far_value_is_refused_in_bounded_time_and_memory(
    workbook: Path, tmp_path: Path, sheet: str, cell: str
) -> None:
    hostile = with_far_cell(workbook, tmp_path / "远.xlsx", sheet, cell)

    read = measured_read(hostile)

    assert read.peak_mb < PEAK_MB
    (message,) = read.errors
    assert f"工作表“{sheet}”有数据写到了 {cell} 单元格" in message


def test_a_value_at_the_last_cell_of_the_area_is_read(workbook: Path, tmp_path: Path) -> None:
    edge = with_far_cell(workbook, tmp_path / "边.xlsx", "项目", "AN20000")

    errors = read_workbook(edge).errors

    # Read, not refused: the row is a project row missing its required cells.
    assert errors and {finding.location.row for finding in errors if finding.location} == {20000}


def test_a_far_cell_placed_by_counting_rather_than_by_reference_is_refused(
    workbook: Path, tmp_path: Path
) -> None:
    # No r attributes: calamine puts the cell in the row's row, in the next column.
    implicit = '<row r="1048576"><c><v>1</v></c><c><v>2</v></c></row>'
    hostile = with_far_cell(workbook, tmp_path / "远.xlsx", "项目", "A1", implicit)

    with pytest.raises(WorkbookUnreadable, match="工作表“项目”有数据写到了"):
        read_workbook(hostile)


def test_a_far_cell_behind_a_namespace_prefix_is_refused(workbook: Path, tmp_path: Path) -> None:
    prefixed = '<row r="7"><x:c r="XFD7"><x:v>1</x:v></x:c></row>'
    hostile = with_far_cell(workbook, tmp_path / "远.xlsx", "预算收支", "A1", prefixed)

    with pytest.raises(WorkbookUnreadable, match="XFD7"):
        read_workbook(hostile)


def test_an_empty_formatted_cell_far_away_is_no_reason_to_refuse(
    workbook: Path, tmp_path: Path
) -> None:
    # calamine skips a cell without a value, so it costs nothing.
    styled = '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    harmless = with_far_cell(workbook, tmp_path / "格式.xlsx", "项目", "A1", styled)

    assert read_workbook(harmless).errors == ()


def test_a_far_cell_in_a_sheet_jixiao_does_not_read_is_ignored(
    workbook: Path, tmp_path: Path
) -> None:
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    harmless = rewritten(
        workbook, tmp_path / "说明.xlsx", "xl/worksheets/sheet1.xml",
        lambda data: data.replace(b"</sheetData>", far),
    )  # fmt: skip

    assert read_workbook(harmless).errors == ()


def test_a_zip_bomb_is_refused_from_the_archive_directory_without_inflating_it(
    workbook: Path, tmp_path: Path
) -> None:
    bomb = with_inflating_part(workbook, tmp_path / "炸弹.xlsx", 210 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024

    read = measured_read(bomb)

    assert read.peak_mb < PEAK_MB
    (message,) = read.errors
    assert "无法读取工作簿：文件解压后达 210 MB" in message
    assert "疑似压缩炸弹，已拒绝" in message


def test_a_part_expanding_a_hundred_times_its_packed_size_is_refused(
    workbook: Path, tmp_path: Path
) -> None:
    bomb = with_inflating_part(workbook, tmp_path / "炸弹.xlsx", 20 * 1024 * 1024)

    with pytest.raises(WorkbookUnreadable, match="不超过压缩后大小的 100 倍"):
        read_workbook(bomb)


def test_a_part_whose_directory_understates_its_size_is_refused(
    workbook: Path, tmp_path: Path
) -> None:
    lying = with_understated_size(workbook, tmp_path / "谎报.xlsx", SHEET_PARTS["项目"])

    with pytest.raises(WorkbookUnreadable, match=r"不是有效的 \.xlsx 文件"):
        read_workbook(lying)


def test_two_sheets_of_one_name_are_refused(workbook: Path, tmp_path: Path) -> None:
    # The second 项目 could hide the first from the scan while calamine parses the first.
    twice = rewritten(
        workbook, tmp_path / "重名.xlsx", "xl/workbook.xml",
        lambda data: data.replace('name="填表说明"'.encode(), 'name="项目"'.encode()),
    )  # fmt: skip

    with pytest.raises(WorkbookUnreadable, match=r"不是有效的 \.xlsx 文件"):
        read_workbook(twice)
