"""The bundled training catalog is big and true enough to train on (issue 20)."""

from __future__ import annotations

from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.training import load_training_changes
from clerk_app.domain.catalog import HandlingType, ItemType

DOC = load_training_changes()


def test_at_least_300_items_over_county_and_township_departments_and_every_item_type() -> None:
    items = DOC["items"]
    assert len(items) >= 300
    assert len({i["department"] for i in items}) >= 20
    assert sum("12+X" in i.get("tags", ()) for i in items) >= 100  # township (镇/街道) items
    assert {i["item_type"] for i in items} == {t.value for t in ItemType}
    assert {i["handling_type"] for i in items} == {h.value for h in HandlingType}
    assert sum(i["fees"]["charged"] for i in items) >= 20
    assert sum(bool(i.get("special_procedures")) for i in items) >= 40
    assert sum(i["flags"]["express_delivery"] for i in items) >= 15
    assert any(i["legal_limit"]["unit"] == "calendar_days" for i in items)


def test_divorce_has_a_30_calendar_day_cooling_off_not_a_30_working_day_promise(service: CatalogService) -> None:
    hit = service.search("内地居民离婚登记")[0]
    item = service.get_item(hit.item_code)
    assert item.handling_type is HandlingType.IMMEDIATE and item.promised_limit is None
    cooling = item.special_procedures[0]
    assert cooling.kind == "冷静期" and cooling.time_limit is not None
    assert (cooling.time_limit.value, cooling.time_limit.unit.value) == (30, "calendar_days")
    assert "第一千零七十七条" in cooling.basis


def test_newborn_bundle_does_not_ask_for_the_birth_certificate_it_issues(service: CatalogService) -> None:
    names = [m.name for m in service.checklist("YJS-511602-CSYJS")]
    assert "出生医学证明" not in names
    birth = service.search("出生登记")[0].item_code
    assert "出生医学证明" in [m.name for m in service.checklist(birth)]  # alone, the item still needs it
