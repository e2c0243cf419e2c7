"""Masking of personal numbers for screens, logs and paper that do not need them in full."""

from __future__ import annotations


def mask_id_number(number: str | None, keep_start: int = 6, keep_end: int = 4) -> str:
    """``110105194912310021`` -> ``110105********0021`` (first 6, last 4 kept, as local convention has it)."""
    if not number:
        return ""
    if len(number) <= keep_start + keep_end:
        return "*" * len(number)
    return number[:keep_start] + "*" * (len(number) - keep_start - keep_end) + number[-keep_end:]


def mask_phone(phone: str | None) -> str:
    """``13812341234`` -> ``138****1234``."""
    if not phone:
        return ""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(name: str | None) -> str:
    """``张三丰`` -> ``张**``: the surname stays so the clerk can still address the person."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)
