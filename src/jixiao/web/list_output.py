"""Every list page's two outputs besides the screen: its Excel export and its print view.

A list view reads its filters and sort order once, then asks here what to answer:

- ``wants_export(request)``: the ``?…&format=xlsx`` link — answer with
  ``xlsx_response(table, name)``, the rows the page shows built into an
  ``io.list_xlsx.ListTable`` (every filtered row, not only the current page);
- ``paged(request, rows, size)``: the page of rows to show, or every row at once in the
  print view (``?…&print=1``), whose print stylesheet fits A4 landscape;
- ``list_links(request)``: the context the ``jixiao/partials/list_actions.html`` partial
  needs for its 导出 Excel and 打印 links, which keep the current filters and sort.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from jixiao.io.list_xlsx import ListTable, write_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Query parameters of the outputs themselves, never carried into another link.
OUTPUT_PARAMETERS = ("page", "format", "print")


def wants_export(request: HttpRequest) -> bool:
    """Whether the request asks for the list as an .xlsx file."""
    return request.GET.get("format") == "xlsx"


def is_print_view(request: HttpRequest) -> bool:
    """Whether the request asks for the print view (every row on one page)."""
    return request.GET.get("print") == "1"


def paged(request: HttpRequest, rows: Sequence | object, size: int) -> Page:
    """The requested page of ``rows``; in the print view, all of them on one page."""
    if is_print_view(request):
        # A page at least one row long: Paginator refuses a page size of zero.
        size = max(len(rows) if isinstance(rows, Sequence) else rows.count(), 1)
        return Paginator(rows, size).get_page(1)
    return Paginator(rows, size).get_page(request.GET.get("page"))


def list_links(request: HttpRequest) -> dict[str, object]:
    """The export and print links of the list as filtered and sorted now."""
    params = request.GET.copy()
    for name in OUTPUT_PARAMETERS:
        params.pop(name, None)
    query = params.urlencode()
    joined = f"?{query}&" if query else "?"
    return {
        "export_href": f"{joined}format=xlsx",
        "print_href": f"{joined}print=1",
        "list_href": f"?{query}" if query else request.path,
        "print_view": is_print_view(request),
    }


def xlsx_response(table: ListTable, name: str) -> HttpResponse:
    """``table`` written as an .xlsx download named ``name``."""
    with tempfile.TemporaryDirectory(prefix="jixiao-list-") as folder:
        content = write_list(table, Path(folder) / "list.xlsx").read_bytes()
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def filters_line(chosen: Sequence[tuple[str, str]], sort: str = "") -> str:
    """The filters and sort that produced a list, as the export's second line says them:
    “筛选：科室“城管办”，等级“良”；排序：计算得分（降序）”."""
    parts = [f"{label}“{value}”" for label, value in chosen if value]
    text = "筛选：" + ("，".join(parts) if parts else "无（全部）")
    return f"{text}；排序：{sort}" if sort else text
