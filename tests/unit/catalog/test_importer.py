from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.catalog import importer
from clerk_app.catalog.errors import CatalogFormatError, CatalogVersionConflict
from clerk_app.catalog.importer import apply_changes, import_file
from clerk_app.catalog.service import CatalogService
from offline_cache.catalog_store import CatalogStore
from offline_cache.db import Database
from tests.unit.catalog.conftest import document, minimal_item

TOWNSHIP_AREAS = ("扶贫", "就业", "户", "个体工商", "补贴", "医", "保险", "农技", "宅基地", "生育", "居住证", "救助")


def snapshot(db: Database) -> list[tuple[Any, ...]]:
    rows = db.query("SELECT implementation_code, version, retired, digest FROM catalog_items ORDER BY 1")
    bundles = db.query("SELECT code, version, retired, digest FROM catalog_bundles ORDER BY 1")
    return [tuple(r) for r in rows] + [tuple(r) for r in bundles]


def test_training_catalog_is_valid_for_the_reference_validator(training: dict[str, Any]) -> None:
    errors = list(importer.validator().iter_errors(training))
    assert errors == []


def test_training_catalog_size_and_coverage(training: dict[str, Any]) -> None:
    items = training["items"]
    assert len(items) >= 80
    assert len({i["department"] for i in items}) >= 10
    assert len(training["bundles"]) >= 3
    township = [i for i in items if "12+X" in i.get("tags", [])]
    for area in TOWNSHIP_AREAS:
        assert any(area in i["name"] or any(area in k for k in i["keywords"]) for i in township), area
    assert sum(1 for i in items if i.get("situations")) >= 50
    assert all(i["materials"] for i in items)


def test_first_start_loads_training_once(db: Database) -> None:
    service = CatalogService(db)
    report = service.ensure_training_catalog()
    assert report is not None and len(report.added) >= 80 and len(report.bundles_added) >= 3
    assert service.ensure_training_catalog() is None


def test_malformed_document_names_item_and_field_and_keeps_catalog(
    service: CatalogService, training: dict[str, Any]
) -> None:
    before = snapshot(service.db)
    bad = copy.deepcopy(training)
    bad["items"][5]["version"] = 2
    bad["items"][7]["materials"][1]["necessity"] = "也许"
    with pytest.raises(CatalogFormatError) as caught:
        apply_changes(service.db, bad)
    error = caught.value
    assert bad["items"][7]["implementation_code"] in error.where
    assert bad["items"][7]["name"] in error.where
    assert error.field == "materials[1].necessity"
    assert snapshot(service.db) == before


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda i: i.pop("name"), "name"),
        (lambda i: i.update(version="2"), "version"),
        (lambda i: i["materials"][1].update(deferrable=True, necessity="非必要"), "materials[1].deferrable"),
        (lambda i: i["situations"][0].update(default="nobody"), "situations[0].default"),
        (lambda i: i["situations"][0]["options"][1].update(adds=["ghost"]), "situations[0].options[1].adds"),
        (lambda i: i.update(handling_type="承诺件"), "promised_limit"),
        (lambda i: i.update(implementing_body={"name": "某局", "credit_code": "11511602MB1010001A"}),
         "implementing_body.credit_code"),
        (lambda i: i["materials"].append({"code": "id", "name": "重复", "necessity": "必要"}), "materials[2].code"),
        (lambda i: i.update(implementation_code="ITEM-1-511602000000-000-11511602MB1010001A-1-00"),
         "implementation_code"),
    ],
)
def test_rejections_name_the_field(db: Database, mutate: Any, field: str) -> None:
    item = minimal_item()
    mutate(item)
    with pytest.raises(CatalogFormatError) as caught:
        apply_changes(db, document([item]))
    assert caught.value.field == field
    assert "ITEM-1" in caught.value.where
    assert snapshot(db) == []


def test_valid_embedded_credit_code_is_accepted(db: Database) -> None:
    code = "511A0138000000-511602000000-000-11511602MB10100010-1-00"
    assert apply_changes(db, document([minimal_item(code)])).added == [code]


