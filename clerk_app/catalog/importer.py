"""Import of catalog-changes documents (docs/catalog-format.md): validate everything, then apply in one transaction.

A malformed document is rejected as a whole with a ``CatalogFormatError`` naming the item and the field; the
catalog in place is untouched because nothing is written before validation passes, and the writes plus the new
sync cursor share one transaction.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from clerk_app import safe_json
from clerk_app.catalog.errors import CatalogFormatError, CatalogVersionConflict
from clerk_app.catalog.pinyin import pinyin_keys
from clerk_app.domain.checkdigits import CreditCodeProblem, credit_code_problem
from offline_cache.catalog_store import CatalogStore, SearchKeys, digest, search_words
from offline_cache.db import Database

if TYPE_CHECKING:  # jsonschema (~90 ms, ~10 MB) loads only to explain a rejection, never to accept a document
    import jsonschema

log = logging.getLogger("onewindow.catalog")

SCHEMA_FILE = "catalog.schema.json"
_USCC_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
Json = dict[str, Any]
_CREDIT_MESSAGES = {
    CreditCodeProblem.FORMAT: "not a unified social credit code (GB 32100 characters and positions)",
    CreditCodeProblem.CHECK_CHARACTER: "check character is wrong (GB 32100)",
    CreditCodeProblem.ORG_CODE: "embedded organisation code is wrong (GB 11714)",
}


def _credit_problem(code: object) -> CreditCodeProblem | None:
    """The domain's one GB 32100 rule. The embedded GB 11714 organisation code is not checked here: the catalog
    names implementing bodies by the code the platform registered, which the window cannot correct."""
    if not isinstance(code, str):
        return CreditCodeProblem.FORMAT
    return credit_code_problem(code, check_org_code=False)


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # older version than stored: ignored
    retired: list[str] = field(default_factory=list)
    scheduled: list[str] = field(default_factory=list)  # a version whose effective_from is still to come: waits
    synonyms: list[str] = field(default_factory=list)  # everyday names the feed added or changed
    retire_skipped: list[str] = field(default_factory=list)
    bundles_added: list[str] = field(default_factory=list)
    bundles_changed: list[str] = field(default_factory=list)
    bundles_retired: list[str] = field(default_factory=list)
    next_cursor: str | None = None
    has_more: bool = False

    @property
    def changes_catalog(self) -> bool:
        """Anything added, changed or retired: only then does the search index need rebuilding."""
        return bool(self.added or self.changed or self.retired or self.bundles_added or self.bundles_changed
                    or self.bundles_retired or self.synonyms)

    def summary(self) -> dict[str, Any]:
        counts: dict[str, Any] = {name: len(value) for name, value in vars(self).items() if isinstance(value, list)}
        counts["next_cursor"] = self.next_cursor
        counts["has_more"] = self.has_more
        return counts


def _schema_path() -> Path:
    # Shipped inside the package so an installed workstation validates exactly as the repository does.
    return Path(__file__).resolve().with_name(SCHEMA_FILE)


@functools.cache
def _schema() -> dict[str, Any]:
    # The schema ships with the code and a test checks it is a valid JSON Schema (test_importer): checking it
    # again at run time imported jsonschema and cost ~0.13 s of the first catalog import (a first start's).
    schema: dict[str, Any] = json.loads(_schema_path().read_text(encoding="utf-8"))
    return schema


@functools.cache
def validator() -> jsonschema.protocols.Validator:
    """The reference validator: decides nothing on the fast path, explains every rejection."""
    import jsonschema

    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@functools.cache
def _record_validator(definition: str) -> jsonschema.protocols.Validator:
    import jsonschema

    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    keep = ("$schema", "$id", "$defs")
    record = {key: value for key, value in schema.items() if key in keep}
    record["$ref"] = f"#/$defs/{definition}"
    return cls(record, format_checker=cls.FORMAT_CHECKER)


@functools.cache
def _fast_check() -> Any:
    # jsonschema needs ~1 ms per item; a 10,000-item catalog must import in seconds. fastjsonschema compiles the
    # same schema (only draft-07 keywords are used) to plain Python for the pass/fail decision.
    schema = dict(_schema())
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema)


@functools.cache
def _page_check() -> Any:
    """The fast check of a page without records: the same schema with each record array required empty, so the
    records' definitions are not compiled (~40 ms once, against 0.7 s for the whole schema). jsonschema judged
    these pages before, which loaded it (~10 MB of the GUI process) on the first sync pass of every day; now it
    loads only to explain a rejection."""
    schema = dict(_schema())
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    properties = dict(schema["properties"])
    for key in _RECORD_DEFS:
        properties[key] = {"type": "array", "maxItems": 0}
    schema["properties"] = properties
    return fastjsonschema.compile(schema)


# -- validation -----------------------------------------------------------------------------------------------


def _where(doc: Json, path: list[Any]) -> tuple[str, list[Any]]:
    """Name the record a JSON path points into ("catalog item CODE (name)") and the path inside it."""
    if len(path) >= 2 and path[0] in ("items", "bundles", "retired_items", "retired_bundles"):
        records = doc.get(path[0])
        record = records[path[1]] if isinstance(records, list) and isinstance(path[1], int) else None
        kind = "catalog item" if "items" in path[0] else "bundle"
        key = "code" if "bundles" in path[0] else "implementation_code"
        position = f"#{path[1] + 1 if isinstance(path[1], int) else path[1]} in {path[0]}"
        name = f" ({record['name']})" if isinstance(record, dict) and isinstance(record.get("name"), str) else ""
        if isinstance(record, dict) and isinstance(record.get(key), str):
            label = record[key] + name
        else:
            label = position + name
        return f"{kind} {label}", path[2:]
    return "document", path


def _field(path: list[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fail(doc: Json, path: list[Any], problem: str, conflict: bool = False) -> CatalogFormatError:
    where, inner = _where(doc, path)
    cls = CatalogVersionConflict if conflict else CatalogFormatError
    return cls(where, _field(inner), problem[:300])


_RECORD_DEFS = {
    "items": "item",
    "bundles": "bundle",
    "retired_items": "retirement_item",
    "retired_bundles": "retirement_bundle",
}


def validate_schema(doc: Any) -> None:
    if not isinstance(doc, dict):
        raise CatalogFormatError("document", "", "the top level must be a JSON object")
    # Most sync passes pull a page without records: compiling the whole fast check costs 0.7 s in one call that
    # holds the GIL (a GUI stall in the middle of the day), so it waits for a page that carries records.
    check = _fast_check() if any(doc.get(key) for key in _RECORD_DEFS) else _page_check()
    try:
        check(doc)
    except fastjsonschema.JsonSchemaValueException as fast:
        path: list[Any] = [int(p) if p.isdigit() else p for p in fast.path[1:]]
        _explain(doc, path)
        raise _fail(doc, path, fast.message) from None


def _explain(doc: Json, path: list[Any]) -> None:
    """Raise jsonschema's best explanation for the record the fast check rejected (or for the whole document)."""
    if len(path) >= 2 and path[0] in _RECORD_DEFS and isinstance(path[1], int):
        prefix = path[:2]
        errors = list(_record_validator(_RECORD_DEFS[path[0]]).iter_errors(doc[path[0]][path[1]]))
    else:
        prefix = []
        errors = list(validator().iter_errors(doc))
    import jsonschema

    error = jsonschema.exceptions.best_match(errors)
    if error is not None:
        where = [*prefix, *error.absolute_path]
        if error.validator == "required" and isinstance(error.instance, dict):
            missing = [name for name in error.validator_value if name not in error.instance]
            where += missing[:1]
        raise _fail(doc, where, error.message)


