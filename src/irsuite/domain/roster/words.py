"""Plain-language sentences for the hard rules, shared by the checker and the explainer."""

from __future__ import annotations

from datetime import date

from irsuite.domain.roster.types import CallType, Rules


def day_text(day: date) -> str:
    """A day as 'Mon 2026-03-02'."""
    return f"{day:%a} {day.isoformat()}"


def coverage(ct: CallType, day: date) -> str:
    """The coverage rule of one slot."""
    roles = " or ".join(sorted(r.value for r in ct.roles))
    people = "person" if ct.needs == 1 else "people"
    return f"{ct.name!r} on {day_text(day)} needs {ct.needs} {people} ({roles})"


def leave(staff: str, day: date) -> str:
    """A person's leave on one day."""
    return f"{staff} is on leave on {day_text(day)}"


def one_duty(day: date) -> str:
    """The one-duty-a-day rule on one day."""
    return f"nobody takes two duties on {day_text(day)}"


def after_night(day: date) -> str:
    """The rest-after-a-night rule for the night of ``day``."""
    return f"nobody on a night on {day_text(day)} works the next day"


def max_consecutive(rules: Rules, first: date) -> str:
    """The consecutive-days limit for the window starting on ``first``."""
    return f"at most {rules.max_consecutive} duty days in a row (from {day_text(first)})"


def min_rest(rules: Rules, first: date) -> str:
    """The minimum-rest rule for the window starting on ``first``."""
    return f"at least {rules.min_rest_days} days off between duties (from {day_text(first)})"


def max_per_month(rules: Rules, month: tuple[int, int]) -> str:
    """The monthly limit for one month."""
    return f"at most {rules.max_per_month} duties per person in {month[0]}-{month[1]:02d}"


def pairing(day: date, site: str | None) -> str:
    """The trainee-with-attending rule on one day and site."""
    where = f" at {site}" if site else ""
    return f"a trainee on call on {day_text(day)}{where} needs an attending on call the same day"
