"""Accepted cases with scanned pages and their outbox rows, written straight into the foundation tables (the way
the acceptance service writes them: one transaction, payload without personal data, applicant in payload_enc)."""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime
from typing import Any

from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from offline_cache.codec import applicant_to_dict
from offline_cache.outbox import enqueue, now_iso

_counter = [0]


def make_case(ws: Any, pages: int = 2, page_bytes: int = 20_000, rng: random.Random | None = None,
              materials: int = 1) -> dict[str, Any]:
    rng = rng or random.Random()
    _counter[0] += 1
    case_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    action_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    number = f"330302001-01-{datetime.now(UTC):%Y%m%d}-{_counter[0]:05d}-{case_uuid[:4]}"
    applicant = Applicant(NaturalPerson("张三", IdDocumentType.RESIDENT_ID, "11010519491231002X",
                                        source=CaptureSource.MANUAL, manual_entry_reason="test"))
    shas_by_material: dict[str, list[str]] = {f"M{m + 1:02d}": [] for m in range(materials)}
    codes = list(shas_by_material)
    blobs = []
    for page in range(pages):
        data = rng.randbytes(page_bytes)
        sha = ws.blobs.put(data)
        blobs.append((sha, len(data)))
        shas_by_material[codes[page % len(codes)]].append(sha)
    payload = {
        "case_uuid": case_uuid, "case_number": number, "item_codes": ["11330000000000000X400012345678901"],
        "status": "accepted", "decision": "accept", "centre_code": "330302001", "window_code": "01",
        "clerk_id": "trainee", "created_at": now_iso(), "accepted_at": now_iso(), "promised_date": "2026-12-31",
        "legal_deadline": "2027-01-15",
        "materials": [{"material_code": code, "name": f"材料{code}", "state": "received", "original_verified": True,
                       "copies_received": 1, "supply_by": None, "files": shas} for code, shas in
                      shas_by_material.items()],
        "decision_details": {},
    }
    with ws.db.transaction() as conn:
        applicant_uuid = ws.applicants.add(applicant)
        conn.execute(
            "INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, decision, centre_code,"
            " window_code, clerk_id, created_at, frozen) VALUES (?, ?, ?, ?, 'accepted', 'accept', '330302001',"
            " '01', 'trainee', ?, 1)", (case_uuid, number, applicant_uuid, json.dumps(payload["item_codes"]),
                                        payload["created_at"]))
        for code in codes:
            conn.execute("INSERT INTO case_materials (case_uuid, material_code, name, state) VALUES (?, ?, ?, ?)",
                         (case_uuid, code, f"材料{code}", "received"))
        for position, (sha, size) in enumerate(blobs):
            conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
                         (sha, size, "image/png", now_iso()))
            code = next(c for c, shas in shas_by_material.items() if sha in shas)
            conn.execute("INSERT OR IGNORE INTO case_blobs (case_uuid, sha256, role, material_code, position)"
                         " VALUES (?, ?, 'page', ?, ?)", (case_uuid, sha, code, position))
        secret = json.dumps(applicant_to_dict(applicant), ensure_ascii=False, sort_keys=True).encode()
        enqueue(conn, "case_upsert", payload, case_uuid=case_uuid, action_uuid=action_uuid,
                payload_enc=ws.cipher.encrypt(secret, f"outbox:{action_uuid}".encode()))
    return {"case_uuid": case_uuid, "action_uuid": action_uuid, "case_number": number,
            "files": [sha for sha, _ in blobs], "payload": payload}
