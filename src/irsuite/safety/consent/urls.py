from django.urls import URLPattern, URLResolver, path

from irsuite.safety.consent import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("requests/<int:request_id>/consent/", views.consent_page, name="consent"),
    path("requests/<int:request_id>/consent/start/", views.consent_start, name="consent_start"),
    path("consents/<int:consent_id>/edit/", views.consent_edit, name="consent_edit"),
    path("consents/<int:consent_id>/sign/", views.consent_sign, name="consent_sign"),
    path("consents/<int:consent_id>/upload/", views.consent_upload, name="consent_upload"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:consent_id>/pdf/", views.consent_pdf, name="consent_pdf"),
    path("consents/<int:consent_id>/scan/", views.consent_scan, name="consent_scan"),
]
