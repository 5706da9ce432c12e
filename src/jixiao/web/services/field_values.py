"""A value typed into a web form, checked against the model field that will store it.

The bounds are the field's own (``max_digits``/``decimal_places``, ``max_length``), with
the workbook reader's rules for what a number and a text may be, so a value the web
accepts is one an import would accept and every document can carry.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from jixiao.core.money import NotANumber, parse_decimal
from jixiao.io.cell_text_rules import normalised, text_problem
from jixiao.io.workbook_limits import NumberSize, workbook_limits
from jixiao.web.services.errors import InvalidInput


def _field(model: type[models.Model], name: str) -> models.Field:
    return model._meta.get_field(name)  # type: ignore[return-value]


def number_value(model: type[models.Model], name: str, raw: object) -> Decimal | None:
    """``raw`` (a percent sign allowed) as the field stores it; None when blank."""
    if raw is None or str(raw).strip() == "":
        return None
    field = _field(model, name)
    try:
        value = parse_decimal(str(raw).strip().rstrip("%％"))
    except NotANumber as error:
        raise InvalidInput(name, f"{field.verbose_name}：“{str(raw)[:40]}”不是数字") from error
    problem = NumberSize(field.max_digits, field.decimal_places).problem(value)  # type: ignore[attr-defined]
    if problem:
        raise InvalidInput(name, f"{field.verbose_name}：{problem}")
    return value


def text_value(model: type[models.Model], name: str, raw: object) -> str:
    """``raw`` stripped, line ends as line feeds; refused when the field cannot hold it."""
    field = _field(model, name)
    text = normalised(str(raw).strip())
    limit = field.max_length or workbook_limits().default_text_length
    problem = text_problem(text, limit)
    if problem:
        raise InvalidInput(name, f"{field.verbose_name}：{problem}")
    return text
