"""The pieces of a search that forgives how clerks type (docs/catalog-format.md, "Search").

- ``PrefixKeys``: sorted keys (pinyin or initials of a name read from each syllable on, every reading of its
  polyphones) answering "which entries have a key starting with this?" by bisection, also with one edit.
- ``within_one_edit``: the tolerance rule itself (optimal string alignment distance <= 1: one insertion, deletion,
  substitution or swap of neighbours), used by the brute-force reference test as the definition.
- ``mixed_to_initials``: ``bdcdengji`` (initials and full syllables mixed) to the initials ``bdcdj``.
- ``SIMILAR_CHARACTERS``: wrong characters clerks type for right ones that do not sound alike (homophones such
  as 分/份 or 正/证 are found through the pinyin of the query instead).
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterator, Sequence

from clerk_app.catalog.pinyin import _is_pinyin

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Keys are cut here to keep the index small; a longer query is checked against the whole name afterwards.
KEY_LENGTH = 16
_TOP = "\U0010ffff"


class PrefixKeys:
    """Unique sorted keys, each with the entries it belongs to.

    Owners live in two flat integer arrays, not one tuple per key: half a million small tuples would make every
    garbage collection walk them, and a search that allocates would stall for a collection now and then.
    """

    def __init__(self, builder: PrefixKeysBuilder, letters: bool = False) -> None:
        """Takes over ``builder``'s keys (the builder is left empty: they are not held twice)."""
        owners, builder.owners = builder.owners, {}
        self.keys: list[str] = sorted(owners)
        self.starts = array("i", [0])
        self.entries = array("i")
        for key in self.keys:
            found = owners[key]
            if isinstance(found, int):
                self.entries.append(found)
            else:
                self.entries.extend(sorted(set(found)))
            self.starts.append(len(self.entries))
        self.length = builder.length
        # ``letters``: the sorted entries under each one-letter prefix, ready. "zui" read as mixed pinyin is the
        # initial "z": half the catalog, whose dedup and sort cost 3-9 ms at 50,000 items on every such keystroke.
        self.by_letter: dict[str, array[int]] = {}
        if letters:
            for letter in sorted({key[0] for key in self.keys}):
                self.by_letter[letter] = array("i", sorted(self.prefixed(letter)))

    def __len__(self) -> int:
        return len(self.keys)

    def _range(self, prefix: str, low: int = 0, high: int | None = None) -> tuple[int, int]:
        keys = self.keys
        high = len(keys) if high is None else high
        start = bisect.bisect_left(keys, prefix, low, high)
        return start, bisect.bisect_left(keys, prefix + _TOP, start, high)

    def _owners(self, low: int, high: int) -> array[int]:
        return self.entries[self.starts[low] : self.starts[high]]

    def has_prefix(self, prefix: str) -> bool:
        low, high = self._range(prefix[: self.length])
        return low < high

    def prefixed(self, prefix: str) -> set[int]:
        """Entries with a key starting with ``prefix`` (cut to the key length)."""
        low, high = self._range(prefix[: self.length])
        return set(self._owners(low, high))

    def sorted_prefixed(self, prefix: str) -> Sequence[int]:
        """``sorted(self.prefixed(prefix))``."""
        ready = self.by_letter.get(prefix) if len(prefix) == 1 else None
        return ready if ready is not None else sorted(self.prefixed(prefix))

    def prefixed_within_one_edit(self, query: str) -> set[int]:
        """Entries with a key that starts with ``query`` changed by at most one edit (see ``within_one_edit``)."""
        q = query[: self.length - 1]
        found: set[int] = set()
        # The edit sits at some position i; everything before i must be typed right. The longest prefix of q that
        # any key starts with bounds i, which prunes most of the ~50 * len(q) candidates at once.
        reach = 0
        low, high = 0, len(self.keys)
        while reach < len(q):
            low, high = self._range(q[: reach + 1], low, high)
            if low == high:
                break
            reach += 1
        kept = ""
        for candidate in sorted(set(_one_edit_candidates(q, reach))):
            if kept and candidate.startswith(kept):
                continue  # its keys are among those of a shorter candidate already taken
            low, high = self._range(candidate)
            if low < high:
                found.update(self._owners(low, high))
                kept = candidate
        return found


class PrefixKeysBuilder:
    """Collects ``PrefixKeys`` one key at a time. The catalog index feeds it straight from each name's readings:
    a list of every (key, entry) pair first (290,000 tuples at 10,000 items) was the bulk of the build's transient
    peak, and memory freed between the index's long-lived strings is memory the Python allocator cannot give back
    (issue 11)."""

    def __init__(self, length: int = KEY_LENGTH) -> None:
        self.length = length
        # Most keys (a name read from its third syllable on) belong to one entry: a bare int until a second comes.
        self.owners: dict[str, int | list[int]] = {}

    def add(self, key: str, entry: int) -> None:
        if not key:
            return
        cut = key[: self.length]
        found = self.owners.get(cut)
        if found is None:
            self.owners[cut] = entry
        elif isinstance(found, int):
            if found != entry:
                self.owners[cut] = [found, entry]
        elif found[-1] != entry:
            found.append(entry)


