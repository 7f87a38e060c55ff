"""Demo adverse events at realistic rates, with one operator drifting for the charts to show."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from irsuite.cases.models import CaseRole, CatalogueEntry, Procedure, ProcedureStatus, TeamMember
from irsuite.demo.context import DemoContext
from irsuite.domain.catalogue import QualityKind
from irsuite.outcomes.adverse_events.models import (
    AdverseEvent,
    AdverseEventGrading,
    AeCategory,
    AeTiming,
)

CATEGORY_HINTS = [
    ("haemorrhage", AeCategory.BLEEDING),
    ("bleed", AeCategory.BLEEDING),
    ("sepsis", AeCategory.INFECTION),
    ("septic", AeCategory.INFECTION),
    ("crbsi", AeCategory.BLOODSTREAM_INFECTION),
    ("pneumothorax", AeCategory.PNEUMOTHORAX),
    ("embolisation", AeCategory.NON_TARGET_EMBOLISATION),
    ("access", AeCategory.VASCULAR_INJURY),
    ("thrombosis", AeCategory.THROMBOEMBOLIC),
    ("stroke", AeCategory.THROMBOEMBOLIC),
    ("pe", AeCategory.THROMBOEMBOLIC),
    ("endoleak", AeCategory.DEVICE),
    ("ischaemia", AeCategory.ORGAN_INJURY),
    ("failure", AeCategory.ORGAN_INJURY),
]
MINOR = [
    (
        AeCategory.PAIN,
        "Post-procedure pain needing extra analgesia",
        [("sir_2017", "1"), ("sir_legacy", "A")],
    ),
    (
        AeCategory.BLEEDING,
        "Small access-site haematoma, managed with compression",
        [("sir_2017", "1")],
    ),
    (
        AeCategory.CONTRAST_REACTION,
        "Mild urticarial contrast reaction, given an antihistamine",
        [("sir_2017", "2"), ("sir_legacy", "B")],
    ),
    (
        AeCategory.SEDATION,
        "Transient desaturation under sedation, responded to airway manoeuvres",
        [("cirse_2017", "1")],
    ),
]
DRIFT_FACTOR = 3.0
MINOR_RATE = 0.03


@dataclass
class EventRows:
    events: list[AdverseEvent]
    gradings: list[tuple[int, list[tuple[str, str]]]]


def category_for(indicator: str) -> str:
    """A plausible category for an indicator name."""
    for hint, category in CATEGORY_HINTS:
        if hint in indicator:
            return category
    return AeCategory.OTHER


def _severe(rng: random.Random, procedure_day: dt.date, today: dt.date) -> dict[str, Any]:
    roll = rng.random()
    onset = min(today, procedure_day + dt.timedelta(days=rng.choice([0, 0, 1, 2, 5])))
    if roll < 0.04:
        death = min(today, onset + dt.timedelta(days=rng.randint(0, 10)))
        return {
            "gradings": [("sir_2017", "5"), ("sir_legacy", "F")],
            "onset_date": onset,
            "outcome": "Died",
            "date_of_death": death,
            "treatment": "Resuscitation",
        }
    if roll < 0.15:
        return {
            "gradings": [("sir_2017", "4")],
            "onset_date": onset,
            "treatment": "Emergency surgery",
            "outcome": "Survived with lasting harm",
            "sequelae": "Reduced function needing follow-up",
        }
    if roll < 0.55:
        return {
            "gradings": [("sir_2017", "3"), ("sir_legacy", "D")],
            "onset_date": onset,
            "treatment": "Embolisation or drainage, intensive care",
            "outcome": "Recovered",
            "length_of_stay_hours": rng.randint(48, 240),
        }
    return {
        "gradings": [("sir_2017", "3"), ("cirse_2017", "3")],
        "onset_date": onset,
        "treatment": "Further procedure",
        "outcome": "Recovered",
        "length_of_stay_hours": rng.randint(49, 120),
    }


def _event(procedure_id: int, indicator: str, label: str, values: dict[str, Any]) -> AdverseEvent:
    return AdverseEvent(
        procedure_id=procedure_id,
        timing=AeTiming.POST,
        category=category_for(indicator),
        indicator=indicator,
        description=f"{label} after the procedure (synthetic demo record)",
        treatment=values.get("treatment", ""),
        outcome=values.get("outcome", ""),
        length_of_stay_hours=values.get("length_of_stay_hours"),
        sequelae=values.get("sequelae", ""),
        date_of_death=values.get("date_of_death"),
        onset_date=values["onset_date"],
        major=True,
    )


def _operators(ids: list[int]) -> dict[int, int]:
    return dict(
        TeamMember.objects.filter(
            procedure_id__in=ids,
            role__in=[CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING],
        ).values_list("procedure_id", "staff_id")
    )


def build_events(ctx: DemoContext, drifting_operator: int | None) -> EventRows:
    """Tagged complications at about the indicator's threshold rate; some minor events."""
    rng = ctx.rng
    entries = {e.pk: e for e in CatalogueEntry.objects.all()}
    rows = EventRows([], [])
    drift_from = ctx.today - dt.timedelta(days=120)
    procedures = list(
        Procedure.objects.filter(status=ProcedureStatus.SIGNED)
        .values_list("pk", "day", "entries")
        .order_by("pk")
    )
    operators = _operators([p[0] for p in procedures])
    for pk, day, entry_id in procedures:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        factor = (
            DRIFT_FACTOR if operators.get(pk) == drifting_operator and day >= drift_from else 1.0
        )
        for item in entry.quality or []:
            if item.get("kind") != QualityKind.COMPLICATION.value:
                continue
            if rng.random() < float(item["threshold"]) * rng.uniform(0.4, 1.1) * factor:
                values = _severe(rng, day, ctx.today)
                rows.events.append(_event(pk, item["indicator"], item["label"], values))
                rows.gradings.append((len(rows.events) - 1, values["gradings"]))
        if rng.random() < MINOR_RATE:
            category, text, gradings = rng.choice(MINOR)
            rows.events.append(
                AdverseEvent(
                    procedure_id=pk,
                    timing=rng.choice([AeTiming.INTRA, AeTiming.POST]),
                    onset_date=day,
                    category=category,
                    description=text + " (synthetic demo record)",
                    treatment="Nominal treatment",
                    major=False,
                )
            )
            rows.gradings.append((len(rows.events) - 1, gradings))
    return rows


def save_events(rows: EventRows) -> None:
    """Write the events and their gradings in bulk."""
    created = AdverseEvent.objects.bulk_create(rows.events, batch_size=2000)
    gradings = [
        AdverseEventGrading(event_id=created[index].pk, scale=scale, grade=grade)
        for index, pairs in rows.gradings
        for scale, grade in pairs
    ]
    AdverseEventGrading.objects.bulk_create(gradings, batch_size=5000)
