"""Chinese quotation in messages: “…”, with quotes inside the quoted text made ‘…’."""

from __future__ import annotations

INNER = str.maketrans({"“": "‘", "”": "’"})


def quoted(text: object) -> str:
    """``text`` in “”, its own “” turned to ‘’ (“‘三公’经费”, not ““三公”经费”)."""
    return f"“{str(text).translate(INNER)}”"
