"""In-memory search over the catalog for type-as-you-go: codes, names, keywords, full pinyin and initials.

Ranking tiers (best first): exact code > exact name > name prefix > code prefix > pinyin prefix > initials prefix >
keyword prefix > name substring > initials substring > pinyin substring > keyword substring > code substring.
Within a tier shorter names come first. Entries are kept sorted by that tie-break, so a tier can stop scanning as
soon as it has filled the result: a one-letter query over 10,000 items costs no more than a long one.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from clerk_app.catalog.pinyin import pinyin_keys
from offline_cache.catalog_store import IndexRow

_SPACES = re.compile(r"\s+")
_DENSE = 512


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


class _Field:
    """All values of one kind (names, codes ...) for substring scans (one joined string) and prefix lookups."""

    def __init__(self, values: Iterable[tuple[int, str]]) -> None:
        pairs = [(value, entry) for entry, value in values if value]
        self.sorted = sorted(pairs)
        self.keys = [value for value, _ in self.sorted]
        parts: list[str] = []
        owners = array("i")
        pairs.sort(key=lambda pair: pair[1])  # entry order = tie-break order
        for value, entry in pairs:
            parts.append(value)
            owners.extend([entry] * (len(value) + 1))
        self.blob = "\n".join(parts)
        self.owners = owners
        self.by_entry = pairs

    def exact(self, query: str) -> Iterator[int]:
        index = bisect.bisect_left(self.keys, query)
        while index < len(self.keys) and self.keys[index] == query:
            yield self.sorted[index][1]
            index += 1

    def prefix(self, query: str) -> Iterable[int]:
        """Entries whose value starts with ``query``, in entry (tie-break) order."""
        low = bisect.bisect_left(self.keys, query)
        high = bisect.bisect_left(self.keys, query + "\U0010ffff", low)
        if high - low <= _DENSE:
            return sorted(entry for _, entry in self.sorted[low:high])
        # A short common prefix ("5", "b") matches thousands: walking entry order finds the first few at once.
        return (entry for value, entry in self.by_entry if value.startswith(query))

    def substring(self, query: str) -> Iterator[int]:
        blob, owners = self.blob, self.owners
        position = blob.find(query)
        while position >= 0:
            entry = owners[position]
            yield entry
            position = blob.find(query, position + 1)


class SearchIndex:
    def __init__(self, rows: list[IndexRow]) -> None:
        self.rows = sorted(rows, key=lambda r: (r.kind != "item", len(r.name), r.name, r.code))
        rows = self.rows
        self.codes = _Field(
            (i, c.lower()) for i, r in enumerate(rows) for c in (r.code, r.basic_code, r.handling_item_code)
        )
        self.names = _Field((i, r.name.lower()) for i, r in enumerate(rows))
        self.pinyin = _Field((i, r.name_pinyin) for i, r in enumerate(rows))
        self.initials = _Field((i, r.name_initials) for i, r in enumerate(rows))
        self.keywords = _Field((i, k.lower()) for i, r in enumerate(rows) for k in r.keywords)
        self.keyword_pinyin = _Field(
            (i, k) for i, r in enumerate(rows) for k in (*r.keyword_pinyin, *r.keyword_initials)
        )
        self.departments = sorted({r.department for r in rows if r.kind == "item"})
        # "bdcdj" should find every item of the 不动产登记 department, not only those with it in the name.
        dept_keys = {d: (d.lower(), *pinyin_keys(d)) for d in {r.department for r in rows}}
        self.department_keys = _Field((i, key) for i, r in enumerate(rows) for key in dept_keys[r.department])

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
        tiers.sort(key=lambda tier: -tier[0])
        return tiers

    def _token(self, q: str, accept: Callable[[int], bool], limit: int | None) -> dict[int, tuple[int, str]]:
        found: dict[int, tuple[int, str]] = {}
        for score, kind, candidates in self._tiers(q):
            for entry in candidates():
                if entry not in found and accept(entry):
                    found[entry] = (score, kind)
                    if limit is not None and len(found) >= limit:
                        return found
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
            found = self._token(tokens[0], accept, None)
            for token in tokens[1:]:
                keep = set(found)
                more = self._token(token, keep.__contains__, None)
                found = {e: (min(found[e][0], more[e][0]), found[e][1]) for e in found if e in more}
        ranked = sorted(found.items(), key=lambda pair: (-pair[1][0], pair[0]))[:limit]
        return [
            SearchHit(rows[e].code, rows[e].name, rows[e].department, rows[e].basic_code, score, kind, rows[e].kind)
            for e, (score, kind) in ranked
        ]


def _single_pinyin(index: SearchIndex, query: str) -> bool:
    """ "bu dong chan" typed with spaces is one pinyin query, not three words."""
    compact = query.replace(" ", "").lower()
    return any(next(iter(field.prefix(compact)), None) is not None for field in (index.pinyin, index.initials))
