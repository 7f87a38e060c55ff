"""The scheduling reference file (priority weights, late credit, room turnover)."""

from __future__ import annotations

from functools import cache

from irsuite.domain.booking import Priority, SchedulingReference, parse_scheduling_reference
from irsuite.reference.loader import read_toml

FILE = "scheduling.toml"


@cache
def scheduling_reference() -> SchedulingReference:
    """The parsed reference (read once per process)."""
    return parse_scheduling_reference(read_toml(FILE))


def check_reference() -> str:
    """Validate the file for ``irsuite load-reference`` and summarise it."""
    scheduling_reference.cache_clear()
    ref = scheduling_reference()
    weights = "/".join(str(ref.weight(p)) for p in Priority)
    unverified = sum(not s.verified for s in ref.provenance.values())
    return (
        f"scheduling {ref.version}: weights routine/urgent/emergent {weights}, "
        f"late credit {ref.late_credit:g}, turnover {ref.turnover_min} min "
        f"({unverified} values unverified)"
    )
