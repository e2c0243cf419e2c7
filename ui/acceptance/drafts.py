"""Each clerk's open draft, kept over a shift change (交班): the next clerk never sees the previous clerk's draft.

At 交班 the leaving clerk chooses (``ui.clerk_gate.ask_shift_change``): keep the draft for themselves, or discard it
(confirmed). A shift change on the lock screen (another clerk's password) keeps it, never discards it silently. The
draft (the acceptance session with its scanned pages) is parked under the leaving clerk's account and comes back
when that clerk logs in again; anyone else starts with an empty window. Drafts live in this running workstation
only, as before: a committed case is what is stored.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from clerk_app.security.clerk_session import Clerk, ClerkSession

log = logging.getLogger("onewindow.ui.acceptance")


class ClerkDrafts(QObject):
    _session_event = Signal(str, str)  # event, account: the session's listeners run on any thread
    shift_ended = Signal()  # the clerk's session ended: whatever shows the last citizen clears (the applicant panel)

    def __init__(self, controller: Any, session: ClerkSession) -> None:
        super().__init__(controller)
        self.controller = controller
        self.parked: dict[str, tuple[Any, Any]] = {}  # account -> (acceptance session, its case pages)
        self.current = session.clerk.account if session.clerk is not None else None
        self._session_event.connect(self._on_event)
        session.add_listener(self._listener)

    def _listener(self, event: str, clerk: Clerk | None) -> None:
        self._session_event.emit(event, clerk.account if clerk is not None else "")

    def has_open_draft(self) -> bool:
        session = self.controller.session
        return not session.committed and (session.applicant is not None or bool(session.items))

    def discard_draft(self) -> None:
        """The leaving clerk discarded their draft (confirmed at 交班): nothing is parked for them."""
        self.controller.new_case()

    def _on_event(self, event: str, account: str) -> None:
        if event == "end":
            if self.current is not None and self.has_open_draft():
                self.parked[self.current] = (self.controller.session, self.controller.strips.case_pages)
                log.info("open draft kept for its clerk over the shift change")
            self.current = None
            self.controller.new_case()  # the next clerk starts with an empty window
            self.shift_ended.emit()
        elif event == "login" and account != self.current:
            self.current = account
            parked = self.parked.pop(account, None)
            if parked is None:
                self.controller.new_case()
            else:
                self.controller.restore_draft(*parked)
