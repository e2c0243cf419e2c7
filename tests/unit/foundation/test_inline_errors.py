"""Errors shown inside a widget go through ui/errors.py like dialogs: the clerk's text for expected failures,
nothing for a cancel, and the crash handler (a raise) for anything untyped."""

from __future__ import annotations

import pytest

from clerk_app.errors import Cancelled, UserFacingError
from ui.errors import inline_error_text


class _Expected(UserFacingError):
    message = "The reader is busy."


def test_an_expected_failure_gives_the_clerks_text() -> None:
    assert inline_error_text(_Expected()) == _Expected().user_text() != ""


def test_a_cancel_shows_nothing() -> None:
    assert inline_error_text(Cancelled()) == ""


def test_an_untyped_exception_goes_on_to_the_crash_handler() -> None:
    with pytest.raises(KeyError):
        inline_error_text(KeyError("bug"))
