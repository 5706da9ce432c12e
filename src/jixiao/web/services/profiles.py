"""Which rules profile a department-year is scored under: a database record, else a file."""

from __future__ import annotations

from jixiao.core.profile import RulesProfile, load_profile, load_profile_text
from jixiao.web.models import RulesProfileRecord


def profile_for(key: str) -> RulesProfile:
    record = RulesProfileRecord.objects.filter(key=key).first()
    if record is not None:
        return load_profile_text(record.text, key)
    return load_profile(key or "default")
