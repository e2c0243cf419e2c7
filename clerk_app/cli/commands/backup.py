"""``backup create DIR [--json]``: an encrypted, integrity-checked backup file into DIR (a folder or a USB stick);
``backup restore FILE [--json]``: restore it onto a new, empty workstation (with the outbox: nothing lost, nothing
sent twice). Both ask for the backup passphrase (twice when creating), on the terminal or one line each from
standard input. clerk_app/security/backup.py, docs/SECURITY.md."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path

from clerk_app.cli import ServicesFactory
from clerk_app.cli.restore import restore_backup
from clerk_app.cli.secrets_prompt import ask, open_data
from clerk_app.paths import resolve_paths
from clerk_app.security.backup import create_backup

MIN_PASSPHRASE = 10


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("backup", help="encrypted backup to a folder or USB stick, and restore")
    actions = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="write an encrypted backup file into DIR")
    create.add_argument("dir", type=Path)
    create.add_argument("--json", action="store_true", help="machine-readable output")
    create.set_defaults(handler=run_create)
    restore = actions.add_parser("restore", help="restore a backup file onto this new, empty workstation")
    restore.add_argument("file", type=Path)
    restore.add_argument("--json", action="store_true", help="machine-readable output")
    restore.set_defaults(handler=run_restore)


def run_create(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    ws = make_services().workstation
    open_data(ws)
    passphrase = ask("Backup passphrase (at least 10 characters; keep it apart from the stick): ")
    if len(passphrase) < MIN_PASSPHRASE or ask("Again: ") != passphrase:
        raise SystemExit("The passphrase is too short or the two differ; no backup written.")
    result = create_backup(ws.paths, ws.db, ws.cipher, args.dir, passphrase, f"os:{getpass.getuser()}")
    summary = {"file": str(result.path), "bytes": result.size, "seconds": round(result.seconds, 2),
               "files": result.files, **result.facts}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"backup written: {result.path} ({result.size / 1e6:.1f} MB, {result.facts['cases']} cases, "
              f"{result.facts['outbox_open']} actions still to send, {result.files} files, {result.seconds:.1f} s)")
    return 0


def run_restore(args: argparse.Namespace, _make_services: ServicesFactory) -> int:
    paths = resolve_paths(args.home)  # not opened through the services: the database is replaced underneath
    result = restore_backup(paths, args.file, ask("Backup passphrase: "))
    summary = {"backup_created_at": result.backup_created_at, "machine_id": result.machine_id,
               "key_kept": result.key_kept, "seconds": round(result.seconds, 2), "kept_aside": result.kept_aside,
               **result.facts, "recovery_key": result.recovery_key}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"restored the backup of {result.backup_created_at}: {result.facts['cases']} cases, "
              f"{result.facts['outbox_open']} actions to send (sent at the next sync; the platform ignores repeats)")
        if result.recovery_key:
            print(f"\nNEW RECOVERY KEY (shown once; keep it in the centre's safe):\n\n    {result.recovery_key}\n")
            print("Enrol the first clerk: python main.py key enrol ACCOUNT")
    return 0
