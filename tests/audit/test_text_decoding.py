"""Plain-text reports: the encodings Chinese editors write are read; binary content is not."""

from __future__ import annotations

import codecs

import pytest

from jixiao.io.report_errors import ReportReadError, ReportRefused
from jixiao.io.report_reader import read_report
from tests.audit.hostile_files import word_bytes

REPORT = "一、部门基本情况\n支出合计 100.00 万元。其中：基本支出 60.00 万元。\n"


def texts(path) -> list[str]:
    return [block.text for block in read_report(path).paragraphs]


@pytest.mark.parametrize(
    "encoded",
    [REPORT.encode("utf-8"), codecs.BOM_UTF8 + REPORT.encode("utf-8"), REPORT.encode("gbk"),
     REPORT.encode("gb18030"), REPORT.encode("utf-16")],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16-bom"],
)  # fmt: skip
def test_a_report_in_each_encoding_chinese_editors_write_is_read(tmp_path, encoded):
    path = tmp_path / "报告.txt"
    path.write_bytes(encoded)
    assert texts(path) == REPORT.splitlines()


def test_one_damaged_byte_in_a_long_report_is_tolerated(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes((REPORT * 20).encode("gbk") + b"\xff")
    assert texts(path)[0] == "一、部门基本情况"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"abc\x00\x01\x02 binary", "空字节"), (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 255)), "png"),
     (word_bytes(), "docx 文件"), (bytes(range(0x80, 0x100)) * 40, "无法解码"),
     ("正文".encode() + b"\x01\x02\x03\x04", "控制字符")],
    ids=["nul", "png", "zip", "undecodable", "controls"],
)  # fmt: skip
def test_binary_content_named_txt_is_refused_naming_the_file(tmp_path, content, message):
    path = tmp_path / "伪装.txt"
    path.write_bytes(content)
    with pytest.raises(ReportReadError, match=message) as caught:
        read_report(path)
    assert "伪装.txt" in str(caught.value)


def test_too_many_undecodable_characters_is_a_limit_with_its_name(tmp_path):
    path = tmp_path / "乱码.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    with pytest.raises(ReportRefused) as caught:
        read_report(path)
    assert caught.value.limit == "max_undecodable_share"


def test_text_that_starts_like_a_short_file_signature_is_still_text(tmp_path):
    # "BM" opens a bitmap, "MZ" a Windows program: clean text decides.
    path = tmp_path / "报告.txt"
    path.write_text("BMW 项目绩效自评报告\n" + REPORT, encoding="utf-8")
    assert texts(path)[0] == "BMW 项目绩效自评报告"
