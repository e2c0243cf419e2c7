"""A sync run in its own process for the crash test: prints "ready" once the workstation is open, then drains the
outbox to the platform named on the command line. The test kills it with SIGKILL at random points."""

from __future__ import annotations

import sys

from clerk_app.config import load_config
from clerk_app.context import open_workstation
from clerk_app.paths import resolve_paths
from clerk_app.sync.engine import drain
from clerk_app.sync.service import SyncService


def main() -> int:
    home, base_url = sys.argv[1], sys.argv[2]
    paths = resolve_paths(home)
    ws = open_workstation(paths, load_config(paths.config_file))
    service = SyncService(ws, base_url=base_url)
    print("ready", flush=True)
    drain(service.engine, timeout=120)
    print("drained", flush=True)
    service.close()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
