"""``doctor``: what this workstation has and lacks, for the clerk's IT staff (text or ``--json``)."""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sqlite3
import sys
from dataclasses import asdict
from typing import Any

from clerk_app import __version__
from clerk_app.cli import ServicesFactory
from clerk_app.context import Workstation


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("doctor", help="check Python, Qt, fonts, storage, key store and devices")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def _check(name: str, ok: bool, detail: str, **extra: Any) -> dict[str, Any]:
    return {"check": name, "ok": ok, "detail": detail, **extra}


def _qt_check() -> dict[str, Any]:
    try:
        import PySide6
        from PySide6 import QtCore

        return _check("qt", True, f"PySide6 {PySide6.__version__}, Qt {QtCore.qVersion()}")
    except ImportError as exc:
        return _check("qt", False, f"PySide6 not importable: {exc}")


def _font_check() -> dict[str, Any]:
    from printing.fonts import font_status

    status = font_status()
    fc_list = shutil.which("fc-list")
    return _check(
        "fonts", status.embedded,
        f"PDF font {status.name} from {status.path}" if status.embedded
        else "no TrueType CJK font: printed Chinese may be garbled (install fonts-wqy-zenhei)",
        fontconfig=bool(fc_list),
    )


def _key_check(ws: Workstation) -> dict[str, Any]:
    """OK with the OS key store, or with the key sealed under the clerks' passwords once ``key init`` ran; not OK
    with a key file beside the data (training's practice key, a development option, or one left by an older
    version) or a sealed key never set up."""
    source = ws.key_source
    backend = source.backend if source else "none"
    if source is not None and source.is_os_keystore:
        return _check("keyring", True, backend, fallback=False)
    if ws.vault is not None and ws.legacy_key_file is None:
        set_up = ws.vault.is_set_up
        return _check("keyring", set_up, f"{backend}: sealed for {len(ws.vault.holders())} clerk(s)" if set_up
                      else f"{backend}: not set up (python main.py key init)", fallback=False, wrapped=True)
    advice = " (python main.py key init seals it)" if ws.legacy_key_file is not None else ""
    return _check("keyring", False, backend + advice, fallback=True)


def collect(make_services: ServicesFactory) -> dict[str, Any]:
    checks: list[dict[str, Any]] = [
        _check("python", sys.version_info >= (3, 11), platform.python_version()),
        _qt_check(),
        _font_check(),
    ]
    mode = "unknown"
    try:
        ws = make_services().workstation
    except Exception as exc:  # doctor reports everything it can, whatever fails
        checks.append(_check("data", False, f"{type(exc).__name__}: {exc}"))
    else:
        mode = "training" if ws.is_training else "production"
        usage = shutil.disk_usage(ws.paths.data_dir)
        checks.append(_check("data_dir", usage.free > 500_000_000, str(ws.paths.data_dir),
                             free_mb=usage.free // 1_000_000))
        integrity = ws.db.quick_check()
        checks.append(_check("database", integrity == "ok",
                             f"schema v{ws.db.user_version}, sqlite {sqlite3.sqlite_version}, {integrity}"))
        from clerk_app.cli.commands.audit import describe
        from offline_cache import audit_log

        chain = audit_log.verify(ws.db)
        checks.append(_check("audit", bool(chain["ok"]), describe(chain), first_broken=chain.get("first_broken")))
        checks.append(_key_check(ws))
    from devices.probes import probe_all
    from printing.printers import probe_printers

    devices = [asdict(result) for result in [*probe_all(), probe_printers()]]
    from clerk_app.paths import install_info

    return {"version": __version__, "mode": mode, "install": install_info(), "checks": checks, "devices": devices}


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    report = collect(make_services)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        install = report["install"]
        kind = f"bundle {install['location']}" if install["packaged"] else f"source {install['location']}"
        print(f"OneWindow {report['version']} ({report['mode']}, {kind})")
        for check in report["checks"]:
            print(f"  [{'OK' if check['ok'] else '!!'}] {check['check']:<10} {check['detail']}")
        for device in report["devices"]:
            mark = "OK" if device["available"] else "--"
            listed = ", ".join(device["devices"])
            print(f"  [{mark}] {device['stack']:<10} {device['detail']}{': ' + listed if listed else ''}")
    core = {"python", "qt", "database", "data_dir", "audit"}
    return 0 if all(c["ok"] for c in report["checks"] if c["check"] in core) else 1
