"""Which procedure goes in which room, and the case mix of the demo department."""

from __future__ import annotations

import datetime as dt
import random

from irsuite.cases.models import CatalogueEntry
from irsuite.people.models import Room, SuiteType

# Share of the caseload by family: lines and drains dominate a real IR list.
FAMILY_MIX = {
    "venous_access": 0.27,
    "non_vascular": 0.36,
    "arterial": 0.10,
    "venous": 0.10,
    "embolisation": 0.09,
    "interventional_oncology": 0.05,
    "portal_hypertension": 0.03,
}
SUITE_CAPABILITIES: dict[str, set[str]] = {
    SuiteType.ANGIO_BIPLANE: {"angio", "fluoroscopy", "us"},
    SuiteType.ANGIO_SINGLE_PLANE: {"angio", "fluoroscopy", "us"},
    SuiteType.HYBRID_OR: {"angio", "fluoroscopy", "us"},
    SuiteType.FLUORO: {"fluoroscopy", "us"},
    SuiteType.CT: {"ct", "us"},
    SuiteType.US: {"us"},
}
INDICATIONS = {
    "venous_access": ("Long-term intravenous therapy", ["Z45.2"]),
    "non_vascular": ("Obstruction or collection needing drainage or tissue diagnosis", ["N13.30"]),
    "arterial": ("Peripheral arterial disease with claudication", ["I70.213"]),
    "venous": ("Venous thrombosis or outflow obstruction", ["I82.401"]),
    "embolisation": ("Symptomatic lesion for embolisation", ["D25.9"]),
    "interventional_oncology": ("Hepatocellular carcinoma for local therapy", ["C22.0"]),
    "portal_hypertension": ("Portal hypertension with variceal bleeding", ["K76.6", "I85.11"]),
}


class CaseMix:
    """Draws catalogue entries with the department's mix and places them in suitable rooms."""

    def __init__(self, entries: list[CatalogueEntry], rooms: list[Room], rng: random.Random):
        self.rng = rng
        self.by_family: dict[str, list[CatalogueEntry]] = {}
        for entry in entries:
            self.by_family.setdefault(entry.family, []).append(entry)
        self.families = [f for f in FAMILY_MIX if f in self.by_family]
        self.weights = [FAMILY_MIX[f] for f in self.families]
        self.rooms_for = {
            cap: [r for r in rooms if cap in SUITE_CAPABILITIES[r.suite_type]]
            for cap in ("angio", "fluoroscopy", "ct", "us")
        }

    def draw(self) -> CatalogueEntry:
        family = self.rng.choices(self.families, self.weights)[0]
        return self.rng.choice(self.by_family[family])

    def entry_for_room(self, room: Room) -> CatalogueEntry:
        for _ in range(50):
            entry = self.draw()
            if room in self.rooms_for.get(entry.room_capability, []):
                return entry
        return self.draw()


def working_days(end: dt.date, count: int) -> list[dt.date]:
    """The `count` weekdays before `end` (oldest first)."""
    days: list[dt.date] = []
    day = end
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days[::-1]


def next_working_days(start: dt.date, count: int) -> list[dt.date]:
    days: list[dt.date] = []
    day = start
    while len(days) < count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days
