from django.urls import URLPattern, URLResolver, path

from irsuite.dose.alerts import views as alerts
from irsuite.dose.dashboard import views as dashboard
from irsuite.dose.export import views as export
from irsuite.dose.importing import views as importing
from irsuite.dose.reference_levels import views as reference_levels
from irsuite.dose.studies import views as studies

app_name = "dose"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", studies.index, name="index"),
    path("studies/<int:pk>/", studies.study, name="study"),
    path("studies/<int:pk>/link", studies.link, name="link"),
    path("unlinked/", studies.unlinked, name="unlinked"),
    path("alerts/", alerts.alerts, name="alerts"),
    path("alerts/<int:pk>/advance", alerts.advance, name="advance"),
    path("alerts/<int:pk>/letter.pdf", alerts.letter, name="letter"),
    path("quarantine/", importing.quarantine, name="quarantine"),
    path("quarantine/<int:pk>/", importing.quarantine_action, name="quarantine_action"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("drls/", reference_levels.local_drls, name="local_drls"),
    path("drls/publish", reference_levels.publish, name="publish_local_drl"),
    path("export.<str:fmt>", export.export, name="export"),
    path("exports/<uuid:export_uuid>.xlsx", export.export_file, name="export_file"),
]
