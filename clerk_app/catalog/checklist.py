"""情形 → material checklist, for one item or for a "一件事" bundle (rules in docs/catalog-format.md)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from clerk_app.catalog.errors import UnknownSituationAnswer
from clerk_app.domain.catalog import Bundle, MaterialSpec, PaperForm, ServiceItem, Situation, SituationOption


def _chosen(code: str, situations: tuple[Situation, ...], answers: Mapping[str, str]) -> list[SituationOption]:
    by_code = {s.code: s for s in situations}
    for question, answer in answers.items():
        situation = by_code.get(question)
        if situation is None or situation.option(answer) is None:
            raise UnknownSituationAnswer(question=question, answer=answer, code=code)
    chosen = []
    for situation in situations:
        option = situation.option(answers.get(situation.code, situation.default))
        assert option is not None  # defaults are checked on import
        chosen.append(option)
    return chosen


def _select(
    materials: tuple[MaterialSpec, ...], situations: tuple[Situation, ...], chosen: list[SituationOption]
) -> list[MaterialSpec]:
    conditional = {code for s in situations for o in s.options for code in o.adds}
    added = {code for o in chosen for code in o.adds}
    removed = {code for o in chosen for code in o.removes}
    return [m for m in materials if (m.code not in conditional or m.code in added) and m.code not in removed]


def item_checklist(item: ServiceItem, answers: Mapping[str, str]) -> list[MaterialSpec]:
    """Materials to collect for ``item`` given the 情形 answers (unanswered questions take their default)."""
    chosen = _chosen(item.implementation_code, item.situations, answers)
    return _select(item.materials, item.situations, chosen)


def bundle_situations(bundle: Bundle, items: Mapping[str, ServiceItem]) -> list[Situation]:
    """The bundle's own questions, then each member item's questions addressed as ``"<item>::<question>"``."""
    found = list(bundle.situations)
    for code in bundle.item_codes:
        for situation in items[code].situations:
            found.append(dataclasses.replace(situation, code=f"{code}::{situation.code}", item_code=code))
    return found


def _merge(existing: MaterialSpec, other: MaterialSpec, item_code: str) -> MaterialSpec:
    # The stricter form wins: an original beats a copy, more copies beat fewer; required beats optional.
    paper = existing.paper_form
    if existing.paper_form is not other.paper_form and PaperForm.NONE not in (existing.paper_form, other.paper_form):
        paper = (
            PaperForm.ORIGINAL_AND_COPY
            if {existing.paper_form, other.paper_form} != {PaperForm.ORIGINAL}
            else PaperForm.ORIGINAL
        )
    return dataclasses.replace(
        existing,
        paper_form=paper,
        original_count=max(existing.original_count, other.original_count),
        copy_count=max(existing.copy_count, other.copy_count),
        necessity=min(existing.necessity, other.necessity, key=lambda n: n.name != "REQUIRED"),
        deferrable=existing.deferrable and other.deferrable,
        used_by=(*existing.used_by, item_code),
    )


def bundle_checklist(
    bundle: Bundle, items: Mapping[str, ServiceItem], answers: Mapping[str, str]
) -> list[MaterialSpec]:
    """Shared materials once, then each needed member item's own materials not covered by a shared one.

    Materials with the same name in several items are listed once (stricter form wins, ``used_by`` names all).
    Item materials get the code ``"<item>::<material>"`` so codes stay unique within the case.
    """
    own = {k: v for k, v in answers.items() if "::" not in k}
    chosen = _chosen(bundle.code, bundle.situations, own)
    skipped = {code for option in chosen for code in option.skip_items}
    members = [code for code in bundle.item_codes if code not in skipped]
    per_item_answers: dict[str, dict[str, str]] = {code: {} for code in bundle.item_codes}
    for key, value in answers.items():
        if "::" in key:
            item_code, question = key.split("::", 1)
            if item_code not in per_item_answers:
                raise UnknownSituationAnswer(question=key, answer=value, code=bundle.code)
            per_item_answers[item_code][question] = value

    needed: dict[str, list[MaterialSpec]] = {
        code: item_checklist(items[code], per_item_answers[code]) for code in members
    }
    shared_pool = _select(tuple(s.material for s in bundle.shared_materials), bundle.situations, chosen)
    result: list[MaterialSpec] = []
    # What a member issues inside the bundle is not asked of the applicant (出生医学证明 for 出生登记).
    covered: set[tuple[str, str]] = {pair for p in bundle.produced if p.by in needed for pair in p.covers}
    for shared in bundle.shared_materials:
        if shared.material not in shared_pool:
            continue
        users = tuple(
            item for item, mat in shared.covers if item in needed and any(m.code == mat for m in needed[item])
        )
        if users:
            result.append(dataclasses.replace(shared.material, used_by=users))
            covered.update(shared.covers)
    by_name: dict[str, int] = {}
    for code in members:
        for material in needed[code]:
            if (code, material.code) in covered:
                continue
            if material.name in by_name:
                index = by_name[material.name]
                result[index] = _merge(result[index], material, code)
            else:
                by_name[material.name] = len(result)
                result.append(dataclasses.replace(material, code=f"{code}::{material.code}", used_by=(code,)))
    return result
