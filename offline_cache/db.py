"""The local SQLite database: opening, migrations and error classification.

* WAL journal, foreign keys on, ``synchronous=FULL`` (a case the clerk accepted must survive a power cut).
* Migrations are modules ``offline_cache/migrations/m####_name.py`` with ``VERSION`` and ``apply(conn)``; they run in
  order inside one transaction each, and ``PRAGMA user_version`` records the last one. A migration may add or
  reshape, never drop unsent work: before any migration runs, the file is backed up next to itself. A database
  newer than the newest migration (a downgrade) is refused with ``DatabaseNewerThanProgram`` before anything is
  written.
* sqlite3 errors caused by the environment (disk full, locked, corrupt, read-only) become typed ``StorageError``s
  the clerk can act on; anything else is a bug and propagates.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pkgutil
import shutil
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from clerk_app.errors import (
    DatabaseNewerThanProgram,
    StorageCorrupt,
    StorageError,
    StorageFull,
    StorageLocked,
)
from offline_cache.sql_script import execute_script  # noqa: F401  (its old home; migrations use sql_script)

if TYPE_CHECKING:  # sqlite-utils (~0.1 s with its plugins) loads with the first inspection, not with the database
    import sqlite_utils

log = logging.getLogger("onewindow.sql")

_OPEN_DATABASES: weakref.WeakSet[Database] = weakref.WeakSet()


def close_thread_connections() -> None:
    """Close the calling thread's connection to every open database (it reopens on next use).

    For work on threads whose Python state does not outlive the work (a Qt pool's): a connection holds its page
    cache (up to 2 MB) and parsed schema until closed, and one dropped unclosed waits for the garbage collector."""
    for database in list(_OPEN_DATABASES):
        database.close()


WAL_SIZE_LIMIT = 16 * 1024 * 1024  # bytes the WAL file is truncated to after a checkpoint


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    module: ModuleType


def discover_migrations() -> list[Migration]:
    from offline_cache import migrations as package

    found: list[Migration] = []
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("m"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.append(Migration(int(module.VERSION), info.name, module))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration versions: {versions}")
    return found


_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


def classify(exc: sqlite3.Error) -> StorageError | None:
    """Map an environment failure to a typed error by SQLite's primary result code; None means "a bug"."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # errors raised without a code (older Pythons, some wrappers): fall back to the text
        text = str(exc).lower()
        code = (_SQLITE_FULL if "full" in text else _SQLITE_BUSY if "locked" in text or "busy" in text
                else _SQLITE_CORRUPT if "malformed" in text else _SQLITE_NOTADB if "not a database" in text
                else None)
        if code is None:
            return None
    primary = code & 0xFF
    if primary == _SQLITE_FULL:
        return StorageFull()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StorageLocked()
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StorageCorrupt()
    if primary in (_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StorageError()
    return None


@contextlib.contextmanager
def known_errors() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        typed = classify(exc)
        if typed is None:
            raise
        log.error("storage error: %s", type(typed).__name__)
        raise typed from exc


class Database:
    """One connection per thread over one file; ``transaction()`` is the unit of work.

    sqlite-utils' ``Database`` wraps each connection for convenient table access (``db.table("cases")``).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        with known_errors():
            self._migrate()
        _OPEN_DATABASES.add(self)

    # -- connections ------------------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=15.0, isolation_level=None, check_same_thread=True)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=FULL")
        # A big transaction (a catalog import, years of history restored) grows the WAL file, and SQLite keeps
        # it at that size after the checkpoint unless told otherwise: 120 MB left on disk for good was seen.
        conn.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        conn.execute("PRAGMA busy_timeout=15000")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with known_errors():
                conn = self._connect()
            self._local.conn = conn
        return conn

    @property
    def utils(self) -> sqlite_utils.Database:
        wrapped = getattr(self._local, "utils", None)
        if wrapped is None:
            import sqlite_utils

            wrapped = sqlite_utils.Database(self.conn)
            self._local.utils = wrapped
        return wrapped

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
            self._local.utils = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; rolls back on any exception. Nested use joins the outer transaction."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        with self._write_lock, known_errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction (deferred BEGIN): several queries see one state of the file, and writers on other
        threads are not held up (WAL), unlike ``transaction()``, which takes the write lock. Joins an outer one."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        with known_errors():
            conn.execute("BEGIN DEFERRED")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")  # nothing was written

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with known_errors():
            return list(self.conn.execute(sql, params))

    def quick_check(self) -> str:
        """``ok``, or the first problem SQLite's ``PRAGMA quick_check`` finds (doctor)."""
        return str(self.query("PRAGMA quick_check")[0][0])

    @property
    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- migrations -------------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        migrations = discover_migrations()
        current = self.user_version
        known = migrations[-1].version if migrations else 0
        if current > known:
            # A downgrade: this program does not know the newer schema. Refuse before touching the file (no
            # migration, no backup, no write) so the newer version installed again finds everything as it was.
            log.error("database version %d is newer than this program's %d; not opening it", current, known)
            self.close()
            raise DatabaseNewerThanProgram(found=current, known=known)
        pending = [m for m in migrations if m.version > current]
        if not pending:
            return
        if current > 0 and self.path.exists():
            backup = self.path.with_name(f"{self.path.name}.before-v{pending[0].version}.bak")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, backup)
            log.info("backed up database before migration to %s", backup.name)
        # Each migration is still its own transaction, recorded with its version; only the disk sync per commit
        # is left out (a fresh install applies ~90 of them). A power cut loses at most the last ones, which the
        # next start applies again; the first commit after them, at synchronous=FULL, syncs them all.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        try:
            for migration in pending:
                log.info("applying migration %04d %s", migration.version, migration.name)
                with self.transaction() as conn:
                    migration.module.apply(conn)
                    conn.execute(f"PRAGMA user_version={int(migration.version)}")
        finally:
            self.conn.execute("PRAGMA synchronous=FULL")
