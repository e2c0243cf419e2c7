"""``diag idcard --serial PORT [--baud N] [--json] [--reveal]``: read one ID card from a SAM serial reader."""

from __future__ import annotations

import argparse

from clerk_app.cli import ServicesFactory
from clerk_app.cli.diag._identity_common import audit_reveal, print_record, read_one


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("idcard", help="read one ID card from a SAM reader on a serial port")
    parser.add_argument("--serial", required=True, metavar="PORT", help="e.g. /dev/ttyUSB0 or COM3")
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--wait", type=float, default=15.0, help="seconds to wait for a card (default 15)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--reveal", action="store_true", help="print personal numbers in full")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from devices.idcard.serial_reader import SamSerialReader
    from devices.identity_base import ReaderInfo, ReaderKind

    info = ReaderInfo(ReaderKind.SAM_SERIAL, args.serial, f"SAM {args.serial}", f"serial:{args.serial}")
    if args.reveal:
        audit_reveal(make_services, "diag idcard")
    print_record(read_one([SamSerialReader(info, args.baud)], args.wait), args.json, args.reveal)
    return 0
