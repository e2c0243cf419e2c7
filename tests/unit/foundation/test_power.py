"""No busy polling on battery: a sysfs-shaped power-supply folder drives the real reader manager, queue service and
sync service of the composition root (nothing started: the loops read the intervals set here on each round)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.power import PowerSaver, PowerSource, read_power_source


def _supply(root: Path, name: str, **files: str) -> None:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for key, value in files.items():
        (folder / key).write_text(value + "\n", encoding="ascii")


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    root = tmp_path / "power_supply"
    _supply(root, "AC", type="Mains", online="1")
    _supply(root, "BAT0", type="Battery", status="Charging", capacity="80")
    return root


def test_the_supply_is_read_as_sysfs_reports_it(tmp_path: Path, laptop: Path) -> None:
    assert read_power_source(laptop) is PowerSource.MAINS
    _supply(laptop, "AC", online="0")
    _supply(laptop, "BAT0", status="Discharging")
    assert read_power_source(laptop) is PowerSource.BATTERY
    _supply(laptop, "BAT0", status="Not charging")  # full and unplugged: still no adapter online
    assert read_power_source(laptop) is PowerSource.BATTERY
    desktop = tmp_path / "desktop"
    _supply(desktop, "hidpp_battery_0", type="Battery", status="Discharging", scope="Device")  # a wireless mouse
    _supply(desktop, "ucsi-source-psy-USBC000:001", type="USB", online="1")
    assert read_power_source(desktop) is PowerSource.MAINS
    assert read_power_source(tmp_path / "missing") is PowerSource.UNKNOWN
    (tmp_path / "no_supplies").mkdir()  # a desktop whose kernel reports none
    assert read_power_source(tmp_path / "no_supplies") is PowerSource.UNKNOWN


def test_on_battery_the_loops_slow_down_and_resume_on_mains(services, laptop: Path) -> None:
    reader, queue, sync = services.identity, services.queue, services.sync
    woken: list[bool] = []
    sync.sync_now = lambda: woken.append(True)  # type: ignore[method-assign]  # the pass itself is sync's test
    saver = PowerSaver(reader, queue, sync, root=laptop)
    mains = saver.current()
    assert mains.polls_per_minute() == {"card_poll": 1200.0, "card_rediscover": 30.0, "queue_poll": 12.0,
                                        "sync": 2.0}
    assert saver.check() is PowerSource.MAINS and saver.current() == mains
    _supply(laptop, "AC", online="0")
    _supply(laptop, "BAT0", status="Discharging")
    assert saver.check() is PowerSource.BATTERY
    assert saver.current().polls_per_minute() == {"card_poll": 120.0, "card_rediscover": 6.0, "queue_poll": 2.0,
                                                  "sync": 0.2}
    assert reader.poll_interval == 0.5 and queue.poll_seconds == 30.0 and sync.interval == 300.0
    assert woken == []
    _supply(laptop, "AC", online="1")
    assert saver.check() is PowerSource.MAINS
    assert saver.current() == mains and woken == [True]  # what the visit took is sent at once


def test_battery_saving_off_keeps_the_configured_loops(services, laptop: Path) -> None:
    _supply(laptop, "AC", online="0")
    saver = PowerSaver(services.identity, services.queue, services.sync, root=laptop, enabled=False)
    mains = saver.current()
    assert saver.check() is PowerSource.UNKNOWN and saver.current() == mains
