"""``config``: the configuration file's location, the effective values, or every option with its default."""

from __future__ import annotations

import argparse
import json

from clerk_app.cli import ServicesFactory
from clerk_app.config import load_config, render_defaults
from clerk_app.paths import resolve_paths


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("config", help="show the configuration file, effective values or defaults")
    parser.add_argument("--defaults", action="store_true", help="print every option, commented, with its default")
    parser.add_argument("--json", action="store_true", help="effective values as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    del make_services  # reading configuration needs no database or key
    if args.defaults:
        print(render_defaults())
        return 0
    paths = resolve_paths(args.home)
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
