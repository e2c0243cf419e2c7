"""Configuration values are checked against what each option allows, every problem of a file is reported at once
naming its key, and callers read typed values."""

from __future__ import annotations

import pytest

from clerk_app import config as cfg
from clerk_app.errors import ValidationError


def _load(tmp_path, text: str) -> cfg.Config:
    path = tmp_path / "onewindow.toml"
    path.write_text(text, encoding="utf-8")
    return cfg.load_config(path)


def test_a_mode_outside_the_allowed_values_is_an_error_naming_key_and_values(tmp_path):
    with pytest.raises(ValidationError) as info:
        _load(tmp_path, 'mode = "Training"\n')
    text = info.value.user_text()
    assert "mode" in text and '"Training"' in text and '"training", "production"' in text


@pytest.mark.parametrize(("toml", "key", "form"), [
    ('[window]\ncode = "1x"\n', "window.code", "two digits"),
    ('[window]\ncode = "001"\n', "window.code", "two digits"),
    ('[centre]\ncode = "3303-02"\n', "centre.code", "6 to 12 digits"),
    ('[platform]\nbase_url = "ftp://platform"\n', "platform.base_url", "http(s)://"),
])
def test_codes_and_addresses_must_have_their_form(tmp_path, toml, key, form):
    with pytest.raises(ValidationError) as info:
        _load(tmp_path, toml)
    assert key in info.value.user_text() and form in info.value.user_text()


@pytest.mark.parametrize(("toml", "key"), [
    ("[sync]\nparallel_cases = 0\n", "sync.parallel_cases"),
    ("[scanning]\njpeg_quality = 101\n", "scanning.jpeg_quality"),
    ("[sandbox]\nport = 70000\n", "sandbox.port"),
    ('[scanning]\ndefault_mode = "color"\n', "scanning.default_mode"),
    ('[queue]\nadapter = "Sandbox"\n', "queue.adapter"),
    ("[devices]\nidcard_serial_ports = [1, 2]\n", "devices.idcard_serial_ports"),
])
def test_numbers_out_of_range_and_unknown_choices_are_errors(tmp_path, toml, key):
    with pytest.raises(ValidationError, match=key.replace(".", r"\.")):
        _load(tmp_path, toml)


def test_good_values_load(tmp_path):
    config = _load(tmp_path, 'mode = "production"\n[centre]\ncode = "511602001"\n[window]\ncode = "07"\n'
                             '[platform]\nbase_url = "https://platform.example/api"\n[sync]\nparallel_cases = 8\n')
    assert (config.mode, config.centre_code, config.window_code) == ("production", "511602001", "07")
    assert not config.is_training
    assert config.get_int("sync.parallel_cases") == 8
    assert config.get_str("platform.base_url") == "https://platform.example/api"


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    with pytest.raises(cfg.ConfigProblems) as info:
        _load(tmp_path, 'mode = "Training"\n[window]\ncode = "1x"\ncolour = "red"\n')
    text = info.value.user_text()
    assert "3" in text.splitlines()[0]
    assert all(key in text for key in ("mode", "window.code", "window.colour"))
    assert len(info.value.problems) == 3


def test_an_unknown_key_is_reported_with_the_closest_option(tmp_path):
    with pytest.raises(ValidationError) as info:
        _load(tmp_path, "[sync]\nparalel_cases = 2\n")
    assert "sync.paralel_cases" in info.value.user_text() and "sync.parallel_cases" in info.value.user_text()


def test_a_file_that_cannot_be_read_or_parsed_is_a_clear_error(tmp_path):
    folder = tmp_path / "onewindow.toml"
    folder.mkdir()
    with pytest.raises(ValidationError, match="cannot be read"):
        cfg.load_config(folder)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"mode = \"\xff\xfe\"\n")
    with pytest.raises(ValidationError, match="not valid TOML"):
        cfg.load_config(binary)


def test_typed_accessors_refuse_the_wrong_type():
    config = cfg.Config()
    assert config.get_bool("devices.simulated_when_absent") is True
    assert config.get_float("platform.read_timeout") == 30.0
    assert config.get_list("scanning.watch_folders") == []
    with pytest.raises(TypeError):
        config.get_int("window.code")
    with pytest.raises(KeyError):
        config.get_str("no.such.option")


def test_overrides_are_checked_like_the_file(tmp_path):
    with pytest.raises(ValidationError, match="window.code"):
        cfg.Config().with_overrides(window__code="1x")


def test_a_default_outside_its_own_rule_cannot_be_declared():
    with pytest.raises(ValueError):
        cfg.declare("test.only_choice", str, "c", "x", choices=("a", "b"))
    assert "test.only_choice" not in {o.key for o in cfg.options()}
