"""The block filter in front of substring scans finds exactly what a scan of the whole string finds, in order."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.catalog.grams import GramBlocks

VALUES = st.lists(st.text(alphabet="abcdz身份证补领", min_size=1, max_size=12), min_size=1, max_size=80)


def scan(blob: str, query: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(query)})", blob)]


@settings(max_examples=300, deadline=None)
@given(values=VALUES, query=st.text(alphabet="abcdz身份证补领", min_size=1, max_size=5),
       block=st.integers(min_value=1, max_value=40), sizes=st.sampled_from([(2, 3), (3,), (2,)]))
def test_filtered_scan_finds_what_a_whole_scan_finds(values: list[str], query: str, block: int,
                                                    sizes: tuple[int, ...]) -> None:
    blob = "\n".join(values)
    assert list(GramBlocks(blob, sizes, block).find_all(blob, query)) == scan(blob, query)


def test_blocks_without_the_querys_triples_are_not_scanned() -> None:
    values = [f"item{n:04d}" for n in range(2000)] + ["shenfenzheng"]
    blob = "\n".join(values)
    blocks = GramBlocks(blob, (2, 3), block_chars=64)
    mask = blocks.candidates("fenz")
    assert bin(mask).count("1") == 1  # only the last block holds "fen" and "enz"
    assert blocks.candidates("qqq") == 0 and list(blocks.find_all(blob, "qqq")) == []
    assert blocks.candidates("s") == (1 << len(blocks.bounds)) - 1  # shorter than a gram: every block
    assert list(blocks.find_all(blob, "fenz")) == [blob.index("fenz")]
