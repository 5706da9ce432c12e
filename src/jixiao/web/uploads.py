"""Checks on every uploaded file: size, real type by content, and zip bombs.

A workbook or evidence file is accepted only when its bytes are what its name says, it
is within the size limit, and (for Office files, which are zip archives) it does not
expand past a sane size or ratio: the io layer's check, with the limits of
``jixiao/io/workbook_limits.toml``, which the command line applies too.
"""

from __future__ import annotations

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jixiao.io.office_archive import ArchiveRefused, NotAnArchive, open_archive
from jixiao.web.services.errors import InvalidInput

OFFICE = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}  # fmt: skip
EVIDENCE_KINDS = {"pdf", "png", "jpg", "xlsx", "docx"}
WORKBOOK_KINDS = {"xlsx"}
REPORT_KINDS = {"txt", "docx", "pdf"}


def _extension(name: str) -> str:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    return "jpg" if suffix == "jpeg" else suffix


def _check_zip(upload: UploadedFile) -> None:
    """The same archive check (and limits) as the command line's, from the io layer."""
    upload.seek(0)
    try:
        open_archive(upload).close()  # type: ignore[arg-type]
    except NotAnArchive as error:
        raise InvalidInput("file", "文件已损坏或不是有效的 Office 文档。") from error
    except ArchiveRefused as error:
        raise InvalidInput("file", f"{error}。") from error
    finally:
        upload.seek(0)


def _size_text(limit: int) -> str:
    """``20 MB``, ``512 KB`` or ``900 字节``: a limit as a person reads it."""
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB "
    if limit >= 1024:
        return f"{limit / 1024:g} KB "
    return f"{limit} 字节"


def upload_name(upload: UploadedFile) -> str:
    """The file's name as the user's computer called it (the server keeps it under another)."""
    return PurePath(upload.name or "").name or "（未命名文件）"


def refused(upload: UploadedFile, reason: str) -> InvalidInput:
    """A refusal of ``upload`` that names it as the user knows it, then says why."""
    return InvalidInput("file", f"“{upload_name(upload)}”：{reason}")


def check_upload(upload: UploadedFile, allowed: set[str]) -> str:
    """The file's kind (its extension) if acceptable; InvalidInput with a Chinese reason,
    naming the file, if not."""
    try:
        return _checked_kind(upload, allowed)
    except InvalidInput as error:
        raise refused(upload, str(error)) from error


def _checked_kind(upload: UploadedFile, allowed: set[str]) -> str:
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise InvalidInput("file", f"文件超过 {_size_text(limit)}上限。")
    kind = _extension(upload.name or "")
    if kind not in allowed:
        raise InvalidInput(
            "file", f"不支持的文件类型“.{kind}”，可上传：{'、'.join(sorted(allowed))}。"
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guessed = filetype.guess(head)
    detected = guessed.extension if guessed else None
    if kind == "txt":
        # Text has no magic bytes: refuse binary content (a NUL byte) dressed up as text.
        if b"\x00" in head or detected is not None:
            raise InvalidInput("file", "文件内容不是文本，与扩展名“.txt”不符，已拒绝。")
    elif kind in OFFICE:
        if detected not in ("zip", kind):
            raise InvalidInput("file", f"文件内容与扩展名“.{kind}”不符，已拒绝。")
        _check_zip(upload)
    elif detected != kind:
        raise InvalidInput("file", f"文件内容与扩展名“.{kind}”不符，已拒绝。")
    return kind
