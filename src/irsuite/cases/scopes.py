"""How far each capability reaches over the case record (registered with people.policy).

- The IR team (VIEW_WORKLIST, VIEW_PATIENTS) reaches every request, procedure and patient.
- A referrer (VIEW_OWN_REQUESTS) reaches the requests they made, their procedures, and the
  patients they referred; everything else is answered as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from irsuite.cases.models import Procedure, Request
from irsuite.patients.models import Patient
from irsuite.people.access import UserLike, staff_of
from irsuite.people.policy import register_scope
from irsuite.people.roles import Capability as C

OWN = C.VIEW_OWN_REQUESTS


def _mine(user: UserLike) -> int | None:
    me = staff_of(user)
    return me.pk if me is not None else None


def _request_obj(user: UserLike, capability: C, obj: Request) -> bool:
    return capability != OWN or (obj.referrer_id is not None and obj.referrer_id == _mine(user))


def _request_query(user: UserLike, capability: C, rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.filter(referrer_id=_mine(user)) if capability == OWN else rows


def _procedure_obj(user: UserLike, capability: C, obj: Procedure) -> bool:
    return _request_obj(user, capability, obj.request)


def _procedure_query(user: UserLike, capability: C, rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.filter(request__referrer_id=_mine(user)) if capability == OWN else rows


def _patient_obj(user: UserLike, capability: C, obj: Patient) -> bool:
    if capability != OWN:
        return True
    return Request.objects.filter(patient=obj, referrer_id=_mine(user)).exists()


def _patient_query(user: UserLike, capability: C, rows: QuerySet[Any]) -> QuerySet[Any]:
    if capability != OWN:
        return rows
    return rows.filter(requests__referrer_id=_mine(user)).distinct()


def register() -> None:
    register_scope(Request, obj=_request_obj, query=_request_query, patient=lambda r: r.patient_id)
    register_scope(
        Procedure,
        obj=_procedure_obj,
        query=_procedure_query,
        patient=lambda p: p.request.patient_id,
    )
    register_scope(Patient, obj=_patient_obj, query=_patient_query, patient=lambda p: p.pk)
