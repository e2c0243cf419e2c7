"""The centre's receipt keys pulled from the platform (``GET /v1/keys/receipt``), secrets encrypted at rest.

One key is current (new codes are made with it); older ones stay so receipts printed before a rotation still
verify. The associated data binds each secret to its key id, so a row cannot be swapped for another.
"""

from __future__ import annotations

from datetime import UTC, datetime

from offline_cache.crypto import FieldCipher
from offline_cache.db import Database


class ReceiptKeyStore:
    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self._db = db
        self._cipher = cipher

    def replace(self, keys: list[tuple[str, bytes]], current: str) -> int:
        """Store the platform's key list (new ids added, known ones kept) and mark ``current``; returns how many
        keys were new."""
        known = {row["key_id"] for row in self._db.query("SELECT key_id FROM receipt_keys")}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        added = 0
        with self._db.transaction() as conn:
            for key_id, secret in keys:
                if key_id in known:
                    continue
                conn.execute("INSERT INTO receipt_keys (key_id, secret_enc, current, received_at) VALUES (?, ?, 0, ?)",
                             (key_id, self._cipher.encrypt(secret, key_id.encode()), now))
                added += 1
            if current:
                conn.execute("UPDATE receipt_keys SET current = (key_id = ?)", (current,))
        return added

    def keys(self) -> list[tuple[str, bytes]]:
        """(key id, secret), the current key first, then the others newest first."""
        rows = self._db.query("SELECT key_id, secret_enc FROM receipt_keys ORDER BY current DESC, received_at DESC,"
                              " key_id DESC")
        return [(row["key_id"], self._cipher.decrypt(row["secret_enc"], row["key_id"].encode())) for row in rows]

    def current(self) -> tuple[str, bytes] | None:
        rows = self._db.query("SELECT key_id, secret_enc FROM receipt_keys WHERE current = 1")
        if not rows:
            return None
        return rows[0]["key_id"], self._cipher.decrypt(rows[0]["secret_enc"], rows[0]["key_id"].encode())