def _check_situations(
    doc: Json, base: list[Any], situations: list[Json], material_codes: set[str], members: set[str] | None
) -> None:
    seen: set[str] = set()
    for q_index, question in enumerate(situations):
        path = [*base, "situations", q_index]
        if question["code"] in seen:
            raise _fail(doc, [*path, "code"], f"duplicate question code {question['code']!r}")
        seen.add(question["code"])
        options = [o["code"] for o in question["options"]]
        if len(set(options)) != len(options):
            raise _fail(doc, [*path, "options"], "duplicate option codes")
        if question["default"] not in options:
            raise _fail(doc, [*path, "default"], f"{question['default']!r} is not one of the options")
        for o_index, option in enumerate(question["options"]):
            for key in ("adds", "removes"):
                for code in option.get(key, ()):
                    if code not in material_codes:
                        raise _fail(doc, [*path, "options", o_index, key], f"unknown material {code!r}")
            skipped = option.get("skip_items", ())
            if skipped and members is None:
                raise _fail(doc, [*path, "options", o_index, "skip_items"], "only bundles can skip items")
            for code in skipped:
                if members is not None and code not in members:
                    raise _fail(doc, [*path, "options", o_index, "skip_items"], f"{code!r} is not a member")


def _check_material(doc: Json, path: list[Any], material: Json) -> None:
    if material.get("deferrable") and material["necessity"] != "必要":
        raise _fail(doc, [*path, "deferrable"], "only a required (必要) material may be accepted with deficiency")


