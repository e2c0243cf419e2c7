from __future__ import annotations

import random

import pytest

from clerk_app.errors import StorageCorrupt
from clerk_app.sync.errors import ExportPassphraseRequired, InsecurePlatformUrl
from clerk_app.sync.export import export_queue, read_export
from clerk_app.sync.http_client import HttpPlatformClient, _retry_after
from tests.unit.sync.factory import make_case


def test_export_is_encrypted_and_complete(workstation, tmp_path):
    cases = [make_case(workstation, pages=2, page_bytes=3000, rng=random.Random(i)) for i in range(3)]
    result = export_queue(workstation, tmp_path / "usb", "correct horse battery")
    assert result.actions == 3 and result.files == 6 and result.missing_files == 0
    raw = result.path.read_bytes()
    assert b"11010519491231002X" not in raw and "张三".encode() not in raw
    manifest, files = read_export(result.path, "correct horse battery")
    assert [a["case_uuid"] for a in manifest["actions"]] == [c["case_uuid"] for c in cases]
    assert manifest["actions"][0]["secret"]["principal"]["id_number"] == "11010519491231002X"
    assert set(files) == {sha for c in cases for sha in c["files"]}
    assert files[cases[0]["files"][0]] == workstation.blobs.get(cases[0]["files"][0])
    with pytest.raises(StorageCorrupt):
        read_export(result.path, "wrong horse battery")
    # Exporting does not mark anything sent.
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE state = 'pending'")[0][0] == 3


def test_export_needs_a_real_passphrase(workstation, tmp_path):
    with pytest.raises(ExportPassphraseRequired):
        export_queue(workstation, tmp_path, "short")


@pytest.mark.parametrize("url", ["http://platform.example.gov.cn", "ftp://127.0.0.1", "http://10.0.0.1:8080"])
def test_plain_http_is_refused_except_on_loopback(url):
    with pytest.raises(InsecurePlatformUrl):
        HttpPlatformClient(url, connect_timeout=1, read_timeout=1)


def test_tls_verification_stays_on_with_a_province_ca(tmp_path):
    bundle = tmp_path / "ca.pem"
    client = HttpPlatformClient("https://zwfw.example.gov.cn", connect_timeout=1, read_timeout=2,
                                ca_bundle=str(bundle))
    assert client.session.verify == str(bundle)
    assert client.timeout_for()[0] == 1 and 1 <= client.timeout_for()[1] <= 2
    client.close()
    default = HttpPlatformClient("http://127.0.0.1:1", connect_timeout=1, read_timeout=1)
    assert default.session.verify is True
    retry = default.session.get_adapter("http://127.0.0.1:1").max_retries
    assert "PATCH" not in retry.allowed_methods and "POST" not in retry.allowed_methods
    default.close()


def test_retry_after_seconds_and_http_dates():
    assert _retry_after("7") == 7.0
    assert _retry_after(None) is None
    assert _retry_after("soon") is None
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_timeouts_fit_the_request_and_grow_when_the_platform_is_slow():
    client = HttpPlatformClient("https://zwfw.example.gov.cn", connect_timeout=3, read_timeout=30,
                                read_timeout_min=2, server_bytes_per_second=1_000_000)
    connect, small = client.timeout_for()
    assert connect == 3 and small == 2  # a fast link: the floor, not the old fixed 30 s
    assert client.timeout_for(5_000_000)[1] == small + 5  # the platform hashes a 5 MB file before answering
    for _ in range(10):
        client._observe_latency(None)  # answers keep timing out: the platform may just be slow now
    assert client.timeout_for()[1] == 30  # ... so waits grow up to the ceiling, never beyond
    for _ in range(60):
        client._observe_latency(0.05)
    assert client.timeout_for()[1] == 2
    client.close()
