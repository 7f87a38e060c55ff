"""Devices followed from the signed procedures that place or remove them (codes from
devices.toml), and registered or closed by hand; one implementation audits both ways."""

import pytest

from irsuite.audit.models import AuditEvent
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.devices import services as device_services
from irsuite.outcomes.models import CentralLine, IvcFilter
from irsuite.outcomes.reference import device_codes
from irsuite.reference.loader import read_catalogue

pytestmark = pytest.mark.django_db


def _summaries(model_label, pk):
    return list(
        AuditEvent.objects.filter(object_type=model_label, object_id=str(pk))
        .order_by("id")
        .values_list("actor_label", "summary")
    )


def test_the_device_codes_are_read_from_the_reference_file_and_name_catalogue_entries():
    codes = device_codes()
    assert codes.filter_placement == {"IVCF-PLACE"}
    assert codes.filter_retrieval == {"IVCF-RETRIEVE", "IVCF-RETRIEVE-COMPLEX"}
    assert {c: k.value for c, k in codes.line_placement.items()} == {
        "TUNNELLED-CVC": "tunnelled",
        "TUNNELLED-HD": "tunnelled",
        "PORT": "port",
    }
    assert {c: k.value for c, k in codes.line_removal.items()} == {
        "LINE-REMOVAL": "tunnelled",
        "PORT-REMOVAL": "port",
    }
    catalogue = {entry.code for entry in read_catalogue()[0].entries}
    named = set(codes.filter_placement) | codes.filter_retrieval
    assert named | set(codes.line_placement) | set(codes.line_removal) <= catalogue


def test_a_code_added_to_the_reference_file_starts_following_a_filter(
    make_procedure, edited_reference
):
    assert not IvcFilter.objects.filter(placement=make_procedure("PCN")).exists()
    edited_reference("devices.toml", lambda data: data["ivc_filter"]["placement"].append("PCN"))
    placement = make_procedure("PCN")
    assert IvcFilter.objects.get(placement=placement).placed_on == placement.day


def test_the_line_kind_comes_from_the_reference_file(make_procedure, edited_reference):
    edited_reference(
        "devices.toml", lambda data: data["central_line"]["placement"].update(PORT="tunnelled")
    )
    assert CentralLine.objects.get(insertion=make_procedure("PORT")).kind == "tunnelled"


def test_a_line_kind_outside_tunnelled_or_port_is_refused(edited_reference):
    edited_reference(
        "devices.toml", lambda data: data["central_line"]["placement"].update(PORT="picc")
    )
    with pytest.raises(ValueError, match="use tunnelled or port"):
        device_codes()


def test_signing_a_port_removal_stops_the_line_and_audits_it_as_the_system(make_procedure):
    port = make_procedure("PORT", day_offset=-3)
    line = CentralLine.objects.get(insertion=port)
    removal = make_procedure("PORT-REMOVAL")
    line.refresh_from_db()
    assert line.removed_on == removal.day
    assert _summaries("outcomes.centralline", line.pk) == [
        ("system", "central line followed from its insertion"),
        ("system", "central line removed"),
    ]


def test_a_line_registered_and_removed_by_hand_is_audited_with_its_recorder(
    make_procedure, persona
):
    procedure = make_procedure("PCN")
    nurse = persona("nurse")
    line = device_services.register_line(procedure, kind="port", by=nurse)
    with pytest.raises(ValidationFailed):
        device_services.record_line_removal(
            line, on=procedure.day.replace(year=procedure.day.year - 1), by=nurse
        )
    device_services.record_line_removal(line, on=procedure.day, by=nurse)
    line.refresh_from_db()
    assert (line.patient_id, line.inserted_on, line.removed_on) == (
        procedure.request.patient_id,
        procedure.day,
        procedure.day,
    )
    assert _summaries("outcomes.centralline", line.pk) == [
        ("nurse", "central line registered"),
        ("nurse", "central line removed"),
    ]


def test_a_filter_registered_by_hand_is_audited_and_not_followed_twice(make_procedure, persona):
    procedure = make_procedure("PCN")
    item = device_services.register_filter(procedure, device_name="Filter X", by=persona("nurse"))
    assert (item.patient_id, item.placed_on, item.device_name) == (
        procedure.request.patient_id,
        procedure.day,
        "Filter X",
    )
    assert _summaries("outcomes.ivcfilter", item.pk) == [("nurse", "IVC filter registered")]
    with pytest.raises(Conflict):
        device_services.register_filter(procedure, by=persona("nurse"))


def test_a_role_that_does_not_record_outcomes_cannot_register_a_device(make_procedure, persona):
    procedure = make_procedure("PCN")
    with pytest.raises(NotAllowed):
        device_services.register_filter(procedure, by=persona("coder"))
    with pytest.raises(NotAllowed):
        device_services.register_line(procedure, kind="port", by=persona("coder"))
    assert not IvcFilter.objects.exists() and not CentralLine.objects.exists()
