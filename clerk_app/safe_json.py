"""Hardened JSON reading for everything that comes from outside (platform answers, catalog files).

``json.loads`` alone lets through what later breaks the workstation far from the cause: nesting deep enough for a
``RecursionError``, integers SQLite cannot store (``OverflowError`` at 2^63) or Python refuses to convert
(over 4,300 digits), ``NaN``/``Infinity``, and lone UTF-16 surrogates (``\\ud800``) that fail when written as UTF-8.
Here every such input becomes one ``JsonRejected`` (a ``ValueError``) carrying the JSON path of the offending value,
so the caller can name the record and field. Nothing else is interpreted: schemas stay with their callers.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

MAX_DEPTH = 64
MAX_INT = 2**63 - 1  # SQLite INTEGER; nothing the contract carries is larger
MAX_BYTES = 64 * 1024 * 1024
_INT_DIGITS = 19  # longer digit strings are out of range anyway and never converted
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

Path_ = list[str | int]


class JsonRejected(ValueError):
    """The input is not acceptable JSON; ``path`` points at the offending value (empty = the whole document)."""

    def __init__(self, reason: str, path: Path_ | None = None) -> None:
        self.reason = reason
        self.path: Path_ = list(path or [])
        super().__init__(f"{reason} at {format_path(self.path)}" if self.path else reason)


class _OutOfRange:
    """Placeholder for a number the reader refuses; found (with its path) by ``check_tree``."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def format_path(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


def _parse_int(text: str) -> int | _OutOfRange:
    digits = len(text) - (text[0] == "-")
    if digits > _INT_DIGITS:
        return _OutOfRange(text)
    value = int(text)
    return value if -MAX_INT - 1 <= value <= MAX_INT else _OutOfRange(text)


def _parse_float(text: str) -> float | _OutOfRange:
    value = float(text)
    return value if math.isfinite(value) else _OutOfRange(text)


def _parse_constant(text: str) -> _OutOfRange:
    return _OutOfRange(text)  # NaN, Infinity, -Infinity are not JSON


def loads(data: bytes | str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH, check: bool = True) -> Any:
    """Parse ``data`` (UTF-8 bytes, a BOM allowed, or text) or raise ``JsonRejected``.

    ``check=False`` leaves the bounds check to the caller (``check_tree`` on the result, which it must call: refused
    numbers are still in the tree as placeholders), so it can map the path to its own records."""
    if len(data) > max_bytes:
        raise JsonRejected(f"larger than {max_bytes} bytes")
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JsonRejected(f"not UTF-8 text (byte {exc.start})") from None
    else:
        text = data.removeprefix("\ufeff")
    try:
        value = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise JsonRejected(f"JSON syntax error at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise JsonRejected(f"nested deeper than {max_depth} levels") from None
    if check:
        check_tree(value, max_depth=max_depth, strings=bool(_SURROGATE_ESCAPE.search(text)))
    return value


def check_tree(value: Any, *, max_depth: int = MAX_DEPTH, strings: bool = True) -> None:
    """Walk an already parsed value (iteratively: no recursion to exhaust) and raise ``JsonRejected`` for nesting
    deeper than ``max_depth``, numbers out of range, non-JSON types, and (if ``strings``) lone surrogates."""
    stack: list[tuple[Any, Path_]] = [(value, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if len(path) >= max_depth:
                raise JsonRejected(f"nested deeper than {max_depth} levels", path)
            for key, child in node.items():
                if not isinstance(key, str):
                    raise JsonRejected("object key is not a string", path)
                if strings and _SURROGATE.search(key):
                    raise JsonRejected("object key holds an unpaired UTF-16 surrogate", path)
                stack.append((child, [*path, key]))
        elif isinstance(node, list):
            if len(path) >= max_depth:
                raise JsonRejected(f"nested deeper than {max_depth} levels", path)
            stack.extend((child, [*path, index]) for index, child in enumerate(node))
        elif isinstance(node, str):
            if strings and _SURROGATE.search(node):
                raise JsonRejected("text holds an unpaired UTF-16 surrogate", path)
        elif isinstance(node, _OutOfRange):
            raise JsonRejected(f"number {node.text[:24]}{'…' if len(node.text) > 24 else ''} is out of range", path)
        elif isinstance(node, bool) or node is None:
            continue
        elif isinstance(node, int):
            if not -MAX_INT - 1 <= node <= MAX_INT:
                raise JsonRejected("integer is out of range (64 bits)", path)
        elif isinstance(node, float):
            if not math.isfinite(node):
                raise JsonRejected("number is not finite", path)
        else:
            raise JsonRejected(f"not a JSON value ({type(node).__name__})", path)


def read_file(path: Path, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH, check: bool = True) -> Any:
    """Read and parse a JSON file; a missing file, a directory or a device, an unreadable or oversized file all
    become ``JsonRejected`` with a plain reason."""
    path = Path(path)
    try:
        if not path.exists():
            raise JsonRejected("no such file")
        if not path.is_file():
            raise JsonRejected("not a regular file (a folder or a device)")
        if path.stat().st_size > max_bytes:
            raise JsonRejected(f"larger than {max_bytes} bytes")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise JsonRejected(f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    except ValueError:  # e.g. a NUL in the name
        raise JsonRejected("not a usable file name") from None
    return loads(data, max_bytes=max_bytes, max_depth=max_depth, check=check)
