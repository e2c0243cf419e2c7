"""Errors shown inside a widget go through ui/errors.py like dialogs: the clerk's text for expected failures,
nothing for a cancel, and the crash handler (a raise) for anything untyped."""

from __future__ import annotations

import pytest

from clerk_app.errors import Cancelled, UserFacingError
from ui.errors import error_html, inline_error_text
from ui.stamps import local_minute


class _Expected(UserFacingError):
    message = "The reader is busy."


def test_an_expected_failure_gives_the_clerks_text() -> None:
    assert inline_error_text(_Expected()) == _Expected().user_text() != ""


def test_a_cancel_shows_nothing() -> None:
    assert inline_error_text(Cancelled()) == ""


def test_an_untyped_exception_goes_on_to_the_crash_handler() -> None:
    with pytest.raises(KeyError):
        inline_error_text(KeyError("bug"))


def test_an_inline_error_is_red_and_escaped() -> None:
    shown = error_html("申请人<b>张三</b> & 代办人")
    assert shown.startswith("<span style='color:#c62828'>")
    assert "&lt;b&gt;张三&lt;/b&gt; &amp; 代办人" in shown and "<b>" not in shown


def test_a_stored_time_reads_to_the_minute_in_local_time() -> None:
    from datetime import datetime

    stamp = "2026-12-02T01:05:33+00:00"
    assert local_minute(stamp) == datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    assert local_minute(None) == local_minute("") == ""
    assert local_minute("yesterday") == "yesterday"  # not ISO: shown as stored, not hidden
