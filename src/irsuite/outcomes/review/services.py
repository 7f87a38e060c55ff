"""M&M review: automatic and manual flags, conferences, conclusions and peer scores."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import create_audited, record, snapshot
from irsuite.cases.models import Procedure, ProcedureStatus
from irsuite.domain.ae_scales import AeScale, Grading
from irsuite.domain.quality.review import CaseFacts, FlagReason, ReviewOutcome, automatic_flags
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.reference import review_triggers, scale_book
from irsuite.outcomes.review.models import Conference, PeerReview, PeerScore, ReviewCase
from irsuite.people.access import has_capability, staff_of
from irsuite.people.models import Site, Staff
from irsuite.people.roles import Capability

User = AbstractBaseUser | None


def case_facts(procedure: Procedure) -> CaseFacts:
    """What the trigger rules need: gradings, the patient's next procedure, a death."""
    from irsuite.outcomes.adverse_events.models import AdverseEventGrading

    gradings = tuple(
        Grading(AeScale(s), g)
        for s, g in AdverseEventGrading.objects.filter(event__procedure=procedure).values_list(
            "scale", "grade"
        )
    )
    patient = procedure.request.patient
    next_day = (
        Procedure.objects.filter(request__patient=patient, day__gte=procedure.day)
        .exclude(pk=procedure.pk)
        .exclude(pk__lt=procedure.pk, day=procedure.day)
        .exclude(entries__code__in=review_triggers().planned_return_codes)
        .order_by("day")
        .values_list("day", flat=True)
        .first()
    )
    death_dates = [
        d
        for d in procedure.adverse_events.exclude(date_of_death=None).values_list(
            "date_of_death", flat=True
        )
        if d is not None
    ]
    died_on = min(
        [*death_dates, *([patient.deceased_at] if patient.deceased_at else [])], default=None
    )
    return CaseFacts(procedure.day, gradings, next_day, died_on)


def _add_reasons(
    procedure: Procedure, reasons: list[str], *, by: User, note: str = ""
) -> ReviewCase | None:
    if not reasons:
        return None
    case = ReviewCase.objects.select_for_update().filter(procedure=procedure).first()
    if case is None:
        return create_audited(
            ReviewCase,
            actor=by,
            patient_id=procedure.request.patient_id,
            summary="case flagged for review",
            procedure=procedure,
            reasons=reasons,
            flagged_at=timezone.now(),
            flagged_by=staff_of(by) if FlagReason.MANUAL.value in reasons else None,
            flag_note=note,
        )
    new = [r for r in reasons if r not in case.reasons]
    if new:
        before = snapshot(case)
        case.reasons = [*case.reasons, *new]
        if note:
            case.flag_note = (case.flag_note + "\n" + note).strip()
        case.save(update_fields=["reasons", "flag_note"])
        record(
            by,
            AuditAction.CHANGE,
            case,
            patient_id=procedure.request.patient_id,
            before=before,
            after=snapshot(case),
            summary="review reasons added",
        )
    return case


@transaction.atomic
def auto_flag(procedure: Procedure, *, by: User = None) -> ReviewCase | None:
    """Flag the case when a configured trigger fires (idempotent; reasons accumulate)."""
    if procedure.status != ProcedureStatus.SIGNED:
        return None
    reasons = automatic_flags(scale_book(), review_triggers(), case_facts(procedure))
    return _add_reasons(procedure, [r.value for r in reasons], by=by)


def flag_earlier_cases(procedure: Procedure, *, by: User = None) -> None:
    """A new procedure can be a return to the suite for the patient's earlier cases."""
    window = dt.timedelta(days=review_triggers().return_within_days)
    earlier = Procedure.objects.filter(
        request__patient_id=procedure.request.patient_id,
        status=ProcedureStatus.SIGNED,
        day__gte=procedure.day - window,
        day__lte=procedure.day,
    ).exclude(pk=procedure.pk)
    for other in earlier:
        auto_flag(other, by=by)


@transaction.atomic
def flag_manually(procedure: Procedure, *, note: str, by: User) -> ReviewCase:
    """Put a case on the review list by hand, saying why."""
    if not has_capability(by, Capability.RECORD_OUTCOME, Capability.PEER_REVIEW):
        raise NotAllowed("Your role cannot flag cases for review.")
    if not note.strip():
        raise ValidationFailed("Say why the case should be reviewed.")
    case = _add_reasons(procedure, [FlagReason.MANUAL.value], by=by, note=note.strip())
    assert case is not None
    return case


def _reviewer(by: User) -> Staff:
    reviewer = staff_of(by)
    if reviewer is None or not has_capability(by, Capability.PEER_REVIEW):
        raise NotAllowed("Only peer reviewers (attendings, quality leads) can do this.")
    return reviewer


@transaction.atomic
def create_conference(*, held_on: dt.date, title: str, site: Site | None, by: User) -> Conference:
    """Schedule an M&M conference."""
    chair = _reviewer(by)
    if not title.strip():
        raise ValidationFailed("Give the conference a title.")
    return create_audited(
        Conference,
        actor=by,
        patient_id=None,
        summary="M&M conference created",
        held_on=held_on,
        title=title.strip(),
        site=site,
        chair=chair,
    )


@transaction.atomic
def assign_to_conference(
    case: ReviewCase, conference: Conference | None, *, by: User
) -> ReviewCase:
    """Put a flagged case on a conference list (or take it off with None)."""
    _reviewer(by)
    before = snapshot(case)
    case.conference = conference
    case.save(update_fields=["conference"])
    record(
        by,
        AuditAction.CHANGE,
        case,
        patient_id=case.procedure.request.patient_id,
        before=before,
        after=snapshot(case),
        summary="review case put on a conference list",
    )
    return case


@transaction.atomic
def conclude_review(
    case: ReviewCase, *, outcome: str, learning_points: str, by: User
) -> ReviewCase:
    """Record the conclusion: standard met, opportunity for improvement, or not met."""
    reviewer = _reviewer(by)
    try:
        ReviewOutcome(outcome)
    except ValueError:
        raise ValidationFailed(f"Review outcome {outcome!r} is unknown.") from None
    if outcome != ReviewOutcome.STANDARD_MET.value and not learning_points.strip():
        raise ValidationFailed("Write the learning points when the standard was not fully met.")
    before = snapshot(case)
    case.outcome = outcome
    case.learning_points = learning_points.strip()
    case.concluded_by = reviewer
    case.concluded_at = timezone.now()
    case.save()
    record(
        by,
        AuditAction.CHANGE,
        case,
        patient_id=case.procedure.request.patient_id,
        before=before,
        after=snapshot(case),
        summary="review concluded",
    )
    return case


@transaction.atomic
def score_case(case: ReviewCase, *, score: int, comment: str, by: User) -> PeerReview:
    """A peer's score of a case; nobody scores a case they were part of, nor twice."""
    reviewer = _reviewer(by)
    if score not in PeerScore.values:
        raise ValidationFailed("The score must be 1, 2, 3 or 4.")
    if case.procedure.team.filter(staff=reviewer).exists():
        raise NotAllowed("You were on this case's team: ask another reviewer to score it.")
    if PeerReview.objects.filter(case=case, reviewer=reviewer).exists():
        raise Conflict("You have already scored this case.")
    return create_audited(
        PeerReview,
        actor=by,
        patient_id=case.procedure.request.patient_id,
        summary="peer review score",
        case=case,
        reviewer=reviewer,
        score=score,
        comment=comment.strip(),
        at=timezone.now(),
    )
