"""The structured procedure report: pre-fill, edit, plan, sign (completes the request), PDF.

The report is pre-filled from the case record by the domain pre-filler (domain.report_template).
Signing locks it, signs the procedure through the cases services (which completes the request)
and turns the follow-up plan into follow-up tasks; later changes are addenda.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases import hooks
from irsuite.cases.models import Addendum, CaseRole, Procedure
from irsuite.cases.notices.services import notify_result
from irsuite.cases.procedures.services import add_addendum, sign_procedure
from irsuite.domain.catalogue import FollowUpKind
from irsuite.domain.report_template import (
    ReportDraft,
    Section,
    SectionDraft,
    TextSource,
    prefill_report,
    template_for,
)
from irsuite.domain.report_template import signing_problems as signing_problems
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.roles import Capability
from irsuite.safety.reference import report_templates
from irsuite.safety.report.models import PlanItem, PlanSource, ProcedureReport, ReportStatus
from irsuite.safety.report.queries import case_record as case_record


def _entry(procedure: Procedure) -> Any:
    return procedure.entries.order_by("pk").first() or procedure.request.catalogue_entry


def draft_of(report: ProcedureReport) -> ReportDraft:
    """The stored report as a domain draft (for checks and rendering)."""
    entry = _entry(report.procedure)
    template = template_for(report_templates(), entry.as_domain())
    sections = tuple(
        SectionDraft(
            spec,
            report.sections.get(spec.section.value, ""),
            TextSource.CASE_RECORD if report.sections.get(spec.section.value) else TextSource.EMPTY,
        )
        for spec in template.sections
    )
    return ReportDraft(template.procedure_code, template.procedure_name, sections)


def _writer(by: UserLike) -> None:
    if staff_of(by) is None or not has_capability(by, Capability.RECORD_PROCEDURE):
        raise NotAllowed("Your role cannot write procedure reports.")


@transaction.atomic
def open_report(procedure: Procedure, *, by: UserLike) -> ProcedureReport:
    """The report of a procedure, pre-filled from the case record on first opening."""
    existing = ProcedureReport.objects.filter(procedure=procedure).first()
    if existing is not None:
        return existing
    _writer(by)
    entry = _entry(procedure)
    templates = report_templates()
    draft = prefill_report(template_for(templates, entry.as_domain()), case_record(procedure))
    report = ProcedureReport.objects.create(
        procedure=procedure,
        template_version=templates.version,
        sections={s.spec.section.value: s.text for s in draft.sections},
    )
    for item in entry.as_domain().follow_up:
        PlanItem.objects.create(
            report=report,
            source=PlanSource.CATALOGUE,
            kind=item.kind.value,
            after_days=item.after_days,
            window_days=item.window_days,
            text=item.text,
        )
    record(
        by,
        AuditAction.CREATE,
        report,
        patient_id=procedure.request.patient_id,
        summary="procedure report pre-filled",
    )
    return report


def _locked_draft(report: ProcedureReport, version: int | None) -> ProcedureReport:
    locked = ProcedureReport.objects.select_for_update().get(pk=report.pk)
    if locked.is_signed:
        raise Conflict("This report is signed and locked; add an addendum instead.")
    if version is not None and locked.version != version:
        raise Conflict(
            "Someone else saved this report while you were editing it. Reload the page to see "
            "their changes, then make yours again."
        )
    return locked


def _write_sections(
    report: ProcedureReport,
    texts: dict[str, str],
    *,
    by: UserLike,
    summary: str,
    before: dict[str, str] | None = None,
) -> None:
    """Store new texts of some sections of a locked draft as its next version, audited."""
    report.sections = {**report.sections, **texts}
    report.version += 1
    report.save(update_fields=["sections", "version", "updated_at"])
    record(
        by,
        AuditAction.CHANGE,
        report,
        patient_id=report.procedure.request.patient_id,
        before=before,
        after=texts,
        summary=summary,
    )


@transaction.atomic
def refill_report(report: ProcedureReport, *, by: UserLike) -> list[str]:
    """Fill the sections still empty from the case record as it is now (consent signed,
    time-out done, dose imported since the report was opened); returns the sections filled."""
    _writer(by)
    report = _locked_draft(report, None)
    procedure = report.procedure
    entry = _entry(procedure)
    draft = prefill_report(
        template_for(report_templates(), entry.as_domain()), case_record(procedure)
    )
    filled = {
        s.spec.section.value: s.text
        for s in draft.sections
        if s.text and not report.sections.get(s.spec.section.value, "").strip()
    }
    if filled:
        _write_sections(
            report, filled, by=by, summary="procedure report refilled from the case record"
        )
    return sorted(filled)


@transaction.atomic
def edit_report(
    report: ProcedureReport,
    *,
    sections: dict[str, str],
    by: UserLike,
    version: int | None = None,
) -> ProcedureReport:
    """Replace the text of some sections of a draft report."""
    _writer(by)
    report = _locked_draft(report, version)
    unknown = set(sections) - {s.value for s in Section}
    if unknown:
        raise ValidationFailed(f"Unknown report sections: {', '.join(sorted(unknown))}.")
    texts = {k: v.strip() for k, v in sections.items()}
    before = {k: report.sections.get(k, "") for k in sections}
    _write_sections(report, texts, by=by, summary="procedure report edited", before=before)
    return report


@transaction.atomic
def add_order(
    report: ProcedureReport,
    *,
    kind: str,
    after_days: int,
    text: str,
    by: UserLike,
    window_days: int = 7,
) -> PlanItem:
    """Add a post-procedure order to the follow-up plan (a task once the report is signed)."""
    _writer(by)
    report = _locked_draft(report, None)
    if kind not in {k.value for k in FollowUpKind}:
        raise ValidationFailed("Choose what kind of follow-up this order is.")
    if not 0 <= after_days <= 3650:
        raise ValidationFailed("The order falls due 0 to 3650 days after the procedure.")
    if not text.strip():
        raise ValidationFailed("Write what should be done.")
    item = PlanItem.objects.create(
        report=report,
        source=PlanSource.ORDER,
        kind=kind,
        after_days=after_days,
        window_days=window_days,
        text=text.strip(),
    )
    record(
        by,
        AuditAction.CREATE,
        item,
        patient_id=report.procedure.request.patient_id,
        after={"kind": kind, "after_days": after_days},
        summary="post-procedure order",
    )
    return item


@transaction.atomic
def include_plan_item(item: PlanItem, *, included: bool, by: UserLike) -> PlanItem:
    """Keep or drop one line of the follow-up plan before signing."""
    _writer(by)
    _locked_draft(item.report, None)
    item.included = included
    item.save(update_fields=["included"])
    record(
        by,
        AuditAction.CHANGE,
        item,
        patient_id=item.report.procedure.request.patient_id,
        after={"included": included},
        summary="follow-up plan changed",
    )
    return item


def _create_tasks(report: ProcedureReport, by: UserLike) -> int:
    procedure = report.procedure
    created = 0
    for item in report.plan.filter(included=True, task_id__isnull=True):
        task_id = hooks.schedule_follow_up(
            hooks.FollowUpOrder(
                patient=procedure.request.patient,
                procedure=procedure,
                kind=FollowUpKind(item.kind),
                # The plan's sources ("catalogue", "order") are follow-up sources too.
                source=PlanSource(item.source).value,
                description=item.text,
                due_date=procedure.day + dt.timedelta(days=item.after_days),
                window_days=item.window_days,
                by=cast(AbstractBaseUser, by),
            )
        )
        item.task_id = task_id
        item.save(update_fields=["task_id"])
        created += 1
    return created


@transaction.atomic
def sign_report(
    report: ProcedureReport, *, by: UserLike, version: int | None = None
) -> ProcedureReport:
    """Sign and lock the report, sign the procedure (completing the request), create tasks."""
    signer = staff_of(by)
    if signer is None or not has_capability(by, Capability.SIGN_PROCEDURE):
        raise NotAllowed("Only an attending can sign a procedure report.")
    report = _locked_draft(report, version)
    problems = list(signing_problems(draft_of(report)))
    if problems:
        raise ValidationFailed(
            "The report cannot be signed yet: " + " ".join(problems), {"problems": problems}
        )
    procedure = report.procedure
    if not procedure.is_signed:
        sign_procedure(procedure, by=cast(AbstractBaseUser, by))
    report.status = ReportStatus.SIGNED
    report.signed_by = signer
    report.signed_at = timezone.now()
    report.version += 1
    report.save(update_fields=["status", "signed_by", "signed_at", "version", "updated_at"])
    tasks = _create_tasks(report, by)
    notify_result(procedure)
    record(
        by,
        AuditAction.SIGN,
        report,
        patient_id=procedure.request.patient_id,
        after={"signed_by": signer.pk, "follow_up_tasks": tasks},
        summary="report signed",
    )
    return report


def attending_of(procedure: Procedure) -> str:
    """The name of the attending on the team, for the report header."""
    member = (
        procedure.team.filter(
            role__in=[CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING]
        )
        .select_related("staff")
        .first()
    )
    return member.staff.display_name if member else ""


def add_report_addendum(procedure: Procedure, *, text: str, by: UserLike) -> Addendum:
    """Add an addendum to the signed procedure and its report (the cases service does it)."""
    return add_addendum(procedure, text=text, by=cast(AbstractBaseUser, by))
