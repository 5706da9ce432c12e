"""Money stored as whole 分 (BIGINT), so database sums are exact on SQLite and PostgreSQL.

SQLite keeps Django's DecimalField as a floating value and sums it in floating point;
integers sum exactly everywhere. Python sees exact Decimal 元.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from jixiao.core.money import FEN


def to_cents(amount: Decimal) -> int:
    cents = amount / FEN
    if cents != cents.to_integral_value():
        raise ValueError(f"金额 {amount} 精度超过分")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


class MoneyField(models.BigIntegerField):
    """Exact 元 in Python, integer 分 in the database."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else from_cents(value)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        return from_cents(int(value))

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, Decimal):
            return to_cents(value)
        return int(value)
