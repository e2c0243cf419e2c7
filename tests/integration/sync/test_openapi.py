"""The sandbox's published OpenAPI document validates, and a schemathesis property test runs against the live
server over loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import positive_data_acceptance

from sandbox.app import SandboxSettings
from sandbox.server import SandboxThread

pytestmark = pytest.mark.integration

# Upload chunks are raw bytes, serialised like any octet stream.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")


@pytest.fixture(scope="module")
def live_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxThread]:
    db = Path(tmp_path_factory.mktemp("openapi")) / "sandbox.sqlite3"
    thread = SandboxThread(SandboxSettings(db_path=db, backoffice_delay=-1)).start()
    yield thread
    thread.stop()


@pytest.fixture(scope="module")
def token(live_sandbox: SandboxThread) -> str:
    response = requests.post(f"{live_sandbox.base_url}/api/v1/auth/login",
                             json={"account": "trainee", "password": "trainee"}, timeout=5)
    response.raise_for_status()
    return str(response.json()["access_token"])


def test_openapi_document_validates(live_sandbox: SandboxThread) -> None:
    document = requests.get(f"{live_sandbox.base_url}/openapi.json", timeout=5).json()
    validate(document)
    paths = document["paths"]
    for path in ("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/catalog/changes", "/api/v1/calendar",
                 "/api/v1/cases/{case_uuid}", "/api/v1/files/{sha256}", "/api/v1/cases/{case_uuid}/materials",
                 "/api/v1/cases/changes", "/api/v1/cases/{case_uuid}/handover", "/api/v1/evaluations",
                 "/api/v1/reports",
                 "/api/v1/cases/{case_uuid}/supplements/{supplement_uuid}",
                 "/api/v1/cases/{case_uuid}/corrections/{submission_uuid}",
                 "/api/v1/cases/{case_uuid}/signatures/{signature_uuid}", "/api/v1/payments/{notice_uuid}",
                 "/api/v1/payments/changes", "/api/v1/cases/{case_uuid}/dispatch",
                 "/api/v1/routing/slips/{slip_uuid}", "/api/v1/routing/slips/{slip_uuid}/receipt"):
        assert path in paths
    assert "/__admin/faults" not in paths
    assert "head" in paths["/api/v1/files/{sha256}"] and "patch" in paths["/api/v1/files/{sha256}"]


def test_sandbox_honours_its_contract(live_sandbox: SandboxThread, token: str) -> None:
    """Every operation, fed generated valid and invalid requests, answers per its documented responses and never
    with a server error (schemathesis' checks). The pytest plugin of schemathesis does not support pytest 9 yet, so
    the operations are driven through hypothesis directly."""
    api = schemathesis.openapi.from_url(f"{live_sandbox.base_url}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        _property_test(operation, token)()


def _property_test(operation: Any, token: str) -> Any:
    # Preconditions OpenAPI cannot state (the body's case_uuid equals the path's; uploaded bytes hash to the
    # file's name and fit its declared length) make some schema-valid requests rightly refused there.
    # The same holds for a supplement's, a 补正 submission's, a signature's and a payment order's UUIDs (body and
    # path), a dispatch's case UUID (body and path), and for a report's range (``to`` not before ``from``, at most
    # three years), and for a routing slip's UUID (body and path) and its cases (received before the slip).
    refused_preconditions = operation.method.upper() in ("PUT", "PATCH") or any(
        part in operation.path for part in ("/supplements/", "/corrections/", "/signatures/", "/reports",
                                            "/payments/{", "/dispatch", "/routing/"))
    excluded = [positive_data_acceptance] if refused_preconditions else []

    @given(case=operation.as_strategy())
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded)

    return check
