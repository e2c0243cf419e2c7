"""JSON records of the catalog-changes format (docs/catalog-format.md) to domain objects.

The store keeps each record exactly as the platform sent it; these functions build the frozen domain objects
from that JSON when an item is opened, so a new optional field in the format needs no schema migration.
"""

from __future__ import annotations

from typing import Any

from clerk_app.domain.catalog import (
    BodyRef,
    Bundle,
    Faq,
    FeeItem,
    Fees,
    HandlingType,
    ImplementingBody,
    IntermediaryService,
    ItemFlags,
    ItemType,
    LegalBasis,
    LimitUnit,
    MaterialSpec,
    Necessity,
    OnlineService,
    PaperForm,
    ProducedMaterial,
    QuantityLimit,
    ResultDelivery,
    ResultSpec,
    ServiceItem,
    SharedMaterial,
    Situation,
    SituationOption,
    SourceChannel,
    SpecialProcedure,
    TimeLimit,
)

Json = dict[str, Any]


def time_limit(data: Json | None) -> TimeLimit | None:
    if not data:
        return None
    return TimeLimit(int(data["value"]), LimitUnit(data["unit"]), data.get("note", ""))


def material(data: Json) -> MaterialSpec:
    return MaterialSpec(
        code=data["code"],
        name=data["name"],
        necessity=Necessity(data["necessity"]),
        paper_form=PaperForm(data.get("paper_form", "原件")),
        original_count=int(data.get("original_count", 0)),
        copy_count=int(data.get("copy_count", 0)),
        electronic_accepted=bool(data.get("electronic_accepted", True)),
        deferrable=bool(data.get("deferrable", False)),
        elicence_type=data.get("elicence_type"),
        source_channel=data.get("source_channel", "申请人自备"),
        source_kind=SourceChannel(data["source_kind"])
        if "source_kind" in data
        else SourceChannel.of(data.get("source_channel", "申请人自备")),
        blank_form_ref=data.get("blank_form_ref"),
        sample_ref=data.get("sample_ref"),
        notes=data.get("notes", ""),
        material_type=data.get("material_type", ""),
        paper_spec=data.get("paper_spec", ""),
        source_note=data.get("source_note", ""),
        acceptance_standard=data.get("acceptance_standard", ""),
        basis=data.get("basis", ""),
        fill_instructions=data.get("fill_instructions", ""),
    )


def situation(data: Json, item_code: str | None = None) -> Situation:
    options = tuple(
        SituationOption(
            code=o["code"],
            label=o["label"],
            adds=tuple(o.get("adds", ())),
            removes=tuple(o.get("removes", ())),
            skip_items=tuple(o.get("skip_items", ())),
        )
        for o in data["options"]
    )
    code = f"{item_code}::{data['code']}" if item_code else data["code"]
    return Situation(code, data["question"], options, data["default"], data.get("description", ""), item_code)


def item(data: Json, retired: bool = False) -> ServiceItem:
    body = data.get("implementing_body")
    fees = data.get("fees") or {"charged": False}
    online = data.get("online") or {"available": False}
    result = data.get("result")
    return ServiceItem(
        basic_code=data["basic_code"],
        implementation_code=data["implementation_code"],
        name=data["name"],
        item_type=ItemType(data["item_type"]),
        department=data["department"],
        handling_type=HandlingType(data["handling_type"]),
        legal_limit=time_limit(data.get("legal_limit")),
        promised_limit=time_limit(data.get("promised_limit")),
        materials=tuple(material(m) for m in data.get("materials", ())),
        version=int(data["version"]),
        handling_item_code=data.get("handling_item_code", ""),
        keywords=tuple(data.get("keywords", ())),
        implementing_body=ImplementingBody(
            body["name"], body.get("credit_code", ""), body.get("nature", ""), body.get("region_code", ""),
            body.get("reconsideration_body", ""), body.get("court", ""),
        )
        if body
        else None,
        exercise_level=data.get("exercise_level", ""),
        power_source=data.get("power_source", ""),
        legal_basis=data.get("legal_basis", ""),
        visits_required=int(data.get("visits_required", 1)),
        acceptance_conditions=data.get("acceptance_conditions", ""),
        fees=Fees(
            bool(fees["charged"]),
            tuple(
                FeeItem(f["name"], f["standard"], f.get("basis", ""), bool(f.get("reducible", False)))
                for f in fees.get("items", ())
            ),
            fees.get("basis", ""),
            str(fees.get("stage", "")),
        ),
        service_objects=tuple(data.get("service_objects", ())),
        handling_forms=tuple(data.get("handling_forms", ())),
        process=tuple(data.get("process", ())),
        location=data.get("location", ""),
        hours=data.get("hours", ""),
        consultation_phone=data.get("consultation_phone", ""),
        complaint_phone=data.get("complaint_phone", ""),
        scope=data.get("scope", ""),
        online=OnlineService(bool(online["available"]), online.get("depth", ""), online.get("url", "")),
        result=ResultSpec(result["name"], result["type"], result.get("sample_ref")) if result else None,
        tags=tuple(data.get("tags", ())),
        situations=tuple(situation(s) for s in data.get("situations", ())),
        retired=retired,
        **implementation_list(data),
    )


