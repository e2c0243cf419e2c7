"""The result of probing one device or output stack (for ``doctor`` and the status bar)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProbeResult:
    stack: str
    available: bool
    devices: list[str] = field(default_factory=list)
    detail: str = ""
