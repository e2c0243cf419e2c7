"""The ``case_upsert`` outbox payload (contract with the sync engine; see docs/acceptance.md).

``payload`` is plain JSON without personal data; the applicant travels only in ``payload_enc``,
encrypted with the workstation's data key and bound to the outbox action (``associated = b"outbox:"
+ action_uuid``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from clerk_app.domain.applicant import Applicant
from clerk_app.domain.case import Case
from clerk_app.domain.delivery import RECIPIENT_KEY, Recipient
from offline_cache.codec import applicant_to_dict
from offline_cache.crypto import FieldCipher

KIND = "case_upsert"


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def build_payload(
    case: Case,
    *,
    accepted_at: str | None,
    legal_deadline: date | None,
    decision_details: dict[str, Any],
    online_files: dict[str, tuple[str, ...]] | None = None,
    pre_application: dict[str, str] | None = None,
    taken_at: str = "window",
    delivery: str | None = None,
    routing: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``online_files``: per material, the files uploaded with the online pre-application (the platform holds
    them: bound, never uploaded again); ``pre_application``: its ``{id, number}`` (the keys appear only then, so
    a window-only case's body is what it always was)."""
    materials: list[dict[str, Any]] = [
        {
            "material_code": m.material_code,
            "name": m.name,
            "state": m.state.value,
            "original_verified": m.original_verified,
            "copies_received": m.copies_received,
            "supply_by": _d(m.supply_by),
            "files": list(m.page_blob_ids),
            # 信息跑路: card_reader / earlier_case (pages referenced, case number in reused_from) / elicence /
            # online (uploaded with the pre-application: ``online_files``, held by the platform)
            "source": m.source.value,
            "reused_from": m.reused_from,
            **({"online_files": list(online_files[m.material_code])}
               if online_files and online_files.get(m.material_code) else {}),
        }
        for m in case.materials
    ]
    payload: dict[str, Any] = {
        "case_uuid": str(case.case_uuid),
        "case_number": case.case_number,
        "item_codes": list(case.item_codes),
        "status": case.status.value,
        "decision": case.decision.value if case.decision else None,
        "centre_code": case.centre_code,
        "window_code": case.window_code,
        "clerk_id": case.clerk_id,
        "created_at": case.created_at.isoformat(timespec="milliseconds"),
        "accepted_at": accepted_at,
        "promised_date": _d(case.promised_date),
        "legal_deadline": _d(legal_deadline),
        "materials": materials,
        "decision_details": decision_details,
    }
    if taken_at != "window":  # 上门办理 / 代办点 (a window case's body is what it always was)
        payload["taken_at"] = taken_at
    if delivery is not None:  # 邮寄送达 (the recipient travels in the encrypted part only)
        payload["delivery"] = {"method": delivery}
    if pre_application is not None:
        payload["pre_application_id"] = pre_application["id"]
        payload["pre_application_number"] = pre_application["number"]
    payload.update(routing or {})  # 跨域通办 ``tongban`` / 并联 ``bundle`` (clerk_app/acceptance/tongban.py)
    return payload


def encrypt_applicant(cipher: FieldCipher, applicant: Applicant, action_uuid: str,
                      recipient: Recipient | None = None) -> bytes:
    """The applicant (and the 邮寄送达 recipient, under ``RECIPIENT_KEY``: the sync engine moves it into the
    body's ``delivery``) encrypted for the outbox row."""
    secret = applicant_to_dict(applicant)
    if recipient is not None:
        secret[RECIPIENT_KEY] = recipient.as_dict()
    plain = json.dumps(secret, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return cipher.encrypt(plain, f"outbox:{action_uuid}".encode())


def decrypt_applicant(cipher: FieldCipher, payload_enc: bytes, action_uuid: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(cipher.decrypt(payload_enc, f"outbox:{action_uuid}".encode()))
    return loaded
