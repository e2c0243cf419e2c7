"""Offline store: personal data encrypted at rest, migrations, blobs, outbox, error classification."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, LegalEntity, NaturalPerson
from clerk_app.errors import StorageCorrupt, StorageError, StorageFull, StorageLocked
from offline_cache import db as dbmod
from offline_cache.crypto import FieldCipher
from offline_cache.outbox import enqueue, pending_count

KNOWN_ID = "11010519491231002X"
KNOWN_NAME = "张晓明"


def _person() -> NaturalPerson:
    return NaturalPerson(name=KNOWN_NAME, id_type=IdDocumentType.RESIDENT_ID, id_number=KNOWN_ID,
                         address="北京市朝阳区某某路1号", source=CaptureSource.CARD_READER)


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_known_id_number_is_not_readable_in_database_or_blob_folder(workstation):
    ws = workstation
    applicant_uuid = ws.applicants.add(Applicant(_person(), contact_phone="13812345678"))
    sha = ws.blobs.put(f"scan of ID card {KNOWN_ID} {KNOWN_NAME}".encode())
    ws.db.conn.execute("PRAGMA wal_checkpoint(FULL)")

    haystack = _all_bytes(ws.paths.data_dir)
    for needle in (KNOWN_ID, KNOWN_NAME, "13812345678"):
        for encoding in ("utf-8", "utf-16-le", "gbk"):
            assert needle.encode(encoding) not in haystack, (needle, encoding)
    # ...yet everything comes back through the repositories.
    assert ws.applicants.get(applicant_uuid).principal.id_number == KNOWN_ID
    assert ws.applicants.find_by_identifier(KNOWN_ID.lower()) == [applicant_uuid]
    assert KNOWN_ID.encode() in ws.blobs.get(sha)


def test_legal_entity_round_trip(workstation):
    entity = LegalEntity("某某农业专业合作社", "91110000600037341L", legal_representative=_person())
    key = workstation.applicants.add(Applicant(entity))
    back = workstation.applicants.get(key)
    assert back.principal == entity and back.is_legal_entity


def test_ciphertext_bound_to_its_place():
    cipher = FieldCipher(b"k" * 32)
    sealed = cipher.encrypt(b"secret", b"applicant:a")
    assert cipher.decrypt(sealed, b"applicant:a") == b"secret"
    with pytest.raises(StorageCorrupt):
        cipher.decrypt(sealed, b"applicant:b")
    with pytest.raises(StorageCorrupt):
        cipher.decrypt(sealed[:-1] + bytes([sealed[-1] ^ 1]), b"applicant:a")


def test_blob_store_detects_tampering_and_sweeps_half_writes(workstation):
    sha = workstation.blobs.put(b"page one")
    assert workstation.blobs.put(b"page one") == sha  # content addressed: stored once
    path = workstation.blobs.path_for(sha)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(StorageCorrupt):
        workstation.blobs.get(sha)
    (path.parent / ".tmp-crash.blob").write_bytes(b"partial")
    assert workstation.blobs.sweep_temporaries() == 1


def test_outbox_rows_only_inside_a_transaction(workstation):
    with pytest.raises(RuntimeError):
        enqueue(workstation.db.conn, "case_upsert", {"x": 1})
    with workstation.db.transaction() as conn:
        enqueue(conn, "case_upsert", {"x": 1})
    with pytest.raises(ZeroDivisionError), workstation.db.transaction() as conn:
        enqueue(conn, "case_upsert", {"x": 2})
        raise ZeroDivisionError
    assert pending_count(workstation.db.conn) == 1


def test_case_events_are_append_only(workstation):
    ws = workstation
    applicant = ws.applicants.add(Applicant(_person()))
    with ws.db.transaction() as conn:
        conn.execute(
            "INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, centre_code,"
            " window_code, clerk_id, created_at) VALUES ('c1', 'N1', ?, '[]', 'accepted', 'C', '01', 'k', 'now')",
            (applicant,),
        )
        conn.execute("INSERT INTO case_events (case_uuid, kind, clerk_id, window_code, device_time)"
                     " VALUES ('c1', 'accepted', 'k', '01', 'now')")
    with pytest.raises(sqlite3.IntegrityError):
        ws.db.conn.execute("UPDATE case_events SET kind = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        ws.db.conn.execute("DELETE FROM case_events")


def test_migrations_upgrade_an_old_install_without_losing_unsent_work(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite3"
    every = dbmod.discover_migrations()
    monkeypatch.setattr(dbmod, "discover_migrations", lambda: every[:1])
    old = dbmod.Database(path)
    assert old.user_version == 1
    with old.transaction() as conn:
        enqueue(conn, "case_upsert", {"unsent": True})
    old.close()

    monkeypatch.setattr(dbmod, "discover_migrations", lambda: every)
    upgraded = dbmod.Database(path)
    assert upgraded.user_version == every[-1].version
    assert pending_count(upgraded.conn) == 1
    if len(every) > 1:
        assert list(tmp_path.glob("db.sqlite3.before-v*.bak"))
    upgraded.close()
    again = dbmod.Database(path)  # reopening applies nothing twice
    assert again.user_version == every[-1].version
    again.close()


def test_failed_migration_rolls_back_and_keeps_version(tmp_path, monkeypatch):
    import types

    boom = types.ModuleType("m9999_boom")
    boom.VERSION = 9999

    def apply(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    boom.apply = apply
    real = dbmod.discover_migrations
    monkeypatch.setattr(dbmod, "discover_migrations",
                        lambda: [*real(), dbmod.Migration(9999, "m9999_boom", boom)])
    with pytest.raises(RuntimeError):
        dbmod.Database(tmp_path / "db.sqlite3")
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == max(m.version for m in real())
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall()
    conn.close()


def _error_with_code(code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("some text")
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(
    ("code", "expected"),
    [(13, StorageFull), (5, StorageLocked), (6, StorageLocked), (11, StorageCorrupt), (26, StorageCorrupt),
     (10 | (4 << 8), StorageError)],  # SQLITE_IOERR_READ is an extended code of IOERR
)
def test_environment_failures_become_typed_errors(code, expected):
    assert type(dbmod.classify(_error_with_code(code))) is expected


def test_real_locked_database_is_classified(tmp_path):
    path = tmp_path / "db.sqlite3"
    database = dbmod.Database(path)
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    blocked = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as info:
        blocked.execute("BEGIN IMMEDIATE")
    assert isinstance(dbmod.classify(info.value), StorageLocked)
    holder.rollback()
    for conn in (holder, blocked):
        conn.close()
    database.close()


def test_bugs_are_not_disguised_as_storage_errors(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite3")
    with pytest.raises(sqlite3.OperationalError) as info:
        conn.execute("SELECT nope FROM sqlite_master")
    conn.close()
    assert dbmod.classify(info.value) is None
    with pytest.raises(sqlite3.OperationalError), dbmod.known_errors():
        raise sqlite3.OperationalError("no such column: nope")


def test_corrupt_database_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageCorrupt):
        dbmod.Database(path)


def test_the_wal_file_shrinks_back_after_a_big_transaction(workstation):
    wal = Path(f"{workstation.db.path}-wal")
    with workstation.db.transaction() as conn:  # ~40 MB through the WAL, as a big catalog import writes
        conn.execute("CREATE TABLE filler (blob BLOB)")
        conn.executemany("INSERT INTO filler VALUES (randomblob(100000))", [()] * 400)
    assert wal.stat().st_size > 2 * dbmod.WAL_SIZE_LIMIT
    workstation.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with workstation.db.transaction() as conn:
        conn.execute("DROP TABLE filler")
    workstation.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    with workstation.db.transaction() as conn:  # the next writer starts the WAL over and truncates it
        conn.execute("INSERT INTO settings_kv (key, value) VALUES ('wal-test', '1')")
    assert wal.stat().st_size <= dbmod.WAL_SIZE_LIMIT


def test_migrations_skip_the_sync_per_commit_and_cases_keep_it(tmp_path, monkeypatch):
    """A fresh install applies ~90 migrations: one disk sync each was most of a first start's disk time. They run
    at synchronous=NORMAL (a power cut re-applies the last ones); what the clerk records afterwards is FULL."""
    import types

    seen: list[int] = []
    probe = types.ModuleType("m9998_probe")
    probe.VERSION = 9998
    probe.apply = lambda conn: seen.append(conn.execute("PRAGMA synchronous").fetchone()[0])
    real = dbmod.discover_migrations
    monkeypatch.setattr(dbmod, "discover_migrations",
                        lambda: [*real(), dbmod.Migration(9998, "m9998_probe", probe)])
    db = dbmod.Database(tmp_path / "db.sqlite3")
    assert seen == [1]  # NORMAL
    assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    assert db.user_version == 9998
    db.close()
