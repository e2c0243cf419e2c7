"""Building the window's queue service from configuration (docs/queue.md)."""

from __future__ import annotations

import logging
from typing import Any

from clerk_app.config import Config
from clerk_app.queue.adapter import QueueAdapter
from clerk_app.queue.case_link import CaseTicket
from clerk_app.queue.mapped_http import HttpMapping, MappedHttpQueueAdapter
from clerk_app.queue.sandbox_http import SandboxQueueAdapter
from clerk_app.queue.service import QueueService

log = logging.getLogger("onewindow.queue")


def queue_adapter(config: Config, sandbox_url: str | None = None) -> QueueAdapter | None:
    """The configured adapter, or None (no queue system: manual mode). ``sandbox_url`` is the bundled training
    sandbox's address, used in training mode when ``queue.base_url`` is empty. No I/O here: the service's worker
    does the first contact."""
    kind = config.get_str("queue.adapter")
    url = config.get_str("queue.base_url") or (sandbox_url if config.is_training else "") or ""
    if kind == "none" or not url:
        return None
    window = config.window_code
    connect, read = config.get_float("queue.connect_timeout"), config.get_float("queue.read_timeout")
    if kind == "http":
        return MappedHttpQueueAdapter(url, window, HttpMapping.from_config(config), connect_timeout=connect,
                                      read_timeout=read, ca_bundle=config.get_str("queue.ca_bundle"))
    if kind != "sandbox":
        raise ValueError(f"queue.adapter must be 'sandbox', 'http' or 'none', not {kind!r}")
    serves = config.get_list("queue.business_codes") if config.is_training else []
    return SandboxQueueAdapter(url, window, connect_timeout=connect, read_timeout=read, serves=serves,
                               name=config.get_str("window.name"))


def queue_service(config: Config, sandbox_url: str | None = None) -> QueueService:
    return QueueService(queue_adapter(config, sandbox_url), poll_seconds=config.get_float("queue.poll_seconds"))


def ticket_source(service: QueueService) -> Any:
    """For ``AcceptanceService.ticket_source``: the ticket being served now, or None."""

    def current() -> CaseTicket | None:
        served = service.served()
        return CaseTicket(served.ticket, served.called_at_local) if served is not None else None

    return current
