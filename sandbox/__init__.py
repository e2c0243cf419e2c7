"""The sandbox central platform: a small but real service that speaks the platform contract (docs/sync.md).

Used for training mode (the workstation starts it on loopback), development and tests. Its own SQLite database,
real HTTP, a published OpenAPI document, a back-office simulator and test-only fault switches (off by default).
It imports nothing from the workstation packages: it stands in for a separate system.
"""

API_PREFIX = "/api/v1"
