"""The platform adapter interface: the semantics of docs/sync.md, whatever a province's API looks like.

The sync engine talks only to this interface. ``HttpPlatformClient`` speaks the reference contract (the sandbox's);
a province whose platform differs plugs in its own adapter with the same guarantees: writes idempotent by the key
they carry, "same key + same content" answered like the first time, different content raising ``ContentConflict``,
files resumable from the platform's offset, and transport/overload/refusal failures raised as the typed errors in
``clerk_app.sync.errors``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int
    profile: dict[str, Any]


@dataclass(frozen=True)
class FileState:
    offset: int
    complete: bool


class PlatformAdapter(Protocol):
    def login(self, account: str, password: str, machine_id: str) -> Tokens: ...

    def refresh(self, refresh_token: str) -> Tokens: ...

    def put_case(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def file_state(self, sha256: str) -> FileState: ...

    def append_file(self, sha256: str, offset: int, total: int, chunk: bytes) -> FileState: ...

    def bind_materials(self, case_uuid: str, materials: list[dict[str, Any]]) -> dict[str, Any]: ...

    def handover(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def supplement(self, case_uuid: str, supplement_uuid: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def correction(self, case_uuid: str, submission_uuid: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def void_case(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def evaluation(self, body: dict[str, Any]) -> dict[str, Any]: ...

    def fee_notice(self, notice_uuid: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def payment_changes(self, cursor: str) -> dict[str, Any]: ...

    def signature(self, case_uuid: str, signature_uuid: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def case_changes(self, cursor: str) -> dict[str, Any]: ...

    def catalog_changes(self, cursor: str) -> dict[str, Any]: ...

    def calendar(self, year: int) -> dict[str, Any]: ...

    def receipt_keys(self) -> dict[str, Any]: ...

    def pre_application(self, number: str) -> dict[str, Any]: ...

    def search_pre_applications(self, id_number: str) -> dict[str, Any]: ...

    def close(self) -> None: ...
