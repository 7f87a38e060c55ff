"""Dose pages and API: who may see what, and what each page shows."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from dose_samples import altered, sample

from irsuite.dose.models import AlertStatus, DoseAlert, DoseStudy, QuarantinedFile
from irsuite.dose.services import import_rdsr

pytestmark = pytest.mark.django_db

FLUORO = "RF-RDSR-Siemens-Zee.dcm"


@pytest.fixture
def linked_hot_study(open_procedure) -> DoseStudy:  # type: ignore[no-untyped-def]
    day = open_procedure.day.strftime("%Y%m%d")
    accession = open_procedure.request.accession_number
    data = altered(FLUORO, AccessionNumber=accession, dose_rp_gy=6, StudyDate=day)
    import_rdsr(data, filename="hot.dcm", source="test")
    return DoseStudy.objects.get()


PAGES = ["dose:index", "dose:alerts", "dose:dashboard"]


@pytest.mark.parametrize("name", PAGES + ["dose:unlinked", "dose:quarantine"])
def test_an_anonymous_visitor_is_sent_to_login(client, name: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse(name))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", ["nurse", "coder", "researcher"])
def test_staff_without_the_dose_right_get_403(client_as, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert client_as(role).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", ["physicist", "attending"])
def test_physicists_and_attendings_see_dose(client_as, linked_hot_study, role: str) -> None:  # type: ignore[no-untyped-def]
    client = client_as(role)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200
    page = client.get(reverse("dose:study", args=[linked_hot_study.pk]))
    assert page.status_code == 200
    assert "6000.0" in page.content.decode()


def test_only_an_admin_sees_the_quarantine(client_as) -> None:  # type: ignore[no-untyped-def]
    import_rdsr(b"junk", filename="junk.bin", source="test")
    assert client_as("physicist").get(reverse("dose:quarantine")).status_code == 403
    page = client_as("admin").get(reverse("dose:quarantine"))
    assert page.status_code == 200 and "junk.bin" in page.content.decode()


def test_an_admin_reprocesses_a_quarantined_file_from_the_page(client_as) -> None:  # type: ignore[no-untyped-def]
    held = QuarantinedFile.objects.create(
        filename="ok.dcm",
        source="test",
        content=sample("Dual-RDSR-RF.dcm"),
        sha256="x",
        kind="unknown_unit",
        reason="old",
    )
    response = client_as("admin").post(
        reverse("dose:quarantine_action", args=[held.pk]), {"action": "reprocess"}
    )
    assert response.status_code == 302
    assert DoseStudy.objects.count() == 1


def test_a_physicist_links_an_unlinked_study_from_its_page(client_as, open_procedure) -> None:  # type: ignore[no-untyped-def]
    import_rdsr(
        altered(FLUORO, AccessionNumber="X", StudyDate=open_procedure.day.strftime("%Y%m%d")),
        filename="u.dcm",
        source="test",
    )
    study = DoseStudy.objects.get()
    client = client_as("physicist")
    assert (
        str(open_procedure.request.accession_number)
        in client.get(reverse("dose:study", args=[study.pk])).content.decode()
    )
    assert client.get(reverse("dose:unlinked")).status_code == 200
    client.post(reverse("dose:link", args=[study.pk]), {"procedure": open_procedure.pk})
    study.refresh_from_db()
    assert study.procedure == open_procedure
    assert (
        client_as("attending")
        .post(reverse("dose:link", args=[study.pk]), {"procedure": open_procedure.pk})
        .status_code
        == 403
    )


def test_an_alert_is_acknowledged_from_the_alerts_page(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    alert = DoseAlert.objects.get()
    client_as("physicist").post(reverse("dose:advance", args=[alert.pk]), {"to": "acknowledged"})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED


def test_the_patient_letter_is_a_pdf(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    alert = DoseAlert.objects.get()
    response = client_as("physicist").get(reverse("dose:letter", args=[alert.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_dashboard_shows_the_local_drl_of_linked_studies(
    client_as,
    linked_hot_study,  # type: ignore[no-untyped-def]
) -> None:
    page = client_as("physicist").get(reverse("dose:dashboard"), {"quantity": "kap_gycm2"})
    html = page.content.decode()
    assert "Local DRL" in html and 'id="dose-chart"' in html
    assert '"counts": [1]' in html  # one study in the histogram's one bin
    assert '"median": 0.16' in html and '"q3": 0.16' in html  # its box
    assert "<td>1</td><td>0.2</td><td>0.2</td>" in html  # count, median, 75th percentile


def test_exports_stream_csv_and_write_xlsx(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    client = client_as("physicist")
    response = client.get(reverse("dose:export", args=["csv"]))
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0].startswith("study_instance_uid,kind,study_date")
    assert linked_hot_study.study_instance_uid in text
    response = client.get(reverse("dose:export", args=["xlsx"]))
    assert response.status_code == 200
    import zipfile

    assert (
        "xl/worksheets/sheet1.xml"
        in zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    )


def test_the_procedure_page_shows_the_dose_panel(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    url = reverse("cases:procedure", args=[linked_hot_study.procedure_id])
    html = client_as("attending").get(url).content.decode()
    assert "Radiation dose" in html and "6000.0" in html
    assert "Radiation dose" not in client_as("nurse").get(url).content.decode()


def test_the_api_lists_studies_with_events_for_dose_roles_only(
    api_as, client, linked_hot_study
) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/dose/studies").status_code == 401
    assert api_as("coder").get("/api/v1/dose/studies").status_code == 403
    body = api_as("physicist").get("/api/v1/dose/studies").json()
    assert body["count"] == 1 and body["items"][0]["ka_r_mgy"] == pytest.approx(6000)
    detail = api_as("physicist").get(f"/api/v1/dose/studies/{linked_hot_study.pk}").json()
    assert len(detail["events"]) == 8
    alerts = api_as("attending").get("/api/v1/dose/alerts").json()
    assert alerts["items"][0]["quantity"] == "ka_r_mgy"
