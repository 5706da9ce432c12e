"""Parts of the busiest pages, kept in Django's cache under the data they were built from.

Every key holds the revision of the department-year(s) shown (``services.revision``) and
the viewer's reach (``roles.reach``), so a part built before a change is never served
after it and a part is only ever shared between users who may see the same rows. Parts
for old revisions are not deleted: nobody asks for them again and they age out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
# Long enough to serve a busy morning; old revisions' parts leave by then at the latest.
TIMEOUT_SECONDS = 600


def cached(parts: tuple[object, ...], build: Callable[[], T], timeout: int = TIMEOUT_SECONDS) -> T:
    """The value cached under ``parts``, built (and kept ``timeout`` seconds) when there is none."""
    key = "jixiao:page:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, timeout)
    return found


def query_key(data) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A request's query parameters in a stable order, for a key."""
    return tuple(sorted((name, tuple(values)) for name, values in data.lists()))
