"""What a room can do and when it is open, read from the database."""

from __future__ import annotations

from irsuite.people.models import Room, SuiteType
from irsuite.scheduling.booking.models import Capability

# Used when a room has no capability rows yet: what each kind of suite usually has.
SUITE_CAPABILITIES: dict[str, frozenset[str]] = {
    SuiteType.ANGIO_SINGLE_PLANE: frozenset(
        {Capability.ANGIO, Capability.FLUOROSCOPY, Capability.US}
    ),
    SuiteType.ANGIO_BIPLANE: frozenset({Capability.ANGIO, Capability.FLUOROSCOPY, Capability.US}),
    SuiteType.HYBRID_OR: frozenset({Capability.ANGIO, Capability.FLUOROSCOPY, Capability.US}),
    SuiteType.FLUORO: frozenset({Capability.FLUOROSCOPY, Capability.US}),
    SuiteType.CT: frozenset({Capability.CT}),
    SuiteType.US: frozenset({Capability.US}),
}


def capabilities_of_room(room: Room) -> frozenset[str]:
    """The room's capabilities: its own rows, or its suite type's usual ones when it has none."""
    own = frozenset(room.capabilities.values_list("capability", flat=True))
    return own or SUITE_CAPABILITIES.get(room.suite_type, frozenset())
