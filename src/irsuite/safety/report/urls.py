from django.urls import URLPattern, URLResolver, path

from irsuite.safety.report import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("procedures/<int:procedure_id>/report/", views.report_page, name="report"),
    path("procedures/<int:procedure_id>/report/edit/", views.report_edit, name="report_edit"),
    path("procedures/<int:procedure_id>/report/order/", views.report_order, name="report_order"),
    path("procedures/<int:procedure_id>/report/refill/", views.report_refill, name="report_refill"),
    path(
        "procedures/<int:procedure_id>/report/plan/<int:item_id>/",
        views.report_plan_item,
        name="report_plan_item",
    ),
    path("procedures/<int:procedure_id>/report/sign/", views.report_sign, name="report_sign"),
    path(
        "procedures/<int:procedure_id>/report/addendum/",
        views.report_addendum,
        name="report_addendum",
    ),
    path("procedures/<int:procedure_id>/report/pdf/", views.report_pdf, name="report_pdf"),
]
