from django.urls import path

from . import views

app_name = "kennisbank"

urlpatterns = [
    path("kennisbank/agenda.ics", views.agenda_feed, name="agenda"),
    path("kennisbank/bijeenkomst-<int:pk>.ics", views.session_ics, name="session-ics"),
    path("kennisbank/aanmelding/<str:token>/", views.manage_registration, name="aanmelding"),
    path("kennisbank/cijfers/<int:pk>/<slug:table>.csv", views.figures_csv, name="figures-csv"),
]
