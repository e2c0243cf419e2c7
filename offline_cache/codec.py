"""JSON-ready dicts for domain values that are stored encrypted or sent to the platform."""

from __future__ import annotations

from datetime import date
from typing import Any

from clerk_app.domain.applicant import (
    AgentAuthorisation,
    Applicant,
    CaptureSource,
    Gender,
    IdDocumentType,
    LegalEntity,
    NaturalPerson,
)


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _pd(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def person_to_dict(p: NaturalPerson) -> dict[str, Any]:
    return {
        "name": p.name, "id_type": p.id_type.value, "id_number": p.id_number, "gender": p.gender.value,
        "birth_date": _d(p.birth_date), "nation": p.nation, "address": p.address, "phone": p.phone,
        "english_name": p.english_name, "nationality": p.nationality, "issuer": p.issuer,
        "valid_from": _d(p.valid_from), "valid_until": _d(p.valid_until), "source": p.source.value,
        "manual_entry_reason": p.manual_entry_reason,
    }


def person_from_dict(d: dict[str, Any]) -> NaturalPerson:
    return NaturalPerson(
        name=d["name"], id_type=IdDocumentType(d["id_type"]), id_number=d["id_number"],
        gender=Gender(d.get("gender", "0")), birth_date=_pd(d.get("birth_date")), nation=d.get("nation"),
        address=d.get("address"), phone=d.get("phone"), english_name=d.get("english_name"),
        nationality=d.get("nationality"), issuer=d.get("issuer"), valid_from=_pd(d.get("valid_from")),
        valid_until=_pd(d.get("valid_until")), source=CaptureSource(d.get("source", "manual")),
        manual_entry_reason=d.get("manual_entry_reason"),
    )


def applicant_to_dict(a: Applicant) -> dict[str, Any]:
    principal = a.principal
    if isinstance(principal, LegalEntity):
        p: dict[str, Any] = {
            "kind": "legal_entity", "name": principal.name, "credit_code": principal.credit_code,
            "legal_representative": person_to_dict(principal.legal_representative)
            if principal.legal_representative else None,
            "address": principal.address, "phone": principal.phone,
        }
    else:
        p = {"kind": "person", **person_to_dict(principal)}
    agent = None
    if a.agent is not None:
        agent = {
            "agent": person_to_dict(a.agent.agent), "relation": a.agent.relation,
            "authorisation_material_code": a.agent.authorisation_material_code,
        }
    return {"principal": p, "agent": agent, "contact_phone": a.contact_phone, "extra": dict(a.extra)}


def applicant_from_dict(d: dict[str, Any]) -> Applicant:
    p = d["principal"]
    principal: NaturalPerson | LegalEntity
    if p["kind"] == "legal_entity":
        rep = p.get("legal_representative")
        principal = LegalEntity(
            name=p["name"], credit_code=p["credit_code"],
            legal_representative=person_from_dict(rep) if rep else None,
            address=p.get("address"), phone=p.get("phone"),
        )
    else:
        principal = person_from_dict({k: v for k, v in p.items() if k != "kind"})
    agent = None
    if d.get("agent"):
        ad = d["agent"]
        agent = AgentAuthorisation(person_from_dict(ad["agent"]), ad["relation"], ad.get("authorisation_material_code"))
    return Applicant(principal, agent, d.get("contact_phone"), dict(d.get("extra") or {}))
