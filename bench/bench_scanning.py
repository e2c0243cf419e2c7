"""Scanning benchmarks (a script, not a test): python bench/bench_scanning.py [--pages N]

1. Page pipeline time per A4 page at 300 dpi (2480 × 3508), default policy, colour / gray / black-and-white,
   plus the optional deskew and auto-crop passes. Target: ≤ 150 ms per page at the default policy.
2. Bytes per stored page at the default policy (target ≤ 300 KB) for a text page, a colour form and a dense photo.
3. SANE test-backend throughput in pages per minute: `scanimage` (the baseline) and our SANE driver on the same
   device and settings in the same run, then our whole path (driver → pipeline → encrypted blob store).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from clerk_app.pages import pipeline  # noqa: E402
from clerk_app.pages.policy import PagePolicy  # noqa: E402
from devices.scanner.base import ColourMode, PaperSource, ScanSettings  # noqa: E402
from tests.unit.scanning import images  # noqa: E402

A4_300 = (2480, 3508)


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    samples = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, result


def colour_form() -> Image.Image:
    page = images.text_page(*A4_300).convert("RGB")
    from PIL import ImageDraw

    draw = ImageDraw.Draw(page)
    draw.rectangle((200, 200, 1200, 600), fill=(200, 30, 30))  # a red seal-like block
    draw.rectangle((1400, 2800, 2200, 3300), outline=(30, 30, 200), width=12)
    return page


def bench_pipeline(repeat: int) -> None:
    print("== page pipeline, A4 at 300 dpi (2480 x 3508), median of", repeat)
    text = images.text_page(*A4_300).convert("RGB")
    form = colour_form()
    photo = images.photo(*A4_300)
    skewed = images.text_page(*A4_300, angle=2.0).convert("RGB")
    cases = [
        ("text page, default policy (colour kept)", text, PagePolicy()),
        ("colour form, default policy", form, PagePolicy()),
        ("dense photo, default policy", photo, PagePolicy()),
        ("text page, grayscale", text, PagePolicy(mode=ColourMode.GRAY)),
        ("text page, black and white", text, PagePolicy(mode=ColourMode.BW)),
        ("skewed page, + deskew", skewed, PagePolicy(deskew=True)),
        ("text page, + auto-crop", text, PagePolicy(autocrop=True)),
    ]
    for label, image, policy in cases:
        ms, result = timed(lambda image=image, policy=policy: pipeline.process_image(image, policy, 300), repeat)
        print(f"  {label:<42} {ms:7.1f} ms   {len(result.data) / 1000:7.1f} KB   "  # type: ignore[attr-defined]
              f"{result.width}x{result.height} {result.mime}")  # type: ignore[attr-defined]
    small = images.encode(images.text_page(1240, 1754).convert("RGB"), "JPEG", quality=50)
    ms, result = timed(lambda: pipeline.process_bytes(small, PagePolicy()), repeat)
    print(f"  {'already-small JPEG (kept as is)':<42} {ms:7.1f} ms   {len(result.data) / 1000:7.1f} KB   "
          f"kept={result.kept_original} (input {len(small) / 1000:.1f} KB)")  # type: ignore[attr-defined]


def sane_conf(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    conf = Path("/etc/sane.d/test.conf").read_text().replace("geometry_max 200.0", "geometry_max 300.0")
    (folder / "test.conf").write_text(conf)
    return folder


def bench_sane(pages: int, dpi: int) -> None:
    if shutil.which("scanimage") is None:
        print("== SANE: scanimage not installed, skipped")
        return
    work = Path(tempfile.mkdtemp(prefix="bench-sane-"))
    os.environ["SANE_CONFIG_DIR"] = str(sane_conf(work / "conf"))
    print(f"== SANE test backend, {pages} A4 pages, Color pattern, {dpi} dpi, same device test:0")
    started = time.perf_counter()
    subprocess.run(["scanimage", "-d", "test:0", "--mode", "Color", "--test-picture", "Color pattern",
                    "--resolution", str(dpi), "-x", "210", "-y", "297", f"--batch={work}/out%d.pnm",
                    f"--batch-count={pages}"], check=True, capture_output=True, timeout=600)
    base = time.perf_counter() - started
    produced = len(list(work.glob("out*.pnm")))
    rate = produced / base * 60
    print(f"  scanimage (baseline)              {rate:7.1f} pages/min  ({base:.2f} s, {produced} pages)")

    from devices.scanner.sane_driver import SaneDriver
    from devices.scanner.service import ScannerService

    scanners = ScannerService({"sane": SaneDriver})
    try:
        scanners.list_sources()
        driver = scanners.driver("sane")
        driver.backend_options["test:0"] = {"test_picture": "Color pattern"}  # type: ignore[union-attr]
        settings = ScanSettings(resolution=dpi, mode=ColourMode.COLOUR)
        got: list[object] = []
        started = time.perf_counter()
        for _ in range(pages):
            scanners.scan("sane:test:0", settings, got.append)
        ours = time.perf_counter() - started
        print(f"  our SANE driver (raw pages)        {len(got) / ours * 60:7.1f} pages/min  ({ours:.2f} s)")

        from clerk_app.pages.service import ScanningService
        from offline_cache.blobs import BlobStore
        from offline_cache.crypto import FieldCipher

        blobs = BlobStore(work / "blobs", FieldCipher(os.urandom(32)))
        service = ScanningService(blobs, scanners)
        stored = []
        started = time.perf_counter()
        for _ in range(pages):
            stored.extend(service.scan("sane:test:0", settings))
        full = time.perf_counter() - started
        sizes = [p.size for p in stored]
        print(f"  driver + pipeline + encrypted store {len(stored) / full * 60:6.1f} pages/min  ({full:.2f} s), "
              f"stored {statistics.mean(sizes) / 1000:.1f} KB/page (max {max(sizes) / 1000:.1f} KB)")
        feeder = ScanSettings(resolution=dpi, mode=ColourMode.COLOUR, source=PaperSource.ADF, max_pages=pages)
        started = time.perf_counter()
        batch = service.scan("sane:test:0", feeder)
        adf = time.perf_counter() - started
        print(f"  same, one feeder batch (overlapped) {len(batch) / adf * 60:6.1f} pages/min  ({adf:.2f} s, "
              f"{len(batch)} pages)")
    finally:
        scanners.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()
    bench_pipeline(args.repeat)
    bench_sane(args.pages, args.dpi)


if __name__ == "__main__":
    main()