def check_semantics(doc: Json) -> None:
    codes: set[str] = set()
    for index, item in enumerate(doc.get("items", ())):
        base: list[Any] = ["items", index]
        if item["implementation_code"] in codes:
            raise _fail(doc, [*base, "implementation_code"], "appears twice in the document")
        codes.add(item["implementation_code"])
        credit = item.get("implementing_body", {}).get("credit_code")
        problem = _credit_problem(credit) if credit else None
        if problem is not None:
            raise _fail(doc, [*base, "implementing_body", "credit_code"], _CREDIT_MESSAGES[problem])
        for segment in item["implementation_code"].split("-"):
            # The code itself is opaque; only an embedded credit code (FACTS §3.2 provincial shape) is checked.
            embedded = _credit_problem(segment) if _USCC_SHAPE.fullmatch(segment) else None
            if embedded is not None:
                raise _fail(doc, [*base, "implementation_code"], f"embedded credit code: {_CREDIT_MESSAGES[embedded]}")
        if item["handling_type"] == "承诺件" and not item.get("promised_limit"):
            raise _fail(doc, [*base, "promised_limit"], "a promised item (承诺件) needs a promised time limit")
        materials: set[str] = set()
        for m_index, material in enumerate(item["materials"]):
            if material["code"] in materials:
                raise _fail(doc, [*base, "materials", m_index, "code"], "duplicate material code")
            materials.add(material["code"])
            _check_material(doc, [*base, "materials", m_index], material)
        _check_situations(doc, base, item.get("situations", []), materials, None)
    retired = {r["implementation_code"] for r in doc.get("retired_items", ())}
    for index, item in enumerate(doc.get("items", ())):
        if item["implementation_code"] in retired:
            raise _fail(doc, ["items", index, "implementation_code"], "both changed and retired in one page")
    bundle_codes: set[str] = set()
    retired_bundles = {r["code"] for r in doc.get("retired_bundles", ())}
    for index, bundle in enumerate(doc.get("bundles", ())):
        base = ["bundles", index]
        if bundle["code"] in bundle_codes or bundle["code"] in retired_bundles:
            raise _fail(doc, [*base, "code"], "appears twice (or also retired) in the document")
        bundle_codes.add(bundle["code"])
        shared: set[str] = set()
        for s_index, entry in enumerate(bundle.get("shared_materials", ())):
            path = [*base, "shared_materials", s_index]
            if entry["material"]["code"] in shared:
                raise _fail(doc, [*path, "material", "code"], "duplicate shared material code")
            shared.add(entry["material"]["code"])
            _check_material(doc, [*path, "material"], entry["material"])
            for c_index, cover in enumerate(entry["covers"]):
                if cover["item"] not in bundle["items"]:
                    raise _fail(doc, [*path, "covers", c_index, "item"], f"{cover['item']!r} is not a member")
        _check_situations(doc, base, bundle.get("situations", []), shared, set(bundle["items"]))
        for p_index, produced in enumerate(bundle.get("produced", ())):
            path = [*base, "produced", p_index]
            if produced["by"] not in bundle["items"]:
                raise _fail(doc, [*path, "by"], f"{produced['by']!r} is not a member")
            for c_index, cover in enumerate(produced["covers"]):
                if cover["item"] not in bundle["items"] or cover["item"] == produced["by"]:
                    raise _fail(doc, [*path, "covers", c_index, "item"], "must be another member of the bundle")


