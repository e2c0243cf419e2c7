"""The sandbox reads a workstation's queue export with its own code (it is a separate system) and publishes its own
copy of the training catalog; both must keep agreeing with the workstation's side."""

from __future__ import annotations

import json
import random

import pytest

from clerk_app.catalog.training import TRAINING_FILE
from clerk_app.sync.export import export_queue, read_export
from sandbox.catalog_feed import CATALOG_FILE
from sandbox.queue_import import ImportFailed, read_queue_export, replay
from tests.unit.sync.factory import make_case


def test_the_sandbox_reads_an_export_exactly_as_the_workstation_wrote_it(workstation, tmp_path):
    for i in range(2):
        make_case(workstation, pages=2, page_bytes=3000, rng=random.Random(i))
    result = export_queue(workstation, tmp_path / "usb", "correct horse battery")
    assert read_queue_export(result.path, "correct horse battery") == read_export(result.path,
                                                                                   "correct horse battery")
    with pytest.raises(ImportFailed, match="passphrase"):
        read_queue_export(result.path, "wrong horse battery")
    with pytest.raises(ImportFailed, match="8 characters"):
        read_queue_export(result.path, "short")
    not_an_export = tmp_path / "x.owq"
    not_an_export.write_bytes(b"PK\x03\x04" + bytes(64))
    with pytest.raises(ImportFailed, match="not a queue export"):
        read_queue_export(not_an_export, "correct horse battery")


class _Recorder:
    def __init__(self, held: set[str]) -> None:
        self.calls: list[tuple[str, str]] = []
        self.held = held

    def put(self, path, body):
        self.calls.append(("PUT", path))

    def post(self, path, body):
        self.calls.append(("POST", path))

    def upload(self, sha, data):
        if data is None and sha not in self.held:
            raise ImportFailed("missing")
        self.calls.append(("UPLOAD", sha))


def test_replay_sends_each_case_then_its_files_then_the_binding():
    manifest = {"actions": [
        {"kind": "case_upsert", "action_uuid": "a1", "case_uuid": "c1",
         "payload": {"case_uuid": "c1", "materials": [{"material_code": "M1", "files": ["s1", "s2"]},
                                                      {"material_code": "M2", "files": []}]}, "secret": {}},
        {"kind": "handover", "action_uuid": "a2", "case_uuid": "c1", "payload": {}, "secret": {"name": "x"}},
        {"kind": "evaluation", "action_uuid": "a3", "case_uuid": "c1", "payload": {"score": 5}},
    ]}
    client = _Recorder(held=set())
    counts = replay(manifest, {"s1": b"1", "s2": b"2"}, client)  # type: ignore[arg-type]
    assert counts == {"cases": 1, "files": 2, "handovers": 1, "supplements": 0, "corrections": 0,
                      "fee_notices": 0, "evaluations": 1}
    assert client.calls == [("PUT", "/cases/c1"), ("UPLOAD", "s1"), ("UPLOAD", "s2"),
                            ("POST", "/cases/c1/materials"), ("POST", "/cases/c1/handover"),
                            ("POST", "/evaluations")]


def test_the_sandbox_publishes_the_same_training_catalog_the_workstation_bundles():
    # Run data/catalog/build_training.py: it writes both files.
    assert json.loads(CATALOG_FILE.read_text(encoding="utf-8")) == json.loads(
        TRAINING_FILE.read_text(encoding="utf-8"))