def _body(data: Json | None) -> BodyRef | None:
    return BodyRef(data["name"], data.get("credit_code", "")) if data else None


def implementation_list(data: Json) -> dict[str, Any]:
    """The 实施清单 elements added in issue 20; every one optional, so older documents read as before."""
    quantity = data.get("quantity_limit")
    delivery = data.get("result_delivery")
    flags = data.get("flags") or {}
    return {
        "special_procedures": tuple(
            SpecialProcedure(p["kind"], p.get("name", ""), time_limit(p.get("time_limit")), p.get("basis", ""))
            for p in data.get("special_procedures", ())
        ),
        "quantity_limit": QuantityLimit(bool(quantity["limited"]), quantity.get("description", ""))
        if quantity
        else None,
        "result_delivery": ResultDelivery(
            tuple(delivery.get("methods", ())), time_limit(delivery.get("time_limit")), delivery.get("note", "")
        )
        if delivery
        else None,
        "intermediary_services": tuple(
            IntermediaryService(
                s["name"], s.get("basis", ""), s.get("provider", ""), bool(s.get("charged", False)),
                time_limit(s.get("time_limit")),
            )
            for s in data.get("intermediary_services", ())
        ),
        "joint_bodies": tuple(BodyRef(b["name"], b.get("credit_code", "")) for b in data.get("joint_bodies", ())),
        "entrusted_department": _body(data.get("entrusted_department")),
        "deciding_body": _body(data.get("deciding_body")),
        "flags": ItemFlags(
            in_hall=bool(flags.get("in_hall", True)),
            appointment=bool(flags.get("appointment", False)),
            self_service_terminal=bool(flags.get("self_service_terminal", False)),
            express_delivery=bool(flags.get("express_delivery", False)),
            online_payment=bool(flags.get("online_payment", False)),
        ),
        "rights_and_obligations": data.get("rights_and_obligations", ""),
        "themes": tuple(data.get("themes", ())),
        "faq": tuple(Faq(f["question"], f["answer"]) for f in data.get("faq", ())),
        "legal_bases": tuple(
            LegalBasis(b["law"], b.get("article", ""), b.get("document_number", ""), b.get("level", ""))
            for b in data.get("legal_bases", ())
        ),
        "effective_from": data.get("effective_from", ""),
    }


def bundle(data: Json, retired: bool = False) -> Bundle:
    return Bundle(
        code=data["code"],
        name=data["name"],
        item_codes=tuple(data["items"]),
        version=int(data["version"]),
        lead_department=data.get("lead_department", ""),
        description=data.get("description", ""),
        keywords=tuple(data.get("keywords", ())),
        promised_limit=time_limit(data.get("promised_limit")),
        shared_materials=tuple(
            SharedMaterial(material(s["material"]), tuple((c["item"], c["material"]) for c in s["covers"]))
            for s in data.get("shared_materials", ())
        ),
        situations=tuple(situation(s) for s in data.get("situations", ())),
        retired=retired,
        produced=tuple(
            ProducedMaterial(p["by"], tuple((c["item"], c["material"]) for c in p["covers"]), p.get("result", ""))
            for p in data.get("produced", ())
        ),
    )
