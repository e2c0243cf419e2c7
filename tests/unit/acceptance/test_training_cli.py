"""``training sample-cases``: practice cases through the real acceptance service, offline, training mode only."""

from __future__ import annotations

import json

import main


def test_sample_cases_are_committed_offline_and_queued(tmp_path, capsys):
    home = str(tmp_path / "home")
    assert main.run(["--home", home, "training", "sample-cases", "--count", "2", "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert len(made["cases"]) == 2 and len(set(made["cases"])) == 2

    assert main.run(["--home", home, "case", "today", "--json"]) == 0
    listed = {case["case_number"] for case in json.loads(capsys.readouterr().out)}
    assert listed == set(made["cases"])
    assert main.run(["--home", home, "sync", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["queued"] == 2


def test_sample_cases_refused_outside_training(tmp_path, capsys):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "onewindow.toml").write_text('mode = "production"\n', encoding="utf-8")
    assert main.run(["--home", str(home), "training", "sample-cases", "--json"]) == 1
    assert "培训模式" in capsys.readouterr().err
