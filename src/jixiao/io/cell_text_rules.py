"""What text a workbook cell may hold, so every document written from it can carry it.

Tab and line feed are kept (the Word report writes them as a tab and a line break); a
carriage return becomes a line feed (Windows line ends and old Mac ones alike). Every
other control character is refused, not removed: XML (hence .docx and .xlsx) cannot
hold most of them at all, and an invisible character in a project name is a typing or
copying slip its author should see. Refused: C0 controls other than tab and line feed,
DEL and the C1 controls (U+007F–U+009F, left by text decoded with the wrong code page),
and U+FFFE/U+FFFF, which XML forbids.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
CONTROL_OR_RETURN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def normalised(text: str) -> str:
    """``text`` with Windows (CR LF) and old Mac (CR) line ends as line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def text_problem(text: str, limit: int) -> str | None:
    """Why ``text`` cannot be kept (Chinese), or None when it can."""
    found = CONTROL.search(text)
    if found:
        return f"含有不可见的控制字符（U+{ord(found.group()):04X}），请删除后重试"
    length = len(text.strip())
    if length > limit:
        return f"文字过长：最多 {limit:,} 个字符，实为 {length:,} 个"
    return None
