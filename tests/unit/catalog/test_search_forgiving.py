"""Examples of the forgiving search: the synonym table, polyphones, typos, mixed and reordered queries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.catalog.forgiving import mixed_to_initials, one_edit_prefix, prefix_within_one_edit, within_one_edit
from clerk_app.catalog.importer import apply_changes
from clerk_app.catalog.pinyin import align_syllables, pinyin_keys, reading_variants
from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.synonyms import SynonymIndex, merged, parse, shipped
from offline_cache.db import Database
from tests.unit.catalog.conftest import document, minimal_item

NAMES = ["居民身份证补领", "困难残疾人生活补贴和重度残疾人护理补贴", "长期护理保险待遇申请", "农药经营许可证重新核发",
         "居民户口簿补领", "最低生活保障申请", "公共租赁住房申请", "社会保障卡申领", "残疾人证核发", "住房公积金提取",
         "不动产登记资料查询", "个体工商户设立登记", "内地居民结婚登记", "城乡居民基本医疗保险参保登记"]


def names_only(db: Database) -> CatalogService:
    items = [minimal_item(f"N-{i:02d}", name=name) for i, name in enumerate(NAMES)]
    for item in items:
        item["keywords"] = []  # only the shipped synonym table can know everyday names
    apply_changes(db, document(items))
    return CatalogService(db)


def first(service: CatalogService, query: str) -> str:
    hits = service.search(query, 5)
    return hits[0].name if hits else ""


def test_shipped_synonym_table_has_at_least_100_everyday_names() -> None:
    table = shipped()
    assert len(table) >= 100
    for term in ("医保", "社保卡", "户口本", "低保", "公积金", "残疾证", "公租房", "营业执照"):
        assert term in table


def test_everyday_names_find_official_items(db: Database) -> None:
    service = names_only(db)
    assert first(service, "户口本") == "居民户口簿补领"
    assert first(service, "低保") == "最低生活保障申请"
    assert first(service, "公租房") == "公共租赁住房申请"
    assert first(service, "残疾证") == "残疾人证核发"
    assert first(service, "社保卡") == "社会保障卡申领"
    assert first(service, "sbk") == "社会保障卡申领"  # initials of the everyday name
    assert first(service, "医保") == "城乡居民基本医疗保险参保登记"
    assert service.search("医保")[0].match_kind == "synonym"


def test_catalog_feed_extends_the_synonym_table(db: Database) -> None:
    service = names_only(db)
    assert first(service, "吃皇粮") == ""
    apply_changes(db, document([], synonyms=[{"term": "吃皇粮", "means": ["最低生活保障"]}], next_cursor="c2"))
    assert first(service, "吃皇粮") == "最低生活保障申请"
    assert merged([("低保", ("特困",))])["低保"] == ("最低生活保障", "特困")
    assert parse("# comment\n新词\t甲|乙\n\n坏行\n") == {"新词": ("甲", "乙")}
    assert SynonymIndex({"社保卡": ("社会保障卡",)}).words_for("shebaoka") == ["社会保障卡"]


def test_every_reading_of_a_polyphone_is_indexed(db: Database) -> None:
    service = names_only(db)
    assert first(service, "zdcjr") == "困难残疾人生活补贴和重度残疾人护理补贴"  # 重 zhòng: the main reading
    assert first(service, "cdcjr") == "困难残疾人生活补贴和重度残疾人护理补贴"  # 重 chóng
    assert first(service, "zqhlbx") == "长期护理保险待遇申请"  # 长 zhǎng
    assert first(service, "cqhlbx") == "长期护理保险待遇申请"
    assert first(service, "zxhf") == "农药经营许可证重新核发"  # 重新 is stored as chóngxīn
    name = "长期护理"
    variants = ["".join(v) for v in reading_variants(align_syllables(name, pinyin_keys(name)[0]) or [])]
    assert "zhangqihuli" in variants


def test_typos_mixed_and_reordered(db: Database) -> None:
    service = names_only(db)
    assert first(service, "身分证补领") == "居民身份证补领"  # 分 for 份 (sounds alike)
    assert first(service, "居民身份正") == "居民身份证补领"  # 正 for 证
    assert first(service, "不动铲") == "不动产登记资料查询"  # 铲 for 产
    assert first(service, "buodngchan") == "不动产登记资料查询"  # two letters swapped
    assert first(service, "budongchn") == "不动产登记资料查询"  # a letter left out
    assert first(service, "sfzlb") == "居民身份证补领"  # initials with a swap
    assert first(service, "bdcdengji") == "不动产登记资料查询"  # initials and full pinyin mixed
    assert first(service, "补领身份证") == "居民身份证补领"  # words in another order
    assert first(service, "登记结婚") == "内地居民结婚登记"
    assert mixed_to_initials("bdcdengji") == "bdcdj" and mixed_to_initials("bdcdj") is None


def test_fuzzy_matches_rank_below_exact_ones(db: Database) -> None:
    service = names_only(db)
    hits = service.search("shebaoka")  # exact synonym spelling beats any one-edit neighbour
    assert hits[0].match_kind == "synonym"
    scores = [h.score for h in service.search("buodngchan")]
    assert scores and max(scores) < 350  # every forgiving tier is below the lowest exact tier


def test_within_one_edit_rule() -> None:
    assert within_one_edit("abc", "abc") and within_one_edit("abc", "abd") and within_one_edit("abc", "ab")
    assert within_one_edit("abc", "abxc") and within_one_edit("abc", "acb")
    assert not within_one_edit("abc", "cab") and not within_one_edit("abc", "a") and not within_one_edit("ab", "ba c")


def test_suggestions_for_an_empty_result(db: Database) -> None:
    service = names_only(db)
    assert service.search("社会保障卡㐀㐀㐀") == []
    assert [h.name for h in service.suggest("社会保障卡㐀㐀㐀")] == ["社会保障卡申领"]


@settings(max_examples=400, deadline=None)
@given(query=st.text("abcdhz", min_size=1, max_size=9), text=st.text("abcdhz", max_size=12),
       start=st.integers(0, 3), cut=st.integers(0, 3))
def test_one_edit_pattern_is_the_tolerance_rule(query: str, text: str, start: int, cut: int) -> None:
    """The compiled pattern of a query says what ``prefix_within_one_edit`` says, at any start and end."""
    start, end = min(start, len(text)), max(min(start, len(text)), len(text) - cut)
    expected = prefix_within_one_edit(query, text[start:end])
    assert (one_edit_prefix(query).match(text, start, end) is not None) == expected
