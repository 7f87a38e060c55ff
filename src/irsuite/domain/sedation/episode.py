"""When an entry of a sedation episode may be charted: at the time it happened (back-timed),
never before the episode began and never ahead of the clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any


@dataclass(frozen=True)
class EpisodeRules:
    """``[episode]`` of sedation.toml."""

    back_time_limit: timedelta
    future_tolerance: timedelta


def parse_episode_rules(data: Mapping[str, Any]) -> EpisodeRules:
    raw = data["episode"]
    limit = timedelta(hours=int(raw["back_time_limit_hours"]))
    tolerance = timedelta(minutes=int(raw["future_tolerance_min"]))
    if limit <= timedelta(0) or tolerance < timedelta(0):
        raise ValueError("sedation.toml: [episode] limits must be positive")
    return EpisodeRules(limit, tolerance)


def clock_time_to_moment(clock: time, now: datetime, rules: EpisodeRules) -> datetime:
    """The latest moment at ``clock`` o'clock not after ``now`` (in ``now``'s time zone).

    A time a little ahead of ``now`` (a watch running fast) is taken as now; a time further
    ahead is yesterday's, for entries charted after midnight about the evening before.
    """
    today = now.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
    if today <= now:
        return today
    if today - now <= rules.future_tolerance:
        return now
    return today - timedelta(days=1)


def entry_time_problem(at: datetime, *, episode_start: datetime, now: datetime) -> str | None:
    """Why ``at`` cannot be charted in an episode that began at ``episode_start``, or None.

    Times in the message are shown as given (pass local times).
    """
    if at > now:
        return f"{at:%H:%M} is in the future; chart what has happened, at the time it happened."
    if at < episode_start:
        return (
            f"{at:%H:%M} is before this sedation episode began ({episode_start:%H:%M}); "
            "check the time, or correct when the episode began."
        )
    return None


def start_time_problem(start: datetime, *, now: datetime, rules: EpisodeRules) -> str | None:
    """Why an episode cannot be charted as beginning at ``start``, or None."""
    if start > now + rules.future_tolerance:
        return f"{start:%H:%M} is in the future; the episode starts when sedation begins."
    if now - start > rules.back_time_limit:
        hours = int(rules.back_time_limit.total_seconds()) // 3600
        return f"An episode can be charted at most {hours} hours back; check the time."
    return None
