"""Which rules profile a department-year is scored under: a database record, else a file.

Parsed profiles are kept in memory keyed by their text, so an administrator's edit takes
effect at once while an unchanged profile is parsed only once per process.
"""

from __future__ import annotations

from functools import lru_cache

from jixiao.core.profile import ProfileError, RulesProfile, load_profile, load_profile_text
from jixiao.web.models import RulesProfileRecord


@lru_cache(maxsize=32)
def _parsed(text: str, key: str) -> RulesProfile:
    return load_profile_text(text, key)


@lru_cache(maxsize=32)
def _shipped(key: str) -> RulesProfile:
    return load_profile(key)


def profile_for(key: str) -> RulesProfile:
    text = RulesProfileRecord.objects.filter(key=key).values_list("text", flat=True).first()
    if text is not None:
        return _parsed(text, key)
    return _shipped(key or "default")


def profile_title(key: str) -> str:
    """The Chinese title of the profile ``key`` (its ``name``), or a note that it is missing."""
    try:
        return profile_for(key).name
    except ProfileError:
        return f"找不到规则配置“{key}”"
