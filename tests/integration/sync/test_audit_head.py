"""The audit chain head travels to the sandbox over HTTP and the sandbox keeps it: a local history rewritten
afterwards (triggers dropped, an entry's hash replaced) no longer matches, and the pass says so."""

from __future__ import annotations

import sqlite3

import pytest

from clerk_app.sync.audit_head import AuditHistoryRewritten, push_audit_head
from clerk_app.sync.auth import AuthService
from clerk_app.sync.http_client import HttpPlatformClient
from offline_cache import audit_log
from sandbox.app import SandboxSettings
from sandbox.server import SandboxThread

pytestmark = pytest.mark.integration


def test_platform_keeps_the_head_and_catches_a_rewrite(workstation, tmp_path):
    server = SandboxThread(SandboxSettings(db_path=tmp_path / "p.sqlite3", backoffice_delay=-1,
                                           clerks={"clerk7": "pa55word!"})).start()
    try:
        client = HttpPlatformClient(server.base_url, connect_timeout=2, read_timeout=5)
        auth = AuthService(workstation.db, client, "m")
        client.token_source = auth.access_token
        auth.login("clerk7", "pa55word!")
        for n in range(3):
            audit_log.write(workstation.db, "lock", "clerk7", {"n": n})
        assert push_audit_head(workstation.db, client, None) == {"seq": 3}
        audit_log.write(workstation.db, "unlock", "clerk7")
        assert push_audit_head(workstation.db, client, None) == {"seq": 4}  # the kept entry 3 still matches
        kept = sqlite3.connect(tmp_path / "p.sqlite3").execute("SELECT seq, account FROM audit_heads").fetchall()
        assert kept == [(4, "clerk7")]

        conn = sqlite3.connect(workstation.paths.database, isolation_level=None)
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET hash = ? WHERE seq = 4", ("f" * 64,))
        conn.close()
        with pytest.raises(AuditHistoryRewritten):
            push_audit_head(workstation.db, client, None)
        assert audit_log.recent(workstation.db, 1)[0]["kind"] == "chain_mismatch"
    finally:
        server.stop()
