"""In-memory search over the catalog for type-as-you-go: codes, names, keywords, full pinyin and initials, and a
search that forgives how clerks type (docs/catalog-format.md, "Search").

Exact tiers (best first): exact code > exact name > name prefix > code prefix > pinyin prefix > initials prefix >
keyword prefix > everyday name (synonym table) > keyword pinyin > name substring > initials substring > pinyin
substring > keyword substring > code substring > department > another reading of a polyphone > mixed full pinyin and
initials. Only when those find nothing (fewer than ``FEW``) do the forgiving tiers run, all below every exact one:
several words in any order > look-alike character > homophone (the pinyin of a Chinese query) > one edit in the
pinyin > one edit in the initials.
Within a tier shorter names come first. Entries are kept sorted by that tie-break, so a tier can stop scanning as
soon as it has filled the result: a one-letter query over 10,000 items costs no more than a long one.
"""

from __future__ import annotations

import bisect
import gc
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from clerk_app.catalog.forgiving import (
    PrefixKeys,
    PrefixKeysBuilder,
    mixed_to_initials,
    one_edit_prefix,
    prefix_within_one_edit,
    similar_spellings,
)
from clerk_app.catalog.grams import GramBlocks
from clerk_app.catalog.long_keys import KEY_SYLLABLES, WholeSpellings, starts_of
from clerk_app.catalog.pinyin import align_syllables, initial_of, pinyin_keys, reading_variants
from clerk_app.catalog.synonyms import SynonymIndex, merged, quick_pinyin, spellable
from offline_cache.catalog_store import IndexRow

_SPACES = re.compile(r"\s+")
_DENSE = 512
# The forgiving tiers run only when the exact ones find fewer items than this (nothing): a typo must not add noise
# to right answers.
FEW = 1
# Initials keys are kept whole (the longest name has ~25 syllables): cutting them saved almost nothing, and a cut
# key makes every longer query read the candidates' whole spellings.
INITIALS_LENGTH = 32


def _folded(text: str) -> str:
    """``text.lower()``, but ``text`` itself when that changes nothing (Chinese names, digit codes): ``lower``
    always makes a new string, and the index kept a second copy of every name, code and keyword (issue 11)."""
    folded = text.lower()
    return text if folded == text else folded


@dataclass(frozen=True)
class SearchHit:
    item_code: str  # implementation code (bundle code when kind == "bundle")
    name: str
    department: str
    basic_code: str
    score: int
    # code | name | name_prefix | code_prefix | pinyin | initials | keyword | substring | department
    match_kind: str
    kind: str = "item"
    # 通办 (domain/tongban.py): local | cross (跨域通办, decided by ``body``) | outside (``reach_note`` says why)
    reach: str = "local"
    body: str = ""
    reach_note: str = ""


