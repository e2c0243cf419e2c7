"""Compatibility name: the print service moved to ``clerk_app.print_service`` (it orchestrates the archive and
the spooler, which is service-layer work, not rendering). Import from there; this alias goes once nothing uses it.
"""

from __future__ import annotations

from clerk_app.print_service import PrintOutcome, PrintService, print_service

__all__ = ["PrintOutcome", "PrintService", "print_service"]
