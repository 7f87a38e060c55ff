from django.urls import URLPattern, URLResolver, include, path

from irsuite.web import views

app_name = "web"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("", include("irsuite.web.tasks.urls")),
]
