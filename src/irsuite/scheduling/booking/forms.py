"""Forms of the calendar pages: booking a request and moving a booking."""

from __future__ import annotations

from django import forms

from irsuite.cases.models import Request, RequestStatus
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import OPERATOR_ROLES
from irsuite.pickers import PersonChoiceField, SearchablePicker
from irsuite.scheduling.booking.queries import bookable, request_label

LOCAL_INPUT = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(input_formats=LOCAL_INPUT, **kwargs)  # type: ignore[arg-type]


class MoveForm(forms.Form):
    room = forms.ModelChoiceField(queryset=Room.objects.filter(active=True), label="Room")
    start = LocalDateTimeField(label="Start time")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BookForm(forms.Form):
    """Book a request of the site: the picker names the patient (name, MRN) and the procedure;
    only the site's rooms and operators are offered."""

    request = forms.ModelChoiceField(
        queryset=Request.objects.none(), label="Patient and procedure", widget=SearchablePicker
    )
    room = forms.ModelChoiceField(queryset=Room.objects.none(), label="Room")
    start = LocalDateTimeField(label="Start time")
    operator = PersonChoiceField(
        queryset=Staff.objects.none(),
        required=False,
        label="Operator",
        empty_label="As the request needs (none named)",
    )

    def __init__(
        self,
        site: Site,
        *args: object,
        statuses: tuple[str, ...] = (RequestStatus.VETTED,),
        search: str = "",
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        picker = self.fields["request"]
        picker.queryset = bookable(site, statuses, search)  # type: ignore[attr-defined]
        picker.label_from_instance = request_label  # type: ignore[attr-defined]
        self.fields["room"].queryset = Room.objects.filter(site=site, active=True)  # type: ignore[attr-defined]
        self.fields["room"].label_from_instance = lambda room: room.name  # type: ignore[attr-defined]
        self.fields["operator"].queryset = Staff.objects.filter(  # type: ignore[attr-defined]
            site=site, active=True, role__in=OPERATOR_ROLES
        )
