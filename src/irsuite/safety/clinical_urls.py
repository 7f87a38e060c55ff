from django.urls import URLPattern, URLResolver, path

from irsuite.safety.checklist import views as checklist
from irsuite.safety.consent import views as consent
from irsuite.safety.report import views as report
from irsuite.safety.sedation import views as sedation

urlpatterns: list[URLPattern | URLResolver] = [
    path("requests/<int:request_id>/consent/", consent.consent_page, name="consent"),
    path("requests/<int:request_id>/consent/start/", consent.consent_start, name="consent_start"),
    path("consents/<int:consent_id>/edit/", consent.consent_edit, name="consent_edit"),
    path("consents/<int:consent_id>/sign/", consent.consent_sign, name="consent_sign"),
    path("consents/<int:consent_id>/upload/", consent.consent_upload, name="consent_upload"),
    path("consents/<int:consent_id>/withdraw/", consent.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:consent_id>/pdf/", consent.consent_pdf, name="consent_pdf"),
    path("consents/<int:consent_id>/scan/", consent.consent_scan, name="consent_scan"),
    path("requests/<int:request_id>/checklist/", checklist.checklist_page, name="checklist"),
    path(
        "requests/<int:request_id>/checklist/answer/",
        checklist.checklist_answer,
        name="checklist_answer",
    ),
    path(
        "requests/<int:request_id>/checklist/complete/",
        checklist.checklist_complete,
        name="checklist_complete",
    ),
    path(
        "requests/<int:request_id>/checklist/site/", checklist.checklist_site, name="checklist_site"
    ),
    path("requests/<int:request_id>/sedation/", sedation.sedation_page, name="sedation"),
    path(
        "requests/<int:request_id>/sedation/start/", sedation.sedation_start, name="sedation_start"
    ),
    path("requests/<int:request_id>/sedation/drug/", sedation.sedation_drug, name="sedation_drug"),
    path(
        "requests/<int:request_id>/sedation/vitals/",
        sedation.sedation_vitals,
        name="sedation_vitals",
    ),
    path(
        "requests/<int:request_id>/sedation/aldrete/",
        sedation.sedation_aldrete,
        name="sedation_aldrete",
    ),
    path(
        "requests/<int:request_id>/sedation/discharge/",
        sedation.sedation_discharge,
        name="sedation_discharge",
    ),
    path("procedures/<int:procedure_id>/report/", report.report_page, name="report"),
    path("procedures/<int:procedure_id>/report/edit/", report.report_edit, name="report_edit"),
    path("procedures/<int:procedure_id>/report/order/", report.report_order, name="report_order"),
    path(
        "procedures/<int:procedure_id>/report/refill/", report.report_refill, name="report_refill"
    ),
    path(
        "procedures/<int:procedure_id>/report/plan/<int:item_id>/",
        report.report_plan_item,
        name="report_plan_item",
    ),
    path("procedures/<int:procedure_id>/report/sign/", report.report_sign, name="report_sign"),
    path(
        "procedures/<int:procedure_id>/report/addendum/",
        report.report_addendum,
        name="report_addendum",
    ),
    path("procedures/<int:procedure_id>/report/pdf/", report.report_pdf, name="report_pdf"),
]
