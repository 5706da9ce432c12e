"""A plain-text report's bytes as text, or a refusal when they are not text at all.

Chinese reports saved as text come in UTF-8 (with or without a BOM), in GBK/GB18030
(the default of Chinese Windows editors), and in UTF-16 with a BOM (Notepad's
"Unicode"). Strict UTF-8 is tried before GB18030: Chinese text in GBK is almost never
valid UTF-8, while UTF-8 Chinese read as GB18030 would decode to nonsense. A file
that neither decodes cleanly is accepted only when the damage is a small share of it.
"""

from __future__ import annotations

import codecs
import re

import filetype

from jixiao.io.report_errors import ReportReadError, ReportRefused

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODINGS = ("utf-8", "gb18030")
# Characters no report contains: C0 controls other than tab, line and page breaks, DEL,
# and the replacement character a damaged byte decodes to.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
MAGIC_BYTES = 8192


def decode_report_text(data: bytes, name: str, max_undecodable_share: float) -> str:
    """The text of a report file's bytes; ReportReadError when they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), name, max_undecodable_share)
    # Some signatures are two or three letters ("BM", "MZ"): they decide only for bytes
    # that are not clean text anyway.
    kind = filetype.guess(data[:MAGIC_BYTES])
    if b"\x00" in data:
        raise _not_text(name, kind.extension if kind else None)
    for encoding in _ENCODINGS:
        try:
            return _checked(data.decode(encoding), name, max_undecodable_share)
        except (UnicodeDecodeError, ReportRefused):
            continue
    if kind is not None:
        raise _not_text(name, kind.extension)
    # Neither decodes cleanly: keep the reading with fewer damaged characters.
    texts = [data.decode(encoding, errors="replace") for encoding in _ENCODINGS]
    return _checked(min(texts, key=lambda text: text.count("\ufffd")), name, max_undecodable_share)


def _not_text(name: str, kind: str | None) -> ReportReadError:
    if kind is None:
        return ReportReadError(f"“{name}”含有空字节，是二进制文件而不是文本，已拒绝。")
    return ReportReadError(f"“{name}”的内容是 {kind} 文件而不是文本，与扩展名 .txt 不符，已拒绝。")


def _checked(text: str, name: str, max_share: float) -> str:
    damaged = len(_NOT_TEXT.findall(text))
    if damaged > max_share * max(len(text), 1):
        raise ReportRefused(
            f"“{name}”不是可识别的文本文件：{damaged} 个字符无法解码或为控制字符，超过"
            f"审核限制的 {max_share:.0%}（限制项 max_undecodable_share；"
            f"文本应为 UTF-8 或 GBK/GB18030 编码），已拒绝。",
            "max_undecodable_share",
        )
    return text
