"""Signatures on the customer screen (签批): the citizen signs a paper of the case on the touch screen, or the clerk
records that the printed paper was signed by hand (纸质签名).

A screen signature is the stroke image as a PNG: stored in the encrypted blob store and linked to the case
(``offline_cache.signatures``), embedded at the signature line of the paper (``printing``), and sent to the platform
through the outbox like a scanned material (one ``signature`` row per paper: the file is uploaded resumably, then
the signature is posted, idempotent on its UUID). A paper signature travels too, without a file, so the platform
knows the original is in the paper file. One signature per paper and case, enforced by the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache import outbox
from offline_cache.blobs import BlobStore
from offline_cache.cases import case_number_of
from offline_cache.db import Database
from offline_cache.signatures import SignatureRow, insert_signature, signatures_of

KIND = "signature"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PNG_BYTES = 2 * 1024 * 1024  # a stroke image is a few tens of KiB; anything near this is not one

# The papers a citizen signs, and who signs them (the text at the paper's signature line).
SIGNED_PAPERS = {
    "deficiency_commitment": "承诺人",  # 容缺受理承诺书
    "one_time_notice": "申请人",  # 一次性告知书 签收
    "delivery_receipt": "领取人",  # 出件 送达回执
    "authorisation": "委托人",  # 授权委托书 printed at the window for an agent without a scanned one
}
SCREEN, PAPER = "screen", "paper"
# The decisions whose case goes on with the agent (the 授权委托书 is printed and signed): an accepted case.
AUTHORISED_DECISIONS = frozenset({"accept", "accept_with_deficiency"})


class AlreadySigned(UserFacingError):
    message = QT_TRANSLATE_NOOP("citizen", "This paper of the case has already been signed.")


class NotASignature(UserFacingError):
    message = QT_TRANSLATE_NOOP("citizen", "The signature could not be stored: the image is not valid.")


@dataclass(frozen=True)
class Signature:
    signature_uuid: str
    document_kind: str
    method: str
    sha256: str | None
    signed_at: str


def papers_to_sign(decision: str, *, authorisation: bool = False) -> tuple[str, ...]:
    """What the citizen signs at the window after this decision (``Decision`` value); 出件 signs its 送达回执.
    ``authorisation``: the case has an agent and no scanned 授权委托书, so the principal signs the one the window
    printed (first: it is what lets the agent act for them; ``needs_authorisation_paper``)."""
    papers = {"accept_with_deficiency": ("deficiency_commitment",), "one_time_notice": ("one_time_notice",)}.get(
        decision, ())
    return ("authorisation", *papers) if authorisation and decision in AUTHORISED_DECISIONS else papers


class SignatureDesk:
    def __init__(self, db: Database, blobs: BlobStore, *, window_code: str, clerk_id: str,
                 clock: Callable[[], datetime]) -> None:
        self.db = db
        self.blobs = blobs
        self.window_code = window_code
        self.clerk_id = clerk_id  # follows the logged-in clerk (clerk_app.services.follow_clerk)
        self.clock = clock

    def sign_on_screen(self, case_uuid: str, document_kind: str, png: bytes) -> Signature:
        """Store the citizen's stroke image for this paper (encrypted) and queue it for the platform."""
        if not png.startswith(PNG_MAGIC) or len(png) > MAX_PNG_BYTES:
            raise NotASignature()
        sha = self.blobs.put(png)
        return self._record(case_uuid, document_kind, SCREEN, sha, len(png))

    def sign_on_paper(self, case_uuid: str, document_kind: str) -> Signature:
        """The clerk chose 纸质签名: the citizen signs the printed paper; recorded on the case, no image."""
        return self._record(case_uuid, document_kind, PAPER, None, 0)

    def _record(self, case_uuid: str, document_kind: str, method: str, sha: str | None, size: int) -> Signature:
        if document_kind not in SIGNED_PAPERS:
            raise ValueError(f"{document_kind!r} is not a paper the citizen signs")
        row = SignatureRow(str(uuid.uuid4()), case_uuid, document_kind, method, sha,
                           self.clock().isoformat(timespec="seconds"), self.clerk_id, self.window_code)
        payload = {
            "signature_uuid": row.signature_uuid, "case_uuid": case_uuid,
            "case_number": case_number_of(self.db, case_uuid), "document_kind": document_kind, "method": method,
            "sha256": sha, "signed_at": row.signed_at, "clerk_id": row.clerk_id, "window_code": row.window_code,
            # the shape of a material's files, so export, purge and resume treat the image like a scanned page
            "materials": [{"material_code": f"signature:{document_kind}", "files": [sha]}] if sha else [],
        }
        with self.db.transaction() as conn:
            if not insert_signature(conn, row, size):
                raise AlreadySigned()
            outbox.enqueue(conn, KIND, payload, case_uuid=case_uuid, action_uuid=row.signature_uuid)
        return Signature(row.signature_uuid, document_kind, method, sha, row.signed_at)

    def signatures(self, case_uuid: str) -> dict[str, Signature]:
        return {r.document_kind: Signature(r.signature_uuid, r.document_kind, r.method, r.sha256, r.signed_at)
                for r in signatures_of(self.db, case_uuid)}

    def image_of(self, case_uuid: str, document_kind: str) -> tuple[bytes | None, bool]:
        """(the PNG to embed, or None; True when the paper was signed by hand) for printing this paper."""
        signature = self.signatures(case_uuid).get(document_kind)
        if signature is None:
            return None, False
        if signature.sha256 is None:
            return None, True
        try:
            return self.blobs.get(signature.sha256), False
        except FileNotFoundError:  # purged locally after the platform confirmed: the archived PDF keeps it
            return None, False
