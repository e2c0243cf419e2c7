"""Asking for a secret on the command line, and opening sealed data for a command that needs it.

A secret is read with ``getpass`` from a terminal, or one line from standard input when it is not one (scripts,
tests); it is never an argument (it would land in the shell history and the process list).
"""

from __future__ import annotations

import getpass
import sys

from clerk_app.context import Workstation
from clerk_app.errors import DataLocked
from clerk_app.security.vault import RECOVERY_HOLDER, NoKeyForClerk


def ask(prompt: str, secret: bool = True) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt) if secret else input(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().rstrip("\r\n")


def open_data(ws: Workstation) -> None:
    """Make sure the data key is open: with the OS key store it already is; sealed, ask for a clerk's account and
    password, or ``recovery`` and the recovery key."""
    if ws.cipher.unlocked:
        return
    vault = ws.vault
    if vault is None:
        raise DataLocked()
    account = ask("Account (or 'recovery'): ", secret=False).strip()
    if account == RECOVERY_HOLDER:
        vault.open_with_recovery(ask("Recovery key: "))
        return
    if not vault.open_with_password(account, ask("Password: ")):
        raise NoKeyForClerk(account=account)
