"""Demo hook of the outcomes area: adverse events, follow-up, devices, trainees, M&M, quality.

Everything is synthetic and written in bulk; the quality facts are rebuilt at the end.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Min

from irsuite.cases.models import CaseRole, Procedure, ProcedureStatus, TeamMember
from irsuite.demo.context import DemoContext
from irsuite.demo.outcomes import devices as demo_devices
from irsuite.demo.outcomes import events as demo_events
from irsuite.demo.outcomes import review as demo_review
from irsuite.outcomes.caselog.models import CaseAttestation, TraineeProgramme
from irsuite.outcomes.quality.facts_sql import rebuild_all_facts_sql
from irsuite.outcomes.reference import default_programmes
from irsuite.people.roles import StaffRole

ATTEST_SHARE = 0.75
ATTEST_AFTER_DAYS = 14


def _drifting_operator(ctx: DemoContext) -> int | None:
    attendings = ctx.staff(StaffRole.ATTENDING)
    return attendings[len(attendings) // 2].pk if len(attendings) > 2 else None


def _trainees(ctx: DemoContext) -> None:
    """Enrol the trainees and attest most of their older cases by the supervising attending."""
    trainees = ctx.staff(StaffRole.RESIDENT) + ctx.staff(StaffRole.FELLOW)
    firsts = dict(
        TeamMember.objects.filter(staff__in=trainees)
        .values("staff")
        .annotate(d=Min("procedure__day"))
        .values_list("staff", "d")
    )
    defaults = default_programmes()
    TraineeProgramme.objects.bulk_create(
        [
            TraineeProgramme(
                trainee=t,
                programme=defaults.for_role(t.role),
                started_on=firsts.get(t.pk),
            )
            for t in trainees
        ],
        ignore_conflicts=True,
    )
    cutoff = ctx.today - dt.timedelta(days=ATTEST_AFTER_DAYS)
    supervisors = dict(
        TeamMember.objects.filter(
            role__in=[CaseRole.SUPERVISING_ATTENDING, CaseRole.ATTENDING_OPERATOR],
            procedure__team__staff__in=trainees,
        ).values_list("procedure_id", "staff_id")
    )
    members = TeamMember.objects.filter(
        staff__in=trainees,
        procedure__status=ProcedureStatus.SIGNED,
        procedure__day__lte=cutoff,
    ).values_list("pk", "procedure_id", "procedure__signed_at")
    attestations = [
        CaseAttestation(
            team_member_id=pk,
            attested_by_id=supervisors[pid],
            attested_at=(signed or ctx.now) + dt.timedelta(days=ctx.rng.randint(1, 10)),
        )
        for pk, pid, signed in members
        if pid in supervisors and ctx.rng.random() < ATTEST_SHARE
    ]
    CaseAttestation.objects.bulk_create(attestations, batch_size=5000)


def build(ctx: DemoContext) -> None:
    """Fill the outcomes area of the demo department."""
    if not Procedure.objects.filter(status=ProcedureStatus.SIGNED).exists():
        return
    with transaction.atomic():
        rows = demo_events.build_events(ctx, _drifting_operator(ctx))
        demo_events.save_events(rows)
        demo_devices.build_devices(ctx)
        demo_devices.build_follow_up(ctx)
        _trainees(ctx)
    rebuild_all_facts_sql(progress=ctx.progress)
    with transaction.atomic():
        demo_review.build_reviews(ctx)
