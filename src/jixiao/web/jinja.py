"""The Jinja2 environment for the few page parts rendered in bulk.

Most pages are Django templates. The project list's table and the bureau's table render
thousands of values per page; Jinja2 compiles templates to Python and renders them
several times faster, so those two parts (``jinja2/jixiao/``) are Jinja2, with ``url``
doing what Django's ``{% url %}`` does and ``json_script`` what its filter does.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import json_script
from jinja2 import Environment


def url(name: str, *args: object) -> str:
    return reverse(name, args=args)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals["url"] = url
    env.filters["json_script"] = json_script
    return env