def _one_edit_candidates(q: str, reach: int) -> Iterator[str]:
    """Strings one edit away from ``q`` whose edit sits at a position <= ``reach`` (the rest cannot match)."""
    yield q
    for i in range(min(reach, len(q) - 1) + 1):
        head, tail = q[:i], q[i + 1 :]
        if len(q) > 1:
            yield head + tail  # deletion
        if i + 1 < len(q):
            yield head + q[i + 1] + q[i] + q[i + 2 :]  # swap
        for letter in LETTERS:
            if letter != q[i]:
                yield head + letter + tail  # substitution
    for i in range(min(reach, len(q)) + 1):
        for letter in LETTERS:
            yield q[:i] + letter + q[i:]  # insertion


def within_one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance of ``a`` and ``b`` is at most 1."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[
            diffs[0]
        ]
    if la > lb:
        a, b = b, a
    # b is one longer: deleting one character of b gives a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def prefix_within_one_edit(query: str, key: str) -> bool:
    """Some prefix of ``key`` is within one edit of ``query``: the tolerance rule of the search."""
    return any(within_one_edit(query, key[:n]) for n in (len(query) - 1, len(query), len(query) + 1)
               if 0 <= n <= len(key))


@functools.lru_cache(maxsize=64)  # typing a word compiles each of its prefixes once
def one_edit_prefix(query: str) -> re.Pattern[str]:
    """A pattern whose ``match(text, start, end)`` says ``prefix_within_one_edit(query, text[start:end])``.

    Nested by edit position: ``query[i]`` then the rest, or one edit at ``i`` (substitution, deletion, insertion,
    swap) then the rest typed right. A failing candidate is rejected in C after a few characters, where a Python
    loop over three prefix lengths and four edits cost about 10 microseconds a key.
    """

    def rest(i: int) -> str:
        if i >= len(query):
            return ""
        right = re.escape(query[i + 1 :])
        edits = [
            re.escape(query[i]) + rest(i + 1),
            "." + right,  # substitution
            right,  # deletion
            "." + re.escape(query[i:]),  # insertion
        ]
        if i + 1 < len(query):
            edits.append(re.escape(query[i + 1] + query[i] + query[i + 2 :]))  # swap of neighbours
        return "(?:" + "|".join(edits) + ")"

    return re.compile(rest(0), re.DOTALL)


@functools.cache
def _syllables_by_length() -> tuple[frozenset[str], int]:
    from clerk_app.catalog.pinyin import _pinyin_syllable_set

    syllables = frozenset(s for s in _pinyin_syllable_set() if s.isalpha() and len(s) > 1)
    return syllables, max(len(s) for s in syllables)


def mixed_to_initials(query: str) -> str | None:
    """``bdcdengji`` -> ``bdcdj``: full syllables (longest first) become their initial, other letters stay.

    None when the query is not letters only or holds no full syllable (then it is plain initials already).
    """
    if not query.isascii() or not query.isalpha():
        return None
    syllables, longest = _syllables_by_length()
    out: list[str] = []
    position, whole = 0, 0
    while position < len(query):
        for size in range(min(longest, len(query) - position), 1, -1):
            piece = query[position : position + size]
            if piece in syllables and _is_pinyin(piece):
                out.append(piece[0])
                position += size
                whole += 1
                break
        else:
            out.append(query[position])
            position += 1
    initials = "".join(out)
    return initials if whole and initials != query else None


# Pairs of characters that look alike and are typed for each other although they do not sound alike (pairs that
# sound alike, such as 分/份 or 正/证, are found through the pinyin of the query instead).
_LOOK_ALIKE = (
    "侯候 未末 己已 戌戍 藉籍 萤营 拨拔 材村 微徽 辩辨 栽裁 券卷 坏怀 历厉 拆折 壁璧 赔陪 抚扶 烈列 抵低 "
    "领岭 驶使 殡宾 庭廷 住往 佳住 贷货 问间 汽气 型形 须需 象像 做作 帐账 即既 在再 的得 圆园"
)
SIMILAR_CHARACTERS: dict[str, tuple[str, ...]] = {}
for _pair in _LOOK_ALIKE.split():
    _a, _b = _pair[0], _pair[1]
    if _a != _b:
        SIMILAR_CHARACTERS[_a] = (*SIMILAR_CHARACTERS.get(_a, ()), _b)
        SIMILAR_CHARACTERS[_b] = (*SIMILAR_CHARACTERS.get(_b, ()), _a)


def similar_spellings(text: str, limit: int = 16) -> list[str]:
    """``text`` with look-alike characters swapped for their partners, one position at a time."""
    out: list[str] = []
    for position, char in enumerate(text):
        for other in SIMILAR_CHARACTERS.get(char, ()):
            out.append(text[:position] + other + text[position + 1 :])
            if len(out) >= limit:
                return out
    return out
