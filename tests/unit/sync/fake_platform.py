"""An in-memory platform with the contract's semantics, for unit tests of the engine (no HTTP)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from clerk_app.sync.adapter import FileState, Tokens
from clerk_app.sync.answers import body_digest
from clerk_app.sync.errors import ContentConflict, PlatformRejected, PlatformUnreachable, Unauthorised


def digest(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


class FakePlatform:
    def __init__(self) -> None:
        self.cases: dict[str, str] = {}
        self.bindings: dict[str, str] = {}
        self.files: dict[str, bytearray] = {}
        self.complete: set[str] = set()
        self.calls: list[str] = []
        self.down = False
        self.fail_next: list[Exception] = []
        self.password = "secret"
        self.tokens_valid = True
        self.refresh_ok = True
        self.changes: list[dict[str, Any]] = []
        self.calendar_days: dict[int, list[dict[str, Any]]] = {}
        self.bytes_received = 0
        self.supplements: dict[str, str] = {}
        self.payments: list[dict[str, Any]] = []
        self.numbers: dict[str, str] = {}

    @staticmethod
    def _now() -> str:
        return "2026-01-05T09:00:00+08:00"

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if self.down:
            raise PlatformUnreachable(reason="ConnectionError")
        if self.fail_next:
            raise self.fail_next.pop(0)

    def login(self, account: str, password: str, machine_id: str) -> Tokens:
        self._call("login")
        if password != self.password:
            raise Unauthorised("invalid_credentials")
        self.tokens_valid = True
        return Tokens("access", "refresh", 3600, {"clerk": {"account": account}})

    def refresh(self, refresh_token: str) -> Tokens:
        self._call("refresh")
        if not self.refresh_ok:
            raise Unauthorised("refresh_expired")
        self.tokens_valid = True
        return Tokens("access2", "refresh2", 3600, {})

    def _authed(self, name: str) -> None:
        self._call(name)
        if not self.tokens_valid:
            raise Unauthorised("token_expired")

    def put_case(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("put_case")
        stored = self.cases.setdefault(case_uuid, digest(body))
        if stored != digest(body):
            raise ContentConflict(409, "conflict_different_content", {})
        number = self.numbers.setdefault(case_uuid, f"PT{len(self.cases)}")
        return {"case_uuid": case_uuid, "platform_number": number, "status": "received",
                "received_at": self._now(), "body_sha256": body_digest(body)}

    def file_state(self, sha256: str) -> FileState:
        self._authed("file_state")
        return FileState(len(self.files.get(sha256, b"")), sha256 in self.complete)

    def append_file(self, sha256: str, offset: int, total: int, chunk: bytes) -> FileState:
        self._authed("append_file")
        if sha256 in self.complete:
            return FileState(total, True)
        held = self.files.setdefault(sha256, bytearray())
        if offset != len(held):
            raise ContentConflict(409, "offset_mismatch", {"offset": len(held)})
        held.extend(chunk)
        self.bytes_received += len(chunk)
        if len(held) == total:
            if hashlib.sha256(held).hexdigest() != sha256:
                del self.files[sha256]
                raise PlatformRejected(422, "hash_mismatch")
            self.complete.add(sha256)
        return FileState(len(held), sha256 in self.complete)

    def bind_materials(self, case_uuid: str, materials: list[dict[str, Any]]) -> dict[str, Any]:
        self._authed("bind")
        missing = [s for m in materials for s in m["files"] if s not in self.complete]
        if missing:
            raise ContentConflict(409, "files_incomplete", {"missing": missing})
        stored = self.bindings.setdefault(case_uuid, digest(materials))
        if stored != digest(materials):
            raise ContentConflict(409, "conflict_different_content", {})
        return {"case_uuid": case_uuid, "processed": True, "body_sha256": body_digest({"materials": materials}),
                "bound_files": len({(m["material_code"], s) for m in materials for s in m["files"]})}

    def handover(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("handover")
        return {"id": case_uuid, "received_at": self._now(), "body_sha256": body_digest(body)}

    def void_case(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("void")
        if case_uuid not in self.cases:
            raise PlatformRejected(404, "case_unknown")
        return {"id": case_uuid, "received_at": self._now(), "body_sha256": body_digest(body)}

    def dispatch(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("dispatch")
        if case_uuid not in self.cases:
            raise PlatformRejected(404, "case_unknown")
        return {"id": case_uuid, "received_at": self._now(), "body_sha256": body_digest(body)}

    def supplement(self, case_uuid: str, supplement_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("supplement")
        if case_uuid not in self.cases:
            raise PlatformRejected(404, "case_unknown")
        missing = [s for m in body["materials"] for s in m["files"] if s not in self.complete]
        if missing:
            raise ContentConflict(409, "files_incomplete", {"missing": missing})
        stored = self.supplements.setdefault(supplement_uuid, digest(body))
        if stored != digest(body):
            raise ContentConflict(409, "conflict_different_content", {})
        return {"id": supplement_uuid, "case_uuid": case_uuid, "processed": True, "received_at": self._now(),
                "body_sha256": body_digest(body),
                "bound_files": len({(m["material_code"], s) for m in body["materials"] for s in m["files"]})}

    def correction(self, case_uuid: str, submission_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("correction")
        answer = self.supplement(case_uuid, submission_uuid, body)
        return {**answer, "request_id": body["request_id"]}

    def fee_notice(self, notice_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("fee_notice")
        return {"id": notice_uuid, "received_at": self._now(), "body_sha256": body_digest(body)}

    def routing_slip(self, slip_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("routing_slip")
        return {"id": slip_uuid, "received_at": self._now(), "body_sha256": body_digest(body)}

    def routing_receipt(self, slip_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("routing_receipt")
        return {"id": slip_uuid, "received_at": self._now(), "body_sha256": body_digest(body)}

    def payment_changes(self, cursor: str) -> dict[str, Any]:
        self._authed("payment_changes")
        after = int(cursor or 0)
        page = [c for c in self.payments if c["seq"] > after]
        return {"changes": page, "cursor": str(page[-1]["seq"] if page else after), "has_more": False}

    def evaluation(self, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("evaluation")
        return {"id": body.get("evaluation_uuid"), "received_at": self._now(), "body_sha256": body_digest(body)}

    def signature(self, case_uuid: str, signature_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        self._authed("signature")
        if case_uuid not in self.cases:
            raise PlatformRejected(404, "case_unknown")
        missing = [s for m in body.get("materials", ()) for s in m["files"] if s not in self.complete]
        if missing:
            raise ContentConflict(409, "files_incomplete", {"missing": missing})
        return {"id": signature_uuid, "received_at": self._now(), "body_sha256": body_digest(body)}

    def case_changes(self, cursor: str) -> dict[str, Any]:
        self._authed("case_changes")
        after = int(cursor or 0)
        page = [c for c in self.changes if c["seq"] > after][:2]
        return {"changes": page, "cursor": str(page[-1]["seq"] if page else after),
                "has_more": any(c["seq"] > (page[-1]["seq"] if page else after) for c in self.changes)}

    def catalog_changes(self, cursor: str) -> dict[str, Any]:
        self._authed("catalog")
        return {"format": "onewindow.catalog-changes", "format_version": 1, "cursor": cursor or None,
                "next_cursor": "c1", "has_more": False}

    def calendar(self, year: int) -> dict[str, Any]:
        self._authed("calendar")
        days = self.calendar_days.get(year, [])
        return {"year": year, "version": digest(days)[:8], "days": days}

    def receipt_keys(self) -> dict[str, Any]:
        self._authed("receipt_keys")
        return {"keys": [], "current": ""}

    def close(self) -> None:
        pass
