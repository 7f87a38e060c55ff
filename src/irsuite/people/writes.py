"""Who may write what: the policy's answer at the one place every write passes.

Every service that writes records the write in the audit log in the same transaction
(`audit.services.record`). That call asks this module whether the actor may write a row of that
kind: the role must hold one of the capabilities listed for the table, and where the table's rows
have a scope (a referrer's own requests and patients), the row must be in the actor's scope. A
refusal raises inside the transaction, so the write is rolled back with its audit entry: a view,
an API route, the admin or a command that forgets its own check still cannot write. Finer rules
(only an attending signs, a trainee attests only their own case) stay in the services that own
them; this is the floor under them.

The system itself (imports, listeners, the demo builder, commands with no user) writes as None
and is not asked.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from irsuite.errors import NotAllowed, NotFound
from irsuite.people.access import UserLike, has_capability
from irsuite.people.policy import NOT_ALLOWED, NOT_FOUND, may, scope_of
from irsuite.people.roles import Capability as C

ANY_USER: tuple[C, ...] = ()  # any logged-in user; the owning service checks ownership

_CASE = (C.RECORD_PROCEDURE, C.SIGN_PROCEDURE)
_DOSE_IMPORT = (C.MANAGE_DOSE, C.ADMINISTER)
_REQUEST = (C.CREATE_REQUEST, C.VET_REQUEST, C.SCHEDULE, C.RECORD_PROCEDURE, C.SIGN_PROCEDURE)

# Table (app_label.model) -> the capabilities of which a writer must hold one.
WRITERS: dict[str, tuple[C, ...]] = {
    "people.site": (C.ADMINISTER,),
    "people.room": (C.ADMINISTER,),
    "people.staff": (C.ADMINISTER,),
    "people.apitoken": ANY_USER,
    "patients.patient": (C.VIEW_PATIENTS, C.CREATE_REQUEST, C.WORKUP),
    "patients.patientidentifier": (C.VIEW_PATIENTS, C.CREATE_REQUEST, C.INTEGRATION),
    "patients.patientmerge": (C.ADMINISTER, C.INTEGRATION),
    "cases.catalogueversion": (C.ADMINISTER,),
    "cases.catalogueentry": (C.ADMINISTER,),
    "cases.request": _REQUEST,
    "cases.requesttransition": _REQUEST,
    "cases.procedure": _CASE,
    "cases.teammember": _CASE,
    "cases.accesssite": _CASE,
    "cases.deviceused": _CASE,
    "cases.addendum": _CASE,
    "cases.procedurecode": (C.VIEW_CODING,),  # the coder records what a case is billed by
    "cases.notice": ANY_USER,  # a result notice: made when a report is signed, read by its owner
    "safety.checklistrecord": (C.CHECKLIST,),
    "safety.checklistanswer": (C.CHECKLIST,),
    "safety.checklistphasecompletion": (C.CHECKLIST,),
    "safety.consent": (C.CONSENT,),
    "safety.procedurereport": _CASE,
    "safety.planitem": _CASE,
    "safety.sedationrecord": (C.SEDATION,),
    "safety.sedationdrug": (C.SEDATION,),
    "safety.vitalsigns": (C.SEDATION,),
    "safety.aldreteassessment": (C.SEDATION,),
    "safety.workup": (C.WORKUP,),
    "safety.workuplab": (C.WORKUP,),
    "safety.workupmedication": (C.WORKUP,),
    "dose.device": (C.MANAGE_DOSE, C.ADMINISTER),
    # Imports write as the system; an admin re-processing a quarantined file imports it too.
    "dose.dosestudy": _DOSE_IMPORT,
    "dose.dosereportobject": _DOSE_IMPORT,
    "dose.deviceplane": _DOSE_IMPORT,
    "dose.irradiationevent": _DOSE_IMPORT,
    "dose.dosealert": (C.MANAGE_DOSE,),
    "dose.quarantinedfile": (C.MANAGE_DOSE, C.ADMINISTER),
    "dose.localdrl": (C.MANAGE_DOSE,),
    "outcomes.adverseevent": (C.RECORD_OUTCOME,),
    "outcomes.adverseeventgrading": (C.RECORD_OUTCOME,),
    "outcomes.traineeprogramme": (C.ADMINISTER, C.ATTEST_CASE),
    "outcomes.caseattestation": (C.ATTEST_CASE, C.VIEW_CASELOG),
    "outcomes.ivcfilter": (C.RECORD_PROCEDURE, C.RECORD_OUTCOME),
    "outcomes.centralline": (C.RECORD_PROCEDURE, C.RECORD_OUTCOME),
    "outcomes.followuptask": (C.RECORD_OUTCOME, C.SCHEDULE, C.MANAGE_DOSE),
    "outcomes.followupvisit": (C.RECORD_OUTCOME,),
    "outcomes.qualityfact": (C.VIEW_QUALITY, C.RECORD_OUTCOME),
    "outcomes.qualitymonth": (C.VIEW_QUALITY,),
    "outcomes.conference": (C.PEER_REVIEW,),
    "outcomes.reviewcase": (C.PEER_REVIEW, C.RECORD_OUTCOME),
    "outcomes.peerreview": (C.PEER_REVIEW,),
    "scheduling.scheduleproposal": (C.SCHEDULE,),
    "scheduling.roomcapability": (C.SCHEDULE, C.ADMINISTER),
    "scheduling.openinghours": (C.SCHEDULE, C.ADMINISTER),
    "scheduling.recurringblock": (C.SCHEDULE, C.ADMINISTER),
    "scheduling.anaesthesiasession": (C.SCHEDULE,),
    "scheduling.operatorsession": (C.SCHEDULE, C.MANAGE_ROSTER),
    "scheduling.requestneeds": (C.SCHEDULE, C.VET_REQUEST),
    "scheduling.booking": (C.SCHEDULE,),
    "scheduling.feedkey": (C.VIEW_ROSTER, C.SCHEDULE, C.MANAGE_ROSTER),
    "scheduling.leaverequest": (C.VIEW_ROSTER, C.MANAGE_ROSTER),
    "scheduling.calltype": (C.MANAGE_ROSTER,),
    "scheduling.rosterperiod": (C.MANAGE_ROSTER,),
    "scheduling.rosterassignment": (C.MANAGE_ROSTER, C.VIEW_ROSTER),
    "scheduling.swaprequest": (C.VIEW_ROSTER, C.APPROVE_SWAP),
    "interop.peer": (C.INTEGRATION,),
    "interop.inboxmessage": (C.INTEGRATION,),
    "interop.outboxmessage": (C.INTEGRATION,),
    # A vetter maps an order's unmapped code while vetting it (learn_procedure).
    "interop.codemapping": (C.INTEGRATION, C.VET_REQUEST),
    "interop.configgeneration": (C.INTEGRATION,),
    "interop.scheduledstep": (C.SCHEDULE, C.VET_REQUEST, C.INTEGRATION),
    "interop.performedstep": (C.RECORD_PROCEDURE, C.INTEGRATION),
    "web.taskprogress": ANY_USER,  # whoever starts a long job follows its progress
}

# Capabilities that reach only the actor's own rows: held alone, the row must be in scope.
_OWN_ONLY = C.VIEW_OWN_REQUESTS
_WIDE = (C.VIEW_WORKLIST, C.VIEW_PATIENTS)


def writers_of(label: str) -> tuple[C, ...] | None:
    """The capabilities that may write a table, or None when the table declares none."""
    return WRITERS.get(label)


def guard_write(actor: UserLike, action: str, obj: Model | None, object_type: str) -> None:
    """Refuse (NotAllowed, or NotFound out of scope) a write the actor's role may not make."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    needed = writers_of(object_type)
    if needed is None or needed == ANY_USER:
        return
    if not has_capability(actor, *needed):
        raise NotAllowed(NOT_ALLOWED)
    if obj is None or has_capability(actor, *_WIDE) or not _scoped(obj):
        return
    subject = _subject(obj)
    if action == "create" and subject is obj:
        return  # a new row (a referral's new patient) is not anyone's yet
    if not may(actor, _OWN_ONLY, subject):
        raise NotFound(NOT_FOUND)


def _scoped(obj: Model) -> bool:
    return scope_of(type(_subject(obj))) is not None


def _subject(obj: Model) -> Any:
    """The row whose scope decides: the request of a transition, else the row itself."""
    if obj._meta.label_lower == "cases.requesttransition":
        return obj.request  # type: ignore[attr-defined]
    return obj
