"""The admin CLI (``python main.py SUBCOMMAND``).

Each module in ``clerk_app/cli/commands`` that defines ``register(subparsers)`` adds one subcommand; the parser is
assembled by discovery, so features add commands without editing a central list. A command's handler receives the
parsed arguments and a lazy ``WorkstationFactory`` and returns the process exit code.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable

from clerk_app.context import Workstation

WorkstationFactory = Callable[[], Workstation]
Handler = Callable[[argparse.Namespace, WorkstationFactory], int]


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    from clerk_app.cli import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(subparsers)
