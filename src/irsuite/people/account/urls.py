from django.urls import URLPattern, URLResolver, path

from irsuite.people.account import views

app_name = "account"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.account, name="account"),
    path("second-factor/", views.confirm_second_factor, name="confirm_second_factor"),
    path("verify/", views.verify, name="verify"),
    path("tokens/", views.create_token, name="create_token"),
    path("tokens/<int:token_id>/revoke/", views.revoke, name="revoke_token"),
]
