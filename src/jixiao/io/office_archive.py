"""An Office file (.xlsx, .docx) as the zip archive it is, checked before anything inflates it.

Two checks, both bounded in memory and time. ``check_archive`` reads only the archive's
directory: the parts must be an Office package and together expand to a sane size.
``inflate`` then streams one part, counting the bytes it really expands to, so a part
whose directory entry lies about its size is stopped at the limit rather than trusted.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from jixiao.io.workbook_limits import workbook_limits

CHUNK_BYTES = 4 * 1024 * 1024


class ArchiveRefused(Exception):
    """The file is refused as an archive; the message (Chinese) says why."""


class NotAnArchive(ArchiveRefused):
    """The file is not an Office package at all (not a zip, or no [Content_Types].xml)."""


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):,.0f} MB"


def check_archive(archive: zipfile.ZipFile, packed_bytes: int) -> None:
    """Refuse an archive that is no Office package or expands past the limits, from its
    directory alone (``packed_bytes``: the file's size on disk)."""
    limits = workbook_limits()
    if "[Content_Types].xml" not in archive.NameToInfo:
        raise NotAnArchive("不是有效的 Office 文档")
    expanded = sum(info.file_size for info in archive.infolist())
    if expanded > limits.max_inflated_bytes or expanded > limits.max_ratio * max(packed_bytes, 1):
        raise ArchiveRefused(
            f"文件解压后达 {_megabytes(expanded)}（上限 {_megabytes(limits.max_inflated_bytes)}，"
            f"且不超过压缩后大小的 {limits.max_ratio} 倍），疑似压缩炸弹，已拒绝"
        )


def open_archive(source: Path | BinaryIO) -> zipfile.ZipFile:
    """The file as a checked zip archive (``check_archive``); NotAnArchive if it is none."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise NotAnArchive("不是有效的 Office 文档") from error
    packed = source.stat().st_size if isinstance(source, Path) else _stream_size(source)
    try:
        check_archive(archive, packed)
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def _stream_size(stream: BinaryIO) -> int:
    position = stream.tell()
    size = stream.seek(0, 2)
    stream.seek(position)
    return size


class InflationBudget:
    """How many more bytes the parts streamed so far may still expand to."""

    def __init__(self) -> None:
        self.remaining = workbook_limits().max_inflated_bytes

    def spend(self, count: int) -> None:
        self.remaining -= count
        if self.remaining < 0:
            limit = _megabytes(workbook_limits().max_inflated_bytes)
            raise ArchiveRefused(f"文件解压后超过 {limit} 上限，疑似压缩炸弹，已拒绝")


def inflate(archive: zipfile.ZipFile, part: str, budget: InflationBudget) -> Iterator[bytes]:
    """The expanded bytes of ``part``, a chunk at a time, charged to ``budget``.

    A corrupt part (bad CRC, truncated data, a size its directory entry misstates) is
    NotAnArchive: zipfile stops at the stated size and checks the CRC.
    """
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                budget.spend(len(chunk))
                yield chunk
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        KeyError,
        NotImplementedError,
    ) as error:
        raise NotAnArchive("文件已损坏") from error
