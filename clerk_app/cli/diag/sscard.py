"""``diag sscard [--reader NAME] [--json] [--reveal]``: read one social security card from a PC/SC reader."""

from __future__ import annotations

import argparse
import getpass

from clerk_app.cli import ServicesFactory
from clerk_app.cli.diag._identity_common import audit_reveal, print_record, read_one


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sscard", help="read one social security card from a PC/SC reader")
    parser.add_argument("--reader", metavar="NAME", help="PC/SC reader name or a unique part of it")
    parser.add_argument("--wait", type=float, default=15.0, help="seconds to wait for a card (default 15)")
    parser.add_argument("--pin", action="store_true", help="ask for the card PIN if the card needs it")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--reveal", action="store_true", help="print personal numbers in full")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from devices.identity_base import NoReader
    from devices.sscard.reader import PcscDriver

    driver = PcscDriver(only=args.reader, pin_provider=(lambda: getpass.getpass("PIN: ")) if args.pin else None)
    readers = driver.discover()
    if not readers:
        raise NoReader()
    if args.reveal:
        audit_reveal(make_services, "diag sscard")
    print_record(read_one([driver.create(r) for r in readers], args.wait), args.json, args.reveal)
    return 0
