"""Chinese line breaking (避头尾, kinsoku) for every paper.

reportlab's CJK wrap keeps a closing mark off the start of a line only for the marks in its ``ALL_CANNOT_START``
list (ASCII ones and 、。」, not the full-width ，：；？！ nor ”’》〉) and only one at a time, so lines began with
"，并郑重承诺：" or "。" after a hanging "）". ``install`` replaces reportlab's CJK splitter (once, before any
paragraph is wrapped) by ``_split``: closing marks hang at the end of the line (up to ``MAX_HANG``), opening marks
move to the next line, and a run of Latin letters or digits is not cut where a break before it is possible.
``wrap`` applies the same rule to the receipt, which draws its lines itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from html import escape
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

# Marks that must not begin a line (GB/T 15834 closing and separating marks, full-width and ASCII).
CANNOT_START = "，。、；：？！”’）》〉」』】〕］｝…—·%,.;:?!)]}"
# Marks that must not end a line (opening marks).
CANNOT_END = "“‘（《〈「『【〔［｛([{"

_lock = threading.Lock()
_installed = False


MAX_HANG = 2  # closing marks that may hang past the right edge (e.g. "）。")


def markup_text(text: str) -> str:
    """Text as it must go into a reportlab ``Paragraph``, whose markup would read ``<``, ``>`` and ``&``."""
    return escape(text, quote=False)


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _split(frags: Any, max_widths: Any, calc_bounds: Any, encoding: str = "utf8") -> Any:
    """Drop-in for ``reportlab.platypus.paragraph.cjkFragSplit`` with the rules above."""
    from reportlab.platypus import paragraph as rp

    glyphs = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        glyphs.extend([rp.cjkU(t, frag, encoding) for t in text] if text else [rp.cjkU(text, frag, encoding)])

    def width_of(glyph: Any, limit: float) -> float:
        width = glyph.width
        if hasattr(width, "normalizedValue"):
            width._normalizer = limit
            width = width.normalizedValue(limit)
        return float(width)

    lines: list[Any] = []

    def limit() -> float:
        return float(max_widths[min(len(lines), len(max_widths) - 1)])

    def emit(part: list[Any], line_break: bool) -> None:
        used = sum(width_of(g, limit()) for g in part)
        lines.append(rp.makeCJKParaLine(part, limit(), used, limit() - used, line_break, calc_bounds))

    current: list[Any] = []
    used = 0.0
    index = 0
    while index < len(glyphs):
        glyph = glyphs[index]
        index += 1
        width = width_of(glyph, limit())
        if current and used + width > limit() + rp._FUZZ:
            hanging = sum(1 for g in reversed(current) if str(g) in CANNOT_START)
            if str(glyph) in CANNOT_START and hanging < MAX_HANG:
                current.append(glyph)  # hangs in the margin
                used += width
                continue
            cut = len(current)
            if _is_word(str(glyph)):
                while cut > 1 and _is_word(str(current[cut - 1])):
                    cut -= 1
                if cut <= 1:
                    cut = len(current)  # one long word: cut it
            while cut > 1 and str(current[cut - 1]) in CANNOT_END:
                cut -= 1
            carried = current[cut:]
            emit(current[:cut], False)
            current = [*carried, glyph]
            used = sum(width_of(g, limit()) for g in current)
        else:
            current.append(glyph)
            used += width
        if hasattr(glyph.frag, "lineBreak"):
            emit(current, True)
            current, used = [], 0.0
    if current:
        emit(current, False)
    return rp.ParaLines(kind=1, lines=lines)


def install() -> None:
    global _installed
    with _lock:
        if _installed:
            return
        from reportlab.platypus import paragraph

        paragraph.cjkFragSplit = _split
        paragraph.wordSplit = _word_split
        _installed = True


def _break(text: str, fits: Callable[[str, int], bool]) -> list[str]:
    """Greedy character breaking; ``fits(line, line_index)`` says whether a line fits its width."""
    lines: list[str] = []
    current = ""
    for char in text:
        if char == "\n":
            lines.append(current)
            current = ""
            continue
        if not current or fits(current + char, len(lines)):
            current += char
            continue
        hanging = len(current) - len(current.rstrip(CANNOT_START))
        if char in CANNOT_START and hanging < MAX_HANG:
            current += char  # hangs in the margin
            continue
        cut = len(current)
        if _is_word(char):
            while cut > 1 and _is_word(current[cut - 1]):
                cut -= 1
            if cut <= 1:
                cut = len(current)
        while cut > 1 and current[cut - 1] in CANNOT_END:
            cut -= 1
        lines.append(current[:cut])
        current = current[cut:] + char
    if current or not lines:
        lines.append(current)
    return lines


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines of at most ``width`` points (closing marks may hang past it)."""
    return _break(text, lambda line, _index: stringWidth(line, font, size) <= width)


def _word_split(text: str, max_widths: Any, font_name: str, font_size: float, encoding: str = "utf8") -> Any:
    """Drop-in for reportlab's ``wordSplit`` (single-style CJK paragraphs): [(extra space, line text)]."""
    if isinstance(text, bytes):
        text = text.decode(encoding)
    widths = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]

    def width(index: int) -> float:
        return float(widths[min(index, len(widths) - 1)])

    lines = _break(text, lambda line, index: stringWidth(line, font_name, font_size) <= width(index) + 1e-8)
    return [(width(i) - stringWidth(line, font_name, font_size), line) for i, line in enumerate(lines)]


def application_of(names: tuple[str, ...] | list[str]) -> str:
    """"“X”申请" for the item names, without doubling a name that already ends in 申请
    ("“最低生活保障申请”", not "“最低生活保障申请”申请")."""
    quoted = "、".join(f"“{name}”" for name in names)
    if names and all(name.endswith("申请") for name in names):
        return quoted
    return quoted + "申请" if len(names) <= 1 else f"{quoted}共{len(names)}项事项的申请"
