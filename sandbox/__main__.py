"""``python -m sandbox --port N --db PATH``: the sandbox platform on its own, on loopback."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import uvicorn

from sandbox.app import SandboxSettings
from sandbox.faults import parse_fault
from sandbox.parent_watch import exit_with_parent
from sandbox.server import LOOPBACK, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="OneWindow sandbox platform")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--db", type=Path, default=Path("sandbox.sqlite3"))
    parser.add_argument("--token-ttl", type=float, default=3600.0, help="access token lifetime in seconds")
    parser.add_argument("--backoffice-delay", type=float, default=5.0,
                        help="seconds per simulated back-office step; negative = simulator off")
    parser.add_argument("--clerk", action="append", default=[], metavar="ACCOUNT:PASSWORD[:CENTRE]",
                        help="a clerk account (default trainee:trainee), of --centre unless CENTRE is given")
    parser.add_argument("--centre", default="330302001",
                        help="the centre of the clerks (a clerk writes only cases of their own centre)")
    parser.add_argument("--queue-arrivals-per-hour", type=float, default=0.0,
                        help="training: simulated citizens taking queue tickets per hour; 0 = none")
    parser.add_argument("--test-admin", action="store_true", help="TEST ONLY: mount /__admin/faults")
    parser.add_argument("--fault", action="append", default=[], metavar="KIND[:key=value,...]",
                        help="TEST ONLY: inject a fault, e.g. drop_after:probability=0.3,methods=PUT|PATCH")
    parser.add_argument("--fault-seed", type=int, default=0)
    parser.add_argument("--print-openapi", action="store_true", help="print the OpenAPI document and exit")
    parser.add_argument("--import-export", type=Path, metavar="FILE",
                        help="load a workstation's queue export (.owq) into --db and exit; passphrase from "
                             "$ONEWINDOW_EXPORT_PASSPHRASE")
    parser.add_argument("--parent-pid", type=int, metavar="PID",
                        help="end when process PID ends (the workstation that started this sandbox)")
    parser.add_argument("--seed-online", metavar="CENTRE",
                        help="training: add the practice online pre-applications for CENTRE to --db, print them "
                             "as JSON and exit")
    args = parser.parse_args(argv)
    if args.parent_pid:
        # First, before the build (seconds on a small machine). A parent killed before this line is seen at once:
        # the watch compares with the pid it was given, not with the parent it finds.
        exit_with_parent(args.parent_pid)
    if args.seed_online:
        from datetime import date

        from sandbox.online_seed import seed_online
        from sandbox.store import Store

        json.dump(seed_online(Store(args.db), args.seed_online, date.today()), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0

    parts = [c.split(":", 2) for c in args.clerk]
    clerks = {p[0]: p[1] for p in parts if len(p) > 1} or {"trainee": "trainee"}
    centres = {p[0]: p[2] for p in parts if len(p) > 2 and p[2]}
    settings = SandboxSettings(db_path=args.db, token_ttl=args.token_ttl, backoffice_delay=args.backoffice_delay,
                               clerks=clerks, centre_code=args.centre, clerk_centres=centres,
                               test_admin=args.test_admin,
                               queue_arrivals_per_hour=args.queue_arrivals_per_hour,
                               faults=[parse_fault(f) for f in args.fault], fault_seed=args.fault_seed)
    asgi, app, office = build(settings)
    if args.print_openapi:
        json.dump(app.openapi(), sys.stdout, ensure_ascii=False, indent=2)
        return 0
    if args.import_export:
        return _import(settings, args.import_export)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    office.start()
    app.state.queue_arrivals.start()
    try:
        uvicorn.run(asgi, host=LOOPBACK, port=args.port, log_level="warning", access_log=False, lifespan="off")
    finally:
        app.state.queue_arrivals.stop()
        office.stop()
    return 0


def _import(settings: SandboxSettings, path: Path) -> int:
    """Replay the export through the sandbox's own HTTP contract on loopback, as the workstation would have."""
    import os

    from sandbox.queue_import import ImportFailed, LoopbackClient, read_queue_export, replay
    from sandbox.server import SandboxThread

    try:
        manifest, files = read_queue_export(path, os.environ.get("ONEWINDOW_EXPORT_PASSPHRASE", ""))
    except (ImportFailed, OSError) as exc:
        print(f"python -m sandbox: {exc}", file=sys.stderr)
        return 1
    settings.backoffice_delay = -1
    settings.clerks = {"importer": "importer-local-only"}
    server = SandboxThread(settings).start()
    try:
        client = LoopbackClient(server.base_url, "importer", "importer-local-only")
        try:
            counts = replay(manifest, files, client)
        finally:
            client.close()
    except ImportFailed as exc:
        print(f"python -m sandbox: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()
    json.dump(counts, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
