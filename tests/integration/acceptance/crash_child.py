"""Child process of the crash tests: commit one acceptance and SIGKILL itself at a chosen point.

    python crash_child.py HOME CASE_UUID POINT      POINT: before_outbox | after_commit | none
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))


def main() -> None:
    home, case_uuid, point = sys.argv[1], sys.argv[2], sys.argv[3]
    import clerk_app.acceptance.service as service_module
    from clerk_app.context import open_workstation
    from clerk_app.domain.case import Decision
    from clerk_app.paths import resolve_paths
    from clerk_app.services import build_services
    from tests.unit.acceptance.conftest import CHECKLIST, applicant, item

    ws = open_workstation(resolve_paths(home))
    service = build_services(ws).acceptance
    real_enqueue = service_module.enqueue

    def dying_enqueue(*args: object, **kwargs: object) -> str:
        if point == "before_outbox":
            os.kill(os.getpid(), signal.SIGKILL)  # case, materials, events already written in this transaction
        return real_enqueue(*args, **kwargs)  # type: ignore[arg-type]

    service_module.enqueue = dying_enqueue
    session = service.new_session()
    session.case_uuid = case_uuid
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    result = service.commit(session, Decision.ACCEPT)
    if point == "after_commit":
        os.kill(os.getpid(), signal.SIGKILL)  # committed, nothing printed yet
    print(result.case_number, result.created)


if __name__ == "__main__":
    main()
