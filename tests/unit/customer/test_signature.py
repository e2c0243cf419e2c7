"""Signatures (签批) Qt-free: stored encrypted with the case, once per paper, queued for the platform like a scan, and
drawn at the paper's signature line."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime

import pytest
from PIL import Image, ImageDraw

from clerk_app.customer.signature import (
    PNG_MAGIC,
    AlreadySigned,
    NotASignature,
    SignatureDesk,
    papers_to_sign,
)
from printing.model import DocumentKind
from printing.templates import render_a4
from tests.unit.printing.helpers import context
from tests.unit.sync.factory import make_case


def stroke_png(width: int = 600, height: int = 200) -> bytes:
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(20, 150), (120, 40), (220, 160), (320, 50), (420, 150)], fill=(0, 0, 0, 255), width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def desk_for(workstation) -> SignatureDesk:
    return SignatureDesk(workstation.db, workstation.blobs, window_code="01", clerk_id="clerk-07",
                         clock=lambda: datetime(2026, 12, 1, 10, 30).astimezone())


def test_a_screen_signature_is_stored_encrypted_with_the_case_and_queued_once(workstation) -> None:
    case = make_case(workstation, pages=1, page_bytes=500)
    desk = desk_for(workstation)
    png = stroke_png()
    signed = desk.sign_on_screen(case["case_uuid"], "deficiency_commitment", png)

    assert signed.method == "screen" and signed.sha256
    on_disk = workstation.blobs.path_for(signed.sha256).read_bytes()
    assert PNG_MAGIC not in on_disk and b"IHDR" not in on_disk, "the stroke image is stored encrypted"
    assert workstation.blobs.get(signed.sha256) == png
    linked = workstation.db.query("SELECT role, details FROM case_blobs WHERE case_uuid = ? AND sha256 = ?",
                                  (case["case_uuid"], signed.sha256))
    assert [(r["role"], json.loads(r["details"])["document_kind"]) for r in linked] == [
        ("signature", "deficiency_commitment")]

    rows = workstation.db.query("SELECT kind, action_uuid, payload FROM outbox WHERE kind = 'signature'")
    assert len(rows) == 1 and rows[0]["action_uuid"] == signed.signature_uuid
    payload = json.loads(rows[0]["payload"])
    assert payload["materials"] == [{"material_code": "signature:deficiency_commitment", "files": [signed.sha256]}]
    assert (payload["case_number"], payload["clerk_id"], payload["window_code"], payload["method"]) == (
        case["case_number"], "clerk-07", "01", "screen")
    assert "applicant" not in payload and "11010519491231002X" not in rows[0]["payload"]

    with pytest.raises(AlreadySigned):
        desk.sign_on_screen(case["case_uuid"], "deficiency_commitment", stroke_png(400, 100))
    with pytest.raises(AlreadySigned):
        desk.sign_on_paper(case["case_uuid"], "deficiency_commitment")
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'signature'")[0][0] == 1
    assert desk.image_of(case["case_uuid"], "deficiency_commitment") == (png, False)


def test_a_paper_signature_is_recorded_without_an_image(workstation) -> None:
    case = make_case(workstation, pages=1, page_bytes=500)
    desk = desk_for(workstation)
    signed = desk.sign_on_paper(case["case_uuid"], "one_time_notice")
    assert (signed.method, signed.sha256) == ("paper", None)
    assert desk.signatures(case["case_uuid"])["one_time_notice"].method == "paper"
    assert desk.image_of(case["case_uuid"], "one_time_notice") == (None, True)
    payload = json.loads(workstation.db.query("SELECT payload FROM outbox WHERE kind = 'signature'")[0][0])
    assert payload["method"] == "paper" and payload["materials"] == [] and payload["sha256"] is None


def test_what_is_not_a_stroke_image_or_not_a_signed_paper_is_refused(workstation) -> None:
    case = make_case(workstation, pages=1, page_bytes=500)
    desk = desk_for(workstation)
    with pytest.raises(NotASignature):
        desk.sign_on_screen(case["case_uuid"], "deficiency_commitment", b"GIF89a not a png")
    with pytest.raises(ValueError):
        desk.sign_on_paper(case["case_uuid"], "acceptance_notice")
    assert workstation.db.query("SELECT count(*) FROM case_signatures")[0][0] == 0


def test_papers_to_sign_follow_the_decision() -> None:
    assert papers_to_sign("accept_with_deficiency") == ("deficiency_commitment",)
    assert papers_to_sign("one_time_notice") == ("one_time_notice",)
    assert papers_to_sign("accept") == () and papers_to_sign("reject") == ()


def _images(pdf: bytes) -> int:
    return len(re.findall(rb"/Subtype\s*/Image", pdf))


@pytest.mark.parametrize("kind", [DocumentKind.DEFICIENCY_COMMITMENT, DocumentKind.ONE_TIME_NOTICE,
                                  DocumentKind.DELIVERY_RECEIPT])
def test_the_signature_is_drawn_on_the_paper(kind: DocumentKind) -> None:
    unsigned = render_a4(context(kind))
    signed = render_a4(context(kind, signature_png=stroke_png()))
    assert _images(unsigned) == 0 and _images(signed) >= 1  # the image (and its alpha mask)
