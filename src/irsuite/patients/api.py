"""API: patients. Researchers see pseudonymous records with no identifier."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from irsuite.apiutil import page
from irsuite.bounds import (
    BirthDate,
    DbId,
    Flag,
    Input,
    Limit,
    Line,
    Name,
    Offset,
    Text,
    max_length,
)
from irsuite.patients.models import Patient, PatientIdentifier
from irsuite.patients.services import record_chart_view, register_patient
from irsuite.people.access import allow, has_capability
from irsuite.people.models import Site
from irsuite.people.roles import Capability

router = Router(tags=["patients"])


class IdentifierOut(Schema):
    type: str
    site: str | None
    value: str


class PatientOut(Schema):
    id: int
    research_id: str
    given_name: str | None = None
    family_name: str | None = None
    birth_date: dt.date | None = None
    birth_year: int
    sex: str
    identifiers: list[IdentifierOut] = []
    allergies: str | None = None
    synthetic: bool


class PatientPage(Schema):
    items: list[PatientOut]
    count: int


class PatientIn(Input):
    site: Line = Field(..., max_length=max_length(Site, "code"))
    mrn: Line = Field(..., min_length=1, max_length=max_length(PatientIdentifier, "value"))
    given_name: Name = Field(..., min_length=1, max_length=max_length(Patient, "given_name"))
    family_name: Name = Field(..., min_length=1, max_length=max_length(Patient, "family_name"))
    birth_date: BirthDate
    sex: Line = Field("U", max_length=max_length(Patient, "sex"))
    allergies: Text = ""
    contrast_allergy: Flag = False


def patient_out(patient: Patient, identified: bool) -> PatientOut:
    out = PatientOut(
        id=patient.pk,
        research_id=patient.research_id,
        birth_year=patient.birth_date.year,
        sex=patient.sex,
        synthetic=patient.synthetic,
    )
    if identified:
        out.given_name, out.family_name = patient.given_name, patient.family_name
        out.birth_date, out.allergies = patient.birth_date, patient.allergies
        out.identifiers = [
            IdentifierOut(type=i.type, site=i.site.code if i.site else None, value=i.value)
            for i in patient.identifiers.all()
        ]
    return out


@router.get("/patients", response=PatientPage)
@allow(Capability.VIEW_PATIENTS)
def list_patients(
    request: HttpRequest,
    q: str | None = None,
    mrn: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PatientPage:
    identified = has_capability(request.user, Capability.VIEW_PATIENTS)
    patients = Patient.objects.prefetch_related("identifiers__site").order_by("pk")
    if identified and q:
        patients = patients.filter(Q(family_name__icontains=q) | Q(given_name__icontains=q))
    if identified and mrn:
        patients = patients.filter(identifiers__value=mrn)
    items, count = page(patients, limit, offset)
    return PatientPage(items=[patient_out(p, identified) for p in items], count=count)


@router.get("/patients/{patient_id}", response=PatientOut)
@allow(Capability.VIEW_PATIENTS)
def get_patient(request: HttpRequest, patient_id: DbId) -> PatientOut:
    identified = has_capability(request.user, Capability.VIEW_PATIENTS)
    patient = get_object_or_404(
        Patient.objects.prefetch_related("identifiers__site"), pk=patient_id
    )
    if identified:
        record_chart_view(request.user, patient, channel="api")
    return patient_out(patient, identified)


@router.post("/patients", response={201: PatientOut})
@allow(Capability.VIEW_PATIENTS)
def create_patient(request: HttpRequest, data: PatientIn) -> tuple[int, PatientOut]:
    site = get_object_or_404(Site, code=data.site)
    patient = register_patient(
        by=request.user,
        site=site,
        mrn=data.mrn,
        given_name=data.given_name,
        family_name=data.family_name,
        birth_date=data.birth_date,
        sex=data.sex,
        allergies=data.allergies,
        contrast_allergy=data.contrast_allergy,
        channel="api",
    )
    return 201, patient_out(patient, True)
