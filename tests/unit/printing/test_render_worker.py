"""The render worker (printing/render_worker.py): papers render in a real child process, byte for byte as in this
process; a worker killed mid-render is replaced and the render retried; one that cannot start at all leaves the
rendering to this process; an idle one ends and the next paper starts another; the GUI process loads none of the
paper libraries."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import pytest

from printing.model import DocumentKind
from printing.render_worker import RenderWorker, resolve
from tests.stack import process_alive, wait_until
from tests.unit.printing.helpers import context

ROOT = Path(__file__).resolve().parents[3]
RENDER = "printing.render:render_document"
PAPER_LIBRARIES = ("reportlab", "qrcode", "barcode", "pikepdf", "img2pdf", "printing.fonts", "printing.render")


def die_once_then_render(marker: str, kind: DocumentKind) -> bytes:
    """In the worker: the first call is killed with SIGKILL in the middle of its request, the retry renders."""
    if not Path(marker).exists():
        Path(marker).write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    from printing.render import render_document

    return render_document(context(kind))


def always_die(kind: DocumentKind) -> bytes:
    """In the worker: a paper that kills every worker it reaches (a crash in a native library, say)."""
    del kind
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def _never_starts() -> None:
    os._exit(3)  # the child exits before it can take a request: as a worker that cannot start


def _broken_pool() -> Executor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_never_starts)


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    made = RenderWorker(packages=("printing.", "tests.unit.printing."))
    yield made
    made.stop()



def test_papers_render_in_another_process_byte_for_byte(worker: RenderWorker) -> None:
    for kind in (DocumentKind.THERMAL_RECEIPT, DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.ONE_TIME_NOTICE):
        ctx = context(kind)
        assert worker.call(RENDER, ctx) == resolve(RENDER)(ctx)
        assert worker.call("printing.render:media_option", ctx) == resolve("printing.render:media_option")(ctx)
    assert worker.pid() != os.getpid()
    assert worker.starts == 1 and worker.fallbacks == 0


def test_an_error_of_the_paper_reaches_the_caller_as_raised(worker: RenderWorker) -> None:
    with pytest.raises(ValueError, match="case number"):
        worker.call(RENDER, context(DocumentKind.THERMAL_RECEIPT, number=""))
    assert worker.call(RENDER, context(DocumentKind.THERMAL_RECEIPT)).startswith(b"%PDF")
    assert worker.starts == 1  # the worker survived the error


def test_only_rendering_functions_are_sent(worker: RenderWorker) -> None:
    with pytest.raises(ValueError):
        worker.call("os:system", "true")
    assert not worker.running


def test_a_worker_killed_mid_render_is_replaced_and_the_render_retried(worker: RenderWorker, tmp_path: Path,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    marker = tmp_path / "killed"
    with caplog.at_level(logging.WARNING, "onewindow.printing"):
        pdf = worker.call("tests.unit.printing.test_render_worker:die_once_then_render", str(marker),
                          DocumentKind.THERMAL_RECEIPT)
    assert pdf == resolve(RENDER)(context(DocumentKind.THERMAL_RECEIPT))
    killed = int(marker.read_text())
    assert not process_alive(killed) and worker.pid() != killed
    assert worker.starts == 2 and worker.fallbacks == 0
    assert "died" in caplog.text and "张三丰" not in caplog.text


def test_a_worker_that_cannot_start_leaves_the_paper_to_this_process(caplog: pytest.LogCaptureFixture) -> None:
    worker = RenderWorker(pool_factory=_broken_pool)
    ctx = context(DocumentKind.THERMAL_RECEIPT)
    with caplog.at_level(logging.WARNING, "onewindow.printing"):
        pdf = worker.call(RENDER, ctx)
    assert pdf == resolve(RENDER)(ctx)
    assert worker.starts == 3 and worker.fallbacks == 1  # started, retried, a bare start tried, rendered here
    assert "cannot start" in caplog.text and "张三丰" not in caplog.text
    assert worker.call(RENDER, ctx) == pdf
    assert worker.starts == 3 and worker.fallbacks == 2, "the next papers do not try again at once"
    worker.retry_start_s = 0.0  # the retry period is over
    assert worker.call(RENDER, ctx) == pdf
    assert worker.starts == 6 and worker.fallbacks == 3
    worker.stop()


def test_a_paper_that_kills_every_worker_is_refused_not_rendered_here(worker: RenderWorker,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    """Rendering it in this process would take the window down with it: the clerk is told, the worker lives on."""
    from printing.errors import PaperNotRendered

    with caplog.at_level(logging.WARNING, "onewindow.printing"), pytest.raises(PaperNotRendered):
        worker.call("tests.unit.printing.test_render_worker:always_die", DocumentKind.THERMAL_RECEIPT)
    assert worker.fallbacks == 0 and worker.starts == 3
    assert "refused" in caplog.text
    assert worker.call(RENDER, context(DocumentKind.THERMAL_RECEIPT)).startswith(b"%PDF")  # the next paper prints


def test_an_idle_worker_ends_and_the_next_paper_starts_another(worker: RenderWorker) -> None:
    first = worker.pid()
    assert not worker.stop_if_idle()  # used just now (idle_s is ten minutes)
    worker.idle_s = 0.0
    assert worker.stop_if_idle()
    assert not worker.running and not process_alive(first)
    worker.idle_s = 600.0  # (with 0 the idle timer armed by the next call would end it at once)
    assert worker.call(RENDER, context(DocumentKind.THERMAL_RECEIPT)).startswith(b"%PDF")
    assert worker.pid() != first and worker.starts == 2


def test_the_worker_ends_with_a_parent_that_ends_without_its_exit_handlers(tmp_path: Path) -> None:
    """A GUI killed or ended by ``os._exit`` (bench_day does) leaves no worker behind holding its pipes."""
    script = textwrap.dedent("""
        import os, sys
        from printing.render_worker import RenderWorker

        worker = RenderWorker()
        print(worker.pid(), flush=True)
        os._exit(0)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)  # returns only once no process holds the captured pipes
    assert done.returncode == 0, done.stderr[-3000:]
    assert wait_until(lambda: not process_alive(int(done.stdout.split()[0])), timeout=30)


