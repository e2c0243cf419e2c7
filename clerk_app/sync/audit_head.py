"""The audit chain head travels with each sync pass (issue 13; ``sandbox/routes_audit.py``).

The platform answers with the head it kept from an earlier pass; this workstation's chain must still hold that
entry with that hash. If not, the local history was rewritten: ``AuditHistoryRewritten`` is reported by the pass
(and written to the audit trail), and ``audit verify`` shows the chain's own state.
"""

from __future__ import annotations

import logging
from typing import Any

from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache import audit_log, settings_kv

log = logging.getLogger("onewindow.sync.audit")


class AuditHistoryRewritten(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "This workstation's audit history no longer matches the copy the "
                                          "platform kept: it was rewritten. Tell the administrator.")


def push_audit_head(db: Any, adapter: Any, _store: Any) -> dict[str, Any]:
    send = getattr(adapter, "audit_head", None)
    if send is None:  # a platform adapter without the audit call (older fakes): nothing to compare
        return {"skipped": True}
    seq, digest = audit_log.head(db)
    answer = send(settings_kv.machine_id(db), seq, digest)
    previous = answer.get("previous") if isinstance(answer, dict) else None
    if previous:
        kept_seq, kept_hash = int(previous["seq"]), str(previous["hash"])
        if kept_seq > 0 and audit_log.hash_at(db, kept_seq) != kept_hash:
            log.error("audit chain differs from the platform's copy at entry %d", kept_seq)
            audit_log.write(db, "chain_mismatch", "platform", {"platform_seq": kept_seq})
            raise AuditHistoryRewritten()
    return {"seq": seq}
