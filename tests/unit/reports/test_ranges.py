"""The statistics view's ranges: a day, the Monday-to-Sunday week, the calendar month, a custom range in order."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.reports.ranges import range_around


def test_ranges_around_a_day() -> None:
    day = date(2026, 12, 2)  # a Wednesday
    assert range_around("day", day) == (day, day)
    assert range_around("week", day) == (date(2026, 11, 30), date(2026, 12, 6))
    assert range_around("month", day) == (date(2026, 12, 1), date(2026, 12, 31))
    assert range_around("month", date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert range_around("custom", day, (date(2026, 12, 9), date(2026, 1, 1))) == (date(2026, 1, 1),
                                                                                 date(2026, 12, 9))
    with pytest.raises(ValueError):
        range_around("custom", day)
    with pytest.raises(ValueError):
        range_around("fortnight", day)
