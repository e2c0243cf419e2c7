"""How a material's pages are stored: long edge, JPEG quality, colour mode, page and material size caps.

The default keeps a legible A4 page at 200 dpi (1654 × 2339) under 300 KB; photos of the applicant or colour
certificates can get their own policy per material code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from clerk_app.config import Config
from devices.scanner.base import ColourMode


@dataclass(frozen=True)
class PagePolicy:
    mode: ColourMode | None = None  # None: keep what the device delivered
    long_edge: int = 2339  # A4 at 200 dpi
    jpeg_quality: int = 75
    min_quality: int = 40
    max_page_bytes: int = 300_000
    autocrop: bool = False
    deskew: bool = False

    def with_(self, **changes: Any) -> PagePolicy:
        return replace(self, **changes)


class PolicyBook:
    """The default policy plus per-material overrides (material code → policy) and per-material size caps."""

    def __init__(self, default: PagePolicy | None = None, material_cap_bytes: int = 4 * 1024 * 1024) -> None:
        self.default = default or PagePolicy()
        self.material_cap_bytes = material_cap_bytes
        self._by_material: dict[str, PagePolicy] = {}
        self._caps: dict[str, int] = {}

    def set_policy(self, material_code: str, policy: PagePolicy) -> None:
        self._by_material[material_code] = policy

    def set_cap(self, material_code: str, cap_bytes: int) -> None:
        self._caps[material_code] = cap_bytes

    def policy_for(self, material_code: str | None) -> PagePolicy:
        return self._by_material.get(material_code or "", self.default)

    def cap_for(self, material_code: str | None) -> int:
        return self._caps.get(material_code or "", self.material_cap_bytes)

    @staticmethod
    def from_config(config: Config) -> PolicyBook:
        mode_name = config.get_str("scanning.default_mode")
        mode = ColourMode(mode_name) if mode_name in {m.value for m in ColourMode} else None
        default = PagePolicy(
            mode=mode,
            long_edge=config.get_int("scanning.long_edge"),
            jpeg_quality=config.get_int("scanning.jpeg_quality"),
            max_page_bytes=config.get_int("scanning.page_max_kb") * 1000,
            autocrop=config.get_bool("scanning.autocrop"),
            deskew=config.get_bool("scanning.deskew"),
        )
        return PolicyBook(default, config.get_int("scanning.material_max_kb") * 1000)
