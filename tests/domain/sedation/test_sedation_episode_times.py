"""Entries are charted at the time they happened, within the episode."""

from datetime import datetime, time, timedelta

from irsuite.domain.sedation.episode import (
    clock_time_to_moment,
    entry_time_problem,
    parse_episode_rules,
    start_time_problem,
)
from irsuite.reference.loader import read_toml

RULES = parse_episode_rules(read_toml("sedation.toml"))
NOW = datetime(2026, 12, 6, 10, 30)


def test_a_clock_time_is_the_latest_such_moment_not_after_now():
    assert clock_time_to_moment(time(10, 5), NOW, RULES) == datetime(2026, 12, 6, 10, 5)
    assert clock_time_to_moment(time(10, 31), NOW, RULES) == NOW  # a watch a minute fast
    assert clock_time_to_moment(time(23, 50), NOW, RULES) == datetime(2026, 12, 5, 23, 50)


def test_an_entry_must_fall_within_the_episode_and_not_ahead_of_the_clock():
    start = NOW - timedelta(minutes=45)
    assert entry_time_problem(NOW - timedelta(minutes=10), episode_start=start, now=NOW) is None
    assert "before this sedation episode began (09:45)" in entry_time_problem(
        NOW - timedelta(hours=1), episode_start=start, now=NOW
    )
    assert "in the future" in entry_time_problem(
        NOW + timedelta(minutes=5), episode_start=start, now=NOW
    )


def test_an_episode_may_be_charted_back_at_most_twelve_hours():
    assert start_time_problem(NOW - timedelta(hours=11), now=NOW, rules=RULES) is None
    assert "at most 12 hours back" in start_time_problem(
        NOW - timedelta(hours=13), now=NOW, rules=RULES
    )
