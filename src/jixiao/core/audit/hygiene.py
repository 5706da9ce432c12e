"""Text hygiene: Latin words in Chinese prose, phrases repeated back to back, broken 文号.

An acronym (GDP, PPP), a unit after a digit (5G, km) or a single letter (M 地块) is how
Chinese reports write; a lower-case English word between Chinese characters ("城市管理
etc 等") is a slip, and so is "2023 年度 2023 年度".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.core.audit.extract import Extraction
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.findings import Severity
from jixiao.core.profile import RulesProfile

_CJK = "\u4e00-\u9fff"
_CHINESE_CONTEXT = rf"[{_CJK}\u3000-\u303f\uff00-\uffef“”‘’]"
_LATIN_WORD = re.compile(
    rf"(?<=({_CHINESE_CONTEXT}))\s*(?P<word>[A-Za-z][a-z]+)\s*(?=({_CHINESE_CONTEXT}))"
)
_REPEATED = re.compile(r"(?P<unit>\S.{0,18}?\S)\s*(?P=unit)")
_REPEAT_REACH = 40  # a unit of up to 20 characters, and blanks before its repetition
_HAS_CJK = re.compile(rf"[{_CJK}]")
_ASCII_WORD = re.compile(r"[A-Za-z][a-z]")
_PROSE = re.compile(r"[，。；！？]")
_OPEN_BRACKET = "〔"
_CLOSE_BRACKET = "〕"
_DOC_NUMBER = re.compile(
    rf"[{_CJK}]{{1,10}}[〔\[［(（【]?\s*(?:19|20)\d{{2}}\s*[〕\]］)）】]?\s*\d+\s*号"
)
_LOANWORDS = frozenset({"app", "wifi", "logo", "excel", "word", "email", "online", "office"})


def check_latin_words(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Lower-case Latin words standing between Chinese characters."""
    for block in extraction.document.blocks():
        if _ASCII_WORD.search(block.text) is None:
            continue  # most paragraphs: no two Latin letters in a row, nothing to scan
        for match in _LATIN_WORD.finditer(block.text):
            word = match.group("word")
            if word.lower() in _LOANWORDS or set(word.lower()) == {"x"}:
                continue  # xx is an unfilled placeholder: check_template_left says so
            message = f"中文句子中夹有英文单词“{word}”，应删除或改为中文。"
            start = match.start("word")
            span = (max(start - 5, 0), min(match.end("word") + 5, len(block.text)))
            yield finding_at(
                block,
                span,
                "latin-word",
                Severity.WARNING,
                message,
                stated=word,
            )


def check_repeated_phrases(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """A phrase written twice in a row ("2023 年度 2023 年度") in prose.

    A line without a comma or a stop is a table row flattened into text, where merged
    cells repeat by design ("产出指标 产出指标 数量指标"); it is not checked, nor is a
    table cell that merely repeats its neighbour.
    """
    for block in extraction.document.paragraphs:
        if not _PROSE.search(block.text):
            continue
        for match in _repeats(block.text):
            unit = match.group("unit")
            if not _HAS_CJK.search(unit) or len(set(unit.replace(" ", ""))) < 2:
                continue
            message = f"“{unit}”连续重复出现，疑为多余。"
            yield finding_at(block, match.span(), "repeated-phrase", Severity.WARNING, message)


def _repeats(text: str) -> Iterator[re.Match[str]]:
    """Each phrase written twice in a row, left to right.

    A repeated phrase starts with a pair of characters that comes again a phrase's
    length later; the pattern is tried only there, not at every position of the text.
    """
    last_seen: dict[str, int] = {}
    index = 0
    while index < len(text) - 1:
        pair = text[index : index + 2]
        start = last_seen.get(pair)
        last_seen[pair] = index
        if start is not None and index - start <= _REPEAT_REACH:
            match = _REPEATED.match(text, start)
            if match is not None:
                yield match
                index, last_seen = match.end(), {}
                continue
        index += 1


def check_document_numbers(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """文号 whose year brackets do not pair up: 〔2021] / 〔2021 / 2021〕."""
    for block in extraction.document.blocks():
        if "号" not in block.text:
            continue
        for match in _DOC_NUMBER.finditer(block.text):
            number = match.group(0)
            opens, closes = number.count(_OPEN_BRACKET), number.count(_CLOSE_BRACKET)
            if (opens or closes) and not (opens == closes == 1):
                message = f"文号“{number}”的括号不配对，文号年份应写在“〔〕”之间。"
                yield finding_at(block, match.span(), "document-number", Severity.WARNING, message)
