"""``calendar``: check a promised date and maintain the working-day calendar extension table.

``calendar deadline 2026-12-15 20 --json`` prints ``{"deadline": ..., "certain": ..., "warning": ...}``, so anyone
can check a date printed on a notice. ``calendar set``/``unset``/``complete``/``list`` are for the administrator
who enters a year's holidays before the package knows them.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING

from clerk_app.cli import ServicesFactory
from clerk_app.domain.catalog import LimitUnit
from clerk_app.domain.workdays import Pause, official_years
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from clerk_app.rules import RulesService


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def _days(text: str) -> list[date]:
    """One ISO date or an inclusive range START..END (a holiday week is one command)."""
    start, sep, end = text.partition("..")
    first = _date(start)
    last = _date(end) if sep else first
    if last < first or (last - first).days > 60:
        raise argparse.ArgumentTypeError("a range is START..END, at most 60 days, END not before START")
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def _pause(text: str) -> Pause:
    start, sep, end = text.partition("..")
    if not sep:
        raise argparse.ArgumentTypeError("a pause is START..END, e.g. 2026-03-02..2026-03-06")
    return Pause(_date(start), _date(end))


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("calendar", help="working-day deadlines and the holiday calendar table")
    sub = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)

    deadline = sub.add_parser("deadline", help="the deadline of a limit counted from an acceptance day")
    deadline.add_argument("start", type=_date, help="acceptance day (not counted), YYYY-MM-DD")
    deadline.add_argument("days", type=int, help="the limit")
    deadline.add_argument("--calendar-days", action="store_true", help="the limit is in calendar days")
    deadline.add_argument("--pause", type=_pause, action="append", default=[],
                          help="clock stopped START..END inclusive (特别程序, 补正); repeatable")
    deadline.add_argument("--json", action="store_true", help="machine-readable output")
    deadline.set_defaults(handler=run_deadline)

    setday = sub.add_parser("set", help="declare days working days or days off (overrides the package)")
    setday.add_argument("days", type=_days, metavar="DAY[..END]", help="YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")
    kind = setday.add_mutually_exclusive_group(required=True)
    kind.add_argument("--workday", action="store_true", help="调休 working day")
    kind.add_argument("--holiday", action="store_true", help="day off")
    setday.add_argument("--name", default="", help="e.g. 春节")
    setday.set_defaults(handler=run_set)

    unset = sub.add_parser("unset", help="remove declared days")
    unset.add_argument("days", type=_days, metavar="DAY[..END]")
    unset.set_defaults(handler=run_unset)

    complete = sub.add_parser("complete", help="mark a year's declared days as the whole official calendar")
    complete.add_argument("year", type=int)
    complete.add_argument("--undo", action="store_true")
    complete.set_defaults(handler=run_complete)

    listing = sub.add_parser("list", help="declared days and coverage")
    listing.add_argument("year", type=int, nargs="?")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def _rules(make_services: ServicesFactory) -> RulesService:
    return make_services().rules


def run_deadline(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    if args.days < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A time limit cannot be negative."))
    unit = LimitUnit.CALENDAR_DAYS if args.calendar_days else LimitUnit.WORKING_DAYS
    result = _rules(make_services).deadline(args.start, args.days, unit, args.pause)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        print(result.deadline.isoformat() + ("" if result.certain else "  (!)"))
        if result.warning:
            print(result.warning)
    return 0


def run_set(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from offline_cache.calendar_store import CalendarDay

    rules = _rules(make_services)
    rules.calendar_store.set_days([CalendarDay(day, bool(args.workday), args.name, "admin") for day in args.days])
    rules.calendar_changed()
    return 0


def run_unset(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    rules = _rules(make_services)
    removed = [rules.calendar_store.remove_day(day) for day in args.days]
    rules.calendar_changed()
    return 0 if any(removed) else 1


def run_complete(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    rules = _rules(make_services)
    rules.calendar_store.mark_year_complete(args.year, "admin", complete=not args.undo)
    rules.calendar_changed()
    return 0


def run_list(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    store = _rules(make_services).calendar_store
    first, last = official_years()
    days = store.days(args.year)
    report = {
        "official_years": [first, last],
        "complete_years": store.complete_years(),
        "days": [{"day": d.day.isoformat(), "workday": d.is_workday, "name": d.name, "source": d.source}
                 for d in days],
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"official calendar: {first}-{last}; complete years: {report['complete_years'] or '-'}")
        for d in days:
            print(f"  {d.day.isoformat()}  {'workday' if d.is_workday else 'day off'}  {d.name}  ({d.source})")
    return 0
