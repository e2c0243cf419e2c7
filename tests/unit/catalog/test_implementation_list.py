"""实施清单 elements in the exchange format (new documents) next to old documents, and ``effective_from``."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.catalog.errors import CatalogFormatError
from clerk_app.catalog.importer import apply_changes
from clerk_app.catalog.service import CatalogService
from clerk_app.domain.catalog import HandlingType, SourceChannel
from offline_cache.db import Database
from tests.unit.catalog.conftest import document, minimal_item


def full_item(code: str = "NEW-1", version: int = 1) -> dict:
    item = minimal_item(code, version, name="内地居民离婚登记")
    item.update(
        handling_type="联办件",
        promised_limit={"value": 30, "unit": "calendar_days", "note": "离婚冷静期"},
        special_procedures=[{"kind": "冷静期", "name": "离婚冷静期",
                             "time_limit": {"value": 30, "unit": "calendar_days"},
                             "basis": "《中华人民共和国民法典》第一千零七十七条"}],
        quantity_limit={"limited": True, "description": "每对当事人同一时间只受理一次申请"},
        result_delivery={"methods": ["窗口领取", "邮政寄递"], "time_limit": {"value": 1, "unit": "working_days"}},
        intermediary_services=[{"name": "婚姻家庭辅导", "provider": "婚姻家庭辅导室", "charged": False}],
        joint_bodies=[{"name": "清河区公安分局"}],
        entrusted_department={"name": "青石镇人民政府"},
        deciding_body={"name": "清河区民政局"},
        flags={"in_hall": True, "appointment": True, "self_service_terminal": False, "express_delivery": True},
        rights_and_obligations="申请人有权查询办理进度；应当如实提供材料。",
        themes=["婚姻登记"],
        faq=[{"question": "冷静期内可以撤回吗？", "answer": "可以，任何一方不愿意离婚的，可以向登记机关撤回申请。"}],
        legal_bases=[{"law": "中华人民共和国民法典", "article": "第一千零七十七条", "level": "法律"},
                     {"law": "婚姻登记条例", "document_number": "国务院令第387号", "level": "行政法规"}],
    )
    item["materials"][0]["source_kind"] = "政府部门核发"
    return item


def test_new_elements_import_and_read_back(db: Database) -> None:
    apply_changes(db, document([full_item()]))
    item = CatalogService(db).get_item("NEW-1")
    assert item.handling_type is HandlingType.JOINT
    procedure = item.special_procedures[0]
    assert procedure.kind == "冷静期" and procedure.time_limit is not None
    assert procedure.time_limit.value == 30 and procedure.time_limit.unit.value == "calendar_days"
    assert item.quantity_limit is not None and item.quantity_limit.limited
    assert item.result_delivery is not None and item.result_delivery.methods == ("窗口领取", "邮政寄递")
    assert item.intermediary_services[0].name == "婚姻家庭辅导"
    assert item.joint_bodies[0].name == "清河区公安分局" and item.entrusted_department is not None
    assert item.deciding_body is not None and item.deciding_body.name == "清河区民政局"
    assert item.flags.appointment and item.flags.express_delivery and not item.flags.self_service_terminal
    assert item.themes == ("婚姻登记",) and item.faq[0].question.startswith("冷静期")
    assert [b.level for b in item.legal_bases] == ["法律", "行政法规"]
    assert item.materials[0].source_kind is SourceChannel.GOVERNMENT


def test_old_document_still_imports_with_defaults(db: Database) -> None:
    old = minimal_item("OLD-1")  # format as it was before these elements existed
    old["materials"][0]["source_channel"] = "共享获取"
    apply_changes(db, document([old]))
    item = CatalogService(db).get_item("OLD-1")
    assert item.special_procedures == () and item.quantity_limit is None and item.deciding_body is None
    assert item.flags.in_hall and not item.flags.express_delivery and item.legal_bases == ()
    assert item.materials[0].source_kind is SourceChannel.SHARED


def test_reported_item_type_and_unknown_enumerations(db: Database) -> None:
    reported = minimal_item("UP-1")
    reported["handling_type"] = "上报件"
    apply_changes(db, document([reported]))
    assert CatalogService(db).get_item("UP-1").handling_type is HandlingType.REPORTED
    bad = full_item("BAD-1")
    bad["special_procedures"][0]["kind"] = "喝茶"
    with pytest.raises(CatalogFormatError) as caught:
        apply_changes(db, document([bad], next_cursor="c2"))
    assert "special_procedures" in caught.value.field


class Clock:
    def __init__(self, today: date) -> None:
        self.now = today

    def __call__(self) -> date:
        return self.now


def test_a_future_version_waits_then_takes_over_without_restart(db: Database) -> None:
    clock = Clock(date(2026, 12, 1))
    service = CatalogService(db, today=clock)
    service.import_changes(document([minimal_item("EFF-1", 1, name="旧版事项登记")]))
    later = minimal_item("EFF-1", 2, name="新版事项登记")
    later["effective_from"] = "2026-12-10"
    report = service.import_changes(document([later], next_cursor="c2"))
    assert report.scheduled == ["EFF-1"]
    assert service.get_item("EFF-1").name == "旧版事项登记"
    assert [h.name for h in service.search("事项登记", stale_ok=True)] == ["旧版事项登记"]
    assert not service.is_stale()
    clock.now = date(2026, 12, 10)  # the same running service, the day comes
    assert service.is_stale()  # the GUI rebuilds its index in the background when it sees this
    assert [h.name for h in service.search("事项登记")] == ["新版事项登记"]
    assert service.get_item("EFF-1").version == 2


def test_a_future_new_item_is_invisible_until_its_day_and_repeat_delivery_is_harmless(db: Database) -> None:
    clock = Clock(date(2026, 12, 1))
    service = CatalogService(db, today=clock)
    item = minimal_item("EFF-2", 1, name="未来事项登记")
    item["effective_from"] = "2027-01-01"
    assert service.import_changes(document([item])).scheduled == ["EFF-2"]
    assert service.import_changes(document([item], next_cursor="c2")).scheduled == ["EFF-2"]
    assert service.search("未来事项") == []
    clock.now = date(2027, 1, 1)
    assert [h.item_code for h in service.search("未来事项")] == ["EFF-2"]