class _Field:
    """All values of one kind (names, codes ...) for substring scans (one joined string, only its blocks that hold
    the query's character pairs or triples: ``grams``) and prefix lookups. ``grams``: the gram lengths a substring
    scan is filtered by (empty: a field only looked up by prefix, scanned whole if ever).

    Kept as flat lists and ``array``s, not a tuple per value nor an owner per character: the index is the largest
    thing the workstation holds (65 MB of the Python heap at 10,000 items with tuples and per-character owners,
    issue 11)."""

    def __init__(self, values: Iterable[tuple[int, str]], grams: tuple[int, ...] = (2, 3)) -> None:
        pairs = [(value, entry) for entry, value in values if value]
        ordered = sorted(pairs)
        self.keys = [value for value, _ in ordered]  # sorted, for bisect
        self.entries = array("i", [entry for _, entry in ordered])  # the entry of each key
        del ordered
        pairs.sort(key=lambda pair: pair[1])  # entry order = tie-break order
        self.values = [value for value, _ in pairs]  # in entry order, as joined in the blob
        self.owners = array("i", [entry for _, entry in pairs])  # the entry of each of those
        self.starts = array("i")  # where each of those starts in the blob
        position = 0
        for value in self.values:
            self.starts.append(position)
            position += len(value) + 1
        self.blob = "\n".join(self.values)
        self.blocks = GramBlocks(self.blob, grams) if grams else None

    def _owner(self, position: int) -> int:
        """The entry whose value holds the blob's ``position``."""
        return self.owners[bisect.bisect_right(self.starts, position) - 1]

    def exact(self, query: str) -> Iterator[int]:
        index = bisect.bisect_left(self.keys, query)
        while index < len(self.keys) and self.keys[index] == query:
            yield self.entries[index]
            index += 1

    def prefix(self, query: str) -> Iterable[int]:
        """Entries whose value starts with ``query``, in entry (tie-break) order."""
        low = bisect.bisect_left(self.keys, query)
        high = bisect.bisect_left(self.keys, query + "\U0010ffff", low)
        if high - low <= _DENSE:
            return sorted(self.entries[low:high])
        # A short common prefix ("5", "b") matches thousands: walking entry order finds the first few at once.
        return (entry for value, entry in zip(self.values, self.owners, strict=True) if value.startswith(query))

    def substring(self, query: str) -> Iterator[int]:
        """Entries whose value holds ``query``, in entry order (once per occurrence)."""
        blob = self.blob
        if self.blocks is not None:
            for position in self.blocks.find_all(blob, query):
                yield self._owner(position)
            return
        position = blob.find(query)
        while position >= 0:
            yield self._owner(position)
            position = blob.find(query, position + 1)

    def holds(self, query: str) -> bool:
        return next(iter(self.substring(query)), None) is not None


def spellings(row: IndexRow) -> list[list[str]]:
    """Syllable lists of a name: its main reading first, then each other reading of its polyphones."""
    syllables = align_syllables(row.name, row.name_pinyin)
    if syllables is None:
        return [[row.name_pinyin]] if row.name_pinyin else []
    main = [syllable for _, syllable in syllables]
    return [main, *reading_variants(syllables)]


def suffix_keys(row: IndexRow) -> tuple[set[str], set[str]]:
    """Full pinyin and initials of the name read from each syllable on, in every reading (typo and polyphone keys)."""
    return keys_of(spellings(row))


def keys_of(readings: list[list[str]]) -> tuple[set[str], set[str]]:
    full: set[str] = set()
    initials: set[str] = set()
    for syllables in readings:
        letters = [initial_of(s) for s in syllables]
        for start in range(len(syllables)):
            full.add("".join(syllables[start : start + KEY_SYLLABLES]))
            initials.add("".join(letters[start:]))
    return full, initials


