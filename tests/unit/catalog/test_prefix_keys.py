"""PrefixKeys answers "which entries have a key starting with this?" exactly, however its keys were fed in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.catalog.forgiving import PrefixKeys, PrefixKeysBuilder

LENGTH = 4
pairs_strategy = st.lists(st.tuples(st.text("abcz", max_size=7), st.integers(0, 30)), max_size=60)


def _keys(pairs: list[tuple[str, int]]) -> tuple[PrefixKeys, PrefixKeysBuilder]:
    builder = PrefixKeysBuilder(LENGTH)
    for key, entry in pairs:
        builder.add(key, entry)
    return PrefixKeys(builder, letters=True), builder


def _owners_by_definition(pairs: list[tuple[str, int]], prefix: str) -> set[int]:
    return {entry for key, entry in pairs if key and key[:LENGTH].startswith(prefix[:LENGTH])}


@given(pairs_strategy, st.text("abcz", max_size=5))
def test_prefixed_finds_exactly_the_owners_of_keys_with_that_prefix(pairs: list[tuple[str, int]], prefix: str) -> None:
    keys, _ = _keys(pairs)
    assert keys.prefixed(prefix) == _owners_by_definition(pairs, prefix)
    assert list(keys.sorted_prefixed(prefix)) == sorted(_owners_by_definition(pairs, prefix))
    assert keys.keys == sorted({key[:LENGTH] for key, _ in pairs if key})


@given(pairs_strategy)
def test_each_key_holds_its_owners_once_in_order_and_the_builder_is_emptied(pairs: list[tuple[str, int]]) -> None:
    keys, builder = _keys(pairs)
    assert all(list(keys.entries[keys.starts[i]:keys.starts[i + 1]]) == sorted(
        {entry for key, entry in pairs if key and key[:LENGTH] == cut}) for i, cut in enumerate(keys.keys))
    assert all(list(ready) == sorted(_owners_by_definition(pairs, letter)) for letter, ready in keys.by_letter.items())
    assert builder.owners == {}  # handed over, not kept twice
