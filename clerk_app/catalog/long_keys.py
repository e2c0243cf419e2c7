"""Whole spellings of every name, for the queries longer than the cut keys of ``forgiving.PrefixKeys``.

The prefix keys (full pinyin read from each syllable on) are cut at ``KEY_LENGTH`` letters to keep the index small,
so a longer query only narrows the search to candidates whose spelling must then be read whole. Re-deriving those
spellings at query time (aligning syllables, building a set of suffixes per candidate) cost 10-40 ms for one
16-letter typo at 50,000 items. Here every reading is kept once, as its joined pinyin plus the syllable starts in
flat arrays (the main reading reuses the row's own ``name_pinyin`` string), and a candidate is checked with
``str.startswith`` or one compiled pattern per query (``forgiving.one_edit_prefix``), both in C.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable

# Full-pinyin keys hold at most this many syllables (``search.suffix_keys``): a match may not run past them.
KEY_SYLLABLES = 16


class WholeSpellings:
    """``add(text, starts)`` per reading, entries in order; ``spelled`` and ``spelled_within`` check one entry."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.first = array("i", [0])  # entry e's readings are texts[first[e]:first[e + 1]]
        self.starts = array("H")  # every reading's syllable starts, then its length
        self.start_at = array("i", [0])  # reading r's starts are starts[start_at[r]:start_at[r + 1]]

    def add_entry(self, readings: Iterable[tuple[str, list[int]]]) -> None:
        for text, starts in readings:
            if len(text) > 0xFFFF:  # an offset must fit the array; no item name comes near
                continue
            self.texts.append(text)
            self.starts.extend(starts)
            self.starts.append(len(text))
            self.start_at.append(len(self.starts))
        self.first.append(len(self.texts))

    def _keys(self, entry: int) -> Iterable[tuple[str, int, int]]:
        """(text, start, end) of every key of ``entry``: its reading from each syllable on, at most 16 syllables."""
        starts, start_at = self.starts, self.start_at
        for reading in range(self.first[entry], self.first[entry + 1]):
            text = self.texts[reading]
            low, high = start_at[reading], start_at[reading + 1] - 1  # the last value is the length
            for at in range(low, high):
                yield text, starts[at], starts[min(at + KEY_SYLLABLES, high)]

    def spelled(self, entry: int, query: str) -> bool:
        """Some key of ``entry`` starts with ``query``."""
        return any(text.startswith(query, start, end) for text, start, end in self._keys(entry))

    def spelled_within(self, entry: int, pattern: re.Pattern[str]) -> bool:
        """Some key of ``entry`` starts with the query of ``pattern`` changed by at most one edit."""
        match = pattern.match
        return any(match(text, start, end) is not None for text, start, end in self._keys(entry))


def starts_of(syllables: list[str]) -> list[int]:
    """Where each syllable starts in their joined string."""
    out: list[int] = []
    at = 0
    for syllable in syllables:
        out.append(at)
        at += len(syllable)
    return out
