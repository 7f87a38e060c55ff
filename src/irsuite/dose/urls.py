from django.urls import URLPattern, URLResolver

app_name = "dose"
urlpatterns: list[URLPattern | URLResolver] = []
