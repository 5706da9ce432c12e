"""``{% illustrative_banner year %}``: the 示例数据 notice on every page of a year that has
illustrative figures (selectors.illustrative), so nobody mistakes them for real ones."""

from __future__ import annotations

from django import template

from jixiao.web import models
from jixiao.web.selectors.illustrative import illustrative_data

register = template.Library()


@register.inclusion_tag("jixiao/partials/illustrative_banner.html")
def illustrative_banner(year: models.DepartmentYear) -> dict[str, object]:
    """The banner's context: what of ``year`` is illustrative (None: no banner)."""
    return {"illustrative": illustrative_data(year)}
