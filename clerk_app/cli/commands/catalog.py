"""``catalog``: import catalog-changes files, search and show items from the command line (text or ``--json``)."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerk_app.cli import ServicesFactory

log = logging.getLogger("onewindow.catalog")

if TYPE_CHECKING:
    from clerk_app.catalog.service import CatalogService


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("catalog", help="import, search and show service catalog items")
    sub = parser.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="apply a catalog-changes JSON file (docs/catalog-format.md)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--json", action="store_true", help="machine-readable report")
    imp.set_defaults(handler=run_import)

    search = sub.add_parser("search", help="search items by name, keyword, code, pinyin or initials")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--department", default=None)
    search.add_argument("--bundles", action="store_true", help="include 一件事 bundles")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=run_search)

    show = sub.add_parser("show", help="show one item (implementation code) or bundle (code)")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    guide = sub.add_parser("guide", help="write the printable 办事指南 PDF of an item or bundle")
    guide.add_argument("code")
    guide.add_argument("--out", type=Path, required=True, help="PDF file to write")
    guide.add_argument("--answer", action="append", default=[], metavar="QUESTION=OPTION",
                       help="a 情形 answer (repeatable); unanswered questions take their default")
    guide.set_defaults(handler=run_guide)

    stats = sub.add_parser("stats", help="item, bundle and department counts")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=run_stats)


def _service(make_services: ServicesFactory) -> CatalogService:
    services = make_services()
    if services.is_training:
        # Training mode is one world: the CLI loads the training catalog on a fresh home exactly as the GUI does.
        report = services.catalog.ensure_training_catalog()
        if report is not None:
            log.info("training catalog loaded: %d items", len(report.added))
    return services.catalog


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def run_import(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.catalog.importer import import_file

    report = import_file(make_services().workstation.db, args.file)
    summary = report.summary()
    if args.json:
        _print_json(summary)
    else:
        print(", ".join(f"{key}: {value}" for key, value in summary.items()))
    return 0


def run_search(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    hits = _service(make_services).search(args.query, args.limit, args.department, args.bundles)
    if args.json:
        _print_json([dataclasses.asdict(hit) for hit in hits])
    else:
        for hit in hits:
            print(f"{hit.score:4d}  {hit.match_kind:<11}  {hit.department:<8}  {hit.name}  [{hit.item_code}]")
    return 0


def run_show(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.catalog.errors import UnknownBundle, UnknownCatalogItem

    service = _service(make_services)
    try:
        record: Any = service.get_item(args.code)
    except UnknownCatalogItem:
        try:
            record = service.get_bundle(args.code)
        except UnknownBundle:
            raise UnknownCatalogItem(code=args.code) from None
    data = _plain(record)
    data["checklist_default"] = [m.name for m in service.checklist(args.code, {})]
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            if value not in ("", (), [], None, {}):
                print(f"{key}: {value}")
    return 0


def run_stats(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    service = _service(make_services)
    data = {**service.counts(), "departments": service.departments(), "cursor": service.store.cursor()}
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


def run_guide(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.catalog.guide import guide_pdf
    from clerk_app.errors import ValidationError

    answers = {}
    for pair in args.answer:
        question, sep, option = pair.partition("=")
        if not sep:
            raise ValidationError()
        answers[question] = option
    args.out.write_bytes(guide_pdf(_service(make_services), args.code, answers))
    print(args.out)
    return 0
