"""Pages of the DICOM interface (included by interop/urls.py, namespace "interop")."""

from django.urls import path

from irsuite.interop.dicom import views

urlpatterns = [
    path("dicom/", views.overview, name="dicom"),
    path("dicom/worklist/<int:room_id>/<str:day>/", views.room_worklist, name="dicom-worklist"),
    path("dicom/mpps/<int:room_id>/<str:day>/", views.room_performed, name="dicom-mpps"),
    path("dicom/unmatched/", views.unmatched, name="dicom-unmatched"),
    path("dicom/unmatched/<int:pk>/link/", views.link, name="dicom-link"),
]