class SearchIndex:
    def __init__(self, rows: list[IndexRow], synonyms: Iterable[tuple[str, tuple[str, ...]]] = (),
                 department_keys: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.rows = sorted(rows, key=lambda r: (r.kind != "item", len(r.name), r.name, r.code))
        rows = self.rows
        self.by_code = {r.code: r for r in rows if r.kind == "item"}  # 通办 marks of a hit (CatalogService.search)
        self.codes = _Field(  # searched inside for 3+ characters only: triples are enough
            ((i, _folded(c)) for i, r in enumerate(rows) for c in (r.code, r.basic_code, r.handling_item_code)),
            grams=(3,),
        )
        self.names = _Field((i, _folded(r.name)) for i, r in enumerate(rows))
        self.pinyin = _Field((i, r.name_pinyin) for i, r in enumerate(rows))
        self.initials = _Field((i, r.name_initials) for i, r in enumerate(rows))
        self.keywords = _Field((i, _folded(k)) for i, r in enumerate(rows) for k in r.keywords)
        self.keyword_pinyin = _Field(
            (i, k) for i, r in enumerate(rows) for k in (*r.keyword_pinyin, *r.keyword_initials)
        )
        self.departments = sorted({r.department for r in rows if r.kind == "item"})
        # "bdcdj" should find every item of the 不动产登记 department, not only those with it in the name.
        # ``department_keys``: the stored readings (CatalogService), so a build needs no phrase dictionary.
        known = department_keys or {}
        dept_keys = {d: (_folded(d), *(known.get(d) or pinyin_keys(d))) for d in {r.department for r in rows}}
        self.department_keys = _Field(
            ((i, key) for i, r in enumerate(rows) for key in dept_keys[r.department]), grams=()
        )
        self.synonyms = SynonymIndex(merged(synonyms))
        self.whole_spellings = WholeSpellings()
        collecting = gc.isenabled()
        gc.disable()  # millions of short-lived tuples: collections during the build would only slow it down
        try:
            self._build_spellings(rows)
        finally:
            if collecting:
                gc.enable()

    def _build_spellings(self, rows: list[IndexRow]) -> None:
        full_keys = PrefixKeysBuilder()
        initial_keys = PrefixKeysBuilder(INITIALS_LENGTH)
        for i, row in enumerate(rows):
            readings = spellings(row)
            full, initials = keys_of(readings)
            for key in full:
                full_keys.add(key, i)
            for key in initials:
                initial_keys.add(key, i)
            texts: dict[str, list[int]] = {}
            for syllables in readings:
                text = "".join(syllables)
                texts.setdefault(row.name_pinyin if text == row.name_pinyin else text, starts_of(syllables))
            self.whole_spellings.add_entry(texts.items())
        self.spelled = PrefixKeys(full_keys)
        self.spelled_initials = PrefixKeys(initial_keys, letters=True)

    def _tiers(self, q: str) -> list[tuple[int, str, Callable[[], Iterable[int]]]]:
        latin = q.isascii()
        compact = q.replace(" ", "")
        tiers: list[tuple[int, str, Callable[[], Iterable[int]]]] = [
            (1000, "code", lambda: self.codes.exact(q)),
            (950, "name", lambda: self.names.exact(q)),
            (900, "name_prefix", lambda: self.names.prefix(q)),
            (850, "code_prefix", lambda: self.codes.prefix(q)),
        ]
        if latin:
            tiers += [
                (800, "pinyin", lambda: self.pinyin.prefix(compact)),
                (750, "initials", lambda: self.initials.prefix(compact)),
                (650, "keyword", lambda: self.keyword_pinyin.prefix(compact)),
            ]
        tiers += [
            (700, "keyword", lambda: self.keywords.prefix(q)),
            (680, "synonym", lambda: self._synonym(q)),
            (600, "substring", lambda: self.names.substring(q)),
        ]
        if latin:
            tiers += [
                (550, "initials", lambda: self.initials.substring(compact)),
                (500, "pinyin", lambda: self.pinyin.substring(compact)),
                (450, "keyword", lambda: self.keyword_pinyin.substring(compact)),
            ]
        tiers.append((450, "keyword", lambda: self.keywords.substring(q)))
        if len(q) >= 3:
            tiers.append((400, "code", lambda: self.codes.substring(q)))
        if len(compact) >= 2:
            tiers.append((350, "department", lambda: self.department_keys.prefix(compact)))
        if latin and len(compact) >= 2:
            tiers.append((330, "polyphone", lambda: self._sorted(
                self._spelled(compact) | self._spelled(compact, initials=True))))
            mixed = mixed_to_initials(compact)
            if mixed is not None:
                tiers.append((320, "mixed", lambda: self._spelled_sorted(mixed, initials=True)))
        tiers.sort(key=lambda tier: -tier[0])
        return tiers

    def _forgiving_tiers(self, q: str) -> list[tuple[int, str, Callable[[], Iterable[int]]]]:
        compact = q.replace(" ", "")
        latin = compact.isascii()
        tiers: list[tuple[int, str, Callable[[], Iterable[int]]]] = []
        if " " not in q and len(compact) >= 3:
            tiers.append((300, "words", lambda: self._words(compact)))
        if not latin:
            tiers.append((280, "similar", lambda: self._similar(compact)))
            spelled = quick_pinyin(compact)[0] if spellable(compact) else ""
            if spelled:
                tiers.append((270, "homophone", lambda: self._sorted(self._spelled(spelled))))
        else:
            spelled = compact if compact.isalpha() else ""
        if len(spelled) >= 5:
            tiers.append((250, "fuzzy", lambda: self._sorted(self._spelled(spelled, fuzzy=True))))
        if latin and compact.isalpha() and len(compact) >= 4:
            tiers.append((240, "fuzzy", lambda: self._sorted(self._spelled(compact, initials=True, fuzzy=True))))
        return tiers

    def _spelled(self, query: str, initials: bool = False, fuzzy: bool = False) -> set[int]:
        """Entries with a spelling (any reading, from a syllable on) starting with ``query`` (with one edit)."""
        keys = self.spelled_initials if initials else self.spelled
        found = keys.prefixed_within_one_edit(query) if fuzzy else keys.prefixed(query)
        if len(query) <= keys.length - (1 if fuzzy else 0):
            return found
        # Keys are cut short: a long query is checked against the whole spellings of the candidates.
        if initials:  # a query longer than any name's initials: read them again, it (almost) never happens
            rows = self.rows
            if fuzzy:
                return {e for e in found if any(prefix_within_one_edit(query, k) for k in suffix_keys(rows[e])[1])}
            return {e for e in found if any(k.startswith(query) for k in suffix_keys(rows[e])[1])}
        whole = self.whole_spellings
        if fuzzy:
            pattern = one_edit_prefix(query)
            return {e for e in found if whole.spelled_within(e, pattern)}
        return {e for e in found if whole.spelled(e, query)}

    def _spelled_sorted(self, query: str, initials: bool = False) -> Sequence[int]:
        """``sorted(self._spelled(query, initials))``, ready made for a one-letter query."""
        keys = self.spelled_initials if initials else self.spelled
        if len(query) <= keys.length:
            return keys.sorted_prefixed(query)
        return sorted(self._spelled(query, initials))

    @staticmethod
    def _sorted(entries: set[int]) -> list[int]:
        return sorted(entries)

    def _synonym(self, q: str) -> Iterable[int]:
        words = self.synonyms.words_for(q.replace(" ", ""))
        if not words:
            return ()
        found: set[int] = set()
        for word in words:
            found.update(self.names.substring(word))
        return sorted(found)

    def _similar(self, q: str) -> Iterable[int]:
        found: set[int] = set()
        for spelling in similar_spellings(q):
            found.update(self.names.substring(spelling))
        return sorted(found)

    def token_exists(self, token: str) -> bool:
        """Could ``token`` be one word of a query: the start of a name part, a synonym, or (letters) of a spelling."""
        if self.synonyms.terms_for(token):
            return True
        if token.isascii():
            return self._is_spelled(token) or self._is_spelled(token, initials=True)
        if self.names.holds(token):
            return True
        spelled = quick_pinyin(token)[0] if spellable(token) else ""
        return bool(spelled) and self._is_spelled(spelled)

    def _is_spelled(self, query: str, initials: bool = False) -> bool:
        """``bool(self._spelled(query, initials))`` without collecting the entries (a short query has thousands)."""
        keys = self.spelled_initials if initials else self.spelled
        if len(query) <= keys.length:
            return keys.has_prefix(query)
        return bool(self._spelled(query, initials))

    def segment(self, query: str) -> list[str] | None:
        """Cut a query typed without spaces into words (longest first), each at least 2 long; None if it cannot."""
        words: list[str] = []
        position = 0
        while position < len(query):
            for end in range(len(query), position + 1, -1):
                piece = query[position:end]
                if self.token_exists(piece):
                    words.append(piece)
                    position = end
                    break
            else:
                return None
        return words if 2 <= len(words) <= 5 else None

    def word_entries(self, word: str) -> set[int]:
        """Entries one word of a several-word query names: its spelling (any reading, from a syllable on; a Chinese
        word by its pinyin, so homophones count) or the spelling of an official word it is the everyday name of."""
        spelled = word if word.isascii() else quick_pinyin(word)[0]
        found = self._spelled(spelled) if spelled else set()
        if word.isascii():
            found |= self._spelled(word, initials=True)
        for official in self.synonyms.words_for(word):
            found |= self._spelled(quick_pinyin(official)[0])
        return found

    def _words(self, query: str) -> Iterable[int]:
        words = self.segment(query)
        if words is None:
            return ()
        found: set[int] | None = None
        for word in sorted(words, key=len, reverse=True):  # long words match fewer: the intersection shrinks fast
            matched = self.word_entries(word)
            found = matched if found is None else found & matched
            if not found:
                return ()
        return sorted(found or ())

    def _token(
        self, q: str, accept: Callable[[int], bool], limit: int | None, forgive: bool = True
    ) -> dict[int, tuple[int, str]]:
        found: dict[int, tuple[int, str]] = {}
        tiers = self._tiers(q)
        for pass_number in (0, 1):
            for score, kind, candidates in tiers:
                for entry in candidates():
                    if entry not in found and accept(entry):
                        found[entry] = (score, kind)
                        if limit is not None and len(found) >= limit:
                            return found
            if pass_number or not forgive or len(found) >= FEW:
                break
            tiers = self._forgiving_tiers(q)
        return found

    def search(
        self, query: str, limit: int = 20, department: str | None = None, include_bundles: bool = False
    ) -> list[SearchHit]:
        tokens = _SPACES.split(query.strip().lower())
        tokens = [t for t in tokens if t]
        if not tokens or limit <= 0:
            return []
        rows = self.rows

        def accept(entry: int) -> bool:
            row = rows[entry]
            if row.kind == "bundle" and not include_bundles:
                return False
            return department is None or row.department == department

        if len(tokens) == 1 or query.strip().isascii() and _single_pinyin(self, query):
            found = self._token(tokens[0] if len(tokens) == 1 else query.strip().lower(), accept, limit)
        else:
            found = self._all_tokens(tokens, accept, forgive=False)
            if len(found) < FEW:
                found = self._all_tokens(tokens, accept, forgive=True)
        ranked = sorted(found.items(), key=lambda pair: (-pair[1][0], pair[0]))[:limit]
        return [
            SearchHit(rows[e].code, rows[e].name, rows[e].department, rows[e].basic_code, score, kind, rows[e].kind)
            for e, (score, kind) in ranked
        ]


    def _all_tokens(
        self, tokens: list[str], accept: Callable[[int], bool], forgive: bool
    ) -> dict[int, tuple[int, str]]:
        found = self._token(tokens[0], accept, None, forgive)
        for token in tokens[1:]:
            keep = set(found)
            more = self._token(token, keep.__contains__, None, forgive)
            found = {e: (min(found[e][0], more[e][0]), found[e][1]) for e in found if e in more}
        return found

    def suggest(self, query: str, limit: int = 3, include_bundles: bool = True) -> list[SearchHit]:
        """For an empty result ("您是不是要找"): the best hits of the longest start of the query that finds any."""
        text = query.strip()
        for end in range(len(text) - 1, max(1, len(text) - 6), -1):
            hits = self.search(text[:end], limit, include_bundles=include_bundles)
            if hits:
                return hits
        return []


def _single_pinyin(index: SearchIndex, query: str) -> bool:
    """ "bu dong chan" typed with spaces is one pinyin query, not three words."""
    compact = query.replace(" ", "").lower()
    return any(next(iter(field.prefix(compact)), None) is not None for field in (index.pinyin, index.initials))
