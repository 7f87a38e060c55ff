"""Demo day-of-procedure records: signed consents, completed checklists and signed reports for
past cases, full sedation and recovery records for recent ones, and today's cases part-way
through (some still without consent, so the time-out gate shows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from irsuite.cases.models import CatalogueEntry, Procedure, Request, RequestStatus, SedationType
from irsuite.demo.context import DemoContext
from irsuite.domain.checklist import AnswerType, CaseFacts, Phase
from irsuite.domain.consent import generate_consent
from irsuite.domain.report_template import prefill_report, template_for
from irsuite.safety.checklist.models import (
    ChecklistAnswer,
    ChecklistPhaseCompletion,
    ChecklistRecord,
)
from irsuite.safety.consent.models import Consent, ConsentMethod, ConsentStatus, SignerRole
from irsuite.safety.reference import (
    checklist_definition,
    consent_wording,
    report_templates,
)
from irsuite.safety.report.models import ProcedureReport, ReportStatus
from irsuite.safety.sedation.models import (
    AldreteAssessment,
    SedationDrug,
    SedationRecord,
    VitalSigns,
)

BATCH = 1000
DETAILED = 150  # recent cases that get every checklist answer and a full sedation record
SEDATED = {SedationType.MODERATE, SedationType.MAC, SedationType.GENERAL}


def _times(procedure: Procedure) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of a past procedure (only procedures with a start are read here)."""
    start = procedure.start_at or dt.datetime.combine(procedure.day, dt.time(9), dt.UTC)
    return start, procedure.end_at or start


def _consent_texts() -> dict[int, str]:
    wording = consent_wording()
    texts = {}
    for entry in CatalogueEntry.objects.all():
        try:
            texts[entry.pk] = generate_consent(entry.as_domain(), wording).as_text()
        except ValueError:
            continue
    return texts


def _consent(ctx: DemoContext, req: Request, text: str, at: dt.datetime) -> Consent:
    paper = ctx.rng.random() < 0.3
    return Consent(
        request=req,
        catalogue_entry_id=req.catalogue_entry_id,
        generated_text=text,
        text=text,
        status=ConsentStatus.SIGNED,
        method=ConsentMethod.PAPER if paper else ConsentMethod.TABLET,
        consented_by=ctx.rng.choice(ctx.staff("attending") + ctx.staff("fellow")),
        signer_name=f"{req.patient.given_name} {req.patient.family_name}",
        signer_role=SignerRole.PATIENT,
        signed_at=at,
        interpreter_name="Demo Interpreter" if ctx.rng.random() < 0.08 else "",
        interpreter_language="Spanish" if ctx.rng.random() < 0.08 else "",
    )


def _report(
    procedure: Procedure, at: dt.datetime, domain_entries: dict[int, Any]
) -> ProcedureReport:
    entry = domain_entries[procedure.request.catalogue_entry_id]
    case = {
        "indication": procedure.request.indication,
        "consent": {"signed": True, "signed_by": "the patient", "signed_at": at},
        "sedation": {"kind": procedure.sedation_type},
        "time_out": {"completed_at": at + dt.timedelta(minutes=50)},
        "findings": procedure.findings or "As expected.",
        "complications": [],
        "impression": "Procedure completed as planned.",
    }
    draft = prefill_report(template_for(report_templates(), entry), case)
    return ProcedureReport(
        procedure=procedure,
        template_version=report_templates().version,
        sections={s.spec.section.value: s.text for s in draft.sections},
        status=ReportStatus.SIGNED,
        signed_by_id=procedure.signed_by_id,
        signed_at=procedure.signed_at,
    )


def _answers(
    record: ChecklistRecord, facts: CaseFacts, nurse: Any, at: dt.datetime
) -> Iterable[ChecklistAnswer]:
    for item in checklist_definition().items:
        if not facts.applies(item.applies_when):
            continue
        value = "none" if item.answer_type is AnswerType.TEXT else item.accept[0]
        yield ChecklistAnswer(checklist=record, item_id=item.id, value=value, by=nurse, at=at)


def _past_cases(ctx: DemoContext) -> None:
    texts = _consent_texts()
    domain_entries = {e.pk: e.as_domain() for e in CatalogueEntry.objects.all()}
    procedures = (
        Procedure.objects.filter(signed_at__isnull=False, start_at__isnull=False)
        .select_related("request", "request__patient", "request__catalogue_entry")
        .order_by("-start_at")
    )
    version = checklist_definition().version
    consents, checklists, reports, done = [], [], [], []
    for procedure in ctx.progress(
        procedures, "demo consents, checklists, reports", procedures.count()
    ):
        req = procedure.request
        if req.catalogue_entry_id not in texts:
            continue
        at = _times(procedure)[0] - dt.timedelta(minutes=ctx.rng.randint(40, 180))
        consents.append(_consent(ctx, req, texts[req.catalogue_entry_id], at))
        checklists.append(
            ChecklistRecord(
                request=req,
                definition_version=version,
                site_marked_at=at if req.catalogue_entry.site_marking else None,
            )
        )
        reports.append(_report(procedure, at, domain_entries))
        done.append(procedure)
    with transaction.atomic():
        Consent.objects.bulk_create(consents, batch_size=BATCH)
        ChecklistRecord.objects.bulk_create(checklists, batch_size=BATCH)
        ProcedureReport.objects.bulk_create(reports, batch_size=BATCH)
        _completions(ctx, done)


