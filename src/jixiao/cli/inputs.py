"""Workbook paths from the command line: files as given, folders expanded to their .xlsx."""

from __future__ import annotations

from pathlib import Path


def expand_workbooks(arguments: list[str]) -> list[Path]:
    """Each argument's workbooks in order; Excel's ``~$`` lock files are skipped."""
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            # By suffix, not glob: "*.xlsx" misses 部门.XLSX on a case-sensitive file system.
            paths.extend(
                p
                for p in sorted(path.iterdir())
                if p.suffix.lower() == ".xlsx"
                and p.is_file()
                and not p.name.startswith(("~$", "."))
            )
        else:
            paths.append(path)
    return paths
