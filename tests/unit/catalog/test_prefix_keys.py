"""PrefixKeys answers "which entries have a key starting with this?" the same however its keys were collected."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.catalog.forgiving import PrefixKeys, PrefixKeysBuilder

LENGTH = 4
pairs_strategy = st.lists(st.tuples(st.text("abcz", max_size=7), st.integers(0, 30)), max_size=60)


def _owners_by_definition(pairs: list[tuple[str, int]], prefix: str) -> set[int]:
    return {entry for key, entry in pairs if key and key[:LENGTH].startswith(prefix[:LENGTH])}


@given(pairs_strategy, st.text("abcz", max_size=5))
def test_prefixed_finds_exactly_the_owners_of_keys_with_that_prefix(pairs: list[tuple[str, int]], prefix: str) -> None:
    keys = PrefixKeys(pairs, LENGTH, letters=True)
    assert keys.prefixed(prefix) == _owners_by_definition(pairs, prefix)
    assert list(keys.sorted_prefixed(prefix)) == sorted(_owners_by_definition(pairs, prefix))
    assert keys.keys == sorted({key[:LENGTH] for key, _ in pairs if key})


@given(pairs_strategy)
def test_a_builder_fed_one_key_at_a_time_makes_the_same_keys(pairs: list[tuple[str, int]]) -> None:
    builder = PrefixKeysBuilder(LENGTH)
    for key, entry in pairs:
        builder.add(key, entry)
    built = PrefixKeys.built(builder, letters=True)
    whole = PrefixKeys(pairs, LENGTH, letters=True)
    assert (built.keys, built.starts, built.entries, built.by_letter) == (
        whole.keys, whole.starts, whole.entries, whole.by_letter
    )
    assert all(list(built.entries[built.starts[i]:built.starts[i + 1]]) == sorted(
        {entry for key, entry in pairs if key and key[:LENGTH] == cut}) for i, cut in enumerate(built.keys))
    assert builder.owners == {}  # handed over, not kept twice
