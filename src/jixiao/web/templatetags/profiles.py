"""``{{ key|profile_title }}``: a rules profile's Chinese title where a page names it."""

from __future__ import annotations

from django import template

from jixiao.web.services.profiles import profile_title as title_of

register = template.Library()


@register.filter
def profile_title(key: str) -> str:
    """The Chinese title of the rules profile ``key``."""
    return title_of(key)
