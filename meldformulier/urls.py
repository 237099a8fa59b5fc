from django.urls import path

from . import views

app_name = "meldformulier"

urlpatterns = [
    path("melden/", views.step_view, name="start"),
    path("melden/controleren/", views.check_view, name="check"),
    path("melden/bevestiging/", views.confirmation_view, name="confirmation"),
    path("melden/altcha/", views.altcha_challenge, name="altcha"),
    path("melden/<slug:step>/", views.step_view, name="step"),
]
