"""The report as a standalone HTML page (no external assets: it opens offline)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from jixiao.core.report_model import ReportDocument


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("jixiao.io", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("report.html.j2")


def render_html(document: ReportDocument) -> str:
    return _template().render(document=document)


def write_html(document: ReportDocument, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_html(document), encoding="utf-8")
    return path
