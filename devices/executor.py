"""One dedicated thread per device stack (PC/SC context, each serial port, SANE, TWAIN).

Device libraries are rarely thread-safe; confining each stack to one thread (Electrum's ``_hwd_comms_executor``)
removes a whole class of bugs. ``assert_on_stack_thread`` lets driver code check where it runs.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class DeviceStackExecutor:
    def __init__(self, name: str) -> None:
        self.name = name
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"dev-{name}")
        self._thread_ident: int | None = None
        self._pool.submit(self._remember_thread).result()

    def _remember_thread(self) -> None:
        self._thread_ident = threading.get_ident()

    def submit(self, fn: Callable[..., T], *args: object, **kwargs: object) -> concurrent.futures.Future[T]:
        return self._pool.submit(fn, *args, **kwargs)

    def run(self, fn: Callable[..., T], *args: object, timeout: float | None = None, **kwargs: object) -> T:
        if threading.get_ident() == self._thread_ident:
            return fn(*args, **kwargs)
        return self._pool.submit(fn, *args, **kwargs).result(timeout=timeout)

    def assert_on_stack_thread(self) -> None:
        if threading.get_ident() != self._thread_ident:
            raise RuntimeError(f"device stack {self.name!r} used off its own thread")

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
