"""The fast search (prefix bisection, dense walks, joined-string scans, pruned one-edit candidates, early stop) against
a brute-force reference that scores every entry by the documented tiers and tolerance rules, on a synthetic catalog.

The reference shares only the definitions with the search (the readings of a name, the synonym table, the rule
"one edit" = ``within_one_edit``), never its data structures."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.catalog import search
from clerk_app.catalog.forgiving import mixed_to_initials, prefix_within_one_edit, similar_spellings
from clerk_app.catalog.importer import apply_changes
from clerk_app.catalog.pinyin import initial_of, pinyin_keys
from clerk_app.catalog.search import FEW, SearchIndex, spellings
from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.synonyms import quick_pinyin, spellable
from clerk_app.catalog.synthetic import generate_changes
from offline_cache.db import Database


@cache
def index() -> SearchIndex:
    db = Database(Path(tempfile.mkdtemp()) / "reference.db")
    apply_changes(db, generate_changes(1500, seed=7))
    return CatalogService(db).index()


@cache
def readings(entry: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every reading of the name, read from each syllable on: (full pinyin suffixes, initials suffixes)."""
    row = index().rows[entry]
    full: list[str] = []
    initials: list[str] = []
    for syllables in spellings(row):
        for start in range(len(syllables)):
            full.append("".join(syllables[start:start + 16]))
            initials.append("".join(initial_of(s) for s in syllables[start:]))
    return tuple(full), tuple(initials)


def starts(keys: tuple[str, ...], prefix: str) -> bool:
    return any(key.startswith(prefix) for key in keys)


def reference_score(entry: int, q: str) -> int:
    row = index().rows[entry]
    compact = q.replace(" ", "")
    latin = q.isascii()
    codes = [c.lower() for c in (row.code, row.basic_code, row.handling_item_code) if c]
    name = row.name.lower()
    keywords = [k.lower() for k in row.keywords]
    kw_pinyin = [*row.keyword_pinyin, *row.keyword_initials]
    department = (row.department.lower(), *pinyin_keys(row.department))
    tiers = [
        (1000, q in codes),
        (950, name == q),
        (900, name.startswith(q)),
        (850, any(c.startswith(q) for c in codes)),
        (800, latin and row.name_pinyin.startswith(compact)),
        (750, latin and row.name_initials.startswith(compact)),
        (700, any(k.startswith(q) for k in keywords)),
        (650, latin and any(k.startswith(compact) for k in kw_pinyin)),
        (600, q in name),
        (550, latin and compact in row.name_initials),
        (500, latin and compact in row.name_pinyin),
        (450, latin and any(compact in k for k in kw_pinyin)),
        (450, any(q in k for k in keywords)),
        (400, len(q) >= 3 and any(q in c for c in codes)),
        (350, len(compact) >= 2 and any(d.startswith(compact) for d in department)),
        (680, any(word in name for word in index().synonyms.words_for(compact))),
    ]
    full, initials = readings(entry)
    mixed = mixed_to_initials(compact) if latin else None
    tiers += [
        (330, latin and len(compact) >= 2 and (starts(full, compact) or starts(initials, compact))),
        (320, mixed is not None and starts(initials, mixed)),
    ]
    return max((score for score, hit in tiers if hit), default=0)


def reference_forgiving(entry: int, q: str, words: bool = True) -> int:
    row = index().rows[entry]
    compact = q.replace(" ", "")
    latin = compact.isascii()
    full, initials = readings(entry)
    spelled = (quick_pinyin(compact)[0] if spellable(compact) else "") if not latin else (
        compact if compact.isalpha() else "")
    tiers = [
        (280, not latin and any(s in row.name.lower() for s in similar_spellings(compact))),
        (270, not latin and bool(spelled) and starts(full, spelled)),
        (250, len(spelled) >= 5 and any(prefix_within_one_edit(spelled, key) for key in full)),
        (240, latin and compact.isalpha() and len(compact) >= 4
         and any(prefix_within_one_edit(compact, key) for key in initials)),
    ]
    if words and " " not in q and len(compact) >= 3:
        pieces = reference_segment(compact)
        tiers.append((300, pieces is not None and all(reference_word(entry, piece) for piece in pieces)))
    return max((score for score, hit in tiers if hit), default=0)


def reference_word(entry: int, word: str) -> bool:
    full, initials = readings(entry)
    spelled = word if word.isascii() else quick_pinyin(word)[0]
    if spelled and starts(full, spelled) or word.isascii() and starts(initials, word):
        return True
    return any(starts(full, quick_pinyin(official)[0]) for official in index().synonyms.words_for(word))


@cache
def reference_token_exists(token: str) -> bool:
    rows = index().rows
    if index().synonyms.terms_for(token):
        return True
    if token.isascii():
        return any(starts(readings(e)[0], token) or starts(readings(e)[1], token) for e in range(len(rows)))
    if any(token in row.name.lower() for row in rows):
        return True
    spelled = quick_pinyin(token)[0] if spellable(token) else ""
    return bool(spelled) and any(starts(readings(e)[0], spelled) for e in range(len(rows)))


