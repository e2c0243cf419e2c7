"""``sync``: one sync pass (``--once``), the queue's state (``status``), an encrypted export (``export DIR``),
and a clerk login against the platform (``login ACCOUNT``)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from clerk_app.cli import ServicesFactory


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("sync", help="sync with the central platform, show or export the queue")
    parser.add_argument("--once", action="store_true", help="run one sync pass and report what moved")
    parser.add_argument("--until-empty", action="store_true",
                        help="with --once: keep passing (retrying at once) until nothing is due")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    actions = parser.add_subparsers(dest="sync_action", metavar="ACTION")
    status = actions.add_parser("status", help="queue length, oldest unsent case, conflicts, last error")
    export = actions.add_parser("export", help="write the unsent queue, encrypted, to a folder or USB stick")
    export.add_argument("folder", type=Path)
    export.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this variable")
    login = actions.add_parser("login", help="log in to the platform (password asked on the terminal)")
    login.add_argument("account")
    login.add_argument("--password-env", metavar="VAR", help="read the password from this variable")
    for sub in (status, export, login):
        # SUPPRESS: the flag may come before or after the action without one default overwriting the other.
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    parser.set_defaults(handler=run)


def _emit(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for key, value in data.items():
            print(f"{key}: {value}")


def _secret(env: str | None, prompt: str, confirm: bool = False) -> str:
    if env:
        return os.environ.get(env, "")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("again: ") != value:
        print("the two entries differ", file=sys.stderr)
        raise SystemExit(1)
    return value


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    services = make_services()
    if args.sync_action == "export":
        from clerk_app.sync.export import export_queue

        passphrase = _secret(args.passphrase_env, "passphrase: ", confirm=True)
        exported = export_queue(services.workstation, args.folder, passphrase)
        _emit({"file": str(exported.path), "actions": exported.actions, "files": exported.files,
               "missing_files": exported.missing_files}, args.json)
        return 0
    services.start_platform()  # in training mode: the bundled sandbox, stopped again when the services close
    service = services.sync
    if args.sync_action == "status":
        data = service.status().as_dict()
        data["items"] = service.engine.store.row_states()
        _emit(data, args.json)
        return 0
    if args.sync_action == "login":
        result = service.auth.login(args.account, _secret(args.password_env, "password: "))
        _emit({"account": result.account, "online": result.online}, args.json)
        return 0
    if not args.once:
        print("use --once, or one of: status, export, login", file=sys.stderr)
        return 2
    if args.until_empty:
        from clerk_app.sync.engine import drain

        reports = drain(service.engine, timeout=600)
        report = reports[-1]
        report.actions_done = sum(r.actions_done for r in reports)
        report.files_uploaded = sum(r.files_uploaded for r in reports)
        report.bytes_sent = sum(r.bytes_sent for r in reports)
        report.cases_sent = [c for r in reports for c in r.cases_sent]
    else:
        report = service.run_once()
    data = report.as_dict()
    data["status"] = service.status().as_dict()
    _emit(data, args.json)
    return 0 if not any(e["kind"] == "login" for e in report.errors) else 3
