"""Helpers shared by the scheduling tests."""

import datetime as dt

from django.utils import timezone


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at ``hour:minute`` local time on ``day``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
