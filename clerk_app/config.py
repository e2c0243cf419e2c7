"""Configuration: every option declared once, with type, default and description.

The file is TOML (``onewindow.toml`` in the config directory), sections map to the dotted prefix of an option key
(``[platform] base_url = ...`` sets ``platform.base_url``). With no file at all the workstation runs in training mode
on embedded defaults. Unknown keys, wrong types, values outside an option's allowed set (``mode = "Training"``),
malformed codes (``window.code = "1x"``) and numbers out of range are all reported together, each naming its key
and what is allowed, so a typo cannot silently change behaviour. Callers read values through the typed accessors
(``get_str``, ``get_int``, ``get_float``, ``get_bool``, ``get_list``, or the properties for the identity of the
window); ``get`` stays for generic code (``as_dict``, ``config show``). UI state (window geometry, splitter
positions) is not configuration and lives in QSettings.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[str, ...] = ()  # a str option: the only values allowed
    pattern: str = ""  # a str option: the form a non-empty value must have (full match)
    form: str = ""  # that form in words, for the error message
    minimum: float | None = None  # an int or float option: the smallest value allowed
    maximum: float | None = None


_OPTIONS: dict[str, Option] = {}


def declare(key: str, type_: type, default: Any, description: str, *, choices: tuple[str, ...] = (),
            pattern: str = "", form: str = "", minimum: float | None = None,
            maximum: float | None = None) -> Option:
    """Declare an option. Modules that own a feature declare its options at import time of ``clerk_app.config``."""
    if key in _OPTIONS:
        raise ValueError(f"option {key!r} declared twice")
    if default is not None and not isinstance(default, type_):
        raise TypeError(f"default of {key!r} is not {type_.__name__}")
    if pattern and not form:
        raise ValueError(f"option {key!r}: say the form of {pattern!r} in words")
    option = Option(key, type_, default, description, choices, pattern, form, minimum, maximum)
    _OPTIONS[key] = option
    problem = _problem(option, default)
    if problem is not None:
        del _OPTIONS[key]
        raise ValueError(f"default of {key!r} is not allowed: {problem}")
    return option


def _problem(option: Option, value: Any) -> ValidationError | None:
    """What is wrong with ``value`` for ``option``, or None."""
    key = option.key
    number = option.type is float and isinstance(value, int) and not isinstance(value, bool)
    if not number and (not isinstance(value, option.type) or (option.type is int and isinstance(value, bool))):
        return ValidationError(QT_TRANSLATE_NOOP("errors", "Configuration option {key} must be of type {type}."),
                               key=key, type=option.type.__name__)
    if option.choices and value not in option.choices:
        return ValidationError(
            QT_TRANSLATE_NOOP("errors", "Configuration option {key} is \"{value}\"; allowed values: {allowed}."),
            key=key, value=value, allowed=", ".join(f'"{c}"' for c in option.choices))
    if option.pattern and value and not re.fullmatch(option.pattern, value):
        return ValidationError(
            QT_TRANSLATE_NOOP("errors", "Configuration option {key} is \"{value}\"; it must be {form}."),
            key=key, value=value, form=translate("config", option.form))
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = option.minimum, option.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            return ValidationError(
                QT_TRANSLATE_NOOP("errors", "Configuration option {key} is {value}; allowed: {low} to {high}."),
                key=key, value=value, low="…" if low is None else _number(low),
                high="…" if high is None else _number(high))
    if option.type is list and not all(isinstance(v, str) for v in value):
        return ValidationError(QT_TRANSLATE_NOOP("errors", "Configuration option {key} must be a list of texts."),
                               key=key)
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def options() -> Iterator[Option]:
    return iter(sorted(_OPTIONS.values(), key=lambda o: o.key))


TRAINING_REGION = "511602000000"  # 清河区, the area of the bundled training catalog


# --- the declarations -------------------------------------------------------------------------------------------
declare("mode", str, "training",
        "'training' (sandbox platform, simulated devices where none are found) or 'production'",
        choices=("training", "production"))
declare("centre.code", str, "330302001", "Code of the service centre (used in case numbers)",
        pattern=r"[0-9]{6,12}", form=QT_TRANSLATE_NOOP("config", "6 to 12 digits"))
declare("centre.region_code", str, "",
        "区划代码 of the centre's area (6 or 12 digits): items of another area are accepted only within their 通办范围 "
        "and marked 跨域通办; empty = every catalog item is this centre's own (training: the training catalog's "
        "511602000000)", pattern=r"(?:[0-9]{6}|[0-9]{12})?",
        form=QT_TRANSLATE_NOOP("config", "6 or 12 digits, or empty"))
declare("centre.name", str, "培训演示便民服务中心", "Name of the service centre, printed on documents")
declare("window.code", str, "01", "Code of this window within the centre (two digits, used in case numbers)",
        pattern=r"[0-9]{2}", form=QT_TRANSLATE_NOOP("config", "two digits"))
declare("window.name", str, "综合受理1号窗口", "Name of this window, printed on documents")
declare("clerk.default_id", str, "trainee", "Clerk account used in training mode before anybody logs in")
declare("security.idle_lock_minutes", float, 5.0, "Minutes without input before the workstation locks; 0 = never")
declare("security.supervisors", list, [], "Accounts with the supervisor (值班长) role when the platform names none")
declare("security.administrators", list, [], "Accounts with the administrator role when the platform names none")
declare("ui.language", str, "zh_CN", "Language of the user interface", choices=("zh_CN", "en", "en_US"))
declare("ui.layout", str, "auto", "Main window layout: compact (a 1366×768 laptop: the decision under the item "
        "search, the checklist the whole height), wide, or auto (compact on a screen under 1600×900)",
        choices=("auto", "compact", "wide"))
declare("platform.base_url", str, "", "Central platform URL; empty in training mode = start the bundled sandbox",
        pattern=r"https?://[^\s/]+(/\S*)?", form=QT_TRANSLATE_NOOP("config", "an http(s):// address"))
declare("platform.ca_bundle", str, "", "Path to the province's CA bundle; empty = system trust store")
declare("platform.connect_timeout", float, 3.0, "Seconds to wait for a connection to the platform", minimum=0.1)
declare("platform.read_timeout", float, 30.0,
        "Longest wait for a platform answer; the wait adapts to the platform's measured answer times below that",
        minimum=0.1)
declare("platform.read_timeout_min", float, 1.0, "Shortest wait for a platform answer (small requests, fast link)",
        minimum=0.1)
declare("platform.server_bytes_per_second", float, 1_000_000.0,
        "Rate at which the platform is assumed to process request bodies: adds body size / rate to the wait",
        minimum=1)
declare("platform.clock_skew_warn_seconds", float, 120.0,
        "Warn when this workstation's clock differs from the platform's (Date header) by more than this", minimum=0)
declare("sandbox.port", int, 0, "Loopback port of the training sandbox; 0 = pick a free one", minimum=0, maximum=65535)
declare("sync.interval_seconds", float, 30.0, "Seconds between automatic sync passes", minimum=0.1)
declare("sync.parallel_cases", int, 3, "How many independent cases are sent in parallel", minimum=1, maximum=32)
declare("sync.backoff_base_seconds", float, 2.0, "First retry delay ceiling; doubles per attempt (full jitter)",
        minimum=0)
declare("sync.backoff_cap_seconds", float, 600.0, "Longest wait between two attempts of one outbox item", minimum=0)
declare("sync.chunk_bytes", int, 262144, "Bytes per upload request; small enough for a slow link to finish one",
        minimum=1024, maximum=8 * 1024 * 1024)
declare("sync.purge_grace_days", float, 30.0, "Days a scan stays local after the platform confirmed processing",
        minimum=0)
declare("sandbox.backoffice_delay_seconds", float, 20.0,
        "Training sandbox: seconds per simulated back-office step (review, decision, ready for pickup)")
declare("devices.idcard_serial_ports", list, [], "Serial ports of SAM ID-card readers, e.g. ['/dev/ttyUSB0', 'COM3']")
declare("devices.idcard_baud", int, 115200, "Baud rate of SAM ID-card readers", minimum=1200)
declare("devices.simulated_when_absent", bool, True, "Offer simulated devices (labelled) when no real one is found")
declare("devices.keep_photo", bool, False, "Keep the raw card photo block with the case (off: not stored)")
declare("printing.a4_printer", str, "", "Printer for A4 documents; empty = system default")
declare("printing.receipt_printer", str, "", "Printer for 80 mm receipts; empty = use the A4 printer")
declare("printing.certificate_printer", str, "",
        "Printer for certificates (证照) on pre-printed stock; empty = use the A4 printer. Its x/y calibration is kept "
        "per printer (打印机校准)")
declare("printing.render_worker_idle_s", float, 600.0,
        "Seconds without a paper after which the render worker process ends, giving its memory back (the next paper "
        "starts it again)", minimum=1.0)
declare("printing.stock_templates_dir", str, "",
        "Folder of the site's own stock templates (JSON, docs/acceptance.md \"Results and certificates\"); a kind "
        "found there replaces the shipped template; empty = the shipped templates only")
declare("deadline.yellow_working_days", int, 1, "Warn in yellow when this many working days or fewer remain",
        minimum=0)
declare("storage.allow_file_key_fallback", bool, False,
        "Development only: outside training mode too, keep the data key in a 0600 file in the data folder where no "
        "OS key store exists (a copy of the folder then opens the data). Off: the key is sealed under the clerks' "
        "passwords and a recovery key (docs/SECURITY.md)")
declare("retention.personal_days", int, 190,
        "Days after a case's conclusion (confirmed by the platform) that its personal fields, scans and printed PDFs "
        "stay on this PC; then they are purged, the statistics facts kept (docs/SECURITY.md)", minimum=1)
declare("scanning.default_mode", str, "", "Colour mode of stored pages: 'colour', 'gray', 'bw'; empty = as scanned",
        choices=("", "colour", "gray", "bw"))
declare("scanning.resolution", int, 300, "Scan resolution in dpi asked of the scanner", minimum=50, maximum=2400)
declare("scanning.long_edge", int, 2339, "Long edge of stored pages in pixels (2339 = A4 at 200 dpi)", minimum=200)
declare("scanning.jpeg_quality", int, 75, "JPEG quality of stored pages (lowered automatically to fit the page cap)",
        minimum=10, maximum=100)
declare("scanning.page_max_kb", int, 300, "Target size of one stored page in KB", minimum=10)
declare("scanning.material_max_kb", int, 4000, "Size cap of one material (all its pages) in KB", minimum=10)
declare("scanning.autocrop", bool, False, "Crop pages to the document edges")
declare("scanning.deskew", bool, False, "Straighten slightly skewed pages")
declare("scanning.watch_folders", list, [], "Folders where network scanners drop files, offered as scan sources")
declare("scanning.simulated", bool, False, "Offer the labelled simulated scanner outside training mode too")
declare("acceptance.auto_print", bool, True, "Print the decision's documents right after the case is committed")
declare("acceptance.thermal_receipt", bool, False, "Also print the 80 mm receipt (受理回执) for accepted cases")
declare("acceptance.default_supply_days", int, 10, "Calendar days proposed for a 容缺 supply-by date", minimum=1)
declare("acceptance.taken_at", str, "window", "Where this workstation takes cases: window, home_visit (上门办理, "
        "a laptop away from the centre) or agent_point (代办点); the clerk can switch it per case",
        choices=("window", "home_visit", "agent_point"))
declare("printing.paper", str, "auto", "Paper of an accepted case: a4 (受理通知书 and 材料清单 on A4), thermal (the "
        "80 mm 受理回执 instead: a laptop with a portable receipt printer) or auto (thermal when acceptance.taken_at "
        "is home_visit or agent_point)", choices=("auto", "a4", "thermal"))
declare("power.battery_saving", bool, True, "On battery, poll the card reader, the queue system and the platform less "
        "often (docs/laptop.md)")
declare("power.supply_dir", str, "/sys/class/power_supply", "Where the power supply is read (Linux sysfs)")
declare("acceptance.query_hint", str, "", "How applicants check progress, printed on documents (hotline, website)")
declare("papers.reconsideration_body", str, "清河区人民政府",
        "行政复议机关 printed on decisions when the catalog names none for the implementing body (行政复议法 §24: "
        "usually the 本级人民政府)")
declare("papers.court", str, "清河区人民法院", "Court printed on decisions when the catalog names none")
declare("papers.deferral_rule", str, "《清河区政务服务容缺受理办法》",
        "The local rule a 容缺 acceptance relies on, printed on its 受理通知书 and 承诺书")
declare("papers.consultation_phone", str, "0826-12345", "Centre 咨询电话 printed on acceptance papers")
declare("papers.complaint_phone", str, "12345", "Centre 投诉电话 printed on acceptance papers")
declare("fees.province_code", str, "33", "Two-digit province code every payment code (缴款码) starts with",
        pattern=r"^[0-9]{2}$", form="two digits")
declare("fees.qr_format", str, "{code}",
        "Text of the payment QR on the 缴费通知书: {code} (20-digit payment code), {amount} (yuan), {case_number}; "
        "e.g. https://pay.example.gov.cn/pay?code={code}&amount={amount}",
        pattern=r"^[^{}]*(\{(code|amount|case_number)\}[^{}]*)*$", form="a text using only {code}, {amount}, "
        "{case_number}")
declare("fees.expiry_days", int, 15, "Calendar days a payment notice stays payable", minimum=1)
declare("delivery.waybill_rules", list,
        ["中国邮政EMS=E[A-Z][0-9]{9}CN", "中国邮政EMS=1[0-9]{12}", "邮政快递包裹=9[0-9]{12}",
         "顺丰速运=SF[0-9]{12,13}"],
        "Waybill numbers accepted at dispatch (快递送达), each CARRIER=REGULAR-EXPRESSION matched against the whole "
        "scanned number (upper case, spaces removed); the first match names the carrier")
declare("papers.query_url", str, "https://zwfw.qinghe.example.gov.cn/query",
        "Page the receipt QR opens; the QR adds only ?n=<case number>&c=<verification code>. Empty = bare code")

declare("customer_screen.enabled", bool, True,
        "Show the customer-facing screen (信息确认, 样表, 好差评) on the citizen's side of the counter")
declare("customer_screen.screen", str, "",
        "Name of the monitor for the customer screen, chosen once by the administrator (the log lists the "
        "monitors at start); empty = the first monitor the clerk's window is not on; one monitor = a movable window")
declare("customer_screen.evaluation_reasons", list,
        ["服务效率", "服务水平", "服务态度", "办事指南准确度", "办事便捷度", "廉洁自律"],
        "差评 reasons offered after 不满意/非常不满意 (second-level indicators, GB/T 39734)")
declare("customer_screen.evaluation_timeout_seconds", int, 90,
        "Seconds the evaluation waits for the citizen before it is recorded as 未评价", minimum=5)
declare("customer_screen.thanks_seconds", int, 8, "Seconds the thank-you stays before the screen returns to idle",
        minimum=1)
declare("customer_screen.evaluation_url", str, "https://zwfw.qinghe.example.gov.cn/evaluate",
        "Page a phone opens to evaluate later (好差评 扫码评价), shown as a QR on the customer screen's evaluation "
        "and on the receipt; the QR adds only ?n=<case number>&c=<verification code>. Empty = no QR",
        pattern=r"https?://[^\s/]+(/\S*)?", form=QT_TRANSLATE_NOOP("config", "an http(s):// address"))
declare("customer_screen.evaluator", str, "none",
        "Evaluation pad (评价器) beside the customer screen: 'none', 'simulated' (training) or 'serial' (a five-key "
        "pad on customer_screen.evaluator_port, frame in docs/customer_screen.md)",
        choices=("none", "simulated", "serial"))
declare("customer_screen.evaluator_port", str, "",
        "Serial port of the evaluation pad (COM3, /dev/ttyUSB0); needed when customer_screen.evaluator = 'serial'")
declare("customer_screen.evaluator_baud", int, 9600, "Baud rate of the serial evaluation pad (8N1)", minimum=1200,
        maximum=115200)
declare("queue.adapter", str, "sandbox",
        "Queue system (叫号) protocol: 'sandbox' (the sandbox's /queue/v1 contract), 'http' (a vendor's HTTP API "
        "mapped with the queue.http.* options, docs/queue.md) or 'none' (no queue system: manual mode)",
        choices=("sandbox", "http", "none"))
declare("queue.base_url", str, "", "URL of the hall queue system; empty in training mode = the bundled sandbox",
        pattern=r"https?://[^\s/]+(/\S*)?", form=QT_TRANSLATE_NOOP("config", "an http(s):// address"))
declare("queue.ca_bundle", str, "", "CA bundle for an https queue system; empty = system trust store")
declare("queue.connect_timeout", float, 2.0, "Seconds to wait for a connection to the queue system")
declare("queue.read_timeout", float, 5.0, "Seconds to wait for the queue system's answer")
declare("queue.poll_seconds", float, 5.0, "Seconds between two refreshes of the waiting count")
declare("queue.business_codes", list, [],
        "Training: business types this window calls (the sandbox's codes, e.g. ['general', 'pickup']); "
        "empty = all. A real hall configures this in its queue system")
declare("queue.training_arrivals_per_hour", float, 30.0,
        "Training sandbox: simulated citizens taking a ticket per hour; 0 = none")
_QUEUE_HTTP = (  # defaults = the sandbox's contract; see clerk_app/queue/mapped_http.py and docs/queue.md
    ("status", "GET /queue/v1/windows/{window}", "Request for the window's state"),
    ("business_types", "GET /queue/v1/business-types", "Request for the business types"),
    ("call", "POST /queue/v1/windows/{window}/call", "Request: call the next ticket"),
    ("recall", "POST /queue/v1/windows/{window}/recall", "Request: announce the current ticket again (重呼)"),
    ("skip", "POST /queue/v1/windows/{window}/skip", "Request: the called citizen did not come (过号)"),
    ("transfer", "POST /queue/v1/windows/{window}/transfer", "Request: transfer the current ticket"),
    ("pause", "POST /queue/v1/windows/{window}/pause", "Request: pause the window (暂停服务)"),
    ("resume", "POST /queue/v1/windows/{window}/pause", "Request: resume the window"),
    ("request_id_header", "", "Header that also carries the request id (idempotency key); empty = body only"),
    ("field_window", "", "Body field for the window code; empty = the window is only in the path"),
    ("field_request_id", "request_id", "Body field for the request id (idempotency key)"),
    ("field_to_window", "to_window", "Body field for a transfer's target window"),
    ("field_to_business", "to_business", "Body field for a transfer's target business type"),
    ("field_paused", "paused", "Body field for paused (true) / resumed (false)"),
    ("answer_ticket", "ticket", "Dotted path of the ticket in an action's answer"),
    ("answer_window", "window", "Dotted path of the window state in an action's answer; empty = ask the status"),
    ("answer_voice", "voice_text", "Dotted path of the announced text in an action's answer"),
    ("status_root", "", "Dotted path of the window state in the status answer; empty = the whole answer"),
    ("status_current", "current", "Field of the ticket being served, in the window state"),
    ("status_waiting", "waiting", "Field of the number waiting, in the window state"),
    ("status_next", "next", "Field of the list of next tickets, in the window state"),
    ("status_paused", "paused", "Field of the paused flag, in the window state"),
    ("ticket_number", "number", "Field of the ticket number (A001), in a ticket"),
    ("ticket_id", "ticket_id", "Field of the ticket's id, in a ticket"),
    ("ticket_business_code", "business_code", "Field of the business type code, in a ticket"),
    ("ticket_business_name", "business_name", "Field of the business type name, in a ticket"),
    ("ticket_issued_at", "issued_at", "Field of the issue time (ISO 8601 or epoch seconds), in a ticket"),
    ("ticket_called_at", "called_at", "Field of the call time (ISO 8601 or epoch seconds), in a ticket"),
    ("types_root", "", "Dotted path of the list in the business types answer; empty = the whole answer"),
    ("type_code", "code", "Field of a business type's code"),
    ("type_name", "name", "Field of a business type's name"),
)
for _name, _default, _description in _QUEUE_HTTP:
    declare(f"queue.http.{_name}", str, _default, "Vendor queue API mapping: " + _description)

class Config:
    """Typed, validated view over the declared options and one TOML file."""

    def __init__(self, values: dict[str, Any] | None = None, source: Path | None = None) -> None:
        self._values = dict(values or {})
        self.source = source

    # -- the identity of this window, used everywhere --------------------------------------------------------
    @property
    def mode(self) -> str:
        return self.get_str("mode")

    @property
    def is_training(self) -> bool:
        return self.mode == "training"

    @property
    def centre_code(self) -> str:
        return self.get_str("centre.code")

    @property
    def region_code(self) -> str:
        """The centre's area for 通办 (clerk_app/domain/tongban.py); training uses the training catalog's."""
        configured = self.get_str("centre.region_code")
        return configured or (TRAINING_REGION if self.is_training else "")

    @property
    def window_code(self) -> str:
        return self.get_str("window.code")

    @property
    def has_file(self) -> bool:
        return self.source is not None

    # -- typed accessors ---------------------------------------------------------------------------------------
    def get_str(self, key: str) -> str:
        value: str = self._typed(key, str)
        return value

    def get_int(self, key: str) -> int:
        value: int = self._typed(key, int)
        return value

    def get_float(self, key: str) -> float:
        return float(self._typed(key, float))

    def get_bool(self, key: str) -> bool:
        value: bool = self._typed(key, bool)
        return value

    def get_list(self, key: str) -> list[Any]:
        return list(self._typed(key, list))

    def _typed(self, key: str, type_: type) -> Any:
        option = _declared(key)
        if option.type is not type_:
            raise TypeError(f"option {key!r} is {option.type.__name__}, not {type_.__name__}")
        return self._values.get(key, option.default)

    def get(self, key: str) -> Any:
        """Any option by key, untyped (generic code: ``as_dict``, ``config show``); prefer the typed accessors."""
        return self._values.get(key, _declared(key).default)

    def with_overrides(self, **dotted: Any) -> Config:
        values = dict(self._values)
        for key, value in dotted.items():
            _check(key.replace("__", "."), value)
            values[key.replace("__", ".")] = value
        return Config(values, self.source)

    def as_dict(self) -> dict[str, Any]:
        return {o.key: self.get(o.key) for o in options()}


def _declared(key: str) -> Option:
    option = _OPTIONS.get(key)
    if option is None:
        raise KeyError(f"undeclared option {key!r}")
    return option


class ConfigProblems(ValidationError):
    """Several problems in one configuration file, all reported at once (fixing one at a time is slow)."""

    message = QT_TRANSLATE_NOOP("errors", "The configuration file {path} has {count} problems:")

    def __init__(self, path: str, problems: list[ValidationError]) -> None:
        super().__init__(path=path, count=len(problems))
        self.problems = problems

    def user_text(self) -> str:
        return "\n".join([super().user_text(), *(f"- {p.user_text()}" for p in self.problems)])

    def __str__(self) -> str:
        return "\n".join([super().__str__(), *(f"- {p}" for p in self.problems)])


def _unknown(key: str) -> ValidationError:
    close = difflib.get_close_matches(key, list(_OPTIONS), n=1, cutoff=0.86)
    if close:
        return ValidationError(
            QT_TRANSLATE_NOOP("errors", "Unknown configuration option {key} (did you mean {suggestion}?)."),
            key=key, suggestion=close[0])
    return ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown configuration option {key}."), key=key)


def _check(key: str, value: Any) -> None:
    option = _OPTIONS.get(key)
    if option is None:
        raise _unknown(key)
    problem = _problem(option, value)
    if problem is not None:
        raise problem


def _flatten(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from _flatten(value, key + ".")
        else:
            yield key, value


def load_config(path: Path) -> Config:
    """Read ``path``; a missing file gives the embedded defaults (training mode). Every problem of the file is
    reported in one ``ValidationError`` (a ``ConfigProblems`` when there are several)."""
    if not path.exists():
        return Config()
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The configuration file {path} is not valid TOML: {reason}"),
            path=str(path), reason=str(exc),
        ) from exc
    except OSError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The configuration file {path} cannot be read: {reason}"),
            path=str(path), reason=exc.strerror or type(exc).__name__,
        ) from exc
    values: dict[str, Any] = {}
    problems: list[ValidationError] = []
    for key, value in _flatten(raw):
        option = _OPTIONS.get(key)
        problem = _unknown(key) if option is None else _problem(option, value)
        if problem is not None:
            problems.append(problem)
        elif option is not None:
            values[key] = float(value) if option.type is float else value
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ConfigProblems(str(path), problems)
    return Config(values, path)


def check_value(key: str, value: Any) -> None:
    """Raise the ``ValidationError`` a configuration file with ``key = value`` would give (unknown key, wrong type,
    a value outside the allowed ones)."""
    _check(key, value)


def flatten_file(path: Path) -> dict[str, Any]:
    """The options a configuration file sets itself, as dotted keys (empty when there is no file)."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return dict(_flatten(tomllib.load(handle)))


def render_values(values: dict[str, Any], note: str = "") -> str:
    """A configuration file holding exactly these dotted options, grouped in TOML tables."""
    lines = ["# OneWindow configuration" + (f" ({note})" if note else ""), ""]
    sections: dict[str, list[str]] = {}
    for key in sorted(values):
        section, _, name = key.rpartition(".")
        sections.setdefault(section, []).append(f"{name} = {_toml_value(values[key])}")
    for section, entries in sections.items():
        lines += ([f"[{section}]"] if section else []) + entries + [""]
    return "\n".join(lines)


def render_defaults() -> str:
    """A commented TOML file with every option at its default, for ``main.py config --defaults``."""
    lines = ["# OneWindow configuration. Every option with its default; delete what you do not change.", ""]
    for option in options():
        lines.append(f"# {option.description}")
        lines.append(f"# {option.key} = {_toml_value(option.default)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)
