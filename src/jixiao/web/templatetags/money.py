"""Money in templates: ``{{ amount|wan }}`` writes a 万元 figure as reports do (25,748.56)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from jixiao.core.money import format_wan

register = template.Library()


@register.filter
def wan(value: Decimal | None) -> str:
    """A 万元 Decimal with two decimals and grouping; "—" for none."""
    return "—" if value is None else format_wan(value)
