from django.urls import URLPattern, URLResolver

app_name = "patients"
urlpatterns: list[URLPattern | URLResolver] = []
