import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import SedationDrug, SedationRecord

ITEMS = ("activity", "respiration", "circulation", "consciousness", "oxygen_saturation")


def clock(minutes_ago):
    return f"{timezone.localtime() - dt.timedelta(minutes=minutes_ago):%H:%M}"


def visible_text(response):
    body = response.content.decode()
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.fixture
def nurse_page(client_as, ready_request):
    nurse = client_as("nurse")
    nurse.post(
        reverse("safety:sedation_start", args=[ready_request.pk]),
        {"kind": "moderate", "baseline_systolic": "140", "started_at": clock(60)},
    )
    return nurse


def url(name, req):
    return reverse(f"safety:{name}", args=[req.pk])


def test_an_anonymous_visitor_is_sent_to_login(client, ready_request):
    response = client.get(reverse("safety:sedation", args=[ready_request.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_researcher_may_not_open_the_sedation_page(client_as, ready_request):
    response = client_as("researcher").get(reverse("safety:sedation", args=[ready_request.pk]))
    assert response.status_code == 403


def test_a_technologist_may_not_open_the_sedation_record(client_as, ready_request):
    tech = client_as("technologist")
    assert tech.get(reverse("safety:sedation", args=[ready_request.pk])).status_code == 403


def test_a_nurse_records_recovery_and_discharges_through_the_page(client_as, signed_procedure):
    req = signed_procedure.request
    nurse = client_as("nurse")
    response = nurse.post(
        url("sedation_start", req),
        {"kind": "moderate", "baseline_systolic": "130", "started_at": clock(120)},
        follow=True,
    )
    assert "Sedation record started." in visible_text(response)
    assert SedationRecord.objects.filter(request=req).exists()
    for minutes in (40, 20):
        scores = {**dict.fromkeys(ITEMS, "2"), "oxygen_saturation": "1", "at": clock(minutes)}
        response = nurse.post(url("sedation_aldrete", req), scores, follow=True)
        assert "Aldrete score 9 recorded at" in visible_text(response)
    response = nurse.post(url("sedation_discharge", req), follow=True)
    assert "Discharged from recovery at" in visible_text(response)


def test_the_page_refuses_discharge_during_the_procedure_and_says_why(nurse_page, open_procedure):
    req = open_procedure.request
    nurse_page.post(url("sedation_aldrete", req), dict.fromkeys(ITEMS, "2"))
    response = nurse_page.post(url("sedation_discharge", req), follow=True)
    assert "Not discharged. The procedure has not ended" in visible_text(response)
    assert SedationRecord.objects.get(request=req).discharged_at is None


def test_drugs_are_chosen_from_a_list_with_labels_and_forms_speak_clinical_words(
    nurse_page, ready_request
):
    text = nurse_page.get(url("sedation", ready_request)).content.decode()
    assert '<option value="midazolam">Midazolam</option>' in text
    assert '<option value="lidocaine 1%">Lidocaine 1% (local anaesthetic)</option>' in text
    assert "<datalist" not in text
    for label in ("Kind of sedation", "Baseline systolic pressure (mmHg)", "Respiratory rate"):
        assert label in text
    shown = visible_text(nurse_page.get(url("sedation", ready_request)))
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", shown), "a raw key is shown"
    assert not re.search(r"\w:\s*$", shown, flags=re.M)


def test_an_overdose_is_shown_back_and_recorded_only_with_the_acknowledgement(
    nurse_page, ready_request
):
    dose = {"drug": "midazolam", "dose": "50", "unit": "mg", "route": "IV"}
    response = nurse_page.post(url("sedation_drug", ready_request), dose)
    text = response.content.decode()
    assert "Check this dose before recording it." in text
    assert "Midazolam 50 mg IV is above the usual single dose" in text
    assert SedationDrug.objects.count() == 0
    fingerprint = re.search(r'name="acknowledged" value="([0-9a-f]+)"', text).group(1)
    response = nurse_page.post(
        url("sedation_drug", ready_request), {**dose, "acknowledged": fingerprint}, follow=True
    )
    shown = visible_text(response)
    assert "Midazolam 50 mg intravenous recorded at" in shown
    assert "Dose warning acknowledged" in shown
    assert SedationDrug.objects.get().dose_warning


def test_vital_signs_needing_attention_are_highlighted_in_the_table_and_the_chart(
    nurse_page, ready_request
):
    nurse_page.post(
        url("sedation_vitals", ready_request),
        {"phase": "sedation", "spo2": "97", "systolic": "138", "heart_rate": "80", "at": clock(20)},
    )
    response = nurse_page.post(
        url("sedation_vitals", ready_request),
        {
            "phase": "sedation",
            "spo2": "86",
            "respiratory_rate": "7",
            "systolic": "91",
            "ramsay": "5",
        },
        follow=True,
    )
    shown = visible_text(response)
    assert "Needs attention: Respiratory rate 7 breaths/min is low" in shown
    assert "SpO2 86 % is low" in shown and "35% under the baseline" in shown
    text = response.content.decode()
    assert text.count('class="flagged"') == 4
    assert text.count("<svg") >= 4 and "<script" not in text.split("<main", 1)[1]
    assert 'fill="#b3261e"><title>' in text  # the highlighted points are marked in the chart
    assert "Blood pressure" in text and "highlight limit" in text


def test_a_back_timed_entry_shows_when_it_was_entered(nurse_page, ready_request):
    response = nurse_page.post(
        url("sedation_vitals", ready_request),
        {"phase": "sedation", "spo2": "97", "at": clock(30)},
        follow=True,
    )
    shown = visible_text(response)
    assert f"Vital signs recorded at {clock(30)}." in shown
    assert f"entered {clock(0)}" in shown


def test_a_refused_entry_comes_back_filled_in_with_what_to_change(nurse_page, ready_request):
    response = nurse_page.post(
        url("sedation_vitals", ready_request),
        {"phase": "sedation", "spo2": "97", "heart_rate": "80", "at": clock(90)},
    )
    text = response.content.decode()
    assert "before this sedation episode began" in text
    assert 'name="heart_rate" value="80"' in text


def test_the_service_is_what_the_page_calls(nurse_page, ready_request, persona):
    sedation = SedationRecord.objects.get(request=ready_request)
    assert sedation.started_at is not None
    assert ss.discharge_status(sedation).allowed is False
