from django.urls import URLPattern, URLResolver, path

from irsuite.outcomes.adverse_events import views as views_ae
from irsuite.outcomes.caselog import views as views_caselog
from irsuite.outcomes.credentialing import views as views_credentialing
from irsuite.outcomes.devices import views as views_devices
from irsuite.outcomes.followup import views as views_followup
from irsuite.outcomes.quality import views as views_quality
from irsuite.outcomes.review import views as views_review

app_name = "outcomes"
urlpatterns: list[URLPattern | URLResolver] = [
    path("followup/", views_followup.followup, name="followup"),
    path("followup/tasks/<int:task_id>/book/", views_followup.book, name="book"),
    path("followup/visits/<int:visit_id>/", views_followup.visit, name="visit"),
    path("ivc-filters/", views_devices.ivc_filters, name="ivc_filters"),
    path(
        "ivc-filters/<int:filter_id>/actions/",
        views_devices.ivc_filter_action,
        name="ivc_filter_action",
    ),
    path("quality/", views_quality.quality, name="quality"),
    path("quality/cases/", views_quality.quality_cases, name="quality_cases"),
    path("credentialing/", views_credentialing.credentialing, name="credentialing"),
    path("caselog/", views_caselog.caselog, name="caselog"),
    path("caselog/<int:trainee_id>.csv", views_caselog.caselog_csv, name="caselog_csv"),
    path("caselog/attest/<int:member_id>/", views_caselog.attest, name="attest"),
    path("caselog/attest/", views_caselog.attest_many, name="attest_many"),
    path("procedures/<int:procedure_id>/", views_ae.procedure_outcomes, name="procedure_outcomes"),
    path("procedures/<int:procedure_id>/flag/", views_review.flag, name="flag"),
    path("adverse-events/<int:event_id>/", views_ae.ae_edit, name="ae_edit"),
    path("mm/", views_review.mm, name="mm"),
    path("mm/<int:case_id>/", views_review.mm_case, name="mm_case"),
]
