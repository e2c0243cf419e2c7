"""``diag DEVICE``: talk to one device and print what it returned, for installation and support."""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register(subparsers: argparse._SubParsersAction) -> None:
    from clerk_app.cli import diag

    parser = subparsers.add_parser("diag", help="read a card or scan a page with one device, for support")
    inner = parser.add_subparsers(dest="diag_command", metavar="DEVICE", required=True)
    for info in sorted(pkgutil.iter_modules(diag.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{diag.__name__}.{info.name}")
        if callable(getattr(module, "register", None)):
            module.register(inner)
