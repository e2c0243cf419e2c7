"""``main.py diag printer``: routing report and a real sample print through CUPS that zbar can read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import main
from clerk_app.domain.numbering import parse_case_number, parse_qr_payload
from tests.integration.printing.test_cups_printing import decode

pytestmark = pytest.mark.integration


def test_routing_and_sample_receipt(cups_pdf, ow_home: Path, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    config = ow_home / "config" / "onewindow.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[printing]\nreceipt_printer = "{cups_pdf.queue}"\na4_printer = "{cups_pdf.queue}"\n',
                      encoding="utf-8")
    from clerk_app.paths import resolve_paths

    assert resolve_paths(ow_home).config_file == config
    assert main.run(["diag", "printer", "--print", "thermal_receipt", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert cups_pdf.queue in report["printers"]
    assert report["routing"]["thermal_receipt"] == cups_pdf.queue
    sample = report["sample"]
    assert sample["state"] == "completed" and sample["printer"] == cups_pdf.queue
    printed = cups_pdf.wait_for_output(int(sample["job"]))
    copy = tmp_path / "sample.pdf"
    shutil.copy(printed, copy)
    printed.unlink()
    found = decode(copy, tmp_path)
    assert found["CODE-128"] == [sample["case_number"]]
    number, _code = parse_qr_payload(found["QR-Code"][0])
    assert number == sample["case_number"] and parse_case_number(number).sequence == 1
