"""快递送达: the applicant's choice of 邮寄送达 at acceptance, the recipient, and the waybill number at dispatch.

Pure rules (FACTS §4.4 "Delivery"): the choice is offered only when every item of the case allows 物流快递 (the
catalog flag ``ItemFlags.express_delivery``); the recipient needs a name, a reachable phone and a full address
(the postcode is optional, six digits when given); a waybill number is accepted only when one of the centre's
carrier rules (``delivery.waybill_rules``: ``carrier=regex``) matches it whole, which names the carrier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.masking import mask_name, mask_phone
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate

# The case upload's encrypted part carries the recipient under this key; the sync engine moves it into the body's
# ``delivery`` (the plain payload says only ``{"method": "mail"}``).
RECIPIENT_KEY = "delivery_recipient"
MAIL = "mail"  # 邮寄送达; a case without a delivery record is collected at the window (窗口自取)

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")
_POSTCODE = re.compile(r"^[0-9]{6}$")
MIN_ADDRESS = 8  # characters: province/city/district/street and number, not just a town name
MAX_FIELD = 200


class RecipientIncomplete(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "Mail delivery needs {what}.")


class ExpressNotAllowed(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The catalog does not allow mail delivery (物流快递) for {items}: the result is collected at the "
        "window.")


class WaybillInvalid(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "\"{number}\" is not a waybill number of a carrier this centre uses ({carriers}).")


class WaybillRuleInvalid(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The waybill rule \"{rule}\" in delivery.waybill_rules is not CARRIER=REGULAR-EXPRESSION.")


def _missing(what: str) -> RecipientIncomplete:
    return RecipientIncomplete(what=translate("delivery", what))


@dataclass(frozen=True)
class Recipient:
    """Who receives the mailed result, where. Personal data: stored encrypted, masked where shown."""

    name: str
    phone: str
    address: str
    postcode: str = ""

    @classmethod
    def checked(cls, name: str, phone: str, address: str, postcode: str = "") -> Recipient:
        """The recipient with spaces trimmed, or ``RecipientIncomplete`` naming what is missing or wrong."""
        name, address, postcode = name.strip(), " ".join(address.split()), postcode.strip()
        phone = phone.strip().replace(" ", "")
        if not name:
            raise _missing(QT_TRANSLATE_NOOP("delivery", "the recipient's name"))
        if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
            raise _missing(QT_TRANSLATE_NOOP("delivery", "a mobile number (11 digits) or a landline with "
                                                          "its area code"))
        if len(address) < MIN_ADDRESS:
            raise _missing(QT_TRANSLATE_NOOP("delivery", "the full address (province, city, district, "
                                                          "street and number)"))
        if postcode and not _POSTCODE.match(postcode):
            raise _missing(QT_TRANSLATE_NOOP("delivery", "a six-digit postcode, or none"))
        if max(len(name), len(address)) > MAX_FIELD:
            raise _missing(QT_TRANSLATE_NOOP("delivery", "a shorter name and address"))
        return cls(name, phone, address, postcode)

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "phone": self.phone, "address": self.address, "postcode": self.postcode}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Recipient:
        return cls(str(data["name"]), str(data["phone"]), str(data["address"]), str(data.get("postcode", "")))

    @property
    def masked(self) -> str:
        """Name and phone masked: what screens and papers show when the address alone is what matters."""
        return f"{mask_name(self.name)} {mask_phone(self.phone)}"


def express_allowed(items: Iterable[ServiceItem]) -> bool:
    """邮寄送达 may be chosen only when every item of the case allows 物流快递."""
    listed = list(items)
    return bool(listed) and all(item.flags.express_delivery for item in listed)


def require_express(items: Sequence[ServiceItem]) -> None:
    refused = [item.name for item in items if not item.flags.express_delivery]
    if refused or not items:
        raise ExpressNotAllowed(items="、".join(refused) or "—")


@dataclass(frozen=True)
class WaybillRule:
    carrier: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Waybill:
    carrier: str
    number: str


def parse_rules(texts: Iterable[str]) -> tuple[WaybillRule, ...]:
    """``["中国邮政EMS=^E[A-Z][0-9]{9}CN$", ...]`` -> rules in order (the first match names the carrier)."""
    rules = []
    for text in texts:
        carrier, sep, regex = str(text).partition("=")
        if not sep or not carrier.strip() or not regex:
            raise WaybillRuleInvalid(rule=str(text))
        try:
            rules.append(WaybillRule(carrier.strip(), re.compile(regex)))
        except re.error as exc:
            raise WaybillRuleInvalid(rule=str(text)) from exc
    return tuple(rules)


def read_waybill(text: str, rules: Sequence[WaybillRule]) -> Waybill:
    """The waybill a scan or the clerk's typing gives: spaces dropped, letters upper-cased, then matched whole
    against the carrier rules; ``WaybillInvalid`` when none matches."""
    number = "".join(text.split()).upper()
    for rule in rules:
        if rule.pattern.fullmatch(number):
            return Waybill(rule.carrier, number)
    carriers = "、".join(dict.fromkeys(rule.carrier for rule in rules)) or "—"
    raise WaybillInvalid(number=number[:40], carriers=carriers)


def delivery_text(delivery: dict[str, str] | None) -> str:
    """The line a receipt prints for the choice (``details["delivery"]`` of a case: method and the masked
    recipient with the address)."""
    if not delivery or delivery.get("method") != MAIL:
        return ""
    postcode = f"（邮编{delivery['postcode']}）" if delivery.get("postcode") else ""
    return (f"邮寄送达　收件人：{delivery.get('recipient_masked', '')}　"
            f"地址：{delivery.get('address', '')}{postcode}")
