"""Changing the configuration (and with it the device routing: printers, scanners, readers) is the administrator's
alone (issue 13). Qt-free: the CLI's ``config set`` uses it, a settings dialog would too.

The administrator's credential is checked like a login (``ClerkSession.verify``); another role is refused with
``AdministratorOnly`` and the attempt is audited (``config_refused``); a change is audited as ``config_change``
(the key only: a value may be an address or a secret). The new file is validated as a whole (``load_config``)
before it replaces the old one, which is kept beside it as ``.bak`` (its comments are not carried over).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from clerk_app.config import check_value, flatten_file, load_config, render_values
from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.security.clerk_session import Clerk
from offline_cache import audit_log
from offline_cache.db import Database


class AdministratorOnly(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "Only the administrator can change the configuration and the device "
                                "routing; {account} is not an administrator.")


def require_administrator(db: Database, clerk: Clerk, what: str) -> None:
    if clerk.role != "administrator":
        audit_log.write(db, "config_refused", clerk.account, {"what": what, "role": clerk.role})
        raise AdministratorOnly(account=clerk.account)


def parse_value(text: str) -> Any:
    """A value as typed on the command line: TOML (``5``, ``true``, ``["a", "b"]``, ``"x"``), else plain text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def set_option(db: Database, path: Path, admin: Clerk, key: str, text: str) -> Any:
    """Set one option in the configuration file as ``admin``; returns the value written."""
    require_administrator(db, admin, key)
    value = parse_value(text)
    check_value(key, value)
    values = flatten_file(path)
    values[key] = value
    fresh = path.with_name(path.name + ".new")
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_text(render_values(values, f"written by `config set` (administrator {admin.account})"),
                     encoding="utf-8")
    try:
        load_config(fresh)  # the whole file as the workstation will read it
    except BaseException:
        fresh.unlink(missing_ok=True)
        raise
    if path.exists():
        os.replace(path, path.with_name(path.name + ".bak"))
    os.replace(fresh, path)
    audit_log.write(db, "config_change", admin.account, {"key": key})
    return value
