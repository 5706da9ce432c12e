"""A faster ``__init__`` for the frozen, slotted dataclasses built in bulk.

A frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__``, a lookup and a call per field. For a record with twenty fields
read from every row of a 2,000-row sheet, that costs more than reading the row. The
``__init__`` made here has the same signature and the same effect, but stores each value
through the slot's own descriptor, which skips the frozen check the same way
``object.__setattr__`` does, in about a third of the time.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T")


def direct_init(cls: type[T]) -> type[T]:
    """Replace a frozen slotted dataclass's ``__init__`` by one that fills the slots.

    Supported: plain fields with or without a plain default. Anything else (a default
    factory, a keyword-only field, ``__post_init__``) is refused so the shortcut can
    never silently differ from the dataclass's own constructor.
    """
    params = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not cls.__dataclass_params__.frozen or "__slots__" not in cls.__dict__:  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: direct_init needs a frozen dataclass with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: direct_init cannot run __post_init__")
    namespace: dict[str, object] = {}
    signature = []
    for field in params:
        if field.default_factory is not dataclasses.MISSING or field.kw_only:
            raise TypeError(f"{cls.__name__}.{field.name}: unsupported by direct_init")
        namespace[f"_set_{field.name}"] = cls.__dict__[field.name].__set__
        if field.default is dataclasses.MISSING:
            signature.append(field.name)
        else:
            namespace[f"_default_{field.name}"] = field.default
            signature.append(f"{field.name}=_default_{field.name}")
    body = "".join(f"    _set_{field.name}(self, {field.name})\n" for field in params)
    source = f"def __init__(self, {', '.join(signature)}):\n" + (body or "    pass\n")
    exec(source, namespace)  # the same technique dataclasses uses to build __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    return cls
