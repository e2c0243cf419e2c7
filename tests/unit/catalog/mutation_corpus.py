"""A mutation corpus of catalog files: hostile shapes seen by the fuzzers of issue 19, plus seeded byte-level
mutations of a valid document. Deterministic (fixed seed), so a failing case has a stable name."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

from tests.unit.catalog.conftest import document, minimal_item

SEED = 19
BYTE_MUTATIONS = 600


def _valid() -> dict:
    return document([minimal_item(), minimal_item("ITEM-2", name="第二个事项")])


def _dump(doc: object) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _text(doc_text: str) -> bytes:
    return doc_text.encode("utf-8")


def _replace_version(value: str) -> bytes:
    return _dump(_valid()).replace(b'"version": 1', f'"version": {value}'.encode(), 1)


def named_cases() -> Iterator[tuple[str, bytes]]:
    valid = _dump(_valid())
    yield "valid", valid
    yield "empty", b""
    yield "whitespace", b"  \n"
    yield "bom-only", b"\xef\xbb\xbf"
    yield "null", b"null"
    yield "array-top", b"[]"
    yield "string-top", b'"catalog"'
    yield "truncated-half", valid[: len(valid) // 2]
    yield "truncated-one", valid[:-1]
    yield "not-utf8", valid.replace("测试".encode(), b"\xff\xfe", 1)
    yield "latin1", "é".encode("latin-1") + valid
    yield "deep-array-100", b'{"items": ' + b"[" * 100 + b"]" * 100 + b"}"
    yield "deep-array-100000", b"[" * 100_000 + b"]" * 100_000
    yield "deep-object-5000", b'{"a":' * 5000 + b"1" + b"}" * 5000
    yield "deep-in-item", _dump(_valid()).replace(b'"necessity": "\xe5\xbf\x85\xe8\xa6\x81"',
                                                   b'"necessity": ' + b"[" * 200 + b"]" * 200, 1)
    yield "version-2^63", _replace_version(str(2**63))
    yield "version-2^63-1", _replace_version(str(2**63 - 1))
    yield "version-neg-2^63-1", _replace_version(str(-(2**63) - 1))
    yield "version-4301-digits", _replace_version("9" * 4301)
    yield "version-100000-digits", _replace_version("1" * 100_000)
    yield "version-float", _replace_version("1.5")
    yield "version-1e999", _replace_version("1e999")
    yield "version-NaN", _replace_version("NaN")
    yield "version-Infinity", _replace_version("-Infinity")
    yield "version-string", _replace_version('"1"')
    yield "version-true", _replace_version("true")
    yield "time-limit-huge", _dump(document([{**minimal_item(), "legal_limit": {"value": 10**30,
                                                                               "unit": "working_days"}}]))
    yield "lone-surrogate-name", valid.replace("测试事项登记".encode(), b"\\ud800", 1)
    yield "lone-low-surrogate", valid.replace("测试事项登记".encode(), b"x\\udfff", 1)
    yield "surrogate-pair-ok", valid.replace("测试事项登记".encode(), b"\\ud83d\\ude00\xe7\x99\xbb\xe8\xae\xb0", 1)
    yield "surrogate-in-key", valid.replace(b'"department"', b'"\\udc00department"', 1)
    yield "surrogate-in-cursor", valid.replace(b'"c1"', b'"\\ud800"', 1)
    yield "nul-in-name", valid.replace("测试事项登记".encode(), b"\\u0000", 1)
    yield "huge-string", _dump(document([{**minimal_item(), "name": "事" * 200_000}]))
    yield "many-items", _dump(document([minimal_item(f"ITEM-{i}") for i in range(2000)]))
    yield "duplicate-keys", valid.replace(b'"format_version": 1', b'"format_version": 1, "format_version": 2', 1)
    yield "items-string", _dump({**_valid(), "items": "all"})
    yield "items-null", _dump({**_valid(), "items": None})
    yield "item-null", _dump({**_valid(), "items": [None]})
    yield "item-list", _dump({**_valid(), "items": [[1, 2]]})
    yield "materials-dict", _dump(document([{**minimal_item(), "materials": {"a": 1}}]))
    yield "situations-number", _dump(document([{**minimal_item(), "situations": 7}]))
    yield "code-number", _dump(document([{**minimal_item(), "implementation_code": 12}]))
    yield "credit-code-number", _dump(document([{**minimal_item(), "implementing_body": {"name": "x",
                                                                                        "credit_code": 5}}]))
    yield "retired-garbage", _dump({**_valid(), "retired_items": [{"implementation_code": None, "version": "x"}]})
    yield "bundles-garbage", _dump({**_valid(), "bundles": [{"code": "B", "items": [None], "version": 2**64}]})
    yield "next-cursor-object", _dump({**_valid(), "next_cursor": {"a": 1}})


def byte_mutations(seed: int = SEED, count: int = BYTE_MUTATIONS) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    base = _dump(_valid())
    tokens = [b"[", b"]", b"{", b"}", b",", b":", b'"', b"\\", b"\\ud800", b"9" * 30, b"-", b"1e999", b"null",
              b"\x00", b"\xff", b"\xc3", str(2**63).encode()]
    for index in range(count):
        data = bytearray(base)
        for _ in range(rng.randint(1, 4)):
            op = rng.randrange(4)
            at = rng.randrange(len(data) + 1)
            if op == 0 and data:
                del data[at:at + rng.randint(1, 8)]
            elif op == 1:
                data[at:at] = rng.choice(tokens)
            elif op == 2 and data:
                data[min(at, len(data) - 1)] = rng.randrange(256)
            else:
                data = data[:at]
        yield f"bytes-{index}", bytes(data)


def corpus() -> list[tuple[str, bytes]]:
    return [*named_cases(), *byte_mutations()]
