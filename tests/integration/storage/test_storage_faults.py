"""Storage under real faults: a process killed mid-write, and a file-size limit that makes the disk "full"."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.stack import require

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.integration

WRITER = textwrap.dedent("""
    import sys, uuid
    sys.path.insert(0, {root!r})
    from offline_cache.db import Database
    from offline_cache.outbox import enqueue
    db = Database(__import__("pathlib").Path({path!r}))
    n = 0
    while True:
        with db.transaction() as conn:
            for _ in range(20):  # one "change" = 20 rows that must appear together
                enqueue(conn, "case_upsert", {{"batch": n, "pad": "x" * 2000}})
        n += 1
        print(n, flush=True)
""")


def test_kill_mid_write_never_leaves_half_a_transaction(tmp_path):
    path = tmp_path / "db.sqlite3"
    rng = random.Random(20261122)
    for _round in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), path=str(path))],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        proc.stdout.readline()  # at least one batch committed
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sizes = conn.execute(
            "SELECT count(*) FROM outbox GROUP BY json_extract(payload, '$.batch')").fetchall()
        conn.close()
        # Every committed batch is whole: no torn transaction survives a SIGKILL.
        assert sizes and all(size[0] % 20 == 0 for size in sizes)


FULL_WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from offline_cache.db import Database
    from offline_cache.outbox import enqueue
    from clerk_app.errors import StorageFull
    db = Database(__import__("pathlib").Path({path!r}))
    with db.transaction() as conn:
        enqueue(conn, "case_upsert", {{"keep": "committed before the disk filled"}})
    try:
        for n in range(1000):
            with db.transaction() as conn:
                enqueue(conn, "case_upsert", {{"n": n, "pad": "y" * 50_000}})
    except StorageFull as exc:
        print("FULL", type(exc).__name__, exc.user_text())
""")


@pytest.fixture
def tiny_filesystem(tmp_path):
    """A real 1 MiB tmpfs, so the disk really fills (ENOSPC), as on a township PC with a full drive."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0:
        require("tmpfs", "mounting a small filesystem needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                            capture_output=True, text=True)
    if result.returncode:
        require("tmpfs", result.stderr.strip())
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_disk_full_is_a_typed_error_and_keeps_committed_work(tiny_filesystem):
    path = tiny_filesystem / "db.sqlite3"
    result = subprocess.run([sys.executable, "-c", FULL_WRITER.format(root=str(ROOT), path=str(path))],
                            capture_output=True, text=True, timeout=60)
    assert "FULL StorageFull" in result.stdout, result.stderr[-1500:]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = conn.execute("SELECT count(*) FROM outbox WHERE payload LIKE '%committed before%'").fetchone()[0]
    conn.close()
    assert kept == 1


def test_blob_store_on_a_full_disk_raises_storage_full_and_leaves_no_debris(tiny_filesystem):
    from clerk_app.errors import StorageFull
    from offline_cache.blobs import BlobStore
    from offline_cache.crypto import FieldCipher

    store = BlobStore(tiny_filesystem / "blobs", FieldCipher(os.urandom(32)))
    small = store.put(b"fits")
    with pytest.raises(StorageFull):
        store.put(os.urandom(2_000_000))
    assert not list((tiny_filesystem / "blobs").rglob(".tmp-*"))
    assert store.get(small) == b"fits"
