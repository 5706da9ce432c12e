"""Sessions for the load test, made directly in the session store (no password hashing).

Run as ``python benchmarks/web/sessions.py DISTRICT`` with the server's environment
(DATABASE_URL or JIXIAO_DATA_DIR). Prints JSON: for each finance user of the district,
its department-year, one of its sections, a session key, as
``django.contrib.auth.login`` would have stored them, and a CSRF cookie value.
"""

from __future__ import annotations

import json
import os
import sys


def finance_sessions(district: str) -> list[dict]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from jixiao.web import models

    rows = []
    memberships = models.Membership.objects.filter(
        role=models.Role.FINANCE, department__district=district
    ).select_related("user", "department")
    for found in memberships:
        year = found.department.years.order_by("-year").first()
        section = found.department.sections.order_by("name").first()
        if year is None:
            continue
        session = SessionStore()
        session[SESSION_KEY] = str(found.user.pk)
        session[BACKEND_SESSION_KEY] = "jixiao.web.auth_backend.MembershipBackend"
        session[HASH_SESSION_KEY] = found.user.get_session_auth_hash()
        session.create()
        rows.append(
            {
                "username": found.user.username,
                "year": year.pk,
                "section": section.pk if section else None,
                "session": session.session_key,
                # The CSRF cookie a browser would hold after its first page.
                "csrf": _get_new_csrf_string(),
            }
        )
    return rows


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    json.dump(finance_sessions(sys.argv[1]), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
