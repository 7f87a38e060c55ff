"""Pages of the HL7 interface (included by interop/urls.py, namespace "interop")."""

from django.urls import path

from irsuite.interop.hl7 import views

urlpatterns = [
    path("hl7/", views.overview, name="hl7"),
    path("hl7/inbox/<int:pk>/", views.inbox_message, name="hl7-inbox"),
    path("hl7/inbox/<int:pk>/replay/", views.replay_message, name="hl7-replay"),
    path("hl7/outbox/<int:pk>/", views.outbox_message, name="hl7-outbox"),
    path("hl7/outbox/<int:pk>/resend/", views.resend_message, name="hl7-resend"),
    path("hl7/mappings/", views.mappings, name="hl7-mappings"),
]