def _check_bundle_references(doc: Json, store: CatalogStore, conn: Any, active_items: set[str]) -> None:
    needed = sorted({code for b in doc.get("bundles", ()) for code in b["items"]})
    in_doc = {item["implementation_code"]: item for item in doc.get("items", ())}
    payloads = store.item_payloads(conn, [c for c in needed if c not in in_doc])
    payloads.update(in_doc)
    for index, bundle in enumerate(doc.get("bundles", ())):
        for m_index, code in enumerate(bundle["items"]):
            if code not in active_items:
                raise _fail(doc, ["bundles", index, "items", m_index], f"item {code!r} is not in the catalog")
        for s_index, entry in enumerate(bundle.get("shared_materials", ())):
            for c_index, cover in enumerate(entry["covers"]):
                materials = {m["code"] for m in payloads[cover["item"]]["materials"]}
                if cover["material"] not in materials:
                    raise _fail(
                        doc,
                        ["bundles", index, "shared_materials", s_index, "covers", c_index, "material"],
                        f"item {cover['item']!r} has no material {cover['material']!r}",
                    )


# -- applying -------------------------------------------------------------------------------------------------


_pinyin = functools.lru_cache(maxsize=65536)(pinyin_keys)


def _keys(name: str, keywords: tuple[str, ...]) -> SearchKeys:
    full, initials = _pinyin(name)
    pairs = [_pinyin(word) for word in keywords]
    return SearchKeys(full, initials, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))


def search_keys(record: Json) -> SearchKeys:
    return _keys(record["name"], tuple(search_words(record)))


def apply_changes(
    db: Database, changes: Any, *, source: str = "platform", store_cursor: bool = True, today: date | None = None
) -> ImportReport:
    """Validate and apply one catalog-changes document; all-or-nothing. Raises ``CatalogFormatError``.

    An item version whose ``effective_from`` lies after ``today`` (the local date) waits in ``catalog_pending``;
    ``CatalogService`` puts it in place on that day (``promote_due``)."""
    today_text = (today or date.today()).isoformat()
    try:
        check_bounds(changes)
        validate_schema(changes)
        check_semantics(changes)
    except CatalogFormatError as exc:
        # Catalog data is public: the record and field may be logged (never any applicant data here).
        log.warning("catalog document from %s rejected: %s / %s", source, exc.where, exc.field)
        raise
    store = CatalogStore(db)
    report = ImportReport(next_cursor=changes["next_cursor"], has_more=bool(changes.get("has_more", False)))
    if _is_empty_delta(changes):
        # Most sync passes pull an empty page: store the cursor, nothing else (no version table read, and the
        # index generation stays, so no keystroke rebuilds the index for nothing).
        with db.transaction() as conn:
            store.finish_import(conn, source, changes["next_cursor"] if store_cursor else None, changed=False)
        return report
    with db.transaction() as conn:
        versions, active = _apply_items(changes, store, conn, report, today_text)
        for retirement in changes.get("retired_items", ()):
            code = retirement["implementation_code"]
            stored = versions.get(code)
            if stored is not None and not stored.retired and int(retirement["version"]) >= stored.version:
                store.retire_item(conn, code, int(retirement["version"]))
                report.retired.append(code)
                active.discard(code)
            else:
                report.retire_skipped.append(code)
        if changes.get("mode") == "snapshot":
            listed = {item["implementation_code"] for item in changes.get("items", ())}
            for code in sorted(active - listed):
                store.retire_item(conn, code, versions[code].version)
                report.retired.append(code)
                active.discard(code)
        for entry in changes.get("synonyms", ()):
            store.upsert_synonym(conn, entry["term"], entry["means"])
            report.synonyms.append(entry["term"])
        _check_bundle_references(changes, store, conn, active)
        _apply_bundles(changes, store, conn, report)
        store.finish_import(conn, source, changes["next_cursor"] if store_cursor else None,
                            changed=report.changes_catalog)
    log.info("catalog import from %s: %s", source, report.summary())
    return report


def _is_empty_delta(changes: Json) -> bool:
    return changes.get("mode") != "snapshot" and not any(
        changes.get(key) for key in ("items", "retired_items", "bundles", "retired_bundles", "synonyms"))