def test_warming_up_loads_the_papers_code_in_the_worker(worker: RenderWorker) -> None:
    worker.warm_up()
    loaded = worker.call("printing.render_worker:loaded_modules")  # queued after the warm-up
    assert {"reportlab", "printing.render", "printing.guide_pdf", "printing.material_pdf"} <= set(loaded)
    assert worker.starts == 1


def test_the_gui_process_renders_without_loading_the_paper_libraries(tmp_path: Path) -> None:
    """A receipt and an A4 notice printed through the PrintService, a watermarked material PDF and the customer
    screen's QR, from a script that (like main.py) imports Qt only when run: the script's process never loads reportlab,
    the CJK font, qrcode, python-barcode, pikepdf or img2pdf, and the worker (spawned: it re-imports the
    script as ``__mp_main__``, not its ``__main__`` block) never loads Qt or the ui."""
    script = tmp_path / "gui_like.py"
    script.write_text(textwrap.dedent(f"""
        import json, sys
        import main  # the GUI's entry module: its import brings nothing heavy

        if __name__ == "__main__":
            from PySide6.QtWidgets import QApplication
            app = QApplication([])
            import dataclasses
            from clerk_app.context import open_workstation
            from clerk_app.pages.pdf import PdfPage, assemble_pdf, watermark_text
            from clerk_app.paths import resolve_paths
            from clerk_app.print_service import PrintService
            from printing.model import DocumentKind
            from printing.render_worker import default_worker, render
            from tests.unit.printing.helpers import RecordingSpooler, context, insert_case
            from tests.unit.scanning import images

            ws = open_workstation(resolve_paths(sys.argv[1]))
            ws = dataclasses.replace(ws, config=ws.config.with_overrides(printing__receipt_printer="Thermal-80"))
            with ws.db.transaction() as conn:
                case = insert_case(conn, "33030200101202611220007")
            spooler = RecordingSpooler()
            service = PrintService(ws, spooler)
            receipt = service.print_document(case, context(DocumentKind.THERMAL_RECEIPT), "clerk7")
            notice = service.print_document(case, context(DocumentKind.ACCEPTANCE_NOTICE), "clerk7")
            jpeg = images.encode(images.text_page(300, 420).convert("RGB"), "JPEG", quality=40)
            material = assemble_pdf([PdfPage(jpeg), PdfPage(jpeg, 90)], watermark=watermark_text())
            qr = render("printing.codes:qr_matrix", "https://pj.example/e?n=N1&c=K7QX2M")  # the customer screen's
            worker = default_worker().call("printing.render_worker:loaded_modules")
            ws.close()
            print(json.dumps({{
                "gui": sorted(m for m in {PAPER_LIBRARIES!r} if m in sys.modules),
                "worker_qt": sorted(m for m in worker if m.startswith(("PySide6", "shiboken6", "ui"))),
                "worker_paper": sorted(m for m in {PAPER_LIBRARIES!r} if m in worker),
                "pdfs": [receipt.pdf[:5].decode(), notice.pdf[:5].decode(), material[:5].decode()],
                "media": spooler.media,
                "fallbacks": default_worker().fallbacks,
                "qr": [len(qr), len(qr[0]), type(qr[0][0]).__name__],
            }}))
    """))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "home")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state["gui"] == [], state["gui"]
    assert state["worker_qt"] == [], state["worker_qt"]
    assert set(state["worker_paper"]) >= {"reportlab", "qrcode", "barcode", "pikepdf", "img2pdf"}
    assert state["pdfs"] == ["%PDF-"] * 3
    assert state["media"][0].startswith("Custom.80x") and state["media"][1] == "A4"
    assert state["fallbacks"] == 0
    assert state["qr"][0] == state["qr"][1] >= 21 and state["qr"][2] == "bool"


def test_closing_the_workstation_ends_the_worker_in_order(services, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not left to the interpreter's exit, where it would run beside Qt's teardown."""
    from printing.render_worker import default_worker

    services.printing.preview(context(DocumentKind.THERMAL_RECEIPT))
    assert default_worker().running
    services.printing.close()
    assert not default_worker().running
    closed: list[str] = []
    monkeypatch.setattr(services.printing, "close", lambda: closed.append("render worker"))
    services.close()
    assert closed == ["render worker"]
