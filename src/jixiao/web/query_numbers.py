"""Whole numbers from a query string (an id, a year), bounded so any database column holds them.

A filter value is typed into the address bar as often as picked from a list: thirty
nines must filter nothing, not overflow the database's integer and answer with a 500.
"""

from __future__ import annotations

# Nine digits fit every integer column (PostgreSQL's integer holds up to 2,147,483,647).
MAX_DIGITS = 9


def query_number(text: str | None) -> int | None:
    """``text`` as a non-negative whole number, or None when it is not one or too long."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS else None