def test_user_text_is_complete(db: Database) -> None:
    item = minimal_item()
    item.pop("department")
    with pytest.raises(CatalogFormatError) as caught:
        apply_changes(db, document([item]))
    text = caught.value.user_text()
    assert "ITEM-1" in text and "department" in text


def test_versions_add_change_unchanged_stale_conflict_retire(db: Database) -> None:
    report = apply_changes(db, document([minimal_item(version=2)]))
    assert report.added == ["ITEM-1"]
    assert apply_changes(db, document([minimal_item(version=2)])).unchanged == ["ITEM-1"]
    assert apply_changes(db, document([minimal_item(version=1)])).stale == ["ITEM-1"]
    with pytest.raises(CatalogVersionConflict):
        apply_changes(db, document([minimal_item(version=2, name="改了名字但没升版本")]))
    assert apply_changes(db, document([minimal_item(version=3, name="新名字")])).changed == ["ITEM-1"]
    service = CatalogService(db)
    assert service.get_item("ITEM-1").name == "新名字"
    retire = document([], retired_items=[{"implementation_code": "ITEM-1", "version": 3}])
    assert apply_changes(db, retire).retired == ["ITEM-1"]
    assert service.search("新名字") == []
    assert service.get_item("ITEM-1").retired is True
    assert apply_changes(db, document([minimal_item(version=4, name="新名字")])).changed == ["ITEM-1"]
    assert [h.item_code for h in service.search("新名字")] == ["ITEM-1"]


def test_retirement_with_older_version_is_skipped(db: Database) -> None:
    apply_changes(db, document([minimal_item(version=5)]))
    report = apply_changes(db, document([], retired_items=[{"implementation_code": "ITEM-1", "version": 4}]))
    assert report.retire_skipped == ["ITEM-1"] and report.retired == []


def test_snapshot_retires_what_is_missing(db: Database) -> None:
    apply_changes(db, document([minimal_item("A"), minimal_item("B")]))
    report = apply_changes(db, document([minimal_item("A")], mode="snapshot"))
    assert report.retired == ["B"] and report.unchanged == ["A"]


def test_the_index_generation_moves_only_when_the_catalog_changed(db: Database) -> None:
    store = CatalogStore(db)
    apply_changes(db, document([minimal_item()], next_cursor="c-1"))
    after_first = store.generation()
    apply_changes(db, document([], next_cursor="c-2"))  # an empty page, as most sync passes pull
    apply_changes(db, document(None, next_cursor="c-3"))
    apply_changes(db, document([minimal_item()], next_cursor="c-4"))  # the same version again: unchanged
    assert store.generation() == after_first
    assert store.cursor() == "c-4"  # the cursor still moves with every page
    service = CatalogService(db)
    index = service.index()
    assert service.index() is index and not service.is_stale()
    apply_changes(db, document([minimal_item(version=2, name="测试事项变更登记")], next_cursor="c-5"))
    assert store.generation() == after_first + 1
    assert service.is_stale()
    apply_changes(db, document(None, retired_items=[{"implementation_code": "ITEM-1", "version": 2}]))
    assert store.generation() == after_first + 2


def test_an_index_rebuild_is_swapped_in_and_readers_keep_the_old_one_meanwhile(db: Database) -> None:
    service = CatalogService(db)
    apply_changes(db, document([minimal_item()]))
    old = service.index()
    apply_changes(db, document([minimal_item("ITEM-2", name="新增测试事项")], next_cursor="c2"))
    assert [h.item_code for h in service.search("新增测试事项", stale_ok=True)] == []  # the old index answers
    new = service.index()
    assert new is not old
    assert [h.item_code for h in service.search("新增测试事项", stale_ok=True)] == ["ITEM-2"]


def test_cursor_is_stored_with_the_page(db: Database) -> None:
    apply_changes(db, document([minimal_item()], next_cursor="c-42"))
    assert CatalogStore(db).cursor() == "c-42"


def test_bundle_referring_to_unknown_item_is_rejected(db: Database) -> None:
    bundle = {"code": "B1", "version": 1, "name": "一件事", "items": ["ITEM-1", "NOPE"]}
    with pytest.raises(CatalogFormatError) as caught:
        apply_changes(db, document([minimal_item()], bundles=[bundle]))
    assert caught.value.field == "items[1]" and "B1" in caught.value.where
    assert snapshot(db) == []


