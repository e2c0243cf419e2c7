"""The compact reading table stands in for pypinyin wherever a name is not read phrase by phrase."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clerk_app.catalog import importer, readings
from clerk_app.catalog.errors import CatalogFormatError
from clerk_app.catalog.importer import apply_changes
from clerk_app.catalog.pinyin import char_readings, pinyin_keys
from clerk_app.catalog.service import CatalogService
from offline_cache.catalog_store import CatalogStore
from offline_cache.db import Database
from tests.unit.catalog.conftest import document

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_table_is_what_the_installed_pypinyin_reads() -> None:
    # After a pypinyin upgrade: python -m clerk_app.catalog.readings
    assert readings.TABLE_FILE.read_text(encoding="utf-8") == readings.from_pypinyin()


def test_char_readings_and_syllables_agree_with_pypinyin() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    for char in "重长行单不动产登记证照临时居民身份核发A1":
        known = pinyin_dict.get(ord(char), "")
        assert char_readings(char) == tuple(dict.fromkeys(readings.strip_tone(r) for r in known.split(",") if r))
    every = {readings.strip_tone(r) for value in pinyin_dict.values() for r in value.split(",")}
    assert readings.table().syllables() == frozenset(every)
    assert char_readings("重")[:2] == ("zhong", "chong")


def test_department_keys_are_read_once_and_stored(service: CatalogService, db: Database) -> None:
    index = service.index()
    stored = CatalogStore(db).department_keys()
    assert set(stored) == {row.department for row in index.rows}
    name = sorted(stored)[0]
    assert stored[name] == pinyin_keys(name)


def test_a_workstation_whose_catalog_did_not_change_loads_no_phrase_dictionary(
        service: CatalogService, db: Database) -> None:
    service.index()  # reads and stores every department's pinyin
    db.close()
    probe = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from clerk_app.catalog.service import CatalogService
        from offline_cache.db import Database
        service = CatalogService(Database({str(db.path)!r}))
        assert service.search("bdcdj") or service.search("hj"), "the index answers"
        service.search("户口")
        print("pypinyin" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_a_page_without_records_is_judged_without_compiling_the_fast_check(db: Database) -> None:
    importer._fast_check.cache_clear()
    empty = document(next_cursor="c2", has_more=False)
    apply_changes(db, empty)
    assert importer._fast_check.cache_info().currsize == 0
    assert CatalogStore(db).cursor() == "c2"
    with pytest.raises(CatalogFormatError):
        apply_changes(db, {**empty, "next_cursor": 12})


def test_a_page_without_records_loads_no_jsonschema_unless_it_is_rejected(db: Database) -> None:
    """jsonschema (~10 MB of the GUI process) loads only to explain a rejection, not for every sync pass's page."""
    db.close()
    probe = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from clerk_app.catalog.errors import CatalogFormatError
        from clerk_app.catalog.importer import apply_changes
        from offline_cache.db import Database
        from tests.unit.catalog.conftest import document
        db = Database({str(db.path)!r})
        seen = []
        for cursor in ("c2", "c3"):
            apply_changes(db, document(next_cursor=cursor, has_more=False, synonyms=[]))
        seen.append("jsonschema" in sys.modules)
        try:
            apply_changes(db, document(next_cursor=""))
        except CatalogFormatError as exc:
            seen.append([exc.where, exc.field])
        seen.append("jsonschema" in sys.modules)
        print(json.dumps(seen))
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, ["document", "next_cursor"], True]
