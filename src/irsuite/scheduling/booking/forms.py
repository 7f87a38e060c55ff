"""Forms of the calendar pages: booking a request and moving a booking."""

from __future__ import annotations

from django import forms

from irsuite.cases.models import Request, RequestStatus
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import OPERATOR_ROLES

LOCAL_INPUT = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(input_formats=LOCAL_INPUT, **kwargs)  # type: ignore[arg-type]


class MoveForm(forms.Form):
    room = forms.ModelChoiceField(queryset=Room.objects.filter(active=True))
    start = LocalDateTimeField()
    version = forms.IntegerField(required=False)


class BookForm(forms.Form):
    request = forms.ModelChoiceField(queryset=Request.objects.none())
    room = forms.ModelChoiceField(queryset=Room.objects.none())
    start = LocalDateTimeField()
    operator = forms.ModelChoiceField(queryset=Staff.objects.none(), required=False)

    def __init__(
        self,
        site: Site,
        *args: object,
        statuses: tuple[str, ...] = (RequestStatus.VETTED,),
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["request"].queryset = (  # type: ignore[attr-defined]
            Request.objects.filter(site=site, status__in=statuses, booking__isnull=True)
            .select_related("catalogue_entry")
            .order_by("-priority", "requested_at")
        )
        self.fields["request"].label_from_instance = (  # type: ignore[attr-defined]
            lambda r: (
                f"{r.accession_number} · {r.catalogue_entry.name} · {r.get_priority_display()}"
            )
        )
        self.fields["room"].queryset = Room.objects.filter(site=site, active=True)  # type: ignore[attr-defined]
        self.fields["operator"].queryset = Staff.objects.filter(  # type: ignore[attr-defined]
            site=site, active=True, role__in=OPERATOR_ROLES
        )
