"""What the HL7 adapter registers with the layers below it (called from InteropConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from irsuite.cases import hooks as case_hooks
from irsuite.cases.models import Addendum, Procedure
from irsuite.cases.orders import hooks as order_hooks
from irsuite.domain.catalogue import FollowUpKind
from irsuite.interop.hl7 import tasks
from irsuite.interop.hl7.outbound import services as outbound
from irsuite.interop.hl7.peers import queries
from irsuite.interop.hl7.peers.services import learn_procedure, order_source
from irsuite.people.models import Site
from irsuite.safety.report import services as reports
from irsuite.safety.report.models import ProcedureReport, ReportStatus


def _sections(report: ProcedureReport) -> list[tuple[str, str]]:
    draft = reports.draft_of(report)
    return [(s.spec.heading, s.text) for s in draft.sections if s.text.strip()]


def _pdf(procedure: Procedure, report: ProcedureReport) -> Any:
    def render() -> bytes:
        from irsuite.safety.pdf import render_pdf

        draft = reports.draft_of(report)
        context = {
            "procedure": procedure,
            "req": procedure.request,
            "report": report,
            "sections": draft.sections,
            "problems": reports.signing_problems(draft),
            "plan": report.plan.all(),
            "kinds": [k.value for k in FollowUpKind],
            "addenda": procedure.addenda.select_related("author"),
            "attending": reports.attending_of(procedure),
        }
        return render_pdf("safety/report_pdf.html", context)

    return render


def _report_saved(
    sender: Any, instance: ProcedureReport, update_fields: Any = None, **kwargs: Any
) -> None:
    """ORU^R01 F when the report is signed (the save that sets its status)."""
    if instance.status != ReportStatus.SIGNED or "status" not in (update_fields or ()):
        return
    procedure = instance.procedure
    outbound.on_report(
        procedure.request, _sections(instance), corrected=False, pdf=_pdf(procedure, instance)
    )


def _addendum_saved(sender: Any, instance: Addendum, created: bool = False, **kwargs: Any) -> None:
    """ORU^R01 C when a signed report gets an addendum (the report with its addenda)."""
    if not created:
        return
    report = ProcedureReport.objects.filter(procedure=instance.procedure_id).first()
    if report is None or not report.is_signed:
        return
    procedure = instance.procedure
    addenda = [(f"Addendum {a.at:%Y-%m-%d %H:%M}", a.text) for a in procedure.addenda.all()]
    outbound.on_report(
        procedure.request, _sections(report) + addenda, corrected=True, pdf=_pdf(procedure, report)
    )


def _site_changed(sender: Any, **kwargs: Any) -> None:
    """A site's code decides where identifiers belong: the listener must read it again."""
    queries.changed()


def register() -> None:
    case_hooks.add_after_transition(outbound.on_transition)
    case_hooks.add_schedule_hook(outbound.on_booking)
    outbound.set_sender(tasks.enqueue)
    post_save.connect(_report_saved, sender=ProcedureReport, dispatch_uid="hl7-oru-signed")
    post_save.connect(_addendum_saved, sender=Addendum, dispatch_uid="hl7-oru-addendum")
    post_save.connect(_site_changed, sender=Site, dispatch_uid="hl7-site-saved")
    post_delete.connect(_site_changed, sender=Site, dispatch_uid="hl7-site-deleted")
    order_hooks.add_code_learner(order_hooks.CodeLearner(order_source, learn_procedure))
