"""决算与管理数据 rows ↔ the JSON a department-year keeps them in.

Amounts are stored as their exact decimal text and dates as ISO dates, so a row read
back is the record that was filed, to the 分.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jixiao.core.records import Location, ManagementItem

AMOUNTS = ("budget", "actual", "previous", "adjustment")
DATES = ("approved_on", "published_on")
TEXTS = ("category", "name", "address", "note")
FLAGS = ("policy", "illustrative")
SHEET = "决算与管理数据"


def management_json(items: tuple[ManagementItem, ...]) -> list[dict]:
    """The rows as JSON values (Decimal → text, date → ISO text)."""
    rows = []
    for item in items:
        row: dict = {key: getattr(item, key) for key in (*TEXTS, *FLAGS)}
        row |= {key: _text(getattr(item, key)) for key in AMOUNTS}
        row |= {key: _iso(getattr(item, key)) for key in DATES}
        rows.append(row)
    return rows


def management_records(rows: list[dict]) -> tuple[ManagementItem, ...]:
    """The stored rows as records, each located on its sheet row as the export writes it."""
    return tuple(
        ManagementItem(
            **{key: row.get(key, "") for key in TEXTS},
            **{key: bool(row.get(key)) for key in FLAGS},
            **{key: _decimal(row.get(key)) for key in AMOUNTS},
            **{key: _date(row.get(key)) for key in DATES},
            location=Location(SHEET, index + 3),
        )
        for index, row in enumerate(rows)
    )


LABELS = {"budget": "预算数", "actual": "决算数", "previous": "上年决算数", "adjustment": "调整金额",
          "approved_on": "批复日期", "published_on": "公开日期", "address": "公开网址",
          "note": "说明"}  # fmt: skip


def management_text(rows: list[dict]) -> str:
    """The stored rows, one line each, as the import preview shows them."""
    return "\n".join(_row_text(row) for row in rows)


def _row_text(row: dict) -> str:
    parts = []
    for key, label in LABELS.items():
        value = row.get(key)
        if value in (None, ""):
            continue
        parts.append(f"{label} {Decimal(value):,.2f} 元" if key in AMOUNTS else f"{label} {value}")
    flags = [label for key, label in (("policy", "政策性调整"), ("illustrative", "示例数据"))
             if row.get(key)]  # fmt: skip
    return f"{row['category']}/{row['name']}：{'，'.join(parts + flags)}"


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
