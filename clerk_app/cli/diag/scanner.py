"""``diag scanner [--device KEY] --out FILE``: scan one page with one scanner, for installation and support.

``--list`` shows every source with make, model and capabilities. The page is written as the device delivered it
(PNG) or, with ``--processed``, as the page pipeline would store it (the default policy).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

from clerk_app.cli import ServicesFactory


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("scanner", help="list scanners, or scan one page to a file")
    parser.add_argument("--device", metavar="KEY", help="source key from --list, e.g. sane:test:0 (default: first)")
    parser.add_argument("--out", type=Path, help="file to write the page to (.png, or .jpg with --processed)")
    parser.add_argument("--list", action="store_true", help="list sources with make, model and capabilities")
    parser.add_argument("--resolution", type=int, default=300)
    parser.add_argument("--mode", choices=["colour", "gray", "bw"], default="colour")
    parser.add_argument("--adf", action="store_true", help="take the page from the document feeder")
    parser.add_argument("--processed", action="store_true", help="write the page as the pipeline stores it")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.pages import pipeline
    from clerk_app.pages.policy import PolicyBook
    from devices.scanner.base import ColourMode, PaperSource, RawPage, ScanSettings
    from devices.scanner.drivers import build_scanner_service

    if not args.list and args.out is None:
        print("--out FILE is required unless --list is given", file=sys.stderr)
        return 2
    config = make_services().config
    scanners = build_scanner_service(config)
    try:
        sources = scanners.list_sources()
        if args.list:
            rows = []
            for source in sources:
                caps = scanners.capabilities(source.key)
                rows.append({"key": source.key, "make": source.make, "model": source.model,
                             "simulated": source.simulated, "resolutions": list(caps.resolutions),
                             "modes": [m.value for m in caps.colour_modes], "adf": caps.has_adf,
                             "duplex": caps.has_duplex})
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                for row in rows:
                    label = " [simulated]" if row["simulated"] else ""
                    print(f"{row['key']}: {row['make']} {row['model']}{label}  dpi={row['resolutions']} "
                          f"modes={row['modes']} adf={row['adf']} duplex={row['duplex']}")
                if not rows:
                    print("no scanner found")
            return 0 if rows else 1
        key = args.device or (sources[0].key if sources else None)
        if key is None:
            from devices.scanner.errors import NoScanner

            raise NoScanner()
        settings = ScanSettings(resolution=args.resolution, mode=ColourMode(args.mode), max_pages=1,
                                source=PaperSource.ADF if args.adf else PaperSource.FLATBED)
        pages: list[RawPage] = []
        started = time.perf_counter()
        scanners.scan(key, settings, pages.append)
        elapsed = time.perf_counter() - started
        page = pages[0]
        if args.processed:
            policy = PolicyBook.from_config(config).default
            if page.image is not None:
                data = pipeline.process_image(page.image, policy, page.dpi).data
            else:
                data = pipeline.process_bytes(page.data or b"", policy, page.dpi).data
        elif page.image is not None:
            out = io.BytesIO()
            page.image.save(out, "PNG", dpi=(page.dpi or 300,) * 2)
            data = out.getvalue()
        else:
            data = page.data or b""
        args.out.write_bytes(data)
        summary = {"device": page.device.as_dict(), "file": str(args.out), "bytes": len(data),
                   "size": list(page.image.size) if page.image is not None else None, "seconds": round(elapsed, 3)}
        print(json.dumps(summary, ensure_ascii=False) if args.json else
              f"{page.device.make} {page.device.model} ({key}): wrote {len(data)} bytes to {args.out} "
              f"in {elapsed:.2f} s")
        return 0
    finally:
        scanners.close()
