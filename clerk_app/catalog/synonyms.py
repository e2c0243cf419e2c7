"""Everyday names of items (医保, 户口本, 低保 …) and the official words they stand for.

The shipped table is ``data/synonyms.tsv`` (editable text); a catalog-changes document can add entries
(``synonyms``, docs/catalog-format.md), which the store keeps and the search index merges over the shipped ones.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path

from clerk_app.catalog.pinyin import char_readings

SYNONYM_FILE = Path(__file__).resolve().parent / "data" / "synonyms.tsv"


def parse(text: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        term, _, means = line.partition("\t")
        words = tuple(w.strip() for w in means.split("|") if w.strip())
        if term.strip() and words:
            table[term.strip().lower()] = words
    return table


@functools.cache
def shipped() -> Mapping[str, tuple[str, ...]]:
    return parse(SYNONYM_FILE.read_text(encoding="utf-8"))


def merged(extra: Iterable[tuple[str, tuple[str, ...]]] = ()) -> dict[str, tuple[str, ...]]:
    """Shipped table, then the catalog feed's entries (a feed entry for the same name adds its words)."""
    table = dict(shipped())
    for term, words in extra:
        key = term.strip().lower()
        table[key] = tuple(dict.fromkeys((*table.get(key, ()), *words)))
    return table


def quick_pinyin(text: str) -> tuple[str, str]:
    """(full pinyin, initials) from each character's first dictionary reading: fast, no phrase lookup.

    Good enough where the index holds every reading anyway (typed queries, synonym names).
    """
    full: list[str] = []
    initials: list[str] = []
    run = ""
    for char in text.lower():
        if char.isascii() and char.isalnum():
            run += char
            continue
        if run:
            full.append(run)
            initials.append(run)
            run = ""
        readings = char_readings(char)
        if readings:
            full.append(readings[0])
            initials.append(readings[0][0])
    if run:
        full.append(run)
        initials.append(run)
    return "".join(full), "".join(initials)


def spellable(text: str) -> bool:
    """Every character is a Latin letter or digit or has a reading: the pinyin then stands for the whole text."""
    return all((char.isascii() and char.isalnum()) or char_readings(char) for char in text.lower())


class SynonymIndex:
    """Which official words a typed token stands for."""

    def __init__(self, table: Mapping[str, tuple[str, ...]]) -> None:
        self.table = dict(table)
        self.terms = sorted(self.table)
        self.by_spelling: dict[str, set[str]] = {}
        for term in self.terms:
            full, initials = quick_pinyin(term)
            for spelling in {full, initials}:
                if len(spelling) >= 2 and spelling != term:
                    self.by_spelling.setdefault(spelling, set()).add(term)
        self.spellings = sorted(self.by_spelling)

    def __len__(self) -> int:
        return len(self.table)

    def terms_for(self, token: str) -> list[str]:
        """Everyday names the token names: equal, or (2+ characters, 3+ letters) the start of one or its pinyin."""
        token = token.lower()
        found: list[str] = []
        if token.isascii():
            if token in self.by_spelling:
                found.extend(sorted(self.by_spelling[token]))
            if len(token) >= 3:
                found.extend(t for s in self.spellings if s.startswith(token) for t in sorted(self.by_spelling[s]))
            if token in self.table:
                found.append(token)
        else:
            if token in self.table:
                found.append(token)
            if len(token) >= 2:
                found.extend(t for t in self.terms if t.startswith(token))
        return list(dict.fromkeys(found))

    def words_for(self, token: str) -> list[str]:
        return list(dict.fromkeys(word.lower() for term in self.terms_for(token) for word in self.table[term]))
