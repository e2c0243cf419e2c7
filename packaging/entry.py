"""Entry point of the PyInstaller bundle (both executables run this script).

* ``onewindow`` starts the GUI (or a subcommand: the same arguments as ``python main.py``);
* ``onewindow-admin`` is the admin CLI (a console program on Windows, where ``onewindow`` has no console);
* ``<either> -m sandbox ...`` (or ``sandbox ...``) runs the training platform, so code that starts it as
  ``[sys.executable, "-m", "sandbox", ...]`` works the same frozen and in a virtual environment: in the bundle
  ``sys.executable`` is this program, not a Python interpreter.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

# Modules the bundle can run with ``-m``: only the project's own subprocesses, not arbitrary code.
RUNNABLE_MODULES = {"sandbox"}


def _run_module(name: str, args: list[str]) -> None:
    import runpy

    sys.argv = [f"{sys.executable} -m {name}", *args]
    runpy.run_module(name, run_name="__main__", alter_sys=True)
    sys.exit(0)


# Interpreter options a caller may put before ``-m`` (meaningless in the bundle, so skipped).
INTERPRETER_FLAGS = {"-u", "-I", "-E", "-s", "-S", "-B", "-O", "-OO", "-q"}


def _without_interpreter_flags(args: list[str]) -> list[str]:
    rest = list(args)
    while rest and (rest[0] in INTERPRETER_FLAGS or rest[0] == "-X"):
        rest = rest[2:] if rest[0] == "-X" else rest[1:]
    return rest if rest[:1] == ["-m"] else args


def _main() -> None:
    multiprocessing.freeze_support()
    args = _without_interpreter_flags(sys.argv[1:])
    if len(args) >= 2 and args[0] == "-m" and args[1] in RUNNABLE_MODULES:
        _run_module(args[1], args[2:])
    if args[:1] == ["sandbox"]:
        _run_module("sandbox", args[1:])
    import main

    program = os.path.splitext(os.path.basename(sys.executable))[0]
    if program.endswith("-admin"):
        if not args:
            sys.argv.append("--help")
        main.cli_entry()
    else:
        main.gui_entry()


if __name__ == "__main__":
    _main()
