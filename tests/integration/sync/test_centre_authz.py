"""The sandbox authorises over HTTP with two centres' tokens: a clerk writes only cases of their own centre (403 on
another's, re-sent, bound, handed over, voided or supplemented), the change feed follows the token's centre and not
a header, and repeated failed logins are throttled (429 with Retry-After). The workstation shows both in Chinese."""

from __future__ import annotations

import json
import random
import uuid

import pytest
import requests

from clerk_app.sync.auth import AuthService
from clerk_app.sync.engine import drain
from clerk_app.sync.errors import InvalidCredentials, LoginThrottled, WrongCentre
from clerk_app.sync.http_client import HttpPlatformClient
from sandbox import API_PREFIX
from sandbox.app import SandboxSettings
from sandbox.server import SandboxThread
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration
CENTRE_A, CENTRE_B = "330302001", "330302002"


@pytest.fixture
def platform(tmp_path):
    settings = SandboxSettings(db_path=tmp_path / "platform.sqlite3", backoffice_delay=-1,
                               clerks={"trainee": "trainee", "clerk_a": "pa55-a", "clerk_b": "pa55-b"},
                               clerk_centres={"clerk_b": CENTRE_B}, centre_code=CENTRE_A,
                               login_failures_allowed=3, login_lockout_seconds=30)
    server = SandboxThread(settings).start()
    yield server
    server.stop()


def _token(base: str, account: str, password: str) -> dict[str, str]:
    answer = requests.post(f"{base}{API_PREFIX}/auth/login", json={"account": account, "password": password},
                           timeout=5)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_a_clerk_writes_only_their_own_centres_cases(workstation, platform, tmp_path):
    import dataclasses

    from clerk_app.sync.service import SyncService

    base = platform.base_url
    ws = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        platform__base_url=base, sync__backoff_base_seconds=0.01, sync__backoff_cap_seconds=0.05))
    sync = SyncService(ws)
    make_case(workstation, pages=1, page_bytes=2000, rng=random.Random(1))
    reports = drain(sync.engine, timeout=30)
    assert sum(r.actions_done for r in reports) == 1
    case_uuid, body = next((r[0], json.loads(r[1])) for r in platform_query(tmp_path, "SELECT case_uuid, body"
                                                                                      " FROM cases"))
    assert body["centre_code"] == CENTRE_A
    a, b = _token(base, "clerk_a", "pa55-a"), _token(base, "clerk_b", "pa55-b")
    cases = f"{base}{API_PREFIX}/cases/{case_uuid}"

    def refused(method: str, url: str, payload: dict) -> None:
        answer = requests.request(method, url, json=payload, headers=b, timeout=5)
        assert (answer.status_code, answer.json()["code"]) == (403, "wrong_centre"), (url, answer.text)

    refused("PUT", cases, body)  # re-sending centre A's case
    refused("PUT", cases, {**body, "centre_code": CENTRE_B})  # ... even claiming it for B
    refused("POST", f"{cases}/materials", {"materials": []})
    handover = {"handover_uuid": str(uuid.uuid4()), "collected_at": "2026-12-01T10:00:00+08:00",
                "clerk_id": "clerk_b", "window_code": "01"}
    refused("POST", f"{cases}/handover", handover)
    void = {"void_uuid": str(uuid.uuid4()), "reason": "不是本中心的件", "approved_by": "duty",
            "voided_at": "2026-12-01T10:00:00+08:00", "clerk_id": "clerk_b", "window_code": "01"}
    refused("POST", f"{cases}/void", void)
    supplement = str(uuid.uuid4())
    refused("POST", f"{cases}/supplements/{supplement}", {
        "supplement_uuid": supplement, "case_uuid": case_uuid, "case_number": body["case_number"],
        "supplied_at": "2026-12-01T10:00:00+08:00", "clerk_id": "clerk_b", "window_code": "01",
        "complete": True, "remaining_deferred": [], "materials": [{"material_code": "M1"}]})
    own = str(uuid.uuid4())  # a new case of A's centre sent with B's token
    refused("PUT", f"{base}{API_PREFIX}/cases/{own}", {**body, "case_uuid": own})
    assert requests.put(f"{base}{API_PREFIX}/cases/{own}", json={**body, "case_uuid": own, "centre_code": CENTRE_B},
                        headers=b, timeout=5).status_code == 200  # B's own case
    notice = str(uuid.uuid4())  # a payment order (缴费通知书) for A's case
    order = {"notice_uuid": notice, "case_uuid": case_uuid, "payment_code": "33030200000000000018",
             "stage": "before_conclusion", "amount_fen": 1000, "issued_at": "2026-12-01T10:00:00+08:00",
             "window_code": "01", "clerk_id": "clerk_b"}
    refused("POST", f"{base}{API_PREFIX}/payments/{notice}", order)
    assert requests.post(f"{base}{API_PREFIX}/payments/{notice}", json={**order, "clerk_id": "clerk_a"}, headers=a,
                         timeout=5).status_code == 200
    assert requests.post(f"{cases}/void", json={**void, "clerk_id": "clerk_a"}, headers=a,
                         timeout=5).status_code == 200  # A may void A's case

    def feed(headers: dict[str, str], **extra: str) -> list[str]:
        answer = requests.get(f"{base}{API_PREFIX}/cases/changes", headers={**headers, **extra}, timeout=5)
        answer.raise_for_status()
        return [c["case_uuid"] for c in answer.json()["changes"]]

    assert feed(a) == [case_uuid, case_uuid]  # received, voided
    assert feed(b) == [own]
    assert feed(b, **{"X-Centre-Code": CENTRE_A}) == [own]  # a header chooses nothing

    # The workstation logged in as B sending a case of centre A: refused, shown in the clerk's words.
    client = HttpPlatformClient(base, connect_timeout=2, read_timeout=5)
    client.token_source = lambda: b["Authorization"].removeprefix("Bearer ")
    with pytest.raises(WrongCentre) as refusal:
        client.put_case(case_uuid, body)
    assert refusal.value.status == 403 and "HTTP 403" in refusal.value.user_text()
    client.close()
    sync.close()


