from __future__ import annotations

import logging
import re

import pytest

from clerk_app import config as cfg
from clerk_app.errors import ValidationError
from clerk_app.logging_setup import RedactingFilter, redact


def test_no_file_means_training_mode(tmp_path):
    config = cfg.load_config(tmp_path / "missing.toml")
    assert config.is_training and not config.has_file
    assert config.get("window.code") == "01"


def test_file_values_are_typed_and_validated(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('mode = "production"\n[window]\ncode = "07"\n[platform]\nread_timeout = 10\n')
    config = cfg.load_config(path)
    assert not config.is_training
    assert config.get("window.code") == "07"
    assert config.get("platform.read_timeout") == 10.0

    path.write_text("[window]\ncode = 7\n")
    with pytest.raises(ValidationError) as info:
        cfg.load_config(path)
    assert "window.code" in str(info.value)

    path.write_text("[window]\ncolour = 'red'\n")
    with pytest.raises(ValidationError, match="window.colour"):
        cfg.load_config(path)

    path.write_text("mode = \n")
    with pytest.raises(ValidationError):
        cfg.load_config(path)


def test_rendered_defaults_document_every_option_and_load_back(tmp_path):
    text = cfg.render_defaults()
    for option in cfg.options():
        assert f"# {option.key} = " in text and option.description
    # Uncommenting every option line gives a file that loads to exactly the defaults.
    path = tmp_path / "all.toml"
    option_line = re.compile(r"^# [a-z_.]+ = ")
    path.write_text("\n".join(line[2:] for line in text.splitlines() if option_line.match(line)))
    loaded = cfg.load_config(path)
    assert loaded.as_dict() == cfg.Config().as_dict()


def test_options_cannot_be_declared_twice():
    with pytest.raises(ValueError):
        cfg.declare("mode", str, "x", "again")


@pytest.mark.parametrize("secret", ["11010519491231002X", "91110000600037341L", "CHN123456789012", "13812345678"])
def test_redaction_masks_personal_numbers(secret):
    assert secret not in redact(f"read card {secret} ok")


def test_redaction_keeps_ordinary_numbers():
    assert redact("migration 0001 took 12 ms, case 330302001-01-20261122-0001") == (
        "migration 0001 took 12 ms, case 330302001-01-20261122-0001")


def test_log_records_are_redacted(caplog):
    logger = logging.getLogger("onewindow.test")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO):
        logger.info("applicant %s", "11010519491231002X")
    logger.filters.clear()
    assert "11010519491231002X" not in caplog.text
