"""Helpers for the audit tests: audit inline text, and write .docx / .pdf reports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from jixiao.core.audit import AuditFinding, audit_document, document_from_text
from jixiao.core.audit.document import RawParagraph, RawTable, build_document
from jixiao.core.profile import RulesProfile, load_profile

CLEAN_REPORT = """\
2023 年度示范街部门整体支出绩效自评报告
一、部门基本情况
（一）部门职能
示范街道办事处负责辖区内的经济建设、城市管理和社会事务等职能。
（二）部门整体收支情况
示范街道办事处 2023 年度财政拨款支出合计 1,500.00 万元。其中：一般公共预算财政拨款支出 1,200.00 万元，比年初预算数增加 200.00 万元，增长 20.0%；主要变动情况：一是城乡社区支出增加 150.00 万元，二是教育支出增加 50.00 万元；政府性基金预算财政拨款支出 300.00 万元，比年初预算数减少 100.00 万元，下降 25.0%。
基本支出 400.00 万元，项目支出 800.00 万元，合计 1,200.00 万元，占财政拨款支出的 80.0%。
全年预算数 1,000.00 万元，全年执行数 950.00 万元，预算执行率 95.0%。
二、绩效自评情况
（一）自评结论
自评得分 92.5 分，等级为优。
（二）履职效能分析
全年开展以下三项工作：一是推进道路建设，二是改善环境卫生，三是加强社区服务。
组织对城乡社区、教育、卫生健康 3 个领域的 12 个项目开展绩效自评。
三、存在的主要问题
（一）绩效目标编制质量有待提高。
（二）部分项目执行进度偏慢，主要原因是工程招标延后，执行率受到影响。
四、下一步改进措施
（一）加强绩效目标审核，2024 年度起全面开展事前评估。
（二）加快项目执行进度。
"""


def audit_text(text: str, profile: RulesProfile | None = None) -> tuple[AuditFinding, ...]:
    """Audit a report written inline in the test."""
    return audit_document(document_from_text(text, "test.txt"), profile or load_profile())


def audit_table(
    rows: Sequence[Sequence[str]], text: str = "", profile: RulesProfile | None = None
) -> tuple[AuditFinding, ...]:
    """Audit a report made of a few paragraphs and one table."""
    paragraphs = [RawParagraph(line) for line in text.splitlines()]
    table = RawTable(tuple(tuple(row) for row in rows), len(paragraphs))
    document = build_document("test", paragraphs, [table])
    return audit_document(document, profile or load_profile())


def codes(findings: Sequence[AuditFinding], severity: str | None = None) -> list[str]:
    """The codes of the findings, optionally only those of one severity."""
    return [f.code for f in findings if severity is None or f.severity.value == severity]


def serious(findings: Sequence[AuditFinding]) -> list[AuditFinding]:
    """Findings of warning or error level: what would make a reader act."""
    return [f for f in findings if f.severity.value in ("error", "warning")]


def score_table_rows(**overrides: str) -> list[list[str]]:
    """A clean 项目支出绩效自评表 grid; ``overrides`` replace cells named ``r<row>c<col>``."""
    rows = [
        [
            "项目名称",
            "示范项目",
            "示范项目",
            "示范项目",
            "示范项目",
            "示范项目",
            "示范项目",
            "示范项目",
        ],
        ["资金情况", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["年度资金总额", "100.00", "100.00", "95.00", "10", "95.00%", "9.50", ""],
        ["其中：财政拨款", "80.00", "80.00", "76.00", "", "", "", ""],
        ["上年结转", "20.00", "20.00", "19.00", "", "", "", ""],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "25", "25", ""],
        ["产出指标", "质量指标", "合格率", "≥95%", "96%", "25", "25", ""],
        ["效益指标", "社会效益指标", "服务覆盖率", "≥90%", "90%", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "10", "10", ""],
        ["总分", "总分", "总分", "总分", "总分", "100", "99.50", "自评等级：优"],
    ]
    for key, value in overrides.items():
        row, column = key[1:].split("c")
        rows[int(row)][int(column)] = value
    return rows


def write_docx(
    path: Path, paragraphs: Sequence[str], tables: Sequence[Sequence[Sequence[str]]] = ()
) -> Path:
    """A Word report: the paragraphs, then each table."""

    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    for rows in tables:
        table = word.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    word.save(str(path))
    return path


def write_pdf(
    path: Path, pages: Sequence[Sequence[str]], table: Sequence[Sequence[str]] = ()
) -> Path:
    """A PDF report, one list of lines a page, and a ruled table on the last page."""

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    story: list = []
    for index, lines in enumerate(pages):
        if index:
            story.append(PageBreak())
        story.extend(Paragraph(line, style) for line in lines)
    if table:
        grid = Table([list(row) for row in table])
        grid.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ]
            )
        )
        story.append(grid)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path