def test_import_file_reports_json_syntax_errors(db: Database, tmp_path: Any) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "onewindow.catalog-changes",\n "items": [}', encoding="utf-8")
    with pytest.raises(CatalogFormatError) as caught:
        import_file(db, path)
    assert "line 2" in caught.value.problem


_REQUIRED = ["implementation_code", "basic_code", "version", "name", "item_type", "department",
             "handling_type", "materials"]
_WRONG_VALUES = [None, 17, -1, "", "x", [], {}, True, 1.5]


def _verdicts(doc: dict[str, Any]) -> tuple[bool, bool]:
    """(accepted by the importer's checks, accepted by jsonschema, the reference)."""
    reference_ok = not list(importer.validator().iter_errors(doc))
    try:
        importer.validate_schema(doc)
    except CatalogFormatError:
        return False, reference_ok
    return True, reference_ok


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(_REQUIRED + ["legal_limit", "fees", "scope", "situations", "keywords"]),
    value=st.one_of(st.sampled_from(_WRONG_VALUES), st.just("DELETE")),
)
def test_fast_check_agrees_with_jsonschema(key: str, value: Any) -> None:
    item = minimal_item()
    if value == "DELETE":
        item.pop(key, None)
    else:
        item[key] = value
    fast_ok, reference_ok = _verdicts(document([item]))
    assert fast_ok == reference_ok


_TOP_LEVEL = ["format", "format_version", "mode", "cursor", "next_cursor", "has_more", "generated_at", "source",
              "items", "retired_items", "bundles", "retired_bundles", "synonyms", "unknown"]
_TOP_VALUES = [*_WRONG_VALUES, False, 0, 1, "incremental", "onewindow.catalog-changes",
               [{"term": "户口", "means": ["户籍"]}], [{"term": "户口"}], "DELETE"]


@pytest.mark.parametrize("key", _TOP_LEVEL)
def test_a_page_without_records_is_judged_as_jsonschema_judges_it(key: str) -> None:
    """Such a page (most sync passes) is judged by a small fast check of its own, not by jsonschema."""
    for value in _TOP_VALUES:
        doc = document()
        if value == "DELETE":
            doc.pop(key, None)
        else:
            doc[key] = value
        if any(doc.get(records) for records in ("items", "retired_items", "bundles", "retired_bundles")):
            continue  # a page with records: the whole fast check (above)
        fast_ok, reference_ok = _verdicts(doc)
        assert fast_ok == reference_ok, (key, value)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_rejected_page_leaves_the_catalog_intact(tmp_path_factory: Any, data: st.DataObject) -> None:
    db = Database(tmp_path_factory.mktemp("h") / "c.db")
    apply_changes(db, document([minimal_item("KEEP")]))
    before = snapshot(db)
    items = [minimal_item(f"N{i}") for i in range(3)]
    victim = data.draw(st.integers(0, 2))
    key = data.draw(st.sampled_from(_REQUIRED))
    items[victim].pop(key)
    with pytest.raises(CatalogFormatError) as caught:
        apply_changes(db, document([minimal_item("KEEP", version=2, name="改"), *items]))
    expected = f"#{victim + 2} in items" if key == "implementation_code" else f"N{victim}"
    assert expected in caught.value.where
    assert snapshot(db) == before
    db.close()


def test_schema_file_is_a_valid_json_schema() -> None:
    """The import trusts the shipped schema (it is not checked again at run time): this is its check."""
    schema = json.loads(importer._schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validators.validator_for(schema).check_schema(schema)  # the dialect the reference validator uses


def test_credit_code_with_letter_authority_is_accepted_as_by_the_domain(db: Database) -> None:
    from clerk_app.domain.checkdigits import is_valid_credit_code, uscc_check_char

    body = "N2511602600037341"  # 登记管理部门码 N (GB 32100 allows letters); python-stdnum refused this
    code = body + uscc_check_char(body)
    assert is_valid_credit_code(code)
    item = minimal_item()
    item["implementing_body"] = {"name": "某农业农村局", "credit_code": code}
    assert apply_changes(db, document([item])).added == ["ITEM-1"]
