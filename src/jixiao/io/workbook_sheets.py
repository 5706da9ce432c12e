"""A workbook's sheets as rows of cells, the largest one parsed on a second thread.

python-calamine parses a sheet's XML without holding the GIL. The indicator sheet holds
nearly all of a department's rows and is validated last, so it is parsed in the
background while the profile, budget and project sheets are parsed and validated here:
on two cores a read then costs about the larger of the two, not their sum.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

import python_calamine

Rows = list[list[object]]


class WorkbookUnreadable(Exception):
    """The file is not an .xlsx workbook we can open (message in Chinese)."""


class WorkbookSheets:
    """The sheets of one workbook by name; ``background`` names those parsed on a thread.

    A file calamine cannot parse raises ``WorkbookUnreadable``, whether that shows on
    opening or, for a background sheet, when its rows are first asked for.
    """

    def __init__(self, path: Path, background: frozenset[str] = frozenset()):
        if not path.is_file():
            raise WorkbookUnreadable(f"文件不存在：{path}")
        self._path = path
        self._pending: dict[str, Future[Rows]] = {}
        self._rows: dict[str, Rows] = {}
        with _unreadable():
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            self.names = tuple(workbook.sheet_names)
            for name in self.names:
                if name in background:
                    self._pending[name] = _parse_in_background(path, name)
            for name in self.names:
                if name not in background:
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
    """Turn whatever calamine raises for a bad file (several unrelated types) into
    ``WorkbookUnreadable``.

    The message does not name the file: the caller says which file it was, by the name
    its user knows (a web upload is read from a temporary file of another name).
    """
    try:
        yield
    except Exception as error:
        raise WorkbookUnreadable("无法读取工作簿：不是有效的 .xlsx 文件") from error


def _parse(workbook: python_calamine.CalamineWorkbook, name: str) -> Rows:
    return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _parse_in_background(path: Path, name: str) -> Future[Rows]:
    """Parse one sheet on a new daemon thread, with its own handle on the file.

    A thread per read rather than a shared pool: a pool created before ``fork`` (the
    batch report forks its workers) is unusable in the child.
    """
    future: Future[Rows] = Future()

    def run() -> None:
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            future.set_result(_parse(workbook, name))
        except BaseException as error:  # handed to the reader, which translates it
            future.set_exception(error)

    threading.Thread(target=run, name=f"jixiao-sheet-{name}", daemon=True).start()
    return future
