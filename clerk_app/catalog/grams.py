"""Which stretches of a joined string can hold a substring: a cheap filter in front of ``str.find``.

A substring tier scans one string of every value of a field ("\\n"-joined: 1.7 MB of pinyin, 4.5 MB of codes at
50,000 items). A query that matches little (a typo, the middle of a code) scanned all of them, every tier: about
10 ms a keystroke. The string is cut into blocks of whole values; for every pair and triple of characters a bit
mask says which blocks hold it. The blocks that hold every pair (or triple) of the query are the only ones that can
hold the query, and only they are scanned. Matches come out in the same order as from a scan of the whole string.
"""

from __future__ import annotations

from collections.abc import Iterator

# Characters per block: smaller blocks filter finer but cost more masks to build (~400 blocks at 50,000 names).
BLOCK_CHARS = 2048


class GramBlocks:
    """``sizes``: the gram lengths kept (a field never searched for two characters needs no pairs)."""

    def __init__(self, blob: str, sizes: tuple[int, ...] = (2, 3), block_chars: int = BLOCK_CHARS) -> None:
        self.sizes = sizes
        self.bounds: list[tuple[int, int]] = []  # [start, end) of each block in the blob
        start = 0
        while start < len(blob):
            end = blob.find("\n", start + block_chars)  # a block ends at a value's end: no match spans two
            end = len(blob) if end < 0 else end
            self.bounds.append((start, end))
            start = end + 1
        self.masks: dict[str, int] = {}
        masks = self.masks
        for number, (low, high) in enumerate(self.bounds):
            text = blob[low:high]
            bit = 1 << number
            grams: set[str] = set()
            for size in sizes:  # zip and join loop in C: a third faster than slicing in a comprehension
                grams.update(map("".join, zip(*(text[k:] for k in range(size)), strict=False)))
            for gram in grams:
                masks[gram] = masks.get(gram, 0) | bit

    def candidates(self, query: str) -> int:
        """A bit mask of the blocks that may hold ``query`` (all of them when it is shorter than every gram)."""
        every = (1 << len(self.bounds)) - 1
        size = max((n for n in self.sizes if n <= len(query)), default=0)
        if not size:
            return every
        mask = every
        masks = self.masks
        for i in range(len(query) - size + 1):
            mask &= masks.get(query[i : i + size], 0)
            if not mask:
                break
        return mask

    def find_all(self, blob: str, query: str) -> Iterator[int]:
        """Positions of ``query`` in ``blob`` (the string these blocks were built from), in order."""
        mask = self.candidates(query)
        bounds = self.bounds
        while mask:
            lowest = mask & -mask  # blocks in order: the lowest bit left first
            mask ^= lowest
            low, high = bounds[lowest.bit_length() - 1]
            position = blob.find(query, low, high)
            while position >= 0:
                yield position
                position = blob.find(query, position + 1, high)
