"""Catalog import never crashes: every file of the mutation corpus (and anything hypothesis makes) is imported or
rejected with a ``CatalogFormatError`` naming the record and field; a rejection never changes the stored catalog."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app import safe_json
from clerk_app.catalog.errors import CatalogFormatError
from clerk_app.catalog.importer import apply_changes, import_file
from offline_cache.db import Database
from tests.unit.catalog.conftest import document, minimal_item
from tests.unit.catalog.mutation_corpus import corpus
from tests.unit.catalog.test_importer import snapshot

CORPUS = corpus()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database(tmp_path_factory.mktemp("hostile") / "catalog.db")
    apply_changes(db, document([minimal_item(version=5)]))
    return db


def _outcome(db: Database, path: Path) -> str:
    before = snapshot(db)
    try:
        import_file(db, path)
    except CatalogFormatError as exc:
        assert exc.where and exc.problem
        assert snapshot(db) == before, "a rejected import changed the stored catalog"
        return "rejected"
    return "imported"


def test_mutation_corpus_never_raises_anything_else(seeded: Database, tmp_path: Path) -> None:
    outcomes: dict[str, int] = {}
    for name, data in CORPUS:
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        result = _outcome(seeded, path)  # any other exception fails the test with the case's traceback
        outcomes[result] = outcomes.get(result, 0) + 1
        path.unlink()
    assert len(CORPUS) >= 600
    assert outcomes["rejected"] >= len(CORPUS) // 2


@pytest.mark.parametrize(("name", "field", "problem"), [
    ("version-2^63", "version", "out of range"),
    ("version-4301-digits", "version", "out of range"),
    ("version-1e999", "version", "out of range"),
    ("version-NaN", "version", "out of range"),
    ("lone-surrogate-name", "name", "surrogate"),
    ("surrogate-in-key", "", "surrogate"),
    ("deep-in-item", "materials[0].necessity", "nested deeper"),
    ("deep-array-100000", "", "nested deeper"),
    ("not-utf8", "", "UTF-8"),
    ("truncated-half", "", "syntax"),
    ("time-limit-huge", "legal_limit.value", "out of range"),
])
def test_rejections_name_the_item_and_field(seeded: Database, tmp_path: Path, name: str, field: str,
                                            problem: str) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(dict(CORPUS)[name])
    with pytest.raises(CatalogFormatError) as caught:
        import_file(seeded, path)
    if field:
        assert "ITEM-1" in caught.value.where
        assert caught.value.field.startswith(field)
    assert problem in caught.value.problem


def test_surrogate_pair_and_max_int_are_fine(tmp_path: Path, seeded: Database) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(dict(CORPUS)["surrogate-pair-ok"])
    report = import_file(seeded, path)  # a paired surrogate is ordinary text (here: stale, older than the stored 5)
    assert report.stale == ["ITEM-1"] and "ITEM-2" in report.added + report.changed + report.unchanged
    assert safe_json.loads(dict(CORPUS)["version-2^63-1"])["items"][0]["version"] == 2**63 - 1


@pytest.mark.parametrize("kind", ["missing", "directory", "device", "fifo", "nul-name"])
def test_not_a_file_is_a_clear_rejection(tmp_path: Path, seeded: Database, kind: str) -> None:
    path = tmp_path / "catalog.json"
    if kind == "directory":
        path.mkdir()
    elif kind == "device":
        path = Path("/dev/null")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "nul-name":
        path = tmp_path / "bad\x00name.json"
    with pytest.raises(CatalogFormatError) as caught:
        import_file(seeded, path)
    assert caught.value.where == "document"
    assert any(word in caught.value.problem for word in ("no such file", "not a regular file", "file name"))


_scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8))
_json_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                              st.dictionaries(st.text(max_size=5), inner,
                                                                              max_size=3)), max_leaves=12)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _paths(value, (*prefix, index))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_anywhere_is_imported_or_rejected(seeded: Database, data: st.DataObject) -> None:
    doc = document([minimal_item(version=6)])
    paths = _paths(doc)
    where = data.draw(st.sampled_from(paths[1:]))
    value = data.draw(_json_values)
    target: Any = doc
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    before = snapshot(seeded)
    try:
        apply_changes(seeded, doc, store_cursor=False)
    except CatalogFormatError as exc:
        assert exc.where
        assert snapshot(seeded) == before


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_read_or_rejected(raw: bytes) -> None:
    try:
        value = safe_json.loads(raw)
    except safe_json.JsonRejected as exc:
        assert exc.reason
        return
    json.dumps(value, ensure_ascii=False).encode("utf-8")  # whatever is accepted can be stored as UTF-8