def _completions(ctx: DemoContext, done: list[Procedure]) -> None:
    records = {r.request_id: r for r in ChecklistRecord.objects.all()}
    nurses = ctx.staff("nurse")
    completions: list[ChecklistPhaseCompletion] = []
    answers: list[ChecklistAnswer] = []
    for index, procedure in enumerate(done):
        record = records[procedure.request_id]
        nurse = ctx.rng.choice(nurses)
        start, end = _times(procedure)
        times = {
            Phase.SIGN_IN: start - dt.timedelta(minutes=15),
            Phase.TIME_OUT: start - dt.timedelta(minutes=2),
            Phase.SIGN_OUT: end + dt.timedelta(minutes=3),
        }
        for phase, at in times.items():
            completions.append(
                ChecklistPhaseCompletion(checklist=record, phase=phase, by=nurse, at=at)
            )
        if index < DETAILED:
            facts = CaseFacts(
                True,
                True,
                procedure.request.catalogue_entry.site_marking,
                True,
                procedure.sedation_type in SEDATED,
            )
            answers.extend(_answers(record, facts, nurse, times[Phase.SIGN_IN]))
            if procedure.sedation_type in SEDATED:
                _sedation(ctx, procedure, nurse)
    ChecklistPhaseCompletion.objects.bulk_create(completions, batch_size=BATCH)
    ChecklistAnswer.objects.bulk_create(answers, batch_size=BATCH)


def _sedation(ctx: DemoContext, procedure: Procedure, nurse: Any) -> None:
    rng = ctx.rng
    start, end = _times(procedure)
    record = SedationRecord.objects.create(
        request=procedure.request,
        kind="moderate",
        baseline_systolic=rng.randint(110, 150),
        discharged_at=end + dt.timedelta(minutes=75),
        discharged_by=nurse,
        discharge_instructions=procedure.request.catalogue_entry.discharge_instructions,
    )
    SedationDrug.objects.bulk_create(
        [
            SedationDrug(
                record=record,
                drug="midazolam",
                dose=rng.choice([1, 2]),
                unit="mg",
                at=start,
                by=nurse,
            ),
            SedationDrug(
                record=record,
                drug="fentanyl",
                dose=rng.choice([25, 50]),
                unit="microgram",
                at=start,
                by=nurse,
            ),
        ]
    )
    vitals = []
    minute = 0
    while start + dt.timedelta(minutes=minute) <= end:
        vitals.append(
            VitalSigns(
                record=record,
                phase="sedation",
                at=start + dt.timedelta(minutes=minute),
                by=nurse,
                heart_rate=rng.randint(60, 95),
                systolic=rng.randint(105, 145),
                spo2=rng.randint(94, 99),
                ramsay=rng.choice([2, 3, 3, 4]),
            )
        )
        minute += 5
    VitalSigns.objects.bulk_create(vitals)
    for step, total_loss in ((15, 2), (45, 1), (70, 0)):
        scores = [2, 2, 2, 2, 2]
        for i in range(total_loss):
            scores[i] = 1
        AldreteAssessment.objects.create(
            record=record,
            at=end + dt.timedelta(minutes=step),
            by=nurse,
            total=sum(scores),
            activity=scores[0],
            respiration=scores[1],
            circulation=scores[2],
            consciousness=scores[3],
            oxygen_saturation=scores[4],
        )


def _today(ctx: DemoContext) -> None:
    """Each room's next case (ready) has its consent signed and its sign-in and time-out done,
    so the room's modality can start it (`irsuite demo-modality`); half of the cases already
    under way were consented on the day, and the later cases show the consent gate."""
    texts = _consent_texts()
    waiting = Request.objects.filter(
        status__in=[RequestStatus.READY, RequestStatus.IN_PROGRESS],
        scheduled_start__date=ctx.today,
    ).select_related("patient", "catalogue_entry")
    ready = [
        req
        for index, req in enumerate(waiting)
        if req.catalogue_entry_id in texts and (req.status == RequestStatus.READY or index % 2 == 0)
    ]
    at = ctx.now - dt.timedelta(hours=1)
    with transaction.atomic():
        Consent.objects.bulk_create(
            [_consent(ctx, r, texts[r.catalogue_entry_id], at) for r in ready]
        )
        _in_the_room(ctx, [r for r in ready if r.status == RequestStatus.READY])


def _in_the_room(ctx: DemoContext, ready: list[Request]) -> None:
    """The team's sign-in and time-out for cases about to start."""
    version = checklist_definition().version
    records = ChecklistRecord.objects.bulk_create(
        ChecklistRecord(
            request=req,
            definition_version=version,
            site_marked_at=ctx.now if req.catalogue_entry.site_marking else None,
        )
        for req in ready
    )
    nurses = ctx.staff("nurse")
    ChecklistPhaseCompletion.objects.bulk_create(
        ChecklistPhaseCompletion(
            checklist=record, phase=phase, by=ctx.rng.choice(nurses), at=ctx.now - minutes
        )
        for record in records
        for phase, minutes in (
            (Phase.SIGN_IN, dt.timedelta(minutes=15)),
            (Phase.TIME_OUT, dt.timedelta(minutes=2)),
        )
    )


def build(ctx: DemoContext) -> None:
    """Add the day-of-procedure records to the demo department."""
    _past_cases(ctx)
    _today(ctx)
