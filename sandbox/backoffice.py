"""Back-office simulator for training mode: moves received cases on after a configurable delay.

received -> in_review -> approved -> ready_for_pickup, or -> denied, or -> supplement_required (补正, with a request
naming what to bring and by when: ``sandbox.corrections``). A case accepted with deficiencies (容缺) stays in review
until a supplement completing it has arrived; a case whose 补正 arrived is approved.
The outcome is drawn from a seeded generator per case, so a training session is repeatable.
"""

from __future__ import annotations

import logging
import random
import threading
from datetime import UTC, datetime, timedelta

from sandbox.corrections import ask_correction, simulated_due_by, simulated_items
from sandbox.deliveries import deliver
from sandbox.payments import pay
from sandbox.results import decide
from sandbox.store import Store, now_iso
from sandbox.tongban import decided_note, step_sub_cases

log = logging.getLogger("sandbox.backoffice")

NEXT = {"received": "in_review", "approved": "ready_for_pickup"}
NOTES = {"denied": "不予批准（模拟）", "supplement_required": "请补正材料（模拟）", "approved": "",
         "in_review": "", "ready_for_pickup": "请到窗口领取结果"}


def outcome(case_uuid: str, seed: int) -> str:
    roll = random.Random(f"{seed}:{case_uuid}").random()
    if roll < 0.1:
        return "denied"
    if roll < 0.2:
        return "supplement_required"
    return "approved"


class BackOffice:
    def __init__(self, store: Store, delay: float, seed: int) -> None:
        self.store, self.delay, self.seed = store, delay, seed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sandbox-backoffice", daemon=True)

    def start(self) -> None:
        if self.delay >= 0:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(min(0.5, max(self.delay / 4, 0.05))):
            try:
                self.step()
            except Exception:  # the simulator must not take the sandbox down
                log.exception("back-office step failed")

    def step(self) -> int:
        cutoff = (datetime.now(UTC) - timedelta(seconds=self.delay)).isoformat(timespec="milliseconds")
        moved = 0
        with self.store.transaction() as conn:
            # Training: the citizen pays a payment order one step after it arrived (the simulated 非税 platform).
            for order in conn.execute("SELECT payment_code FROM payments WHERE paid_at IS NULL AND received_at <= ?"
                                      " LIMIT 100", (cutoff,)).fetchall():
                moved += pay(conn, order["payment_code"]) is not None
            # Training: the carrier delivers a mailed result one step after its dispatch arrived.
            for mailed in conn.execute("SELECT case_uuid FROM dispatches WHERE outcome IS NULL AND received_at <= ?"
                                       " LIMIT 100", (cutoff,)).fetchall():
                moved += deliver(conn, mailed["case_uuid"], "delivered")
            rows = conn.execute(
                "SELECT c.case_uuid, c.status, c.centre_code, c.body,"
                " EXISTS (SELECT 1 FROM correction_submissions k WHERE k.case_uuid = c.case_uuid) AS corrected"
                " FROM cases c"
                " WHERE c.status IN ('received', 'in_review', 'approved')"
                # 容缺: the case waits in review until a supplement completing it has arrived.
                " AND NOT (c.status = 'in_review'"
                "          AND coalesce(json_extract(c.body, '$.status'), '') = 'accepted_pending_supplement'"
                "          AND NOT EXISTS (SELECT 1 FROM supplements s WHERE s.case_uuid = c.case_uuid"
                "                          AND s.complete = 1))"
                # 并联: a bundle case's departments decide its sub-cases (step_sub_cases), not the case itself.
                " AND NOT EXISTS (SELECT 1 FROM sub_cases b WHERE b.case_uuid = c.case_uuid)"
                " AND (SELECT max(at) FROM case_changes WHERE case_uuid = c.case_uuid) <= ? LIMIT 100", (cutoff,),
            ).fetchall()
            for row in rows:
                # A case whose 补正 arrived is decided on it: approved (one round of 补正 in the simulation).
                new = NEXT.get(row["status"]) or ("approved" if row["corrected"]
                                                  else outcome(row["case_uuid"], self.seed))
                # 跨域通办: the routed case is decided by the other area's body, and its notes say so.
                note = decided_note(conn, row["case_uuid"], NOTES[new])
                if new == "supplement_required":
                    ask_correction(conn, row["case_uuid"], row["centre_code"], simulated_items(row["body"]),
                                   simulated_due_by(), note)
                    moved += 1
                    continue
                if new in ("approved", "denied"):  # the decision goes with the change, and an e-licence on approval
                    decide(conn, row["case_uuid"], row["centre_code"], new, note)
                    moved += 1
                    continue
                conn.execute("UPDATE cases SET status = ? WHERE case_uuid = ?", (new, row["case_uuid"]))
                conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                             " VALUES (?, ?, ?, ?, ?)", (row["case_uuid"], row["centre_code"], new, note,
                                                          now_iso()))
                moved += 1
            moved += step_sub_cases(conn, cutoff, self.seed)
        return moved