def _apply_items(
    changes: Json, store: CatalogStore, conn: Any, report: ImportReport, today_text: str
) -> tuple[dict[str, Any], set[str]]:
    versions = store.item_versions(conn)
    pending = store.pending(conn)
    active = {code for code, stored in versions.items() if not stored.retired}
    for index, item in enumerate(changes.get("items", ())):
        code, version = item["implementation_code"], int(item["version"])
        stored = versions.get(code)
        if item.get("effective_from", "") > today_text:
            waiting = pending.get(code)
            if (stored is None or version > stored.version) and (waiting is None or version >= waiting[0]):
                store.put_pending(conn, item)
                report.scheduled.append(code)
            else:
                report.stale.append(code)
            continue
        if code in pending and pending[code][0] <= version:
            store.drop_pending(conn, code)  # a newer version in force supersedes the waiting one
        if stored is None or version > stored.version:
            store.upsert_item(conn, item, search_keys(item))
            (report.added if stored is None else report.changed).append(code)
            active.add(code)
        elif version == stored.version:
            if digest(item) != stored.digest:
                raise _fail(
                    changes,
                    ["items", index, "version"],
                    f"version {version} is already stored with different content",
                    conflict=True,
                )
            report.unchanged.append(code)
        else:
            report.stale.append(code)
    return versions, active


def promote_due(db: Database, today: date) -> list[str]:
    """Put in place every waiting item version whose ``effective_from`` has come; returns their codes."""
    store = CatalogStore(db)
    with db.transaction() as conn:
        due = store.due_pending(conn, today.isoformat())
        if not due:
            return []
        versions = store.item_versions(conn)
        for item in due:
            stored = versions.get(item["implementation_code"])
            if stored is None or int(item["version"]) > stored.version:
                store.upsert_item(conn, item, search_keys(item))
            store.drop_pending(conn, item["implementation_code"])
        store.bump_generation(conn)
    log.info("catalog: %d item version(s) took effect", len(due))
    return [item["implementation_code"] for item in due]


def _apply_bundles(changes: Json, store: CatalogStore, conn: Any, report: ImportReport) -> None:
    versions = store.bundle_versions(conn)
    for index, bundle in enumerate(changes.get("bundles", ())):
        code, version = bundle["code"], int(bundle["version"])
        stored = versions.get(code)
        if stored is None or version > stored.version:
            store.upsert_bundle(conn, bundle, search_keys(bundle))
            (report.bundles_added if stored is None else report.bundles_changed).append(code)
        elif version == stored.version and digest(bundle) != stored.digest:
            raise _fail(
                changes,
                ["bundles", index, "version"],
                f"version {version} is already stored with different content",
                conflict=True,
            )
    for retirement in changes.get("retired_bundles", ()):
        stored = versions.get(retirement["code"])
        if stored is not None and not stored.retired and int(retirement["version"]) >= stored.version:
            store.retire_bundle(conn, retirement["code"], int(retirement["version"]))
            report.bundles_retired.append(retirement["code"])
    if changes.get("mode") == "snapshot":
        listed = {b["code"] for b in changes.get("bundles", ())}
        for code, stored in versions.items():
            if not stored.retired and code not in listed:
                store.retire_bundle(conn, code, stored.version)
                report.bundles_retired.append(code)


def load_file(path: Path) -> Json:
    """Read a catalog-changes file through the hardened reader (``clerk_app.safe_json``): a missing file, a folder,
    bad UTF-8, a syntax error (with line and column), nesting, numbers or text out of bounds all become a
    ``CatalogFormatError`` naming the record and field."""
    try:
        data: Json = safe_json.read_file(Path(path), check=False)  # apply_changes checks, naming the record
    except safe_json.JsonRejected as exc:
        raise CatalogFormatError("document", "", exc.reason) from None
    return data


def check_bounds(doc: Any) -> None:
    """Depth, number and text bounds (``clerk_app.safe_json``) before any schema check walks the document."""
    try:
        safe_json.check_tree(doc)
    except safe_json.JsonRejected as exc:
        if isinstance(doc, dict):
            raise _fail(doc, exc.path, exc.reason) from None
        raise CatalogFormatError("document", safe_json.format_path(exc.path), exc.reason) from None


def import_file(db: Database, path: Path, *, store_cursor: bool = False) -> ImportReport:
    return apply_changes(db, load_file(path), source=f"file:{Path(path).name}", store_cursor=store_cursor)
