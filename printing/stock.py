"""Templates of results printed on pre-printed stock (证照 on the issuing department's printed forms).

The stock already carries the frame, the national emblem and every label; the window prints only the variable
values, each at a fixed place. Where they go is data, one JSON file per layout (``printing/stock_templates``,
overridable per site by a folder of its own), so a site whose stock differs edits a file, not the code::

    {"format": "onewindow.stock-template", "version": 1, "id": "business_licence", "title": "营业执照（副本）",
     "kinds": ["营业执照"], "paper": {"width_mm": 297, "height_mm": 210},
     "fields": [{"name": "holder_name", "label": "名称", "x_mm": 62, "y_mm": 58, "font_size": 12,
                 "max_width_mm": 90, "max_lines": 1, "align": "left"},
                {"name": "elicence_id", "kind": "qr", "x_mm": 240, "y_mm": 30, "size_mm": 28}]}

Positions are millimetres from the stock's top-left corner (what a clerk measures with a ruler): a text field's
box starts there (its first line's top), a QR code's square too. ``kinds`` are the catalog's result names (the
item's 办理结果名称) the layout serves. A field's ``name`` is one the window knows (``WINDOW_FIELDS``) or
``licence.<key>``, a data item the platform sent with the e-licence. Every rule is checked when the file is
loaded, and a broken file is refused naming the file, the field and the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from clerk_app.errors import PrintError
from clerk_app.i18n import QT_TRANSLATE_NOOP

FORMAT = "onewindow.stock-template"
VERSION = 1

# What the window fills in from the case and the platform's decision (display text, made by
# clerk_app.acceptance.result_papers).
WINDOW_FIELDS = {
    "holder_name": "持证人（名称）",
    "holder_id": "证件号码 / 统一社会信用代码",
    "item_name": "事项名称",
    "licence_number": "证照编号",
    "elicence_id": "电子证照标识",
    "issuer": "发证机关",
    "issue_date": "发证日期",
    "valid_until": "有效期至",
    "case_number": "办件编号",
    "decision_number": "决定文号",
}
_LICENCE_KEY = re.compile(r"^licence\.[A-Za-z0-9_\u4e00-\u9fff]{1,40}$")
_ID = re.compile(r"^[a-z0-9_]{1,40}$")
ALIGNS = ("left", "centre", "right")
MIN_FONT, MAX_FONT = 6.0, 36.0
MAX_PAPER_MM = 500.0


MAX_OFFSET_MM = 25.0
SCALE_RANGE = (0.9, 1.1)


@dataclass(frozen=True)
class Calibration:
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    scale: float = 1.0

    def __post_init__(self) -> None:
        if abs(self.offset_x_mm) > MAX_OFFSET_MM or abs(self.offset_y_mm) > MAX_OFFSET_MM:
            raise ValueError(f"offsets beyond ±{MAX_OFFSET_MM:g} mm are not a printer's shift: measure again")
        if not SCALE_RANGE[0] <= self.scale <= SCALE_RANGE[1]:
            raise ValueError("a scale outside 0.9–1.1 is not a printer's error: measure again")

    def place(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        """Where a template point is drawn (mm from the top-left corner)."""
        return x_mm * self.scale + self.offset_x_mm, y_mm * self.scale + self.offset_y_mm

    @property
    def is_identity(self) -> bool:
        return self.offset_x_mm == 0 and self.offset_y_mm == 0 and self.scale == 1



class TemplateInvalid(PrintError):
    message = QT_TRANSLATE_NOOP("errors", "The certificate template {source} cannot be used: {where}: {reason}. "
                                "Correct the file (or remove it to use the shipped template).")

    def __init__(self, source: str, where: str, reason: str) -> None:
        super().__init__(source=source, where=where, reason=reason)
        self.source, self.where, self.reason = source, where, reason


class FieldDoesNotFit(PrintError):
    message = QT_TRANSLATE_NOOP("errors", "“{label}” does not fit its place on the {title} stock even at the "
                                "smallest type: check the value, or widen the field in the template.")


class MissingField(PrintError):
    message = QT_TRANSLATE_NOOP("errors", "The {title} needs “{label}”, which this case does not have yet "
                                "(the platform has not sent it): the certificate cannot be printed.")


@dataclass(frozen=True)
class StockField:
    name: str
    label: str
    x_mm: float
    y_mm: float
    kind: str = "text"  # text | qr
    font_size: float = 11.0
    max_width_mm: float = 0.0  # text: the box width (required)
    max_lines: int = 1
    align: str = "left"
    size_mm: float = 0.0  # qr: the square's side (required)
    required: bool = True


@dataclass(frozen=True)
class StockTemplate:
    template_id: str
    title: str
    kinds: tuple[str, ...]
    width_mm: float
    height_mm: float
    fields: tuple[StockField, ...]
    source: str = ""


def _number(source: str, where: str, raw: dict[str, Any], key: str, low: float, high: float,
            default: float | None = None) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TemplateInvalid(source, where, f"{key} must be a number")
    if not low <= float(value) <= high:
        raise TemplateInvalid(source, where, f"{key} must be between {low:g} and {high:g}")
    return float(value)


def _field(source: str, index: int, raw: Any, width: float, height: float) -> StockField:
    where = f"fields[{index}]"
    if not isinstance(raw, dict):
        raise TemplateInvalid(source, where, "a field must be an object")
    name = raw.get("name")
    if not isinstance(name, str) or not (name in WINDOW_FIELDS or _LICENCE_KEY.match(name)):
        raise TemplateInvalid(source, where, "name must be one of " + ", ".join(WINDOW_FIELDS)
                              + " or licence.<key>")
    where = f"field {name}"
    unknown = set(raw) - {"name", "label", "kind", "x_mm", "y_mm", "font_size", "max_width_mm", "max_lines",
                          "align", "size_mm", "required"}
    if unknown:
        raise TemplateInvalid(source, where, "unknown key " + ", ".join(sorted(unknown)))
    label = raw.get("label", WINDOW_FIELDS.get(name, name.removeprefix("licence.")))
    if not isinstance(label, str) or not 0 < len(label) <= 40:
        raise TemplateInvalid(source, where, "label must be a short text")
    kind = raw.get("kind", "text")
    if kind not in ("text", "qr"):
        raise TemplateInvalid(source, where, "kind must be text or qr")
    x = _number(source, where, raw, "x_mm", 0, width)
    y = _number(source, where, raw, "y_mm", 0, height)
    required = raw.get("required", True)
    if not isinstance(required, bool):
        raise TemplateInvalid(source, where, "required must be true or false")
    if kind == "qr":
        size = _number(source, where, raw, "size_mm", 10, 80)
        if x + size > width or y + size > height:
            raise TemplateInvalid(source, where, "the QR square runs off the stock")
        return StockField(name, label, x, y, "qr", size_mm=size, required=required)
    font = _number(source, where, raw, "font_size", MIN_FONT, MAX_FONT)
    box = _number(source, where, raw, "max_width_mm", 5, width)
    lines = raw.get("max_lines", 1)
    if isinstance(lines, bool) or not isinstance(lines, int) or not 1 <= lines <= 8:
        raise TemplateInvalid(source, where, "max_lines must be a whole number from 1 to 8")
    align = raw.get("align", "left")
    if align not in ALIGNS:
        raise TemplateInvalid(source, where, "align must be left, centre or right")
    if x + box > width + 1e-6:
        raise TemplateInvalid(source, where, "x_mm + max_width_mm runs off the stock")
    if y + lines * font * 1.25 * 25.4 / 72 > height + 1e-6:
        raise TemplateInvalid(source, where, "its lines run off the bottom of the stock")
    return StockField(name, label, x, y, "text", font, box, lines, align, required=required)


def parse_template(data: Any, source: str) -> StockTemplate:
    """A checked template from its JSON value; ``TemplateInvalid`` names the first rule it breaks."""
    if not isinstance(data, dict):
        raise TemplateInvalid(source, "the file", "it must hold one JSON object")
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise TemplateInvalid(source, "format", f"expected format {FORMAT!r} version {VERSION}")
    template_id = data.get("id")
    if not isinstance(template_id, str) or not _ID.match(template_id):
        raise TemplateInvalid(source, "id", "id must be lower-case letters, digits and _")
    title = data.get("title")
    if not isinstance(title, str) or not 0 < len(title) <= 60:
        raise TemplateInvalid(source, "title", "title must be a short text")
    kinds = data.get("kinds")
    if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) and k for k in kinds):
        raise TemplateInvalid(source, "kinds", "kinds must list the result names the template serves")
    paper = data.get("paper")
    if not isinstance(paper, dict):
        raise TemplateInvalid(source, "paper", "paper must give width_mm and height_mm")
    width = _number(source, "paper", paper, "width_mm", 50, MAX_PAPER_MM)
    height = _number(source, "paper", paper, "height_mm", 50, MAX_PAPER_MM)
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise TemplateInvalid(source, "fields", "fields must be a non-empty list")
    fields = tuple(_field(source, i, f, width, height) for i, f in enumerate(raw_fields))
    names = [f.name for f in fields]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise TemplateInvalid(source, f"field {duplicate}", "appears twice")
    return StockTemplate(template_id, title, tuple(kinds), width, height, fields, source)


def load_template(path: Path) -> StockTemplate:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateInvalid(path.name, "the file", f"it cannot be read ({type(exc).__name__})") from None
    except json.JSONDecodeError as exc:
        raise TemplateInvalid(path.name, f"line {exc.lineno}", "it is not valid JSON") from None
    return parse_template(data, path.name)


def shipped_template_files() -> list[Path]:
    folder = resources.files("printing") / "stock_templates"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json"))


class TemplateLibrary:
    """The templates by result kind: the shipped ones, then a site folder's (a site file serving a kind replaces
    the shipped template of that kind). Loading checks every file; one broken file is refused as a whole."""

    def __init__(self, templates: Iterable[StockTemplate]) -> None:
        self._by_kind: dict[str, StockTemplate] = {}
        for template in templates:
            for kind in template.kinds:
                self._by_kind[kind] = template

    @classmethod
    def load(cls, site_folder: Path | None = None) -> TemplateLibrary:
        files = shipped_template_files()
        if site_folder is not None and site_folder.is_dir():
            files += sorted(site_folder.glob("*.json"))
        return cls(load_template(path) for path in files)

    def for_kind(self, kind: str) -> StockTemplate | None:
        return self._by_kind.get(kind)

    def kinds(self) -> list[str]:
        return sorted(self._by_kind)

    def templates(self) -> list[StockTemplate]:
        return sorted({t.template_id: t for t in self._by_kind.values()}.values(), key=lambda t: t.template_id)


# The calibration page's marks (mm from the top-left corner of an A4 sheet) and its scale bar.
MARK_A = (20.0, 20.0)
MARK_B = (190.0, 277.0)


def calibration_from_marks(a_measured: tuple[float, float],
                           b_measured: tuple[float, float] | None = None) -> Calibration:
    """The correction from where the calibration page's crosses came out (mm from the left and top edges). With
    cross A only: an offset at scale 1. With both: the printer's scale too (one factor, the mean of both axes).

    The printer maps an intended point q to m·q + c; the correction draws p at (p − c)/m."""
    if b_measured is None:
        return Calibration(round(MARK_A[0] - a_measured[0], 2), round(MARK_A[1] - a_measured[1], 2))
    mx = (b_measured[0] - a_measured[0]) / (MARK_B[0] - MARK_A[0])
    my = (b_measured[1] - a_measured[1]) / (MARK_B[1] - MARK_A[1])
    m = (mx + my) / 2
    cx, cy = a_measured[0] - m * MARK_A[0], a_measured[1] - m * MARK_A[1]
    return Calibration(round(-cx / m, 2), round(-cy / m, 2), round(1 / m, 4))
