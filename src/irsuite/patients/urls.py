from django.urls import URLPattern, URLResolver, path

from irsuite.patients import views

app_name = "patients"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
]
