from django.urls import URLPattern, URLResolver, path

from irsuite.dose import views

app_name = "dose"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("studies/<int:pk>/", views.study, name="study"),
    path("studies/<int:pk>/link", views.link, name="link"),
    path("unlinked/", views.unlinked, name="unlinked"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:pk>/advance", views.advance, name="advance"),
    path("alerts/<int:pk>/letter.pdf", views.letter, name="letter"),
    path("quarantine/", views.quarantine, name="quarantine"),
    path("quarantine/<int:pk>/", views.quarantine_action, name="quarantine_action"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.export, name="export"),
]
