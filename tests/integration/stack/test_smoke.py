"""One smoke test per real component, so every later feature starts from a working stack."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import textwrap
import tty
from pathlib import Path

import pytest

from tests.stack import require

pytestmark = pytest.mark.integration


def test_secret_service_keeps_the_data_key(secret_service, tmp_path):
    import keyring

    from clerk_app.context import open_workstation
    from clerk_app.paths import resolve_paths
    from clerk_app.security.keys import DATA_KEY_USER, SERVICE

    ws = open_workstation(resolve_paths(tmp_path / "home"))
    try:
        assert ws.key_source is not None and ws.key_source.is_os_keystore
        assert "SecretService" in ws.key_source.backend
        assert keyring.get_password(SERVICE, DATA_KEY_USER)
        assert not (ws.paths.data_dir / ".data-key").exists()
    finally:
        ws.close()


def test_pcsc_lists_the_virtual_reader(pcscd):
    from smartcard.System import readers

    names = [str(r) for r in readers()]
    assert any(name.startswith("Virtual PCD") for name in names), names


def test_sane_test_device_returns_an_image(sane_env, tmp_path):
    # A fresh process: libsane is process-global, and the driver tests may hold it on their own thread.
    script = textwrap.dedent(f"""
        import sane
        sane.init()
        device = sane.open("test:0")
        device.mode = "Color"
        device.resolution = 75
        device.scan().save({str(tmp_path / "scan.png")!r})
        device.close()
        sane.exit()
    """)
    env = dict(os.environ, SANE_CONFIG_DIR=str(sane_env))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    from PIL import Image

    with Image.open(tmp_path / "scan.png") as image:
        assert image.size[0] > 100 and image.size[1] > 100


def _tiny_pdf(path: Path, text: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from printing.fonts import register_cjk_font

    font = register_cjk_font()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(font.name, 16)
    pdf.drawString(72, 760, text)
    pdf.showPage()
    pdf.save()


def test_cups_pdf_queue_writes_a_file(cups_pdf, tmp_path):
    import cups

    source = tmp_path / "smoke.pdf"
    _tiny_pdf(source, "打印测试 CUPS smoke")
    job = cups.Connection().printFile(cups_pdf.queue, str(source), "smoke", {})
    output = cups_pdf.wait_for_output(job)
    assert output.read_bytes().startswith(b"%PDF")


def test_poppler_and_zbar_decode_codes_from_a_pdf(tmp_path):
    for tool in ("pdftoppm", "zbarimg"):
        if subprocess.run(["which", tool], capture_output=True).returncode:
            require(tool, "not installed")
    import qrcode
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf_path = tmp_path / "codes.pdf"
    pdf = canvas.Canvas(str(pdf_path))
    code128.Code128("330302001-01-20261122-0001", barWidth=0.5 * mm, barHeight=15 * mm).drawOn(pdf, 40, 700)
    buffer = io.BytesIO()
    qrcode.make("ZBAR-SMOKE-QR").save(buffer, format="PNG")
    pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 40, 450, 150, 150)
    pdf.showPage()
    pdf.save()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf_path), str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True).stdout
    assert "330302001-01-20261122-0001" in decoded
    assert "ZBAR-SMOKE-QR" in decoded


def test_serial_pty_round_trip():
    import serial

    master, slave = pty.openpty()
    tty.setraw(slave)
    port = serial.Serial(os.ttyname(slave), 115200, timeout=1)
    try:
        port.write(b"\xaa\xaa\xaa\x96\x69\x00\x03\x11\xff\xed")
        assert os.read(master, 10) == b"\xaa\xaa\xaa\x96\x69\x00\x03\x11\xff\xed"
        os.write(master, b"pong")
        assert port.read(4) == b"pong"
    finally:
        port.close()
        os.close(master)
        os.close(slave)


def test_real_window_on_xvfb_renders_chinese(xvfb, tmp_path):
    shot = tmp_path / "xvfb.png"
    script = textwrap.dedent(f"""
        import main
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication
        app = main.run(["--no-crash-dialog", "--no-single-instance", "--home", {str(tmp_path / 'home')!r}],
                       exec=False)
        def shoot():
            QGuiApplication.primaryScreen().grabWindow(0).save({str(shot)!r})
            app.qapp.quit()
        QTimer.singleShot(800, shoot)
        app.qapp.exec()
        app.shutdown()
    """)
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb")
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[3])
    assert result.returncode == 0, result.stderr[-2000:]
    from PIL import Image

    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20, "the screen is blank"
