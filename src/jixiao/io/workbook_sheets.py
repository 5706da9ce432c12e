"""A workbook's sheets as rows of cells, the largest one parsed on a second thread.

Before python-calamine parses anything, the archive is checked (a zip bomb is refused
from its directory, and every part calamine reads is streamed with its real inflated
size counted) and each sheet's XML is scanned for how far its cells reach
(``sheet_extent``): calamine builds a dense grid up to the farthest cell, so a sheet
past its limits is refused instead of parsed. Only the sheets asked for are read.

python-calamine parses a sheet's XML without holding the GIL. The indicator sheet holds
nearly all of a department's rows and is validated last, so it is scanned and parsed in
the background while the other sheets are parsed and validated here: on two cores a
read then costs about the larger of the two, not their sum.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

import python_calamine

from jixiao.io.office_archive import ArchiveRefused, InflationBudget, NotAnArchive, open_archive
from jixiao.io.sheet_extent import SheetTooLarge, check_sheet_extent
from jixiao.io.workbook_limits import workbook_limits
from jixiao.io.workbook_parts import check_opening_parts, workbook_parts

Rows = list[list[object]]


class WorkbookUnreadable(Exception):
    """The file is not an .xlsx workbook we can open (message in Chinese, naming the
    sheet at fault when there is one)."""


class WorkbookSheets:
    """The sheets of one workbook by name (``names``: all of them); only those in
    ``wanted`` are read, and those in ``background`` on a thread.

    A file that cannot be read raises ``WorkbookUnreadable``, whether that shows on
    opening or, for a background sheet, when its rows are first asked for.
    """

    def __init__(
        self, path: Path, wanted: frozenset[str], background: frozenset[str] = frozenset()
    ):
        if not path.is_file():
            raise WorkbookUnreadable(f"文件不存在：{path}")
        self._path = path
        self._pending: dict[str, Future[Rows]] = {}
        self._rows: dict[str, Rows] = {}
        with _unreadable(), open_archive(path) as archive:
            budget = InflationBudget()
            parts = workbook_parts(archive, budget)
            check_opening_parts(archive, parts, budget)
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            self.names = tuple(workbook.sheet_names)
            read = [name for name in self.names if name in wanted]
            if any(name not in parts.sheets for name in read):
                raise NotAnArchive("工作表缺失")
            for name in read:
                if name in background:
                    self._pending[name] = _read_in_background(path, name, parts.sheets[name])
            for name in read:
                if name not in background:
                    _check_extent(archive, parts.sheets[name], name, budget)
                    self._rows[name] = _parse(workbook, name)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __getitem__(self, name: str) -> Rows:
        if name in self._pending:
            with _unreadable():
                self._rows[name] = self._pending.pop(name).result()
        return self._rows[name]


@contextmanager
def _unreadable() -> Iterator[None]:
    """Turn whatever the checks or calamine raise for a bad file (several unrelated
    types) into ``WorkbookUnreadable``.

    The message does not name the file: the caller says which file it was, by the name
    its user knows (a web upload is read from a temporary file of another name).
    """
    try:
        yield
    except SheetTooLarge as error:
        raise WorkbookUnreadable(str(error)) from error
    except NotAnArchive as error:
        raise WorkbookUnreadable("无法读取工作簿：不是有效的 .xlsx 文件") from error
    except ArchiveRefused as error:
        raise WorkbookUnreadable(f"无法读取工作簿：{error}") from error
    except Exception as error:
        raise WorkbookUnreadable("无法读取工作簿：不是有效的 .xlsx 文件") from error


def _check_extent(archive: zipfile.ZipFile, part: str, name: str, budget: InflationBudget) -> None:
    check_sheet_extent(archive, part, name, workbook_limits().area(name), budget)


def _parse(workbook: python_calamine.CalamineWorkbook, name: str) -> Rows:
    return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _read_in_background(path: Path, name: str, part: str) -> Future[Rows]:
    """Scan, then parse, one sheet on a new daemon thread, with its own handles on the file.

    A thread per read rather than a shared pool: a pool created before ``fork`` (the
    batch report forks its workers) is unusable in the child.
    """
    future: Future[Rows] = Future()

    def run() -> None:
        try:
            with zipfile.ZipFile(path) as archive:
                _check_extent(archive, part, name, InflationBudget())
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            future.set_result(_parse(workbook, name))
        except BaseException as error:  # handed to the reader, which translates it
            future.set_exception(error)

    threading.Thread(target=run, name=f"jixiao-sheet-{name}", daemon=True).start()
    return future
