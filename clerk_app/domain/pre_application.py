"""An online pre-application (网上申报) as the window receives it from the platform, and its pre-review (网上预审).

Pure data: ``parse_pre_application`` turns the platform's JSON into frozen values or raises ``ValueError`` naming
the field (the caller maps that to an invalid answer); nothing here does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SHA256 = re.compile(r"^[0-9a-f]{64}$")
NUMBER = re.compile(r"^WS[0-9]{12}$")


def looks_like_number(text: str) -> bool:
    """A pre-application number as the citizen's QR/barcode carries it (``WS`` + 12 digits)."""
    return bool(NUMBER.match(text.strip().upper()))


@dataclass(frozen=True)
class OnlineFile:
    sha256: str
    name: str
    size: int


@dataclass(frozen=True)
class OnlineMaterial:
    material_code: str
    name: str
    files: tuple[OnlineFile, ...] = ()
    elicence_type: str | None = None
    elicence_number: str | None = None

    @property
    def supplied(self) -> bool:
        return bool(self.files) or self.elicence_number is not None


@dataclass(frozen=True)
class MissingMaterial:
    material_code: str
    name: str
    reason: str = ""


@dataclass(frozen=True)
class PreReview:
    passed: bool  # 预审通过; False = 需补正 (``missing`` says what: 一次性告知)
    missing: tuple[MissingMaterial, ...] = ()
    note: str = ""
    reviewed_at: str = ""


@dataclass(frozen=True)
class PreApplication:
    pre_application_id: str
    number: str
    taken_by_case: str | None  # the case UUID of the window that already took it, if any
    submitted_at: str
    item_code: str
    applicant_name: str
    id_type: str
    id_number: str
    phone: str
    prereview: PreReview
    form: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    materials: tuple[OnlineMaterial, ...] = ()

    def material(self, code: str) -> OnlineMaterial | None:
        return next((m for m in self.materials if m.material_code == code and m.supplied), None)

    def link(self) -> dict[str, Any]:
        """What the case keeps of it (encrypted case details): its identity, the pre-review and the form."""
        return {
            "pre_application_id": self.pre_application_id, "number": self.number,
            "submitted_at": self.submitted_at, "form": dict(self.form),
            "prereview": {"passed": self.prereview.passed, "note": self.prereview.note,
                          "missing": [{"material_code": m.material_code, "name": m.name, "reason": m.reason}
                                      for m in self.prereview.missing]},
            "materials": {m.material_code: {"files": [{"sha256": f.sha256, "name": f.name, "size": f.size}
                                                      for f in m.files],
                                            "elicence_type": m.elicence_type, "elicence_number": m.elicence_number}
                          for m in self.materials if m.supplied},
        }


def _text(data: dict[str, Any], key: str, *, required: bool = True, limit: int = 200) -> str:
    value = data.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > limit or (required and not value):
        raise ValueError(key)
    return value


def _strings(data: Any, key: str) -> dict[str, str]:
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ValueError(key)
    return dict(data)


def _file(data: Any) -> OnlineFile:
    if not isinstance(data, dict) or not SHA256.match(str(data.get("sha256", ""))):
        raise ValueError("materials.files.sha256")
    size = data.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ValueError("materials.files.size")
    return OnlineFile(str(data["sha256"]), _text(data, "name", required=False), size)


def _material(data: Any) -> OnlineMaterial:
    if not isinstance(data, dict) or not isinstance(data.get("files", []), list):
        raise ValueError("materials")
    elicence = data.get("elicence")
    if elicence is not None and not isinstance(elicence, dict):
        raise ValueError("materials.elicence")
    return OnlineMaterial(
        _text(data, "material_code", limit=64), _text(data, "name", required=False),
        tuple(_file(f) for f in data.get("files", [])),
        _text(elicence, "licence_type", limit=64) if elicence else None,
        _text(elicence, "licence_number", limit=64) if elicence else None)


def _prereview(data: Any) -> PreReview:
    if not isinstance(data, dict) or data.get("result") not in ("passed", "needs_correction"):
        raise ValueError("prereview.result")
    missing = data.get("missing", [])
    if not isinstance(missing, list) or not all(isinstance(m, dict) for m in missing):
        raise ValueError("prereview.missing")
    return PreReview(data["result"] == "passed",
                     tuple(MissingMaterial(_text(m, "material_code", limit=64), _text(m, "name", required=False),
                                           _text(m, "reason", required=False)) for m in missing),
                     _text(data, "note", required=False, limit=500), _text(data, "reviewed_at", required=False))


def parse_pre_application(data: Any) -> PreApplication:
    if not isinstance(data, dict):
        raise ValueError("body")
    applicant = data.get("applicant")
    if not isinstance(applicant, dict):
        raise ValueError("applicant")
    number = _text(data, "number", limit=32)
    if not NUMBER.match(number):
        raise ValueError("number")
    materials = data.get("materials", [])
    if not isinstance(materials, list):
        raise ValueError("materials")
    taken = data.get("case_uuid")
    return PreApplication(
        pre_application_id=_text(data, "pre_application_id", limit=64), number=number,
        taken_by_case=str(taken) if data.get("status") == "accepted" and taken else None,
        submitted_at=_text(data, "submitted_at", required=False, limit=64),
        item_code=_text(data, "item_code", limit=128),
        applicant_name=_text(applicant, "name", limit=64), id_type=_text(applicant, "id_type", required=False),
        id_number=_text(applicant, "id_number", limit=32), phone=_text(applicant, "phone", required=False),
        prereview=_prereview(data.get("prereview")), form=_strings(data.get("form", {}), "form"),
        answers=_strings(data.get("answers", {}), "answers"), materials=tuple(_material(m) for m in materials))