def test_pre_applications_are_answered_for_the_tokens_centre_only(platform):
    from tests.integration.sync.test_online_hall import PERSON, _pre_application

    base = platform.base_url
    made = _pre_application(base, CENTRE_A, b"\xff\xd8\xff scanned termination")
    a, b = _token(base, "clerk_a", "pa55-a"), _token(base, "clerk_b", "pa55-b")
    url = f"{base}{API_PREFIX}/pre-applications"
    assert requests.get(f"{url}/{made['number']}", headers=a, timeout=5).status_code == 200
    other = requests.get(f"{url}/{made['number']}", headers={**b, "X-Centre-Code": CENTRE_A}, timeout=5)
    assert other.status_code == 403  # a header chooses nothing: B's token is centre B's
    search = {"id_number": PERSON[1]}
    assert len(requests.post(f"{url}/search", json=search, headers=a, timeout=5).json()["pre_applications"]) == 1
    assert requests.post(f"{url}/search", json=search, headers={**b, "X-Centre-Code": CENTRE_A},
                         timeout=5).json()["pre_applications"] == []


def test_failed_logins_are_throttled_with_retry_after(workstation, platform):
    base = platform.base_url
    url = f"{base}{API_PREFIX}/auth/login"
    for _ in range(3):
        assert requests.post(url, json={"account": "clerk_a", "password": "wrong"}, timeout=5).status_code == 401
    locked = requests.post(url, json={"account": "clerk_a", "password": "pa55-a"}, timeout=5)
    assert locked.status_code == 429 and locked.json()["code"] == "too_many_attempts"
    assert 0 < int(locked.headers["Retry-After"]) <= 30
    assert requests.post(url, json={"account": "clerk_b", "password": "pa55-b"}, timeout=5).status_code == 200

    client = HttpPlatformClient(base, connect_timeout=2, read_timeout=5)
    auth = AuthService(workstation.db, client, "m")
    with pytest.raises(LoginThrottled) as throttled:  # not an offline login around the throttle
        auth.login("clerk_a", "pa55-a")
    assert 0 < throttled.value.retry_after <= 30 and "429" in throttled.value.user_text()
    with pytest.raises(InvalidCredentials):
        auth.login("clerk_b", "wrong")
    client.close()


def platform_query(tmp_path, sql: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(tmp_path / "platform.sqlite3") as conn:
        return list(conn.execute(sql))
