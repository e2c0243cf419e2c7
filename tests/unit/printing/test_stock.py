"""Certificates on pre-printed stock: the shipped templates load and cover the training catalog's paper licence
kinds, a broken template is refused naming the file, the field and the rule; a value goes exactly where the
template puts it, moved by the printer's calibration — MEASURED on the rendered PDF by poppler (pdftotext -bbox)
for text and by locating the calibration page's crosses in a 400 dpi raster (pdftoppm)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from printing.stock import (
    Calibration,
    FieldDoesNotFit,
    MissingField,
    TemplateInvalid,
    TemplateLibrary,
    load_template,
    parse_template,
    shipped_template_files,
)
from printing.stock_render import MARK_A, MARK_B, calibration_from_marks, calibration_page, render_stock

PT_MM = 25.4 / 72
TOLERANCE_MM = 0.2
TRAINING = Path(__file__).resolve().parents[3] / "clerk_app" / "catalog" / "data" / "training.json"
# Cards made centrally by the issuing ministry's card system, never on a window's stock.
CARDS = {"中华人民共和国居民身份证", "临时居民身份证", "社会保障卡", "居住证", "中华人民共和国残疾人证",
         "退役军人优待证"}
EID = "1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3"


def _words(pdf: bytes, tmp_path: Path) -> dict[str, tuple[float, float]]:
    """Each word's top-left corner in mm from the page's top-left, as poppler reads the PDF."""
    path = tmp_path / "measure.pdf"
    path.write_bytes(pdf)
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    return {m[3]: (float(m[1]) * PT_MM, float(m[2]) * PT_MM)
            for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>()([^<]+)</word>', xhtml)
            for m in [(None, m[0], m[1], m[3])]}


def _values(template) -> dict[str, str]:
    return {f.name: (EID if f.kind == "qr" else f"V{i}值") for i, f in enumerate(template.fields)}


def test_the_shipped_templates_load_and_cover_every_paper_licence_kind_of_the_training_catalog():
    library = TemplateLibrary.load()
    catalog = json.loads(TRAINING.read_text(encoding="utf-8"))
    kinds = {i["result"]["name"] for i in catalog["items"] if i["result"]["type"] == "证照"}
    assert kinds - CARDS <= set(library.kinds()), sorted(kinds - CARDS - set(library.kinds()))
    assert len(shipped_template_files()) == len(library.templates()) == 5


@pytest.mark.parametrize("template", TemplateLibrary.load().templates(), ids=lambda t: t.template_id)
@pytest.mark.parametrize("calibration", [Calibration(), Calibration(1.5, -2.25), Calibration(-3.0, 4.0, 1.02)])
def test_every_text_field_lands_where_the_template_and_the_calibration_put_it(template, calibration, tmp_path):
    values = _values(template)
    found = _words(render_stock(template, values, calibration), tmp_path)
    measured = 0
    for field in template.fields:
        if field.kind != "text" or field.align != "left":
            continue
        x, y = found[values[field.name]]
        want_x, want_y = calibration.place(field.x_mm, field.y_mm)
        assert abs(x - want_x) <= TOLERANCE_MM and abs(y - want_y) <= TOLERANCE_MM, (field.name, x, y)
        measured += 1
    assert measured >= 3


def test_the_offset_measured_between_two_renders_equals_the_setting(tmp_path):
    template = TemplateLibrary.load().for_kind("营业执照")
    assert template is not None
    values = _values(template)
    plain = _words(render_stock(template, values), tmp_path)
    moved = _words(render_stock(template, values, Calibration(2.4, -1.6)), tmp_path)
    for word, (x, y) in plain.items():
        dx, dy = moved[word][0] - x, moved[word][1] - y
        assert abs(dx - 2.4) <= TOLERANCE_MM and abs(dy + 1.6) <= TOLERANCE_MM, word


def _cross_centre(png: Path, near_mm: tuple[float, float], dpi: int) -> tuple[float, float]:
    """The centre of the cross near a point: the middle of the dark pixels on the longest row and column."""
    image = Image.open(png).convert("L")
    px = dpi / 25.4
    cx, cy, r = int(near_mm[0] * px), int(near_mm[1] * px), int(10 * px)
    box = image.crop((cx - r, cy - r, cx + r, cy + r))
    w, h = box.size
    data = box.load()
    rows = [sum(1 for x in range(w) if data[x, y] < 128) for y in range(h)]
    cols = [sum(1 for y in range(h) if data[x, y] < 128) for x in range(w)]
    y_hits = [y for y, n in enumerate(rows) if n >= max(rows) * 0.9]
    x_hits = [x for x, n in enumerate(cols) if n >= max(cols) * 0.9]
    return ((cx - r + sum(x_hits) / len(x_hits) + 0.5) / px, (cy - r + sum(y_hits) / len(y_hits) + 0.5) / px)


def test_the_calibration_page_marks_sit_at_their_places_and_the_check_page_moves_them(tmp_path):
    from datetime import datetime

    dpi = 400
    for check, calibration in ((False, Calibration(3.0, -2.0)), (True, Calibration(3.0, -2.0))):
        pdf = tmp_path / f"page-{check}.pdf"
        pdf.write_bytes(calibration_page("cups-pdf", calibration, datetime(2026, 12, 2, 9, 0), check=check))
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", "-gray", str(pdf),
                        str(tmp_path / f"page-{check}")], check=True)
        for mark in (MARK_A, MARK_B):
            want = calibration.place(*mark) if check else mark
            x, y = _cross_centre(tmp_path / f"page-{check}.png", want, dpi)
            assert abs(x - want[0]) <= TOLERANCE_MM and abs(y - want[1]) <= TOLERANCE_MM, (check, mark, x, y)


def test_the_correction_from_the_measured_marks_puts_them_back():
    # A printer that shifts 1.5 mm right and 2 mm up: the crosses came out there; the correction undoes it.
    assert calibration_from_marks((21.5, 18.0)) == Calibration(-1.5, 2.0)
    # ... and one that also prints 1 % large: drawing with the correction lands every point where it belongs.
    m, c = 1.01, (1.5, -2.0)
    measured = [(m * x + c[0], m * y + c[1]) for x, y in (MARK_A, MARK_B)]
    correction = calibration_from_marks(measured[0], measured[1])
    for point in ((20.0, 20.0), (105.0, 148.5), (280.0, 190.0)):
        q = correction.place(*point)
        lands = (m * q[0] + c[0], m * q[1] + c[1])
        assert abs(lands[0] - point[0]) < 0.05 and abs(lands[1] - point[1]) < 0.05


@pytest.mark.parametrize(("change", "where", "reason"), [
    ({"format": "x"}, "format", "expected format"),
    ({"kinds": []}, "kinds", "kinds must list"),
    ({"paper": {"width_mm": 20, "height_mm": 210}}, "paper", "width_mm must be between"),
    ({"fields": [{"name": "nickname", "x_mm": 1, "y_mm": 1, "font_size": 10, "max_width_mm": 20}]}, "fields[0]",
     "name must be one of"),
    ({"fields": [{"name": "holder_name", "x_mm": 290, "y_mm": 1, "font_size": 10, "max_width_mm": 20}]},
     "field holder_name", "runs off the stock"),
    ({"fields": [{"name": "holder_name", "x_mm": 1, "y_mm": 1, "font_size": 60, "max_width_mm": 20}]},
     "field holder_name", "font_size must be between"),
    ({"fields": [{"name": "holder_name", "x_mm": 1, "y_mm": 1, "font_size": 10, "max_width_mm": 20,
                  "colour": "red"}]}, "field holder_name", "unknown key colour"),
    ({"fields": [{"name": "elicence_id", "kind": "qr", "x_mm": 280, "y_mm": 1, "size_mm": 30}]},
     "field elicence_id", "QR square runs off"),
])
def test_a_broken_template_is_refused_naming_the_file_the_place_and_the_rule(change, where, reason, tmp_path):
    data = json.loads(shipped_template_files()[0].read_text(encoding="utf-8"))
    data.update(change)
    path = tmp_path / "site.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateInvalid) as refused:
        load_template(path)
    assert (refused.value.source, refused.value.where) == ("site.json", where)
    assert reason in refused.value.reason
    assert "site.json" in refused.value.user_text() and where in refused.value.user_text()


def test_not_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format":\n  oops}', encoding="utf-8")
    with pytest.raises(TemplateInvalid) as refused:
        load_template(path)
    assert refused.value.where == "line 2"


def test_a_site_template_replaces_the_shipped_one_of_its_kind(tmp_path):
    data = json.loads((shipped_template_files()[0]).read_text(encoding="utf-8"))
    data.update({"id": "site_licence", "title": "营业执照（本地版式）", "kinds": ["营业执照"]})
    (tmp_path / "mine.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    library = TemplateLibrary.load(tmp_path)
    assert library.for_kind("营业执照").title == "营业执照（本地版式）"  # type: ignore[union-attr]
    assert library.for_kind("不动产权证书") is not None


def test_a_long_value_shrinks_to_its_box_and_one_that_cannot_is_refused(tmp_path):
    template = parse_template({"format": "onewindow.stock-template", "version": 1, "id": "t", "title": "测试证",
                               "kinds": ["测试证"], "paper": {"width_mm": 100, "height_mm": 60},
                               "fields": [{"name": "holder_name", "x_mm": 10, "y_mm": 10, "font_size": 12,
                                           "max_width_mm": 30}]}, "t.json")
    pdf = render_stock(template, {"holder_name": "清河区某某商贸有限公司"})  # 11 characters: shrinks to fit 30 mm
    x, _ = _words(pdf, tmp_path)["清河区某某商贸有限公司"]
    xhtml = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    x_max = float(re.search(rb'xMax="([\d.]+)"', xhtml).group(1)) * PT_MM  # type: ignore[union-attr]
    assert abs(x - 10) <= TOLERANCE_MM and x_max <= 40 + TOLERANCE_MM
    with pytest.raises(FieldDoesNotFit):
        render_stock(template, {"holder_name": "很" * 40})
    with pytest.raises(MissingField):
        render_stock(template, {})
