"""``config``: the configuration file's location, the effective values, or every option with its default;
``config set KEY VALUE --admin ACCOUNT``: change one option, as the administrator (their password is asked, or read
from stdin with ``--password-stdin``; anyone else is refused and the attempt audited)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from clerk_app.cli import ServicesFactory
from clerk_app.config import load_config, render_defaults
from clerk_app.paths import resolve_paths


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("config", help="show the configuration file, effective values or defaults; "
                                                  "set an option (administrator only)")
    parser.add_argument("action", nargs="?", choices=("show", "set"), default="show")
    parser.add_argument("key", nargs="?", help="set: the option, e.g. printing.a4_printer")
    parser.add_argument("value", nargs="?", help="set: its value (TOML: 5, true, \"text\", [\"a\"]; else text)")
    parser.add_argument("--admin", metavar="ACCOUNT", help="set: the administrator's account")
    parser.add_argument("--password-stdin", action="store_true", help="set: read the password from stdin")
    parser.add_argument("--defaults", action="store_true", help="print every option, commented, with its default")
    parser.add_argument("--json", action="store_true", help="effective values as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    if args.action == "set":
        return run_set(args, make_services)
    if args.defaults:
        print(render_defaults())
        return 0
    paths = resolve_paths(args.home)  # reading configuration needs no database or key
    config = load_config(paths.config_file)
    values = config.as_dict()
    if args.json:
        print(json.dumps({"file": str(paths.config_file), "exists": config.has_file, "values": values},
                         ensure_ascii=False, indent=2))
    else:
        print(f"# {paths.config_file} ({'present' if config.has_file else 'absent: training defaults'})")
        for key, value in values.items():
            print(f"{key} = {value!r}")
    return 0


def run_set(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.security.config_admin import set_option
    from clerk_app.sync.clerk_login import command_line_session

    if not args.key or args.value is None or not args.admin:
        print("usage: config set KEY VALUE --admin ACCOUNT [--password-stdin]", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("password: ")
    services = make_services()
    session = command_line_session(services.workstation, services.sync)
    admin = session.verify(args.admin, password, "config")
    value = set_option(services.workstation.db, services.workstation.paths.config_file, admin, args.key, args.value)
    print(f"{args.key} = {value!r}  (takes effect at the next start)")
    return 0
