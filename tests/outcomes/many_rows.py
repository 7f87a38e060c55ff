"""Many rows for the long lists of the outcomes pages, inserted in bulk (a handful of
statements however many rows): signed cases with their team, follow-up tasks, flagged and
concluded reviews, and quality results over many procedures.

Imported by the outcomes list tests and by tests/web/test_lists_are_paged.py as
`outcomes.many_rows` (the tests folder is on the path).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from irsuite.cases.models import (
    CaseRole,
    CatalogueEntry,
    Procedure,
    ProcedureStatus,
    Request,
    RequestStatus,
    TeamMember,
    TechnicalSuccess,
)
from irsuite.domain.catalogue import FollowUpKind
from irsuite.domain.quality.review import FlagReason, ReviewOutcome
from irsuite.outcomes.followup.models import FollowUpSource, FollowUpStatus, FollowUpTask
from irsuite.outcomes.quality.models import QualityFact
from irsuite.outcomes.review.models import ReviewCase
from irsuite.patients.models import Patient
from irsuite.people.models import Room, Staff

FIRST_DAY = dt.date(2026, 1, 5)


def patients(count: int, family: str = "Longlist") -> list[Patient]:
    """`count` synthetic patients named `family` 0..count-1."""
    return Patient.objects.bulk_create(
        Patient(
            given_name="Synthetic",
            family_name=f"{family}{i}",
            birth_date=dt.date(1950, 1, 1) + dt.timedelta(days=i),
            synthetic=True,
        )
        for i in range(count)
    )


def cases(
    count: int,
    *,
    room: Room,
    operator: Staff,
    code: str = "PCN",
    trainee: Staff | None = None,
    trainee_role: str = CaseRole.TRAINEE_PRIMARY,
) -> list[Procedure]:
    """`count` signed cases of catalogue entry `code`, one a day from FIRST_DAY, each on its
    own synthetic patient, with `operator` (and `trainee`) on the team."""
    entry = CatalogueEntry.objects.get(code=code)
    people = patients(count, family=f"Case{code}")
    stamp = timezone.now().strftime("%H%M%S%f")[:9]
    requests = Request.objects.bulk_create(
        Request(
            patient=p,
            site=room.site,
            catalogue_entry=entry,
            indication="Synthetic indication",
            status=RequestStatus.COMPLETED,
            accession_number=f"L{stamp}{i:05d}",
            requested_at=timezone.now(),
            room=room,
        )
        for i, p in enumerate(people)
    )
    procedures = Procedure.objects.bulk_create(
        Procedure(
            request=r,
            room=room,
            day=FIRST_DAY + dt.timedelta(days=i),
            technical_success=TechnicalSuccess.SUCCESS,
            status=ProcedureStatus.SIGNED,
        )
        for i, r in enumerate(requests)
    )
    Procedure.entries.through.objects.bulk_create(
        Procedure.entries.through(procedure_id=p.pk, catalogueentry_id=entry.pk) for p in procedures
    )
    supervisor = CaseRole.SUPERVISING_ATTENDING if trainee else CaseRole.ATTENDING_OPERATOR
    team = [TeamMember(procedure=p, staff=operator, role=supervisor) for p in procedures]
    if trainee is not None:
        team += [TeamMember(procedure=p, staff=trainee, role=trainee_role) for p in procedures]
    TeamMember.objects.bulk_create(team)
    return procedures


def follow_ups(
    count: int, *, clinician: Staff, due: dt.date, status: str = FollowUpStatus.OPEN
) -> list[FollowUpTask]:
    """`count` clinic tasks assigned to `clinician`, all due on `due`, each on its own
    synthetic patient."""
    return FollowUpTask.objects.bulk_create(
        FollowUpTask(
            patient=p,
            kind=FollowUpKind.CLINIC.value,
            source=FollowUpSource.MANUAL,
            description=f"Clinic review {i}",
            due_date=due,
            window_days=7,
            assigned_to=clinician,
            status=status,
        )
        for i, p in enumerate(patients(count, family=f"Follow{status}"))
    )


def reviews(procedures: list[Procedure], *, concluded: bool = False) -> list[ReviewCase]:
    """One review case per procedure, flagged by hand (and concluded when asked)."""
    now = timezone.now()
    return ReviewCase.objects.bulk_create(
        ReviewCase(
            procedure=p,
            reasons=[FlagReason.MANUAL.value],
            flagged_at=now - dt.timedelta(minutes=i),
            flag_note="Synthetic flag",
            outcome=ReviewOutcome.STANDARD_MET.value if concluded else "",
            learning_points="Synthetic learning point" if concluded else "",
            concluded_at=now - dt.timedelta(minutes=i) if concluded else None,
        )
        for i, p in enumerate(procedures)
    )


def quality_results(procedure: Procedure, operator: Staff, entries: list[CatalogueEntry]) -> int:
    """One result per quality indicator of each entry, credited to `operator` on `procedure`'s
    day (so the credentialing report has a row for each entry), all within the thresholds;
    returns how many entries."""
    QualityFact.objects.bulk_create(
        QualityFact(
            procedure=procedure,
            entry=entry,
            indicator=item["indicator"],
            day=procedure.day,
            operator=operator,
            room=procedure.room,
            site=procedure.room.site,
            event=item["direction"] == "min",  # every success met, no complication
        )
        for entry in entries
        for item in entry.quality or []
    )
    return sum(1 for entry in entries if entry.quality)
