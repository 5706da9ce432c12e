"""The one constructor of every .xlsx jixiao writes: what a user typed is written as text.

xlsxwriter's ``write()`` and ``merge_range()`` guess a cell's type from a string: one
beginning with ``=`` (or ``{=``) becomes a live formula, one that looks like a link
(``http://``, ``mailto:``, ``external:`` — a path on the reader's disk) a hyperlink. A
project name such as ``=cmd|'/c calc'!A1`` would then run in the file a department sends
to the finance bureau. Here nothing is guessed: a string is always a string cell (Excel
treats ``+``, ``-`` and ``@`` at the start of a string cell as text too), and a formula or
a link exists only where our own code writes one with ``write_formula`` or ``write_url``.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import xlsxwriter

TEXT_STAYS_TEXT = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def new_workbook(path: str | Path | BinaryIO, **options: object) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook at ``path`` (or into a binary stream, such as a download's
    bytes) that never turns text into a formula or a link.

    ``options`` are further xlsxwriter Workbook options (for example ``in_memory``); they
    cannot switch the guessing back on.
    """
    target = path if hasattr(path, "write") else str(path)
    return xlsxwriter.Workbook(target, {**options, **TEXT_STAYS_TEXT})
