"""Uploaded workbooks waiting between preview and commit, for every import screen.

The file waits in a private folder under a random token; the token is kept in the
uploader's session under the screen's own key, so only they can commit it, and is spent
(out of the session, its file deleted) on commit or refusal. Files nobody committed are
removed after a day.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

from jixiao.web.services.errors import ImportRejected

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,64}")
# A previewed upload nobody committed is removed after a day.
STALE_SECONDS = 24 * 60 * 60


def upload_folder() -> Path:
    """The private folder the waiting files are kept in."""
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def upload_path(token: str) -> Path:
    """Where the file of ``token`` waits."""
    return upload_folder() / f"{token}.xlsx"


def new_token() -> str:
    """A fresh token, after removing the files nobody committed within a day."""
    limit = time.time() - STALE_SECONDS
    for path in upload_folder().glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
    return secrets.token_urlsafe(32)


def forget(request: HttpRequest, session_key: str, token: str) -> None:
    """The token is spent: out of the session, its file deleted."""
    pending = request.session.get(session_key, {})
    pending.pop(token, None)
    request.session[session_key] = pending
    upload_path(token).unlink(missing_ok=True)


def error_rows(error: ImportRejected) -> list[dict[str, object]]:
    """The refusal's errors as table rows: sheet, row, column (name and letter), message."""
    rows = []
    for finding in error.errors:
        where = finding.location
        column = ""
        if where is not None:
            column = " ".join(
                part
                for part in (where.column or "", f"（{where.letter} 列）" if where.letter else "")
                if part
            )
        rows.append({"sheet": where.sheet if where else "", "row": where.row if where and where.row else "",
                     "column": column, "message": finding.message})  # fmt: skip
    return rows
