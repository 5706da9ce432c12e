"""Template context every page needs: the user's role and what the navigation may show."""

from __future__ import annotations

from django.http import HttpRequest

from jixiao.web.models import Role
from jixiao.web.roles import can_audit_reports, is_bureau, membership, sees_whole_department


def navigation(request: HttpRequest) -> dict[str, object]:
    # A request refused before the middleware ran (a host not served) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    found = membership(user)
    return {
        "role_label": found.get_role_display()
        if found
        else ("管理员" if user.is_superuser else ""),
        "sees_whole": sees_whole_department(user),
        "is_bureau": is_bureau(user),
        "can_upload": user.is_superuser or (found is not None and found.role == Role.FINANCE),
        "can_audit": can_audit_reports(user),
    }
