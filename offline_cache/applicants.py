"""Applicant repository: the whole applicant is stored as one encrypted JSON document plus a blind index."""

from __future__ import annotations

import json
import uuid

from clerk_app.domain.applicant import Applicant, LegalEntity
from clerk_app.errors import PersonalDataPurged
from offline_cache.codec import applicant_from_dict, applicant_to_dict
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.outbox import now_iso


class ApplicantRepository:
    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self._db = db
        self._cipher = cipher

    @staticmethod
    def _identifier(applicant: Applicant) -> tuple[str, str]:
        principal = applicant.principal
        if isinstance(principal, LegalEntity):
            return "legal_entity", principal.credit_code
        return "person", principal.id_number

    @staticmethod
    def identifier_of(applicant: Applicant) -> str:
        """The ID number or credit code the blind index is made of."""
        return ApplicantRepository._identifier(applicant)[1]

    def add(self, applicant: Applicant, applicant_uuid: str | None = None) -> str:
        """Store ``applicant``; joins the caller's transaction if one is open."""
        key = applicant_uuid or str(uuid.uuid4())
        kind, identifier = self._identifier(applicant)
        principal = applicant.principal
        id_type = "credit_code" if isinstance(principal, LegalEntity) else principal.id_type.value
        source = "manual" if isinstance(principal, LegalEntity) else principal.source.value
        payload = json.dumps(applicant_to_dict(applicant), ensure_ascii=False).encode("utf-8")
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO applicants (applicant_uuid, kind, id_type, id_index, payload_enc, source, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, kind, id_type, self._cipher.blind_index(identifier),
                 self._cipher.encrypt(payload, f"applicant:{key}".encode()), source, now_iso()),
            )
        return key

    def get(self, applicant_uuid: str) -> Applicant:
        rows = self._db.query("SELECT payload_enc FROM applicants WHERE applicant_uuid = ?", (applicant_uuid,))
        if not rows:
            raise KeyError(applicant_uuid)
        if not rows[0]["payload_enc"]:  # purged after the retention period (offline_cache.retention)
            raise PersonalDataPurged()
        plain = self._cipher.decrypt(rows[0]["payload_enc"], f"applicant:{applicant_uuid}".encode())
        return applicant_from_dict(json.loads(plain))

    def find_by_identifier(self, identifier: str) -> list[str]:
        rows = self._db.query(
            "SELECT applicant_uuid FROM applicants WHERE id_index = ? ORDER BY created_at",
            (self._cipher.blind_index(identifier),),
        )
        return [r["applicant_uuid"] for r in rows]
