from django.urls import URLPattern, URLResolver, path

from irsuite.safety.workup import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("workup/<int:request_id>/", views.workup_page, name="workup"),
    path("workup/<int:request_id>/edit", views.workup_edit_page, name="workup-edit"),
    path("workup/<int:request_id>/start", views.start, name="workup-start"),
    path("workup/<int:request_id>/assessment", views.assessment, name="workup-assessment"),
    path("workup/<int:request_id>/labs", views.add_lab, name="workup-lab"),
    path("workup/<int:request_id>/medications", views.add_medication, name="workup-medication"),
    path(
        "workup/<int:request_id>/medications/<int:medication_id>/remove",
        views.remove_medication,
        name="workup-medication-remove",
    ),
    path("workup/<int:request_id>/sign", views.sign, name="workup-sign"),
    path("workup/<int:request_id>/override", views.override, name="workup-override"),
]
