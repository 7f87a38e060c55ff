"""Demo M&M: cases flagged by the configured triggers, monthly conferences, conclusions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from irsuite.cases.models import Procedure, ProcedureStatus, TeamMember
from irsuite.demo.context import DemoContext
from irsuite.domain.ae_scales import AeScale, Grading
from irsuite.domain.quality.review import CaseFacts, ReviewOutcome, automatic_flags
from irsuite.outcomes.adverse_events.models import AdverseEventGrading
from irsuite.outcomes.reference import review_triggers, scale_book
from irsuite.outcomes.review.models import Conference, PeerReview, ReviewCase
from irsuite.people.roles import StaffRole

OUTCOME_WEIGHTS = [
    (ReviewOutcome.STANDARD_MET, 70),
    (ReviewOutcome.OPPORTUNITY_FOR_IMPROVEMENT, 25),
    (ReviewOutcome.STANDARD_NOT_MET, 5),
]
LEARNING = [
    "Check the coagulation results on the day rather than the day before.",
    "Use ultrasound for every access, including the easy ones.",
    "Escalate earlier when the haemoglobin falls after the procedure.",
    "Agree the plan with the referring team before a second attempt.",
]


def _facts(ctx: DemoContext) -> dict[int, CaseFacts]:
    gradings: dict[int, list[Grading]] = defaultdict(list)
    deaths: dict[int, dt.date] = {}
    for pid, scale, grade, death in AdverseEventGrading.objects.values_list(
        "event__procedure_id", "scale", "grade", "event__date_of_death"
    ):
        gradings[pid].append(Grading(AeScale(scale), grade))
        if death:
            deaths[pid] = death
    by_patient: dict[int, list[tuple[dt.date, int, bool]]] = defaultdict(list)
    planned = review_triggers().planned_return_codes
    for pk, patient, day, code in Procedure.objects.filter(
        status=ProcedureStatus.SIGNED
    ).values_list("pk", "request__patient_id", "day", "entries__code"):
        by_patient[patient].append((day, pk, code in planned))
    facts = {}
    for cases in by_patient.values():
        cases.sort()
        for i, (day, pk, _) in enumerate(cases):
            later = [d for d, _, is_planned in cases[i + 1 :] if not is_planned]
            following = later[0] if later else None
            if pk in gradings or following is not None:
                facts[pk] = CaseFacts(day, tuple(gradings.get(pk, ())), following, deaths.get(pk))
    return facts


def _conferences(ctx: DemoContext) -> list[Conference]:
    chairs = ctx.staff(StaffRole.QUALITY_LEAD) or ctx.staff(StaffRole.ATTENDING)
    items = [
        Conference(
            held_on=ctx.today - dt.timedelta(days=30 * m + 3),
            title=f"IR morbidity and mortality, month {12 - m}",
            chair=chairs[0] if chairs else None,
        )
        for m in range(12)
    ]
    return Conference.objects.bulk_create(items)


def build_reviews(ctx: DemoContext) -> None:
    """Flag by the triggers; put older cases on a conference and conclude them."""
    book, triggers, rng = scale_book(), review_triggers(), ctx.rng
    conferences = sorted(_conferences(ctx), key=lambda c: c.held_on)
    reviewers = ctx.staff(StaffRole.ATTENDING) + ctx.staff(StaffRole.QUALITY_LEAD)
    days = dict(Procedure.objects.values_list("pk", "day"))
    cases = []
    for pk, facts in _facts(ctx).items():
        reasons = automatic_flags(book, triggers, facts)
        if not reasons:
            continue
        flagged = timezone.make_aware(dt.datetime.combine(days[pk], dt.time(18)))
        conference = next(
            (c for c in conferences if c.held_on > days[pk] + dt.timedelta(days=7)), None
        )
        case = ReviewCase(
            procedure_id=pk,
            reasons=[r.value for r in reasons],
            flagged_at=flagged,
            conference=conference,
        )
        if conference is not None and conference.held_on < ctx.today:
            outcome = rng.choices([o for o, _ in OUTCOME_WEIGHTS], [w for _, w in OUTCOME_WEIGHTS])[
                0
            ]
            case.outcome = outcome.value
            case.learning_points = (
                "" if outcome is ReviewOutcome.STANDARD_MET else rng.choice(LEARNING)
            )
            case.concluded_by = conference.chair
            case.concluded_at = timezone.make_aware(
                dt.datetime.combine(conference.held_on, dt.time(13))
            )
        cases.append(case)
    created = ReviewCase.objects.bulk_create(cases, batch_size=2000)
    team = defaultdict(set)
    for pid, staff in TeamMember.objects.filter(
        procedure_id__in=[c.procedure_id for c in created]
    ).values_list("procedure_id", "staff_id"):
        team[pid].add(staff)
    scores = []
    for case in created:
        if not case.outcome:
            continue
        for reviewer in rng.sample(reviewers, k=min(2, len(reviewers))):
            if reviewer.pk not in team[case.procedure_id]:
                scores.append(
                    PeerReview(
                        case_id=case.pk,
                        reviewer=reviewer,
                        at=case.concluded_at or ctx.now,
                        score=1 if case.outcome == "standard_met" else rng.choice([2, 3]),
                    )
                )
    PeerReview.objects.bulk_create(scores, batch_size=2000)
