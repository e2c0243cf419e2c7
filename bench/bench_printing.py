"""Receipt PDF generation against a bare reportlab page with the same text, measured in the same run.

Targets (issue 5): the receipt takes at most 3x the bare page and at most 50 ms. Run:
``.venv/bin/python bench/bench_printing.py [rounds]``. Prints medians and p90 in milliseconds.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from clerk_app.domain.case import MaterialState  # noqa: E402
from printing.fonts import register_cjk_font  # noqa: E402
from printing.model import DocumentContext, DocumentKind, MaterialRow  # noqa: E402
from printing.receipt import PAPER_W, receipt_lines  # noqa: E402
from printing.render import render_document  # noqa: E402


def sample(kind: DocumentKind, seq: int) -> DocumentContext:
    return DocumentContext(
        kind=kind, case_number=f"330302001012026112{seq:05d}", verification_code="K7QX2M",
        centre_name="培训演示便民服务中心", window_name="综合受理1号窗口", clerk_name="王小明",
        applicant_name="张三丰", applicant_id_label="居民身份证", applicant_id_display="110105********0021",
        item_names=("食品经营许可（新办）",), accepted_at=datetime(2026, 11, 22, 9, 35),
        materials=(MaterialRow("营业执照（副本）", MaterialState.RECEIVED, True, 1),),
        promised_date=date(2026, 12, 4), handling_type="承诺件",
    )


def bare_page(ctx: DocumentContext) -> bytes:
    """The same text lines on an 80 mm page in the same embedded font: no codes, no layout logic."""
    font = register_cjk_font().name
    lines = [ctx.centre_name, ctx.title, *[text.replace("\t", " ") for text, _ in receipt_lines(ctx)]]
    height = 20 * mm + len(lines) * 4.6 * mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAPER_W, height), invariant=1)
    y = height - 8 * mm
    for line in lines:
        canvas.setFont(font, 9)
        canvas.drawString(4 * mm, y, line)
        y -= 4.6 * mm
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def measure(fn: Callable[[int], bytes], rounds: int) -> list[float]:
    timings = []
    for index in range(rounds):
        start = time.perf_counter()
        fn(index)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def describe(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return f"{name:<24} median {statistics.median(timings):7.2f} ms   p90 {p90:7.2f} ms   min {ordered[0]:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rounds", nargs="?", type=int, default=200, help="documents per kind (default 200)")
    rounds = parser.parse_args().rounds
    started = time.perf_counter()
    register_cjk_font()
    print(f"font registration (once): {(time.perf_counter() - started) * 1000:.1f} ms")
    # Warm both paths (first document pays for glyph subsetting caches).
    bare_page(sample(DocumentKind.THERMAL_RECEIPT, 0))
    render_document(sample(DocumentKind.THERMAL_RECEIPT, 0))
    # Interleave to share any machine noise fairly, distinct numbers so nothing is cached per number.
    bare: list[float] = []
    receipt: list[float] = []
    for index in range(rounds):
        bare += measure(lambda _i, n=index: bare_page(sample(DocumentKind.THERMAL_RECEIPT, n + 1)), 1)
        receipt += measure(lambda _i, n=index: render_document(sample(DocumentKind.THERMAL_RECEIPT, n + 1)), 1)
    a4 = measure(lambda n: render_document(sample(DocumentKind.ACCEPTANCE_NOTICE, n + 1)), max(rounds // 4, 10))
    print(describe("bare reportlab page", bare))
    print(describe("80 mm receipt", receipt))
    print(describe("A4 受理通知书", a4))
    ratio = statistics.median(receipt) / statistics.median(bare)
    ok = ratio <= 3.0 and statistics.median(receipt) <= 50.0
    print(f"receipt / bare = {ratio:.2f}x (target <= 3x and <= 50 ms): {'OK' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
