"""Practice pre-applications for training (``python -m sandbox --db PATH --seed-online CENTRE``, run by the
workstation's ``training seed``): the online hall's own data, made through the same code as the citizen routes
(files stored by hash and counted as online uploads, then the submission with its pre-review). Idempotent per day:
the same people and items give the same keys, so seeding twice on one day adds nothing.

Three of them: one 预审通过 (files and an e-licence reference), one 需补正 (a required material not uploaded), one
with everything uploaded whose originals the window still checks.
"""

import hashlib
import struct
import uuid
import zlib
from datetime import date
from typing import Any

from sandbox.models import PreApplicationSubmit
from sandbox.online_hall import _item, store_online_file, submit_pre_application
from sandbox.store import Store

NAMESPACE = uuid.UUID("6b1f3f0e-5f6c-4c55-9a57-0f1b9a4c2d11")

# (label, item implementation code, (name, ID number: fictional, valid check digit), 情形 answers,
#  uploaded material codes, e-licence references (material code, licence type))
PRACTICE: tuple[tuple[str, str, tuple[str, str], dict[str, str], tuple[str, ...], tuple[tuple[str, str], ...]], ...] = (
    ("预审通过", "51160202000301-511602000000-000-11511602MB10100023-1-00", ("陈网办", "11010519910303001"),
     {"agent": "self"}, ("termination", "bank_card"), (("id", "居民身份证"),)),
    ("需补正（照片未上传）", "51160201001001-511602000000-000-11511602MB1010020Y-1-00", ("林预审", "11010519870707002"),
     {"basis": "work"}, ("residence", "labour"), (("id", "居民身份证"),)),
    ("已全部上传，待核原件", "51160202200701-511602000000-000-11511602MB1010020Y-1-00", ("黄掌办", "11010519990909001"),
     {"agent": "self"}, ("id", "photo", "form"), ()),
)


def check_digit(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def practice_png(seed: str, width: int = 160, height: int = 100) -> bytes:
    """A small real PNG (stdlib only) standing for a photographed material; its colour follows ``seed``."""
    shade = hashlib.sha256(seed.encode()).digest()[:3]
    row = b"\x00" + bytes(shade) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def seed_online(store: Store, centre_code: str, day: date) -> list[dict[str, Any]]:
    made = []
    for label, code, (name, first17), answers, uploads, elicences in PRACTICE:
        item = _item(code)
        if item is None:
            continue
        number = first17 + check_digit(first17)
        names = {m["code"]: m["name"] for m in item["materials"]}
        materials: list[dict[str, Any]] = []
        for material in uploads:
            data = practice_png(f"{code}:{material}:{number}")
            sha = hashlib.sha256(data).hexdigest()
            store_online_file(store, sha, data)
            materials.append({"material_code": material, "name": names.get(material, material),
                              "files": [{"sha256": sha, "name": f"{material}.png", "size": len(data),
                                         "media_type": "image/png"}]})
        for material, licence_type in elicences:
            materials.append({"material_code": material, "name": names.get(material, material),
                              "elicence": {"licence_type": licence_type,
                                           "licence_number": f"EL{number[-8:]}{material.upper()}"}})
        key = uuid.uuid5(NAMESPACE, f"{centre_code}:{code}:{number}:{day.isoformat()}")
        body = PreApplicationSubmit.model_validate({
            "pre_application_id": str(key), "centre_code": centre_code, "item_code": code,
            "applicant": {"name": name, "id_type": "resident_id", "id_number": number, "phone": "13900000000"},
            "form": {"联系地址": "清河区示范路1号", "申请事由": label}, "answers": answers, "materials": materials})
        answer = submit_pre_application(store, body)
        made.append({"number": answer["number"], "item_name": item["name"], "label": label,
                     "prereview": answer["prereview"]["result"]})
    return made
