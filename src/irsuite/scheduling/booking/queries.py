"""Read-side helpers of the scheduling pages: how a patient and a request are named in pickers
and lists, and the searchable backlog a scheduler picks from."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.formats import date_format

from irsuite.cases.models import Priority, Request, RequestStatus
from irsuite.patients.models import Patient
from irsuite.patients.services import mrn_at
from irsuite.people.access import UserLike, staff_of
from irsuite.people.models import Site

# Longest search text the pickers take (a name, an MRN, a procedure or an accession number).
SEARCH_MAX = 100


def patient_label(patient: Patient, site: Site | None) -> str:
    """The patient as a scheduler recognises them: name and the MRN at the site."""
    mrn = mrn_at(patient, site)
    return f"{patient} (MRN {mrn})" if mrn else str(patient)


def request_label(request: Request) -> str:
    """A request in a picker: patient, MRN, procedure, priority and due date."""
    parts = [
        patient_label(request.patient, request.site),
        request.catalogue_entry.name,
        request.get_priority_display(),
    ]
    if request.due_date:
        parts.append(f"due {date_format(request.due_date)}")
    return " · ".join(parts)


def with_people(requests: QuerySet[Request]) -> QuerySet[Request]:
    """The requests with what their labels show, read in a few queries."""
    return requests.select_related("catalogue_entry", "patient", "site").prefetch_related(
        "patient__identifiers"
    )


def searched(requests: QuerySet[Request], text: str) -> QuerySet[Request]:
    """Requests whose patient's name or MRN, procedure or accession number contains ``text``."""
    words = text.strip()[:SEARCH_MAX].split()
    for word in words:
        requests = requests.filter(
            Q(patient__family_name__icontains=word)
            | Q(patient__given_name__icontains=word)
            | Q(patient__identifiers__value__icontains=word)
            | Q(catalogue_entry__name__icontains=word)
            | Q(catalogue_entry__code__iexact=word)
            | Q(accession_number__iexact=word)
        )
    return requests.distinct() if words else requests


def bookable(
    site: Site, statuses: tuple[str, ...] = (RequestStatus.VETTED,), text: str = ""
) -> QuerySet[Request]:
    """The site's unbooked requests in ``statuses``, most urgent and oldest first, searched."""
    found = Request.objects.filter(site=site, status__in=statuses, booking__isnull=True)
    urgency = Case(
        When(priority=Priority.EMERGENT, then=Value(0)),
        When(priority=Priority.URGENT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return with_people(searched(found, text)).order_by(urgency, "requested_at")


def name_of(user: UserLike) -> str:
    """A user as colleagues know them: their staff name, else their full or user name."""
    if user is None or not user.is_authenticated:
        return ""
    staff = staff_of(user)
    if staff is not None:
        return staff.display_name
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or user.get_username())