@cache
def reference_segment(query: str) -> list[str] | None:
    words, position = [], 0
    while position < len(query):
        ends = [end for end in range(len(query), position + 1, -1) if reference_token_exists(query[position:end])]
        if not ends:
            return None
        words.append(query[position:ends[0]])
        position = ends[0]
    return words if 2 <= len(words) <= 5 else None


def reference(q: str, limit: int, department: str | None) -> list[tuple[str, int]]:
    rows = index().rows
    accepted = [i for i, row in enumerate(rows)
                if row.kind == "item" and (department is None or row.department == department)]
    scored = [(reference_score(i, q), i) for i in accepted]
    if sum(1 for score, _ in scored if score > 0) < FEW:
        scored = [(score or reference_forgiving(i, q), i) for score, i in scored]
    ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1]))[:limit]
    return [(rows[i].code, score) for score, i in ranked]


@st.composite
def queries(draw: st.DrawFn) -> str:
    row = draw(st.sampled_from(index().rows))
    source = draw(st.sampled_from([row.name, row.name_pinyin, row.name_initials, row.code, row.basic_code,
                                   *row.keywords, *row.keyword_pinyin]))
    start = draw(st.integers(0, max(0, len(source) - 1)))
    length = draw(st.integers(1, 8))
    return source[start:start + length].lower().strip() or "a"


@settings(max_examples=300, deadline=None)
@given(q=queries(), limit=st.sampled_from([1, 5, 20]),
       department=st.sampled_from([None, "不动产登记", "民政", "税务"]))
def test_search_matches_brute_force_reference(q: str, limit: int, department: str | None) -> None:
    if len(q.split()) != 1:
        return
    expected = reference(q, limit, department)
    for dense in (0, 512, 10**9):  # every prefix strategy: walk in entry order, or bisect and sort
        with mock.patch.object(search, "_DENSE", dense):
            hits = index().search(q, limit, department)
        assert [(h.item_code, h.score) for h in hits] == expected


EDITS = ("insert", "delete", "substitute", "swap")


def apply_edit(text: list[str], edit: str, position: int, letter: str) -> None:
    """One slip of the kind the search forgives, at ``position`` (a delete keeps one character, a swap needs two)."""
    if edit == "insert":
        text.insert(position, letter)
    elif edit == "delete" and len(text) > 1:
        del text[position]
    elif edit == "substitute":
        text[position] = letter
    elif edit == "swap" and position + 1 < len(text):
        text[position], text[position + 1] = text[position + 1], text[position]


@st.composite
def mistyped(draw: st.DrawFn) -> str:
    """A clerk's query: a piece of a name, its pinyin or initials, with one slip (or a look-alike character)."""
    row = draw(st.sampled_from(index().rows))
    source = draw(st.sampled_from([row.name, row.name_pinyin, row.name_initials]))
    start = draw(st.integers(0, max(0, len(source) - 2)))
    text = list(source[start:start + draw(st.integers(3, 18))].lower())
    position = draw(st.integers(0, max(0, len(text) - 1)))
    slip = draw(st.sampled_from(["insert", "delete", "substitute", "swap", "similar", "homophone", "none"]))
    letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    if slip in EDITS:
        apply_edit(text, slip, position, letter)
    elif slip == "similar":
        return draw(st.sampled_from(similar_spellings("".join(text)) or ["".join(text)]))
    elif slip == "homophone" and not text[position].isascii():
        text[position] = draw(st.sampled_from(["份", "分", "证", "正", "记", "纪", "产", "铲", "请", "清"]))
    return "".join(text).strip() or "a"


@settings(max_examples=100, deadline=None)
@given(q=mistyped(), limit=st.sampled_from([1, 5, 20]), department=st.sampled_from([None, "民政"]))
def test_forgiving_search_matches_brute_force_reference(q: str, limit: int, department: str | None) -> None:
    if len(q.split()) != 1:
        return
    expected = reference(q, limit, department)
    assert [(h.item_code, h.score) for h in index().search(q, limit, department)] == expected


@st.composite
def long_mistyped(draw: st.DrawFn) -> str:
    """A long pinyin or initials query (past the 16 letters of a cut key), from the start of any syllable of any
    reading, with one slip or two (two: nothing may be found through the cut keys alone)."""
    row = draw(st.sampled_from([r for r in index().rows if len(r.name_pinyin) >= 18]))
    full, initials = readings(index().rows.index(row))
    source = draw(st.sampled_from([*full, *initials, row.name_pinyin]))
    text = list(source[:draw(st.integers(16, 28))])
    for _ in range(draw(st.sampled_from([1, 1, 1, 0, 2]))):
        position = draw(st.integers(0, max(0, len(text) - 1)))
        apply_edit(text, draw(st.sampled_from(EDITS)), position, draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz")))
    return "".join(text)


@settings(max_examples=120, deadline=None)
@given(q=long_mistyped(), limit=st.sampled_from([1, 5, 50]))
def test_long_queries_match_brute_force_reference(q: str, limit: int) -> None:
    """Queries longer than the cut keys are checked against the whole spellings kept beside them."""
    assert [(h.item_code, h.score) for h in index().search(q, limit)] == reference(q, limit, None)
