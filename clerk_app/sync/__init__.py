"""Offline-first sync with the central platform: client, engine, auth, pulls, export (see docs/sync.md)."""
