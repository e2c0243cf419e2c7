"""``key status|init|enrol|withdraw|rotate-recovery``: the data key where there is no OS key store (docs/SECURITY.md).

``init`` seals the data key (a new one, or the one an older version left in a key file, which is then deleted)
under a recovery key and shows that key once; ``enrol ACCOUNT`` (with the recovery key) seals it under a clerk's
password, for the first clerk or one who forgot theirs; ``withdraw ACCOUNT`` removes a clerk's copy;
``rotate-recovery`` replaces the recovery key. Clerks are also enrolled automatically when they log in while the
data is open (after another clerk), and re-sealed when their password changed.
"""

from __future__ import annotations

import argparse
import getpass
import json

from clerk_app.cli import ServicesFactory
from clerk_app.cli.secrets_prompt import ask
from clerk_app.context import Workstation
from clerk_app.security.vault import KeyVault
from offline_cache import audit_log


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("key", help="the data key where there is no OS key store")
    actions = parser.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="where the data key is kept; which clerks hold a sealed copy")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=run_status)
    actions.add_parser("init", help="seal the data key; shows the recovery key ONCE").set_defaults(handler=run_init)
    enrol = actions.add_parser("enrol", help="seal the data key under a clerk's password (asks the recovery key)")
    enrol.add_argument("account")
    enrol.set_defaults(handler=run_enrol)
    withdraw = actions.add_parser("withdraw", help="remove a clerk's sealed copy")
    withdraw.add_argument("account")
    withdraw.set_defaults(handler=run_withdraw)
    actions.add_parser("rotate-recovery", help="a new recovery key (asks the current one)").set_defaults(
        handler=run_rotate)


def _workstation(make_services: ServicesFactory) -> Workstation:
    return make_services().workstation


def _vault(ws: Workstation) -> KeyVault:
    if ws.vault is None:
        raise SystemExit("The data key is kept by the OS key store here (or training mode's key file): "
                         "nothing to seal.")
    return ws.vault


def run_status(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = _workstation(make_services)
    source = ws.key_source
    status: dict[str, object] = {"backend": source.backend if source else None,
                                 "os_keystore": bool(source and source.is_os_keystore)}
    if ws.vault is not None:
        status.update(ws.vault.status())
        status["legacy_key_file"] = ws.legacy_key_file is not None
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=2))
    else:
        for name, value in status.items():
            print(f"{name}: {value}")
    return 0


def _show_recovery_key(code: str) -> None:
    print("\nRECOVERY KEY (shown once; print it or write it down and keep it in the centre's safe):\n")
    print(f"    {code}\n")
    print("It opens this workstation's data when no clerk's password can (python main.py key enrol ACCOUNT).")


def run_init(_args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = _workstation(make_services)
    vault = _vault(ws)
    if vault.is_set_up:
        print("The data key is already sealed (key status). A new recovery key: key rotate-recovery.")
        return 1
    legacy = ws.legacy_key_file
    existing = None
    if legacy is not None:
        from clerk_app.security.keys import read_key_file

        existing = read_key_file(legacy)
    code = vault.initialise(existing)
    if legacy is not None:
        legacy.unlink()  # sealed now: the key no longer lies beside the data
    audit_log.write(ws.db, "key_setup", f"os:{getpass.getuser()}", {"moved_legacy_file": legacy is not None})
    _show_recovery_key(code)
    print("Next: enrol the first clerk (python main.py key enrol ACCOUNT); later clerks are enrolled when they log "
          "in after a colleague.")
    return 0


def _ask_new_password(account: str) -> str:
    first = ask(f"New password for {account} (the clerk types the password they log in with): ")
    if not first or ask("Again: ") != first:
        raise SystemExit("The two passwords differ (or are empty); nothing changed.")
    return first


def run_enrol(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = _workstation(make_services)
    vault = _vault(ws)
    vault.open_with_recovery(ask("Recovery key: "))
    vault.enrol(args.account, _ask_new_password(args.account))
    audit_log.write(ws.db, "key_enrol", args.account, {"by": "recovery_key"})
    print(f"{args.account} can now open this workstation's data with that password.")
    return 0


def run_withdraw(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = _workstation(make_services)
    removed = _vault(ws).withdraw(args.account)
    if removed:
        audit_log.write(ws.db, "key_withdraw", args.account)
    print(f"{args.account}: {'copy removed' if removed else 'held no copy'}")
    return 0 if removed else 1


def run_rotate(_args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = _workstation(make_services)
    vault = _vault(ws)
    vault.open_with_recovery(ask("Current recovery key: "))
    code = vault.rotate_recovery()
    audit_log.write(ws.db, "key_recovery_rotated", f"os:{getpass.getuser()}")
    _show_recovery_key(code)
    return 0
