"""Chinese ordinals for outline and list numbering (一是、二是、（三）…)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 as written in official documents: 1 → 一, 10 → 十, 21 → 二十一."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    prefix = "" if tens == 1 else DIGITS[tens]
    return f"{prefix}十{DIGITS[ones] if ones else ''}"
