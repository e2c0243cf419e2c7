"""Acceptance UI: material checklist, decision, today's cases, barcode-gun lookup, print preview."""
