"""The audit's limits: read from data, and each hostile file refused fast, naming the limit."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from jixiao.io.report_errors import ReportReadError, ReportRefused
from jixiao.io.report_limits import MEGABYTE, LimitsError, load_report_limits
from jixiao.io.report_reader import read_report
from tests.audit.hostile_files import (
    broken_xml_docx,
    inflating_pdf,
    many_page_pdf,
    rewritten_docx,
    zip_bomb_docx,
)

FAST_SECONDS = 10
DEFAULTS = load_report_limits()


def refused(path, limits=DEFAULTS) -> ReportRefused:
    started = time.perf_counter()
    with pytest.raises(ReportRefused) as caught:
        read_report(path, limits)
    assert time.perf_counter() - started < FAST_SECONDS
    assert path.name in str(caught.value)
    return caught.value


def test_the_shipped_limits_are_read_from_the_data_file():
    assert DEFAULTS.max_pages == 300
    assert DEFAULTS.max_inflated_bytes == 200 * MEGABYTE
    assert DEFAULTS.web_max_seconds <= DEFAULTS.max_seconds


def test_a_deployment_file_changes_only_the_limits_it_names(tmp_path):
    path = tmp_path / "limits.toml"
    path.write_text("max_pages = 5\nmax_file_mb = 0.5\n", encoding="utf-8")
    limits = load_report_limits(path)
    assert limits.max_pages == 5 and limits.max_file_bytes == MEGABYTE // 2
    assert limits.max_seconds == DEFAULTS.max_seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [("max_pagez = 5\n", "未知的项目：max_pagez"), ("max_pages = 0\n", "应为正数"),
     ("max_pages = [\n", "无法读取")],
)  # fmt: skip
def test_a_bad_limits_file_is_refused_in_chinese(tmp_path, text, message):
    path = tmp_path / "limits.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LimitsError, match=message):
        load_report_limits(path)


def test_a_pdf_whose_stream_inflates_to_300_mb_is_refused_before_parsing(tmp_path):
    error = refused(inflating_pdf(tmp_path / "炸弹.pdf", 300))
    assert error.limit == "max_inflation_ratio" and "100 倍" in str(error)


def test_a_pdf_that_inflates_past_the_size_limit_is_refused(tmp_path):
    limits = replace(DEFAULTS, max_inflated_bytes=MEGABYTE, max_inflation_ratio=10_000)
    error = refused(inflating_pdf(tmp_path / "膨胀.pdf", 2), limits)
    assert error.limit == "max_inflated_mb" and "1 MB" in str(error)


def test_a_pdf_of_20000_pages_is_refused_by_counting_pages(tmp_path):
    error = refused(many_page_pdf(tmp_path / "两万页.pdf", 20_000))
    assert error.limit == "max_pages" and "300 页" in str(error)


def test_a_pdf_within_the_page_limit_is_read(tmp_path):
    limits = replace(DEFAULTS, max_pages=3)
    document = read_report(many_page_pdf(tmp_path / "三页.pdf", 3), limits)
    assert [block.place.page for block in document.paragraphs] == [1, 2, 3]
    assert refused(many_page_pdf(tmp_path / "四页.pdf", 4), limits).limit == "max_pages"


def test_a_zip_bomb_docx_is_refused_by_its_declared_sizes(tmp_path):
    limits = replace(DEFAULTS, max_inflated_bytes=MEGABYTE)
    error = refused(zip_bomb_docx(tmp_path / "炸弹.docx", 2), limits)
    assert error.limit == "max_inflated_mb" and "1 MB" in str(error)


def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "大报告.txt"
    path.write_bytes("预算".encode() * MEGABYTE)
    error = refused(path, replace(DEFAULTS, max_file_bytes=MEGABYTE))
    assert error.limit == "max_file_mb"


def test_a_word_file_with_broken_xml_is_refused_in_chinese(tmp_path):
    path = broken_xml_docx(tmp_path / "损坏.docx")
    with pytest.raises(ReportReadError, match=r"无法读取 Word 文件.*损坏\.docx"):
        read_report(path)


def test_a_zip_without_a_word_body_is_refused_in_chinese(tmp_path):
    path = rewritten_docx(
        tmp_path / "空壳.docx", lambda name, data: None if name.endswith("document.xml") else data
    )
    with pytest.raises(ReportReadError, match=r"缺少正文.*空壳\.docx"):
        read_report(path)


def test_an_encrypted_or_unparsable_pdf_is_refused_in_chinese(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF")
    with pytest.raises(ReportReadError, match=r"PDF.*坏\.pdf"):
        read_report(path)
