from django.urls import path

from . import views

urlpatterns = [
    path("casussen/rss/", views.CasusFeed(), name="casussen_rss"),
    path("casussen/atom/", views.CasusAtomFeed(), name="casussen_atom"),
    path("nieuwsbrief/rss/", views.EditieFeed(), name="nieuwsbrief_rss"),
    path("nieuwsbrief/atom/", views.EditieAtomFeed(), name="nieuwsbrief_atom"),
    path("nieuwsbrief/aanmelden/", views.subscribe, name="nieuwsbrief_subscribe"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.confirm, name="nieuwsbrief_confirm"),
    path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="nieuwsbrief_unsubscribe"),
]
