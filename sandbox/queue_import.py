"""The platform side of a USB hand-over: open a workstation's queue export (.owq) and deliver it through the
sandbox's own HTTP contract on loopback, as the workstation would have.

The sandbox stands in for the province's platform, a separate system, so it reads the published container format
(docs/sync.md: ``OWQ1`` + 16-byte salt + 12-byte nonce + AES-256-GCM over a ZIP of ``manifest.json`` and
``files/<sha256>``, key from the passphrase with scrypt) with its own code instead of importing the workstation's.
Every call it makes is idempotent, so importing the same file twice creates nothing twice.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import requests
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sandbox import API_PREFIX

MAGIC = b"OWQ1"
CHUNK_BYTES = 1 << 20


class ImportFailed(Exception):
    """The export could not be opened or the platform refused part of it; the message says which."""


def read_queue_export(path: Path, passphrase: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    if len(passphrase) < 8:
        raise ImportFailed("the export passphrase has at least 8 characters ($ONEWINDOW_EXPORT_PASSPHRASE)")
    sealed = Path(path).read_bytes()
    if sealed[:4] != MAGIC or len(sealed) < 4 + 16 + 12 + 16:
        raise ImportFailed(f"{path} is not a queue export")
    salt, nonce = sealed[4:20], sealed[20:32]
    key = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)
    try:
        plain = AESGCM(key).decrypt(nonce, sealed[32:], MAGIC + salt)
    except InvalidTag as exc:
        raise ImportFailed("wrong passphrase, or the export is damaged") from exc
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        files = {n.removeprefix("files/"): archive.read(n) for n in archive.namelist() if n.startswith("files/")}
    return manifest, files


class LoopbackClient:
    """Just enough of the platform contract to replay an export, against a sandbox on loopback."""

    def __init__(self, base_url: str, account: str, password: str) -> None:
        self.base_url = base_url.rstrip("/") + API_PREFIX
        self.session = requests.Session()
        self.session.trust_env = False
        answer = self._call("POST", "/auth/login", json={"account": account, "password": password,
                                                          "machine_id": "queue-import"})
        self.session.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

    def close(self) -> None:
        self.session.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        response = self.session.request(method, self.base_url + path, timeout=(5, 60), **kwargs)
        if response.status_code >= 400:
            try:
                code = response.json().get("code", "")
            except ValueError:
                code = ""
            raise ImportFailed(f"the platform answered {response.status_code} {code} to {method} {path}")
        return response

    def post(self, path: str, body: dict[str, Any]) -> None:
        self._call("POST", path, json=body)

    def put(self, path: str, body: dict[str, Any]) -> None:
        self._call("PUT", path, json=body)

    def upload(self, sha: str, data: bytes | None) -> None:
        state = self._call("HEAD", f"/files/{sha}").headers
        offset, complete = int(state["Upload-Offset"]), state.get("Upload-Complete") == "1"
        while not complete:
            if data is None:
                raise ImportFailed(f"the export lacks file {sha[:12]}… that an action references")
            state = self._call("PATCH", f"/files/{sha}", data=data[offset:offset + CHUNK_BYTES], headers={
                "Upload-Offset": str(offset), "Upload-Length": str(len(data)),
                "Content-Type": "application/offset+octet-stream"}).headers
            offset, complete = int(state["Upload-Offset"]), state.get("Upload-Complete") == "1"


def replay(manifest: dict[str, Any], files: dict[str, bytes], client: LoopbackClient) -> dict[str, int]:
    counts = {"cases": 0, "files": 0, "handovers": 0, "supplements": 0, "corrections": 0, "fee_notices": 0,
              "evaluations": 0}

    def upload_all(materials: Any) -> None:
        for sha in dict.fromkeys(s for m in materials for s in m.get("files", ())):
            client.upload(sha, files.get(sha))
            counts["files"] += 1

    for action in manifest["actions"]:
        payload, secret = action["payload"], action.get("secret") or {}
        if action["kind"] == "case_upsert":
            case = payload["case_uuid"]
            client.put(f"/cases/{case}", {**payload, "applicant": secret})
            materials = [{"material_code": m["material_code"], "files": list(m["files"])}
                         for m in payload.get("materials", ()) if m.get("files")]
            upload_all(materials)
            if materials:
                client.post(f"/cases/{case}/materials", {"materials": materials})
            counts["cases"] += 1
        elif action["kind"] == "handover":
            client.post(f"/cases/{action['case_uuid']}/handover", {**payload, "collector": secret})
            counts["handovers"] += 1
        elif action["kind"] == "supplement":
            upload_all(payload.get("materials", ()))
            client.post(f"/cases/{payload['case_uuid']}/supplements/{action['action_uuid']}", payload)
            counts["supplements"] += 1
        elif action["kind"] == "correction":
            upload_all(payload.get("materials", ()))
            client.post(f"/cases/{payload['case_uuid']}/corrections/{action['action_uuid']}", payload)
            counts["corrections"] += 1
        elif action["kind"] == "fee_notice":
            client.post(f"/payments/{action['action_uuid']}", payload)
            counts["fee_notices"] += 1
        elif action["kind"] == "evaluation":
            client.post("/evaluations", payload)
            counts["evaluations"] += 1
        elif action["kind"] == "signature":
            upload_all(payload.get("materials", ()))
            client.post(f"/cases/{payload['case_uuid']}/signatures/{action['action_uuid']}", payload)
            counts["signatures"] = counts.get("signatures", 0) + 1
    return counts
