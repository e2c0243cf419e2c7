from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.catalog.importer import apply_changes
from clerk_app.catalog.pinyin import person_name_keys, pinyin_keys
from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.training import load_training_changes
from offline_cache.db import Database
from tests.unit.catalog.conftest import document, minimal_item

TRAINING_ITEMS = load_training_changes()["items"]


def ranking_catalog(db: Database) -> CatalogService:
    items = [
        minimal_item("BDCDJ", name="登记事项甲"),           # code exact target
        minimal_item("X-02", name="不动产登记资料查询"),    # name prefix
        minimal_item("X-03", name="国有不动产登记证明"),    # substring
        minimal_item("X-04", name="博达产地检测"),          # initials bdcdj
    ]
    apply_changes(db, document(items))
    return CatalogService(db)


def test_ranking_exact_code_then_name_prefix_then_initials_then_substring(db: Database) -> None:
    service = ranking_catalog(db)
    kinds = [(h.item_code, h.match_kind) for h in service.search("不动产登记")]
    assert kinds == [("X-02", "name_prefix"), ("X-03", "substring")]
    hits = service.search("bdcdj")
    # exact code, then initials prefixes (shorter name first), then initials inside a name
    assert [(h.item_code, h.match_kind) for h in hits] == [
        ("BDCDJ", "code"), ("X-04", "initials"), ("X-02", "initials"), ("X-03", "initials")
    ]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[2].score > hits[3].score


def test_bdcdj_finds_real_estate_items(service: CatalogService) -> None:
    hits = service.search("bdcdj", limit=50)
    departments = {h.department for h in hits}
    assert departments == {"不动产登记"}
    real_estate = [i for i in TRAINING_ITEMS if i["department"] == "不动产登记"]
    assert len(hits) == len(real_estate)


def test_keywords_full_pinyin_and_department_filter(service: CatalogService) -> None:
    assert service.search("上户口")[0].name == "出生登记"
    assert service.search("shanghukou")[0].name == "出生登记"
    assert service.search("zhaijidi")[0].name.startswith("宅基地")
    assert all(h.department == "人社" for h in service.search("社保", department="人社"))
    assert service.search("社保", department="民政") == []


def test_township_items_by_tag(service: CatalogService) -> None:
    hits = service.search("12+X", limit=100)
    assert len(hits) >= 12 and all(h.match_kind == "keyword" for h in hits)


def test_multi_word_query_needs_every_word(service: CatalogService) -> None:
    hits = service.search("不动产 抵押")
    assert hits and all("抵押" in h.name for h in hits)


def test_bundles_only_on_request(service: CatalogService) -> None:
    assert all(h.kind == "item" for h in service.search("一件事", limit=50))
    bundle_hits = service.search("一件事", include_bundles=True)
    assert {h.kind for h in bundle_hits} == {"bundle"}


def test_departments(service: CatalogService) -> None:
    assert len(service.departments()) >= 10


def test_limit_and_empty_query(service: CatalogService) -> None:
    assert service.search("") == [] and service.search("   ") == []
    assert len(service.search("d", limit=3)) == 3


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(TRAINING_ITEMS))
def test_every_item_is_found_first_by_its_code_and_in_top_results_by_its_name(item: dict) -> None:
    service = _shared_service()
    assert service.search(item["implementation_code"])[0].item_code == item["implementation_code"]
    # Another area's implementation of the same 基本编码 shares it (通办: 前锋区's items in the training catalog),
    # so the basic code finds the item among its few implementations, not necessarily first.
    by_basic = service.search(item["basic_code"], limit=3)
    assert item["implementation_code"] in [h.item_code for h in by_basic]
    assert by_basic[0].basic_code == item["basic_code"]
    assert item["implementation_code"] in [h.item_code for h in service.search(item["name"], limit=3)]
    full, initials = pinyin_keys(item["name"])
    assert item["implementation_code"] in [h.item_code for h in service.search(full, limit=5)]


_SERVICE: list[CatalogService] = []


def _shared_service() -> CatalogService:
    if not _SERVICE:
        import tempfile
        from pathlib import Path

        db = Database(Path(tempfile.mkdtemp()) / "shared.db")
        service = CatalogService(db)
        service.ensure_training_catalog()
        _SERVICE.append(service)
    return _SERVICE[0]


def test_pinyin_keys_and_surnames() -> None:
    assert pinyin_keys("不动产登记") == ("budongchandengji", "bdcdj")
    assert pinyin_keys("银行开户") == ("yinhangkaihu", "yhkh")
    assert pinyin_keys("重新申领")[1] == "cxsl"
    assert pinyin_keys("IC卡补办")[1] == "ickbb"
    assert person_name_keys("单田芳")[0] == "shantianfang"
    assert person_name_keys("曾小贤")[1] == "zxx"
    assert person_name_keys("尉迟恭")[0] == "yuchigong"
    assert person_name_keys("王小明") == pinyin_keys("王小明")


def test_the_index_holds_no_second_copy_of_names_and_codes_that_lowercasing_leaves_alone(db: Database) -> None:
    apply_changes(db, document([minimal_item("11330302MB0001", name="不动产登记资料查询"),
                                minimal_item("X-Mixed", name="ABC证明")]))
    index = CatalogService(db).index()
    rows = {row.code: row for row in index.rows}
    names = dict(zip(index.names.owners, index.names.values, strict=True))
    chinese = next(i for i, row in enumerate(index.rows) if row.code == "11330302MB0001")
    assert names[chinese] is rows["11330302MB0001"].name  # the same string object, not an equal copy
    assert "11330302mb0001" in index.codes.keys and "abc证明" in names.values()  # folded where it changes
    assert [h.item_code for h in CatalogService(db).search("ABC证明")] == ["X-Mixed"]
