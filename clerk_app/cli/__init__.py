"""The admin CLI (``python main.py SUBCOMMAND``).

Each module in ``clerk_app/cli/commands`` that defines ``register(subparsers)`` adds one subcommand; the parser is
assembled by discovery, so features add commands without editing a central list. A command's handler receives the
parsed arguments and a lazy ``ServicesFactory`` (the composition root's ``Services``, built on first call) and
returns the process exit code.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI parser is built on every start; the services load only when a command runs
    from clerk_app.services import Services

ServicesFactory = Callable[[], "Services"]
Handler = Callable[[argparse.Namespace, ServicesFactory], int]


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    from clerk_app.cli import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(subparsers)
